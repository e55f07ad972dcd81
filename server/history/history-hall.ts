import type { Database } from 'better-sqlite3';
import type { HallConfig, Role } from '../../core/domain.ts';
import { LoketError } from '../../core/errors.ts';
import { hashPin } from '../auth/secrets.ts';
import { DEMO_PINS, demoHall } from '../demo/demo-hall.ts';
import { saveHallConfig } from '../store/hall-config-store.ts';

/**
 * The hall the history is made for: the demo hall (MPP Kabupaten Lebong), with more counters when
 * asked for more than its twenty (each given to the agency with the most demand per counter, daily
 * quotas raised to match), or a spread of its counters when asked for fewer; one officer per
 * counter, relief officers, and the demo's supervisor, technician and admin.
 */
export interface HistoryService {
  id: string;
  agencyId: string;
  prefix: string;
  dailyQuota: number | null;
  /** Median service time, ms (service times are log-normal around it). */
  medianServiceMs: number;
  /** Relative demand within its agency. */
  weight: number;
}

export interface HistoryCounter {
  id: string;
  number: number;
  agencyId: string;
  serviceIds: string[];
  officer: { id: string; name: string };
}

export interface HistoryHall {
  timeZone: string;
  services: HistoryService[];
  /** The counters the history uses, in number order. */
  counters: HistoryCounter[];
  relief: { id: string; name: string }[];
  supervisorId: string;
}

const DEMO_HALL_ID = 'mpp-lebong';
const FIRST = ['Rina', 'Dedi', 'Siti', 'Yusuf', 'Fitri', 'Agus', 'Wulan', 'Rahmat', 'Desi', 'Hendra', 'Nurul', 'Bambang', 'Lestari', 'Fajar', 'Maya', 'Iwan', 'Ayu', 'Rudi', 'Sri', 'Taufik', 'Indah', 'Arif', 'Putri', 'Joko'];
const LAST = ['Marlina', 'Saputra', 'Aminah', 'Hidayat', 'Handayani', 'Salim', 'Sari', 'Hakim', 'Ratnasari', 'Gunawan', 'Hikmah', 'Irawan', 'Putra', 'Nugroho', 'Anggraini', 'Setiawan', 'Kartika', 'Hartono', 'Wahyuni', 'Rahman', 'Pratiwi'];
const personName = (n: number): string => `${FIRST[n % FIRST.length] as string} ${LAST[(n * 7 + 3) % LAST.length] as string}`;

/** The demo configuration with `count` counters (more than the demo's: extra ones; fewer: the demo's own). */
export function historyConfig(count: number): { config: HallConfig; inUse: string[] } {
  const { config } = demoHall();
  const demand = new Map<string, number>();
  for (const s of config.services) demand.set(s.agencyId, (demand.get(s.agencyId) ?? 0) + (s.dailyQuota ?? 40));
  const perAgency = new Map<string, number>();
  for (const c of config.counters) perAgency.set(c.agencyId, (perAgency.get(c.agencyId) ?? 0) + 1);
  const demoPerAgency = new Map(perAgency);
  const counters = [...config.counters];
  for (let number = counters.length + 1; number <= count; number++) {
    // The agency with the most demand per counter gets the next one.
    const agencyId = [...demand.keys()].reduce((best, a) =>
      (demand.get(a) as number) / (perAgency.get(a) ?? 1) > (demand.get(best) as number) / (perAgency.get(best) ?? 1) ? a : best,
    );
    perAgency.set(agencyId, (perAgency.get(agencyId) ?? 0) + 1);
    const services = config.services.filter((s) => s.agencyId === agencyId).map((s) => ({ serviceId: s.id, weight: 1 }));
    counters.push({ id: `loket-${number}`, number, agencyId, services });
  }
  const services = config.services.map((s) => {
    const scale = Math.ceil((perAgency.get(s.agencyId) ?? 1) / (demoPerAgency.get(s.agencyId) ?? 1));
    return s.dailyQuota === null || scale <= 1 ? s : { ...s, dailyQuota: s.dailyQuota * scale };
  });
  // Fewer counters than the demo: take them in turn from each agency, so the history spans agencies.
  const byAgency = config.agencies.map((a) => counters.filter((c) => c.agencyId === a.id));
  const spread: string[] = [];
  for (let round = 0; spread.length < counters.length; round++) {
    for (const list of byAgency) if (list[round] !== undefined) spread.push((list[round] as { id: string }).id);
  }
  const inUse = count >= counters.length ? counters.map((c) => c.id) : spread.slice(0, count);
  return { config: { ...config, services, counters }, inUse };
}

interface UserSeed {
  username: string;
  name: string;
  role: Role;
  counterIds: string[];
}

/** Sets the hall up (or extends the demo hall already there) and returns what the history needs. */
export async function ensureHistoryHall(db: Database, counterCount: number): Promise<HistoryHall> {
  const existing = db.prepare('SELECT id FROM hall LIMIT 1').pluck().get() as string | undefined;
  if (existing !== undefined && existing !== DEMO_HALL_ID) {
    throw new LoketError(
      'invalid_request',
      `This data folder holds the hall "${existing}"; seed-history makes history for the demo hall (${DEMO_HALL_ID}) only. Use a new --data folder.`,
      'data',
    );
  }
  const { config, inUse } = historyConfig(counterCount);
  saveHallConfig(db, config);

  const wanted: UserSeed[] = demoHall().users.map((u) => ({ username: u.username, name: u.name, role: u.role, counterIds: u.counterIds }));
  for (const c of config.counters.slice(wanted.filter((u) => u.role === 'officer').length)) {
    wanted.push({ username: `petugas${String(c.number).padStart(2, '0')}`, name: personName(c.number), role: 'officer', counterIds: [c.id] });
  }
  const reliefCount = Math.max(1, Math.ceil(inUse.length / 8));
  for (let i = 1; i <= reliefCount; i++) {
    wanted.push({ username: `cadangan${String(i).padStart(2, '0')}`, name: `${personName(100 + i)} (cadangan)`, role: 'officer', counterIds: [] });
  }
  await addMissingUsers(db, wanted);

  const userId = (username: string): { id: string; name: string } =>
    db.prepare('SELECT id, name FROM users WHERE username = ?').get(username) as { id: string; name: string };
  const services: HistoryService[] = config.services.map((s) => ({
    id: s.id,
    agencyId: s.agencyId,
    prefix: s.prefix,
    dailyQuota: s.dailyQuota,
    medianServiceMs: s.targetServiceMinutes * 60_000 * 0.22,
    weight: s.dailyQuota ?? 40,
  }));
  const counters: HistoryCounter[] = config.counters
    .filter((c) => inUse.includes(c.id))
    .map((c) => ({
      id: c.id,
      number: c.number,
      agencyId: c.agencyId,
      serviceIds: c.services.map((s) => s.serviceId),
      officer: userId(`petugas${String(c.number).padStart(2, '0')}`),
    }));
  const supervisor = db.prepare(`SELECT id FROM users WHERE role = 'supervisor' ORDER BY username LIMIT 1`).pluck().get() as string;
  return {
    timeZone: config.hall.timeZone,
    services,
    counters,
    relief: Array.from({ length: reliefCount }, (_, i) => userId(`cadangan${String(i + 1).padStart(2, '0')}`)),
    supervisorId: supervisor,
  };
}

/**
 * Adds the users that do not exist yet, with ids made from their usernames (so two folders seeded
 * alike hold the same history). PINs are the demo's; one scrypt hash per PIN is shared by the
 * users given it, as hashing each of a hundred officers would take seconds for demo data.
 */
async function addMissingUsers(db: Database, users: UserSeed[]): Promise<void> {
  const missing = users.filter((u) => db.prepare('SELECT 1 FROM users WHERE username = ?').get(u.username) === undefined);
  const hashes = new Map<Role, string>();
  for (const u of missing) if (!hashes.has(u.role)) hashes.set(u.role, await hashPin(DEMO_PINS[u.role]));
  db.transaction(() => {
    for (const u of missing) {
      const id = `user-${u.username}`;
      db.prepare('INSERT INTO users (id, username, name, role, pin_hash) VALUES (?, ?, ?, ?, ?)').run(id, u.username, u.name, u.role, hashes.get(u.role));
      for (const c of u.counterIds) db.prepare('INSERT INTO user_counters (user_id, counter_id) VALUES (?, ?)').run(id, c);
    }
  })();
}

import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedHistory, type SeedHistoryOptions } from '../../../server/history/seed-history.ts';
import { saveHallConfig } from '../../../server/store/hall-config-store.ts';
import { openHallStore } from '../../../server/store/open-store.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { hallConfig } from './fixtures.ts';

/** `loket-server seed-history`: deterministic, the rows the live queue writes, and a believable hall. */
const AFTER = Date.UTC(2025, 2, 20);
const opened: { db: Database; remove: () => void }[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) {
    o.db.close();
    o.remove();
  }
});

function freshStore(): Database {
  const dir = makeTempDir('loket-history-');
  const db = openHallStore(join(dir.path, 'hall.sqlite'));
  opened.push({ db, remove: dir.remove });
  return db;
}

async function seeded(options: SeedHistoryOptions): Promise<Database> {
  const db = freshStore();
  await seedHistory(db, options, AFTER);
  return db;
}

/** Every table the history writes, with ticket ids replaced by their order of creation (the live queue makes its own ids). */
function rows(db: Database): Record<string, unknown[]> {
  const ids = new Map((db.prepare('SELECT id FROM tickets ORDER BY rowid').pluck().all() as string[]).map((id, i) => [id, `#${i}`]));
  const swap = (text: string | null): string | null => (text === null ? null : text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => ids.get(id) ?? id));
  const tickets = (db.prepare('SELECT * FROM tickets ORDER BY rowid').all() as Record<string, string | null>[]).map((t) => ({
    ...t,
    id: swap(t['id'] ?? null),
    transferred_from: swap(t['transferred_from'] ?? null),
  }));
  const log = (db.prepare('SELECT * FROM ticket_log ORDER BY id').all() as Record<string, string | null>[]).map((l) => ({
    ...l,
    ticket_id: swap(l['ticket_id'] ?? null),
    detail: swap(l['detail'] ?? null),
  }));
  return {
    tickets,
    log,
    counterState: db.prepare('SELECT * FROM counter_state ORDER BY counter_id').all(),
    sequences: db.prepare('SELECT * FROM daily_sequences ORDER BY service_id, service_day').all(),
    fencing: db.prepare('SELECT * FROM fencing').all(),
    rollups: db.prepare('SELECT * FROM report_rollup ORDER BY grain, period, hour, counter_id, officer_id, service_id').all(),
    arrivals: db.prepare('SELECT * FROM report_arrivals ORDER BY day, hour, service_id').all(),
  };
}

const count = (db: Database, sql: string, ...params: unknown[]): number => db.prepare(sql).pluck().get(...params) as number;

describe('seed-history', () => {
  it('writes straight into the tables exactly the rows the live queue functions write', { timeout: 120_000 }, async () => {
    const options = { days: 2, counters: 4, seed: 11, endDay: '2025-03-11' };
    const viaQueue = await seeded({ ...options, writer: 'queue' });
    const bulk = await seeded(options);
    expect(count(bulk, 'SELECT COUNT(*) FROM tickets')).toBeGreaterThan(200);
    // Roll-ups too: kept transition by transition on the one side, rebuilt from the rows on the other.
    expect(rows(bulk)).toEqual(rows(viaQueue));
  });

  it('is deterministic for a seed, and another seed makes another history', { timeout: 120_000 }, async () => {
    const options = { days: 3, counters: 6, seed: 5, endDay: '2025-03-12' };
    const a = await seeded(options);
    const b = await seeded(options);
    expect(rows(b)).toEqual(rows(a));
    expect(b.prepare('SELECT * FROM tickets ORDER BY rowid').all()).toEqual(a.prepare('SELECT * FROM tickets ORDER BY rowid').all());
    const c = await seeded({ ...options, seed: 6 });
    expect(c.prepare('SELECT tracking_code FROM tickets ORDER BY rowid LIMIT 5').pluck().all()).not.toEqual(
      a.prepare('SELECT tracking_code FROM tickets ORDER BY rowid LIMIT 5').pluck().all(),
    );
  });

  it('makes a believable hall: morning peak, no-shows, transfers, recalls, pauses, closed Sundays', { timeout: 120_000 }, async () => {
    // Monday 10 to Sunday 16 March 2025, 24 counters (4 more than the demo hall has).
    const db = await seeded({ days: 7, counters: 24, seed: 3, endDay: '2025-03-16' });
    const tickets = count(db, 'SELECT COUNT(*) FROM tickets WHERE transferred_from IS NULL');
    expect(count(db, 'SELECT COUNT(*) FROM counters')).toBe(24);
    expect(count(db, `SELECT COUNT(*) FROM users WHERE role = 'officer'`)).toBeGreaterThanOrEqual(27);
    expect(count(db, `SELECT COUNT(*) FROM tickets WHERE service_day = '2025-03-16'`)).toBe(0);
    expect(tickets / 6 / 24).toBeGreaterThan(50);

    const hour = (h: number): number => count(db, `SELECT COUNT(*) FROM ticket_log WHERE action = 'ticket.issued' AND (((at + 25200000) / 3600000) % 24) = ?`, h);
    expect(hour(8) + hour(9)).toBeGreaterThan(1.5 * (hour(13) + hour(14)));
    const share = (action: string): number => count(db, 'SELECT COUNT(*) FROM ticket_log WHERE action = ?', action) / tickets;
    expect(share('ticket.no_show')).toBeGreaterThan(0.03);
    expect(share('ticket.no_show')).toBeLessThan(0.09);
    expect(share('ticket.transferred')).toBeGreaterThan(0.015);
    expect(share('ticket.transferred')).toBeLessThan(0.05);
    expect(share('ticket.recalled')).toBeGreaterThan(0.08);
    expect(share('ticket.returned')).toBeGreaterThan(0);
    // Reactivated no-shows that were then served.
    expect(count(db, `SELECT COUNT(*) FROM tickets t WHERE t.status = 'done' AND EXISTS (SELECT 1 FROM ticket_log l WHERE l.ticket_id = t.id AND l.action = 'ticket.reactivated')`)).toBeGreaterThan(0);
    // Pauses for every reason; prayer around midday; a service that spans a pause.
    expect(db.prepare(`SELECT DISTINCT json_extract(detail, '$.reason') FROM ticket_log WHERE action = 'counter.paused' ORDER BY 1`).pluck().all()).toEqual(['break', 'other', 'prayer', 'system']);
    expect(count(db, `SELECT MIN(((at + 25200000) / 3600000) % 24) FROM ticket_log WHERE action = 'counter.paused' AND json_extract(detail, '$.reason') = 'prayer'`)).toBeGreaterThanOrEqual(11);
    expect(
      count(db, `SELECT COUNT(*) FROM tickets t JOIN ticket_log l ON l.counter_id = t.counter_id AND l.action = 'counter.paused' AND l.at > t.started_at AND l.at < t.finished_at`),
    ).toBeGreaterThan(0);
    // Counters open and close every open day; a relief officer takes over now and then.
    expect(count(db, `SELECT COUNT(*) FROM ticket_log WHERE action = 'counter.opened'`)).toBe(count(db, `SELECT COUNT(*) FROM ticket_log WHERE action = 'counter.closed'`));
    expect(count(db, `SELECT COUNT(*) FROM ticket_log WHERE action = 'counter.updated'`)).toBeGreaterThan(0);
    expect(count(db, `SELECT COUNT(*) FROM counter_state WHERE status <> 'closed'`)).toBe(0);
    // Service times spread per service: a quick payment is quicker than a building permit.
    const median = (service: string): number =>
      count(db, `SELECT finished_at - started_at FROM tickets WHERE service_id = ? AND status = 'done' ORDER BY 1 LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM tickets WHERE service_id = ? AND status = 'done')`, service, service);
    expect(median('pdam-bayar')).toBeLessThan(median('nib'));
  });

  it('adds only after the history a folder holds, and only to the demo hall', async () => {
    const db = await seeded({ days: 1, counters: 2, seed: 1, endDay: '2025-03-10' });
    await expect(seedHistory(db, { days: 3, counters: 2, seed: 1, endDay: '2025-03-11' }, AFTER)).rejects.toThrow(/already has tickets up to 2025-03-10/);
    await seedHistory(db, { days: 1, counters: 2, seed: 1, endDay: '2025-03-11' }, AFTER);
    const other = freshStore();
    const config = hallConfig();
    saveHallConfig(other, { ...config, hall: { ...config.hall, id: 'mpp-rejang-lebong', name: 'MPP lain' } });
    await expect(seedHistory(other, { days: 1, counters: 2, seed: 1 }, AFTER)).rejects.toThrow(/demo hall/);
    await expect(seedHistory(freshStore(), { days: 0, counters: 2, seed: 1 }, AFTER)).rejects.toThrow(/--days/);
  });
});

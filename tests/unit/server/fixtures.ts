import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import type { HallConfig, QueuePolicy } from '../../../core/domain.ts';
import type { StreamMessage } from '../../../core/stream.ts';
import { QueueAuthority } from '../../../server/queue/queue-authority.ts';
import { saveHallConfig } from '../../../server/store/hall-config-store.ts';
import { openHallStore } from '../../../server/store/open-store.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

/** Monday 10 March 2025, 08:00 in Jakarta (UTC+7). */
export const MONDAY_0800_WIB = Date.UTC(2025, 2, 10, 1, 0);
export const MINUTE = 60_000;

export const PRIORITY_FIRST: QueuePolicy = { mode: 'priority-first', normalPerPriority: 2, agingMinutes: null };

/**
 * A small MPP hall: Disdukcapil (KTP-el `A`, KK `B`) and Samsat (PKB `4K`); counter 1 serves KTP
 * and KK 2:1, counter 2 serves KTP, counter 3 serves PKB, counters 4–5 serve KTP and KK.
 */
export function hallConfig(policy: QueuePolicy = PRIORITY_FIRST, overrides: Partial<Record<'ktp' | 'kk' | 'pkb', Partial<HallConfig['services'][number]>>> = {}): HallConfig {
  return {
    hall: { id: 'mpp-lebong', name: 'MPP Kabupaten Lebong', timeZone: 'Asia/Jakarta', queuePolicy: policy },
    agencies: [
      { id: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', shortName: 'Disdukcapil', color: '#1f6feb' },
      { id: 'samsat', name: 'Bapenda / Samsat', shortName: 'Samsat' },
    ],
    services: [
      { id: 'ktp', agencyId: 'disdukcapil', name: 'Perekaman KTP-el', prefix: 'A', requirements: 'Fotokopi KK', targetWaitMinutes: 20, targetServiceMinutes: 10, dailyQuota: null, ...overrides.ktp },
      { id: 'kk', agencyId: 'disdukcapil', name: 'Kartu Keluarga', prefix: 'B', requirements: '', targetWaitMinutes: 20, targetServiceMinutes: 8, dailyQuota: null, ...overrides.kk },
      { id: 'pkb', agencyId: 'samsat', name: 'Pajak Kendaraan', prefix: '4K', requirements: 'STNK asli', targetWaitMinutes: 30, targetServiceMinutes: 7, dailyQuota: null, ...overrides.pkb },
    ],
    counters: [
      { id: 'loket-1', number: 1, agencyId: 'disdukcapil', services: [{ serviceId: 'ktp', weight: 2 }, { serviceId: 'kk', weight: 1 }] },
      { id: 'loket-2', number: 2, agencyId: 'disdukcapil', services: [{ serviceId: 'ktp', weight: 1 }] },
      { id: 'loket-3', number: 3, agencyId: 'samsat', services: [{ serviceId: 'pkb', weight: 1 }] },
      { id: 'loket-4', number: 4, agencyId: 'disdukcapil', services: [{ serviceId: 'ktp', weight: 1 }, { serviceId: 'kk', weight: 1 }] },
      { id: 'loket-5', number: 5, agencyId: 'disdukcapil', services: [{ serviceId: 'ktp', weight: 1 }, { serviceId: 'kk', weight: 1 }] },
    ],
  };
}

export interface TestHall {
  dir: string;
  file: string;
  db: Database;
  queue: QueueAuthority;
  /** The injected clock: set `clock.t`, or `advance(minutes)`. */
  clock: { t: number; advance(minutes: number): void };
  messages: StreamMessage[];
  close(): void;
}

/** A real hall database in a temp folder, configured, with a queue authority on a fake clock. */
export function makeHall(config: HallConfig = hallConfig(), start = MONDAY_0800_WIB): TestHall {
  const tmp = makeTempDir('loket-hall-');
  const file = join(tmp.path, 'hall.sqlite');
  const db = openHallStore(file);
  saveHallConfig(db, config);
  const clock = {
    t: start,
    advance(minutes: number) {
      this.t += Math.round(minutes * MINUTE);
    },
  };
  const messages: StreamMessage[] = [];
  const queue = new QueueAuthority({ db, now: () => clock.t, publish: (m) => messages.push(m) });
  return {
    dir: tmp.path,
    file,
    db,
    queue,
    clock,
    messages,
    close() {
      if (db.open) db.close();
      tmp.remove();
    },
  };
}

/** Everything the queue holds, to compare before and after a refused call. */
export function dumpQueue(db: Database): unknown {
  return {
    tickets: db.prepare('SELECT * FROM tickets ORDER BY rowid').all(),
    counterState: db.prepare('SELECT * FROM counter_state ORDER BY counter_id').all(),
    sequences: db.prepare('SELECT * FROM daily_sequences ORDER BY service_id, service_day').all(),
    fencing: db.prepare('SELECT * FROM fencing').all(),
    log: db.prepare('SELECT COUNT(*) AS n, MAX(id) AS last FROM ticket_log').get(),
  };
}

export const officer = (n: number): { id: string; name: string } => ({ id: `petugas-${n}`, name: `Petugas ${n}` });

import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import hall from '../../../server/store/migrations/0001-hall.ts';
import queue from '../../../server/store/migrations/0002-queue.ts';
import sync from '../../../server/store/migrations/0003-sync.ts';
import reportRollups from '../../../server/store/migrations/0004-report-rollups.ts';
import { rebuildRollups, rebuildRollupsIfNeeded } from '../../../server/reports/rebuild-rollups.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

let dir: ReturnType<typeof makeTempDir>;
let db: Database;

/** A version-3 hall database, as the server wrote it before report roll-ups. */
beforeEach(() => {
  dir = makeTempDir('loket-hm4-');
  db = new Sqlite(join(dir.path, 'v3.sqlite'));
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    hall.up(db);
    queue.up(db);
    sync.up(db);
  })();
  db.exec(`
    INSERT INTO hall VALUES ('mpp', 'MPP', 'Asia/Jakarta', '{"mode":"priority-first","normalPerPriority":2,"agingMinutes":null}');
    INSERT INTO agencies VALUES ('dukcapil', 'Disdukcapil', 'Dukcapil', NULL);
    INSERT INTO services (id, agency_id, name, prefix, target_wait_minutes, target_service_minutes) VALUES ('ktp', 'dukcapil', 'KTP', 'A', 20, 10);
    INSERT INTO counters VALUES ('loket-1', 1, 'dukcapil');
  `);
});
afterEach(() => {
  db.close();
  dir.remove();
});

/** A served ticket (issued 08:00, called 08:10, started 08:11, finished 08:20 WIB on 10 March 2025) and its log. */
function servedTicket(): void {
  const t0 = Date.UTC(2025, 2, 10, 1, 0);
  const min = 60_000;
  db.prepare(
    `INSERT INTO tickets (id, service_id, number, seq_no, service_day, channel, priority, tracking_code, status, queued_at, issued_at,
       called_at, started_at, finished_at, counter_id, officer_id, call_count, outcome, lease_epoch)
     VALUES ('t-1', 'ktp', 'A-001', 1, '2025-03-10', 'kiosk', 'normal', 'CODE2222', 'done', ?, ?, ?, ?, ?, 'loket-1', 'o-1', 1, 'served', 1)`,
  ).run(t0, t0, t0 + 10 * min, t0 + 11 * min, t0 + 20 * min);
  const log = db.prepare('INSERT INTO ticket_log (ticket_id, action, at, counter_id, actor_id, detail) VALUES (?, ?, ?, ?, ?, ?)');
  log.run(null, 'counter.opened', t0, 'loket-1', 'o-1', '{"serviceIds":["ktp"]}');
  log.run('t-1', 'ticket.issued', t0, null, null, '{}');
  log.run('t-1', 'ticket.called', t0 + 10 * min, 'loket-1', 'o-1', '{}');
  log.run('t-1', 'ticket.started', t0 + 11 * min, 'loket-1', 'o-1', '{}');
  log.run('t-1', 'ticket.finished', t0 + 20 * min, 'loket-1', 'o-1', '{"outcome":"served","note":null}');
  log.run(null, 'counter.closed', t0 + 30 * min, 'loket-1', 'o-1', '{}');
}

const flag = (): unknown => db.prepare(`SELECT value FROM settings WHERE key = 'report_rollups'`).pluck().get();

describe('migration 0004 (report roll-ups)', () => {
  it('creates empty roll-ups and asks for no rebuild on a file without history', () => {
    db.transaction(() => reportRollups.up(db))();
    for (const table of ['report_rollup', 'report_arrivals', 'report_open_spans']) {
      expect(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get()).toBe(0);
    }
    expect(flag()).toBeUndefined();
    expect(rebuildRollupsIfNeeded(db)).toBeNull();
  });

  it('keeps the history of a version-3 file and has it rolled up once at start', () => {
    servedTicket();
    db.transaction(() => reportRollups.up(db))();
    expect(db.prepare('SELECT id FROM tickets').pluck().all()).toEqual(['t-1']);
    expect(flag()).toBe('rebuild');
    const result = rebuildRollupsIfNeeded(db);
    expect(result?.tickets).toBe(1);
    expect(flag()).toBeUndefined();
    const counterDay = db
      .prepare(`SELECT served, wait_n, wait_ms, service_ms, busy_ms FROM report_rollup WHERE grain = 'ud' AND period = '2025-03-10' AND service_id = 'ktp'`)
      .get();
    expect(counterDay).toEqual({ served: 1, wait_n: 1, wait_ms: 600_000, service_ms: 540_000, busy_ms: 0 });
    const time = db.prepare(`SELECT signed_in_ms, busy_ms FROM report_rollup WHERE grain = 'ud' AND period = '2025-03-10' AND service_id = ''`).get();
    expect(time).toEqual({ signed_in_ms: 1_800_000, busy_ms: 540_000 });
    expect(db.prepare('SELECT day, hour, service_id, arrivals FROM report_arrivals').all()).toEqual([{ day: '2025-03-10', hour: 8, service_id: 'ktp', arrivals: 1 }]);
    expect(rebuildRollupsIfNeeded(db)).toBeNull();
  });

  it('keys each roll-up row once per grain, and checks what it stores', () => {
    db.transaction(() => reportRollups.up(db))();
    const insert = db.prepare(`INSERT INTO report_rollup (grain, period, hour, counter_id, officer_id, service_id, served) VALUES (?, '2025-03', ?, '', '', 'ktp', 1)`);
    insert.run('hm', 8);
    expect(() => insert.run('hm', 8)).toThrow(/UNIQUE/);
    expect(() => insert.run('xx', 8)).toThrow(/CHECK/);
    expect(() => insert.run('hm', 24)).toThrow(/CHECK/);
    const span = db.prepare(`INSERT INTO report_open_spans (counter_id, kind, officer_id, reason, started_at) VALUES ('loket-1', ?, 'o', ?, 1)`);
    expect(() => span.run('pause', null)).toThrow(/CHECK/);
    expect(() => span.run('session', 'break')).toThrow(/CHECK/);
    span.run('pause', 'prayer');
    expect(() => span.run('pause', 'break')).toThrow(/UNIQUE/);
  });

  it('a rebuild of the same history gives byte-equal rows', () => {
    servedTicket();
    db.transaction(() => reportRollups.up(db))();
    rebuildRollups(db);
    expect(rebuildRollups(db, { compare: true }).differences).toBe(0);
  });
});

import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catchUpRollups, followRollups, ROLLUP_POSITION } from '../../../server/reports/rollup-follower.ts';
import { rebuildRollups } from '../../../server/reports/rebuild-rollups.ts';
import { MIGRATIONS } from '../../../server/store/migrations/index.ts';
import rollupsFollowLog from '../../../server/store/migrations/0007-rollups-follow-log.ts';
import callIndexes from '../../../server/store/migrations/0008-call-indexes.ts';
import { openHallStore } from '../../../server/store/open-store.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

let dir: ReturnType<typeof makeTempDir>;
let db: Database;

const T0 = Date.UTC(2025, 2, 10, 1, 0);
const MIN = 60_000;

/** A version-6 hall database (roll-ups written by each transition, as before migration 0007). */
beforeEach(() => {
  dir = makeTempDir('loket-follow-');
  db = new Sqlite(join(dir.path, 'hall.sqlite'));
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    for (const m of MIGRATIONS.slice(0, 6)) m.up(db);
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

/** Ticket `n`, served at loket-1 on 10 March 2025 (issued 08:00 + n h, called +10 min, finished +20 min), with its log. */
function servedTicket(n: number): void {
  const t = T0 + n * 60 * MIN;
  db.prepare(
    `INSERT INTO tickets (id, service_id, number, seq_no, service_day, channel, priority, tracking_code, status, queued_at, issued_at,
       called_at, started_at, finished_at, counter_id, officer_id, call_count, outcome, lease_epoch)
     VALUES (?, 'ktp', ?, ?, '2025-03-10', 'kiosk', 'normal', 'CODE2222', 'done', ?, ?, ?, ?, ?, 'loket-1', 'o-1', 1, 'served', ?)`,
  ).run(`t-${n}`, `A-00${n}`, n, t, t, t + 10 * MIN, t + 11 * MIN, t + 20 * MIN, n);
  const log = db.prepare('INSERT INTO ticket_log (ticket_id, action, at, counter_id, actor_id, detail) VALUES (?, ?, ?, ?, ?, ?)');
  log.run(null, 'counter.opened', t, 'loket-1', 'o-1', '{"serviceIds":["ktp"]}');
  log.run(`t-${n}`, 'ticket.issued', t, null, null, '{}');
  log.run(`t-${n}`, 'ticket.called', t + 10 * MIN, 'loket-1', 'o-1', '{}');
  log.run(`t-${n}`, 'ticket.finished', t + 20 * MIN, 'loket-1', 'o-1', '{"outcome":"served","note":null}');
  log.run(null, 'counter.paused', t + 25 * MIN, 'loket-1', 'o-1', '{"reason":"prayer"}');
  log.run(null, 'counter.closed', t + 30 * MIN, 'loket-1', 'o-1', '{}');
}

const served = (): number => db.prepare(`SELECT COALESCE(SUM(served), 0) FROM report_rollup WHERE grain = 'dd'`).pluck().get() as number;
const position = (): string | undefined => db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(ROLLUP_POSITION) as string | undefined;

describe('roll-ups that follow ticket_log (migration 0007, rollup-follower.ts)', () => {
  it('start after the last entry the transitions already rolled up, then take up only what is new, exactly once', () => {
    servedTicket(1);
    rebuildRollups(db); // a version-6 file: its roll-ups hold every entry so far
    db.transaction(() => rollupsFollowLog.up(db))();
    expect(position()).toBe('6');
    expect(catchUpRollups(db)).toBe(0);
    expect(served()).toBe(1);

    servedTicket(2);
    // A second connection (another process on the file) and this one both catch up: each entry counts once.
    const other = new Sqlite(join(dir.path, 'hall.sqlite'));
    expect(catchUpRollups(other)).toBe(6);
    other.close();
    expect(catchUpRollups(db)).toBe(0);
    expect(served()).toBe(2);
    expect(position()).toBe('12');
    expect(rebuildRollups(db, { compare: true }).differences).toBe(0);
  });

  it('wait for a rebuild still pending from migration 0004, which sets the position itself', () => {
    servedTicket(1);
    db.prepare(`INSERT INTO settings (key, value) VALUES ('report_rollups', 'rebuild')`).run();
    db.transaction(() => rollupsFollowLog.up(db))();
    db.prepare('UPDATE settings SET value = ? WHERE key = ?').run('0', ROLLUP_POSITION);
    expect(catchUpRollups(db)).toBe(0);
    expect(served()).toBe(0);
    rebuildRollups(db);
    expect(served()).toBe(1);
    expect(position()).toBe('6');
    expect(catchUpRollups(db)).toBe(0);
    expect(served()).toBe(1);
  });

  it('are taken up while the server runs, without anyone asking for a report', async () => {
    db.transaction(() => rollupsFollowLog.up(db))();
    const errors: unknown[] = [];
    const follower = followRollups(db, (e) => errors.push(e), { intervalMs: 10 });
    servedTicket(1);
    for (let waited = 0; served() === 0 && waited < 2000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    expect(served()).toBe(1);
    servedTicket(2);
    follower.stop(); // stopping takes up the rest
    expect(served()).toBe(2);
    // Stopped again after its database closed (a server closed twice): nothing to do, no error.
    servedTicket(3);
    db.close();
    follower.stop();
    db = new Sqlite(join(dir.path, 'hall.sqlite'));
    expect(served()).toBe(2);
    expect(errors).toEqual([]);
  });

  it('take up a long backlog a batch at a time, answering requests in between, until none is left', async () => {
    db.transaction(() => rollupsFollowLog.up(db))();
    for (let n = 1; n <= 5; n++) servedTicket(n); // 30 log entries
    const positions: string[] = [];
    // A timer of its own: it can only read the position between the follower's transactions.
    const probe = setInterval(() => positions.push(position() ?? ''), 0);
    const follower = followRollups(db, () => undefined, { intervalMs: 5, batch: 4 });
    for (let waited = 0; position() !== '30' && waited < 2000; waited += 5) await new Promise((r) => setTimeout(r, 5));
    clearInterval(probe);
    follower.stop();
    expect(served()).toBe(5);
    // Each transaction took at most 4 entries: the position was seen moving by small steps.
    const seen = [...new Set(positions.map(Number))].filter((p) => p > 0 && p < 30);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(catchUpRollups(db, 4)).toBe(0);
  });
});

describe('indexes of the call path (migration 0008)', () => {
  it('answer "called today per service" from an index alone, and find the tickets a counter holds without reading its day', () => {
    db.transaction(() => {
      rollupsFollowLog.up(db);
      callIndexes.up(db);
    })();
    const plan = (sql: string): string => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('c', 'd') as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan('SELECT service_id, COUNT(*) FROM tickets WHERE counter_id = ? AND service_day = ? AND called_at IS NOT NULL GROUP BY service_id')).toContain(
      'COVERING INDEX tickets_counter_day',
    );
    expect(plan(`SELECT id FROM tickets INDEXED BY tickets_held WHERE counter_id = ? AND service_day = ? AND status IN ('called', 'serving')`)).toContain('INDEX tickets_held');
  });

  it('are what a new hall database gets', () => {
    const fresh = openHallStore(join(dir.path, 'fresh.sqlite'));
    const indexes = fresh.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tickets'`).pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['tickets_counter_day', 'tickets_held']));
    expect(fresh.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(ROLLUP_POSITION)).toBe('0');
    fresh.close();
  });
});

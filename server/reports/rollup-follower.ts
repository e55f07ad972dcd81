import type { Database, Statement } from 'better-sqlite3';
import { statementsOf } from '../../platform/statement-cache.ts';
import { commitWithoutSync } from '../../platform/unsynced-commit.ts';
import { hallClock } from './hall-clock.ts';
import { RollupAccumulator } from './rollup-facts.ts';
import { ROLLED_LOG_PAGE, rollupLogEntry, type RolledLogRow } from './rollup-entry.ts';
import { registerReportFunctions, writeRollups } from './rollup-writer.ts';

/**
 * The report roll-ups follow `ticket_log` instead of being written by each transition: a call or
 * a finish commits and is answered without report bookkeeping, and the roll-ups take up every
 * entry after the last one they hold, many at once (one summed row per key, one commit).
 *
 * `settings.report_rollups_position` is the id of the last log entry in the roll-ups; it moves in
 * the same immediate transaction as the sums, so every entry counts exactly once, whichever
 * connection or process catches up. A report catches up first (report.ts), so it is exact; the
 * server also catches up every FOLLOW_MS while it runs, FOLLOW_BATCH entries at a time with the
 * event loop free in between (a call waits at most for one batch, never for a busy minute's
 * worth), and all of it when it stops.
 */
export const ROLLUP_POSITION = 'report_rollups_position';
/** How often the running server takes up new log entries. */
export const FOLLOW_MS = 250;
/** Log entries the running server takes up in one transaction before it lets requests in again. */
export const FOLLOW_BATCH = 512;
/** Log entries read per page; each page is summed and written before the next is read. */
const PAGE = 5000;

interface LogRow extends RolledLogRow {
  id: number;
}

/** How far one catch-up went: log entries passed (read or skipped as adding nothing), and whether more wait. */
interface CatchUp {
  passed: number;
  more: boolean;
}

/**
 * Takes the log entries after the position into the roll-ups, at most `limit` of those that change
 * one (the rest are passed over unread); how many entries the position moved over. Nothing happens
 * while a rebuild is pending (`settings.report_rollups`): the rebuild sets the position itself.
 */
export function catchUpRollups(db: Database, limit = Number.POSITIVE_INFINITY): number {
  return catchUp(db, limit).passed;
}

function catchUp(db: Database, limit: number): CatchUp {
  const statements = statementsOf(db);
  const sql = (source: string): Statement => statements.get(source);
  const position = sql('SELECT value FROM settings WHERE key = ?').pluck();
  const latestId = sql('SELECT MAX(id) FROM ticket_log').pluck();
  const done: CatchUp = { passed: 0, more: false };
  if (((latestId.get() as number | null) ?? 0) <= Number(position.get(ROLLUP_POSITION) ?? 0)) return done;
  registerReportFunctions(db);
  // Roll-ups are derived from the log, and the position moves with them: a commit lost with the
  // power is taken up again, so it does not hold the event loop for an fsync.
  commitWithoutSync(db, () => db.transaction(() => {
    if (sql('SELECT 1 FROM settings WHERE key = ?').get('report_rollups') !== undefined) return;
    const zone = sql('SELECT time_zone FROM hall LIMIT 1').pluck().get() as string | undefined;
    if (zone === undefined) return;
    const page = sql(ROLLED_LOG_PAGE);
    const from = Number(position.get(ROLLUP_POSITION) ?? 0);
    const latest = (latestId.get() as number | null) ?? 0;
    let last = from;
    let taken = 0;
    for (;;) {
      const want = Math.min(PAGE, limit - taken);
      if (want <= 0) {
        done.more = true;
        break;
      }
      const rows = page.all(last, latest, want) as LogRow[];
      if (rows.length > 0) {
        const acc = new RollupAccumulator(hallClock(zone));
        for (const row of rows) rollupLogEntry(sql, acc, row);
        writeRollups(sql, acc);
        taken += rows.length;
      }
      if (rows.length < want) {
        // Nothing else up to `latest` changes a roll-up: the position passes over all of it.
        last = latest;
        break;
      }
      last = (rows[rows.length - 1] as LogRow).id;
    }
    setRollupPosition(db, last);
    done.passed = last - from;
  }).immediate());
  return done;
}

/** Records that the roll-ups hold every log entry up to `id` (the rebuild, the migration). */
export function setRollupPosition(db: Database, id: number): void {
  statementsOf(db).get('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(ROLLUP_POSITION, String(id));
}

/**
 * Catches up every `intervalMs`, `batch` entries per transaction, until stopped; `stop` takes up
 * the rest. Failures are reported, never thrown.
 */
export function followRollups(
  db: Database,
  onError: (error: unknown) => void,
  options: { intervalMs?: number; batch?: number } = {},
): { stop: () => void } {
  const batch = options.batch ?? FOLLOW_BATCH;
  let stopped = false;
  const run = (limit: number): boolean => {
    try {
      return catchUp(db, limit).more;
    } catch (error) {
      onError(error);
      return false;
    }
  };
  const tick = (): void => {
    // More waiting: the next batch after the requests that came in meanwhile.
    if (!stopped && run(batch)) setImmediate(tick);
  };
  const timer = setInterval(tick, options.intervalMs ?? FOLLOW_MS);
  timer.unref();
  return {
    stop: () => {
      // A server closed twice (its database too) has nothing left to take up.
      if (stopped || !db.open) return;
      stopped = true;
      clearInterval(timer);
      run(Number.POSITIVE_INFINITY);
    },
  };
}

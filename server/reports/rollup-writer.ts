import type { Database, Statement } from 'better-sqlite3';
import { mergeBlobs } from './histogram.ts';
import { MEASURES, type RollupAccumulator } from './rollup-facts.ts';

/**
 * Adds what a RollupAccumulator holds to the roll-up tables: each row is inserted or, if its key
 * exists, summed into it (counts and durations added, histograms merged by `loket_hist_merge`),
 * one statement per row. The follower and the rebuild both write through here.
 */

const registered = new WeakSet<Database>();

/** The SQL functions the roll-ups need, on a connection (idempotent). */
export function registerReportFunctions(db: Database): void {
  if (registered.has(db)) return;
  db.function('loket_hist_merge', { deterministic: true }, (a: unknown, b: unknown) =>
    mergeBlobs(a instanceof Uint8Array ? a : null, b instanceof Uint8Array ? b : null),
  );
  registered.add(db);
}

const KEY_COLUMNS = ['grain', 'period', 'hour', 'counter_id', 'officer_id', 'service_id'];

const UPSERT_ROLLUP = `
  INSERT INTO report_rollup (${[...KEY_COLUMNS, ...MEASURES, 'wait_hist', 'service_hist'].join(', ')})
  VALUES (${Array.from({ length: KEY_COLUMNS.length + MEASURES.length + 2 }, () => '?').join(', ')})
  ON CONFLICT (${KEY_COLUMNS.join(', ')}) DO UPDATE SET
    ${MEASURES.map((m) => `${m} = ${m} + excluded.${m}`).join(',\n    ')},
    wait_hist = CASE WHEN excluded.wait_hist IS NULL THEN wait_hist ELSE loket_hist_merge(wait_hist, excluded.wait_hist) END,
    service_hist = CASE WHEN excluded.service_hist IS NULL THEN service_hist ELSE loket_hist_merge(service_hist, excluded.service_hist) END`;

const UPSERT_ARRIVALS = `
  INSERT INTO report_arrivals (day, hour, service_id, arrivals) VALUES (?, ?, ?, ?)
  ON CONFLICT (day, hour, service_id) DO UPDATE SET arrivals = arrivals + excluded.arrivals`;

/** Writes accumulated roll-ups with statements from `sql` (the queue's cache, or the rebuild's). */
export function writeRollups(sql: (source: string) => Statement, acc: RollupAccumulator): void {
  if (acc.rows.size > 0) {
    const upsert = sql(UPSERT_ROLLUP);
    for (const r of acc.rows.values()) {
      upsert.run(r.grain, r.period, r.hour, r.counterId, r.officerId, r.serviceId, ...r.values, r.wait?.encode() ?? null, r.service?.encode() ?? null);
    }
  }
  if (acc.arrivals.size > 0) {
    const upsert = sql(UPSERT_ARRIVALS);
    for (const a of acc.arrivals.values()) upsert.run(a.day, a.hour, a.serviceId, a.n);
  }
}

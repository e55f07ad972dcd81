import type { Database, Statement } from 'better-sqlite3';
import { StatementCache } from '../../platform/statement-cache.ts';
import type { PauseReason } from '../../core/events.ts';
import { applyCounterEvent, INSERT_OPEN_SPAN, MemorySpans, type CounterAction } from './counter-spans.ts';
import { hallClock } from './hall-clock.ts';
import { RollupAccumulator, type TicketOutcome } from './rollup-facts.ts';
import { catchUpRollups, setRollupPosition } from './rollup-follower.ts';
import { registerReportFunctions, writeRollups } from './rollup-writer.ts';

/**
 * Recomputes every report roll-up from the raw rows (`tickets`, `ticket_log`) in one immediate
 * transaction: what `loket-server rebuild-rollups` runs, what the server runs at start after
 * migration 0004 met existing history, and what the history generator runs after writing its days.
 * It reads the same facts the follower takes from the log (rollup-entry.ts), from the rows instead of the
 * transitions: outcomes from each finished or transferred ticket (final rows never change), no-shows
 * and counter transitions from the log, arrivals from the tickets issued.
 *
 * Memory stays bounded: the accumulator is written out (summed into the tables) every FLUSH_ROWS keys.
 */
const FLUSH_ROWS = 150_000;

export interface RebuildResult {
  tickets: number;
  rollupRows: number;
  /** Rows of the roll-ups as they were that the rebuild did not reproduce exactly (added, changed or gone). */
  differences: number;
  ms: number;
}

interface TicketRow {
  status: string;
  outcome: 'served' | 'pending' | null;
  finished_at: number | null;
  called_at: number | null;
  started_at: number | null;
  counter_id: string | null;
  officer_id: string | null;
  service_id: string;
  issued_at: number;
  transferred_at: number | null;
}

interface LogRow {
  action: 'ticket.no_show' | CounterAction;
  at: number;
  counter_id: string | null;
  actor_id: string | null;
  reason: PauseReason | null;
  service_id: string | null;
}

export const ROLLUP_SETTING = 'report_rollups';

export function rebuildRollups(db: Database, options: { compare?: boolean } = {}): RebuildResult {
  registerReportFunctions(db);
  const started = performance.now();
  const statements = new StatementCache(db);
  const sql = (source: string): Statement => statements.get(source);
  let tickets = 0;
  let differences = 0;
  // What is compared is the roll-ups as they follow the log, so they first take up all of it.
  if (options.compare) catchUpRollups(db);
  db.transaction(() => {
    if (options.compare) {
      db.exec(`DROP TABLE IF EXISTS temp.old_rollup; DROP TABLE IF EXISTS temp.old_arrivals; DROP TABLE IF EXISTS temp.old_spans;
        CREATE TEMP TABLE old_rollup AS SELECT * FROM report_rollup;
        CREATE TEMP TABLE old_arrivals AS SELECT * FROM report_arrivals;
        CREATE TEMP TABLE old_spans AS SELECT * FROM report_open_spans;`);
    }
    db.exec('DELETE FROM report_rollup; DELETE FROM report_arrivals; DELETE FROM report_open_spans;');
    const zone = db.prepare('SELECT time_zone FROM hall LIMIT 1').pluck().get() as string | undefined;
    if (zone !== undefined) tickets = recompute(db, sql, new RollupAccumulator(hallClock(zone)));
    db.prepare(`DELETE FROM settings WHERE key = ?`).run(ROLLUP_SETTING);
    setRollupPosition(db, (db.prepare('SELECT COALESCE(MAX(id), 0) FROM ticket_log').pluck().get() as number));
    if (options.compare) {
      differences = countDifferences(db);
      db.exec('DROP TABLE temp.old_rollup; DROP TABLE temp.old_arrivals; DROP TABLE temp.old_spans;');
    }
  }).immediate();
  const rollupRows = db.prepare('SELECT COUNT(*) FROM report_rollup').pluck().get() as number;
  return { tickets, rollupRows, differences, ms: Math.round(performance.now() - started) };
}

/**
 * Reads a query in pages by rowid (`WHERE … AND rowid > ? ORDER BY rowid LIMIT ?`): better-sqlite3
 * cannot write on a connection while a statement iterates on it, and the accumulator is written
 * out between pages.
 */
function* pages<T extends { rid: number }>(stmt: Statement, size = 20_000): Generator<T[]> {
  let last = -1;
  for (;;) {
    const page = stmt.all(last, size) as T[];
    if (page.length === 0) return;
    yield page;
    last = (page[page.length - 1] as T).rid;
  }
}

function recompute(db: Database, sql: (source: string) => Statement, acc: RollupAccumulator): number {
  const flushIfLarge = (): void => {
    if (acc.size < FLUSH_ROWS) return;
    writeRollups(sql, acc);
    acc.clear();
  };
  let tickets = 0;
  const finished = db.prepare(
    `SELECT t.rowid AS rid, t.status, t.outcome, t.finished_at, t.called_at, t.started_at, t.counter_id, t.officer_id, t.service_id,
            t.issued_at, t.transferred_from IS NULL AS original, p.finished_at AS transferred_at
     FROM tickets t LEFT JOIN tickets p ON p.id = t.transferred_from
     WHERE t.rowid > ? ORDER BY t.rowid LIMIT ?`,
  );
  for (const page of pages<TicketRow & { rid: number; status: string; original: number }>(finished)) {
    for (const r of page) {
      if (r.original === 1) {
        tickets += 1;
        acc.addArrival(r.issued_at, r.service_id);
      }
      if ((r.status !== 'done' && r.status !== 'transferred') || r.finished_at === null) continue;
      const outcome: TicketOutcome = r.status === 'transferred' ? 'transferred' : (r.outcome ?? 'served');
      acc.addOutcome({
        at: r.finished_at,
        counterId: r.counter_id ?? '',
        officerId: r.officer_id ?? '',
        serviceId: r.service_id,
        outcome,
        waitMs: r.called_at === null ? null : r.called_at - (r.transferred_at ?? r.issued_at),
        startedAt: r.started_at,
      });
    }
    flushIfLarge();
  }
  const spans = new MemorySpans();
  const log = db.prepare(
    `SELECT l.id AS rid, l.action, l.at, l.counter_id, l.actor_id, json_extract(l.detail, '$.reason') AS reason, t.service_id
     FROM ticket_log l INDEXED BY ticket_log_rollup LEFT JOIN tickets t ON t.id = l.ticket_id AND l.action = 'ticket.no_show'
     WHERE l.id > ?
       AND l.action IN ('ticket.no_show', 'counter.opened', 'counter.updated', 'counter.paused', 'counter.resumed', 'counter.closed')
     ORDER BY l.id LIMIT ?`,
  );
  for (const page of pages<LogRow & { rid: number }>(log)) {
    for (const r of page) {
      if (r.action === 'ticket.no_show') {
        if (r.service_id === null) continue;
        acc.addOutcome({ at: r.at, counterId: r.counter_id ?? '', officerId: r.actor_id ?? '', serviceId: r.service_id, outcome: 'no_show', waitMs: null, startedAt: null });
      } else if (r.counter_id !== null) {
        applyCounterEvent(spans, acc, { action: r.action, at: r.at, counterId: r.counter_id, actorId: r.actor_id, reason: r.reason });
      }
    }
    flushIfLarge();
  }
  writeRollups(sql, acc);
  acc.clear();
  const open = sql(INSERT_OPEN_SPAN);
  for (const s of spans.spans.values()) open.run(s.counterId, s.kind, s.officerId, s.reason, s.startedAt);
  return tickets;
}

function countDifferences(db: Database): number {
  const count = (a: string, b: string): number => db.prepare(`SELECT COUNT(*) FROM (SELECT * FROM ${a} EXCEPT SELECT * FROM ${b})`).pluck().get() as number;
  return (
    count('temp.old_rollup', 'main.report_rollup') +
    count('main.report_rollup', 'temp.old_rollup') +
    count('temp.old_arrivals', 'main.report_arrivals') +
    count('main.report_arrivals', 'temp.old_arrivals') +
    count('temp.old_spans', 'main.report_open_spans') +
    count('main.report_open_spans', 'temp.old_spans')
  );
}

/** After migration 0004 met existing history (or a rebuild was interrupted): rebuild now. */
export function rebuildRollupsIfNeeded(db: Database): RebuildResult | null {
  const flag = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(ROLLUP_SETTING);
  return flag === undefined ? null : rebuildRollups(db);
}

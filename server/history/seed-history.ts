import type { Database } from 'better-sqlite3';
import { LoketError } from '../../core/errors.ts';
import { serviceDay, serviceDayBounds } from '../../core/service-day.ts';
import { rebuildRollups, type RebuildResult } from '../reports/rebuild-rollups.ts';
import { catchUpRollups } from '../reports/rollup-follower.ts';
import { BulkWriter } from './bulk-writer.ts';
import { planDay } from './day-plan.ts';
import { simulateDay } from './day-simulation.ts';
import type { HistoryAction } from './history-actions.ts';
import { ensureHistoryHall } from './history-hall.ts';
import { Prng, seedFor } from './prng.ts';
import { QueueWriter } from './queue-writer.ts';
import { TrackingCodes } from './tracking-codes.ts';

/**
 * `loket-server seed-history`: fills a data folder with realistic history for the demo hall —
 * `days` calendar days ending `endDay` (yesterday by default), `counters` counters — deterministic
 * for a seed (each day draws from its own seed, so a day is the same however many are made).
 *
 * `writer: 'bulk'` (the default) writes rows straight into the tables, a few days per
 * transaction, then rebuilds the report roll-ups; `'queue'` runs every action through the live queue functions,
 * which keep the roll-ups as they go (small histories, tests).
 */
export interface SeedHistoryOptions {
  days: number;
  counters: number;
  seed: number;
  endDay?: string;
  writer?: 'bulk' | 'queue';
  /** Progress after each day written. */
  onDay?: (day: string, tickets: number) => void;
}

export interface SeedHistoryResult {
  from: string;
  to: string;
  openDays: number;
  tickets: number;
  actions: number;
  ms: number;
  rebuild: RebuildResult | null;
}

/** Bumped whenever the same options start to make different history (benchmarks cache by it). */
export const HISTORY_VERSION = 3;
export const MAX_HISTORY_DAYS = 3660;
export const MAX_HISTORY_COUNTERS = 400;

const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function check(o: SeedHistoryOptions): void {
  if (!Number.isInteger(o.days) || o.days < 1 || o.days > MAX_HISTORY_DAYS) {
    throw new LoketError('invalid_request', `--days must be a whole number from 1 to ${MAX_HISTORY_DAYS}, got ${o.days}.`, 'days');
  }
  if (!Number.isInteger(o.counters) || o.counters < 1 || o.counters > MAX_HISTORY_COUNTERS) {
    throw new LoketError('invalid_request', `--counters must be a whole number from 1 to ${MAX_HISTORY_COUNTERS}, got ${o.counters}.`, 'counters');
  }
  if (!Number.isInteger(o.seed)) throw new LoketError('invalid_request', `--seed must be a whole number, got ${o.seed}.`, 'seed');
  if (o.endDay !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(o.endDay) || new Date(`${o.endDay}T00:00:00Z`).toISOString().slice(0, 10) !== o.endDay)) {
    throw new LoketError('invalid_request', `--end-day must be a calendar day written YYYY-MM-DD, got ${o.endDay}.`, 'endDay');
  }
}

/** A day of actions for the hall as it is: the plan and the simulation, from the day's own seed. */
export function historyDay(hall: Awaited<ReturnType<typeof ensureHistoryHall>>, seed: number, day: string): HistoryAction[] | null {
  const rng = new Prng(seedFor(seed, day));
  const plan = planDay(hall, day, serviceDayBounds(day, hall.timeZone).start, rng);
  if (plan === null) return null;
  return simulateDay(hall, plan, rng, new TrackingCodes(seed, day));
}

export async function seedHistory(db: Database, options: SeedHistoryOptions, now: number = Date.now()): Promise<SeedHistoryResult> {
  check(options);
  const started = performance.now();
  const hall = await ensureHistoryHall(db, options.counters);
  const to = options.endDay ?? serviceDay(now - 86_400_000, hall.timeZone);
  const from = addDays(to, -(options.days - 1));
  const later = db.prepare('SELECT MAX(service_day) FROM tickets').pluck().get() as string | null;
  if (later !== null && later >= from) {
    throw new LoketError(
      'invalid_request',
      `This data folder already has tickets up to ${later}; seed-history only adds days after the last one it holds. Give --end-day and --days so the history starts after ${later}, or use a new --data folder.`,
      'endDay',
    );
  }
  const open = db.prepare(`SELECT COUNT(*) FROM counter_state WHERE status <> 'closed'`).pluck().get() as number;
  if (open > 0) throw new LoketError('invalid_request', `${open} counter(s) of this hall are open; close them (or stop the hall) before adding history.`, 'data');

  const writer = options.writer === 'queue' ? new QueueWriter(db) : new BulkWriter(db);
  let tickets = 0;
  let openDays = 0;
  let actions = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const made = historyDay(hall, options.seed, day);
    if (made === null) continue;
    writer.writeDay(made);
    const issued = made.filter((a) => a.kind === 'issue').length;
    tickets += issued;
    actions += made.length;
    openDays += 1;
    options.onDay?.(day, issued);
  }
  writer.finish();
  // The queue writer's log entries are summed as a running server would; the bulk writer's are rebuilt.
  if (options.writer === 'queue') catchUpRollups(db);
  const rebuild = options.writer === 'queue' ? null : rebuildRollups(db);
  return { from, to, openDays, tickets, actions, ms: Math.round(performance.now() - started), rebuild };
}

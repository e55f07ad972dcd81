import type { Database } from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { HISTORY_VERSION, seedHistory } from '../../server/history/seed-history.ts';
import { computeReport, type ReportRequest, type ReportSource } from '../../server/reports/report.ts';
import { openHallStore } from '../../server/store/open-store.ts';
import { round3 } from './baseline.ts';

/**
 * Reports at a year's scale: generated history of LOKET_BENCH_DAYS days (365) at
 * LOKET_BENCH_COUNTERS counters (100), made once and kept under build/bench-reports/ keyed by its
 * parameters. Measures the last month's report and the whole range's report from the roll-ups
 * (grouped by counter, with totals and the heat map: what the dashboard asks for), and the same
 * range computed by plain GROUP BYs over the raw rows in the same run (`naive_year_ms`), which
 * must give the same answer. Targets: year_report_ms <= 300, speedup >= 10.
 *
 * Roll-up figures are the median of RUNS runs after one warm-up (`year_report_first_ms` is the
 * first); the naive report runs once.
 */
const DAYS = Number(process.env['LOKET_BENCH_DAYS'] ?? 365);
const COUNTERS = Number(process.env['LOKET_BENCH_COUNTERS'] ?? 100);
const SEED = Number(process.env['LOKET_BENCH_SEED'] ?? 7);
const END_DAY = process.env['LOKET_BENCH_END_DAY'] ?? '2025-12-31';
const RUNS = 5;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The history for these parameters: reused when a complete one is kept, made otherwise. */
async function history(): Promise<{ db: Database; generateS: number | null }> {
  const dir = join(root, 'build', 'bench-reports', `v${HISTORY_VERSION}-d${DAYS}-c${COUNTERS}-s${SEED}-e${END_DAY}`);
  const ready = join(dir, 'ready.json');
  if (existsSync(ready)) return { db: openHallStore(join(dir, 'hall.sqlite')), generateS: null };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = openHallStore(join(dir, 'hall.sqlite'));
  let last = 0;
  const made = await seedHistory(db, {
    days: DAYS,
    counters: COUNTERS,
    seed: SEED,
    endDay: END_DAY,
    onDay: (day) => {
      if (performance.now() - last > 10_000) {
        last = performance.now();
        console.log(`  generating history: ${day}`);
      }
    },
  });
  writeFileSync(ready, `${JSON.stringify(made, null, 2)}\n`);
  return { db, generateS: round3(made.ms / 1000) };
}

function timed<T>(run: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = run();
  return { ms: performance.now() - t0, value };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export default async function reportsBench(): Promise<Record<string, number | string>> {
  const { db, generateS } = await history();
  try {
    const now = Date.parse(`${addDays(END_DAY, 1)}T12:00:00Z`);
    const from = addDays(END_DAY, -(DAYS - 1));
    const year: ReportRequest = { from, to: END_DAY, groupBy: 'counter' };
    const month: ReportRequest = { from: `${END_DAY.slice(0, 7)}-01`, to: END_DAY, groupBy: 'counter' };
    const run = (q: ReportRequest, source: ReportSource = 'rollups') => computeReport(db, q, { now, source });

    const first = timed(() => run(year));
    const yearMs = median(Array.from({ length: RUNS }, () => timed(() => run(year)).ms));
    run(month);
    const monthMs = median(Array.from({ length: RUNS }, () => timed(() => run(month)).ms));
    const byDayMs = median(Array.from({ length: 3 }, () => timed(() => run({ ...year, groupBy: 'day' })).ms));
    const byHourMs = median(Array.from({ length: 3 }, () => timed(() => run({ ...year, groupBy: 'hour' })).ms));
    const naive = timed(() => run(year, 'naive'));

    const tickets = db.prepare('SELECT COUNT(*) FROM tickets WHERE transferred_from IS NULL').pluck().get() as number;
    const readyFile = join(dirname(db.name), 'ready.json');
    const made = JSON.parse(readFileSync(readyFile, 'utf8')) as { ms: number };
    return {
      days: DAYS,
      counters: COUNTERS,
      tickets,
      ticket_rows: db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number,
      log_rows: db.prepare('SELECT MAX(id) FROM ticket_log').pluck().get() as number,
      rollup_rows: db.prepare('SELECT COUNT(*) FROM report_rollup').pluck().get() as number,
      generate_s: generateS ?? `${round3(made.ms / 1000)} (kept from an earlier run)`,
      month_report_ms: round3(monthMs),
      year_report_ms: round3(yearMs),
      year_report_first_ms: round3(first.ms),
      year_by_day_ms: round3(byDayMs),
      year_by_hour_ms: round3(byHourMs),
      naive_year_ms: round3(naive.ms),
      speedup: round3(naive.ms / yearMs),
      naive_equals_rollups: isDeepStrictEqual(naive.value, first.value) ? 'yes' : 'NO',
      served: first.value.totals.served,
    };
  } finally {
    db.close();
  }
}

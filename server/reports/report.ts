import type { Database } from 'better-sqlite3';
import { REPORT_DEFINITIONS } from '../../core/report-definitions.ts';
import { daysBetween, type Report, type ReportQuery } from '../../core/reports-api.ts';
import { collectFromRollups, type Collected } from './report-from-rollups.ts';
import { toRow } from './report-groups.ts';
import { checkFilters, compareKeys, labelOf, loadLookups, type ReportLookups } from './report-lookups.ts';
import { collectNaive } from './report-naive.ts';
import { catchUpRollups } from './rollup-follower.ts';

/**
 * The supervisors' report (DESIGN.md §8) for a range of service days: one row per counter,
 * officer, service, agency, day or hour, the totals, the arrivals heat map and the definitions.
 * `source: 'rollups'` (what the API serves) reads the roll-ups; `'naive'` recomputes from the raw
 * rows with plain GROUP BYs. Both give the same answer, to the byte.
 */
export type ReportSource = 'rollups' | 'naive';

export type ReportRequest = Pick<ReportQuery, 'from' | 'to' | 'groupBy' | 'agencyId' | 'serviceId'>;

export function computeReport(db: Database, query: ReportRequest, options: { now: number; source?: ReportSource; lookups?: ReportLookups }): Report {
  const lookups = options.lookups ?? loadLookups(db);
  checkFilters(lookups, query);
  const collect = options.source === 'naive' ? collectNaive : collectFromRollups;
  // The roll-ups take up the log entries they have not yet summed, so the report is exact to now.
  if (collect === collectFromRollups) catchUpRollups(db);
  // One snapshot: the figures, the open spans and the heat map are read at one moment.
  const collected = db.transaction((): Collected => collect(db, lookups, query, options.now)).deferred();
  return buildReport(lookups, query, options.now, collected);
}

function buildReport(lookups: ReportLookups, q: ReportRequest, now: number, collected: Collected): Report {
  const timeFigures = q.serviceId === undefined && q.groupBy !== 'service';
  const keys = [...collected.groups.map.keys()].sort(compareKeys(lookups, q.groupBy));
  const rows = keys.map((key) => toRow(key, labelOf(lookups, q.groupBy, key), collected.groups.get(key), timeFigures));
  const days: string[] = [];
  const span = daysBetween(q.from, q.to);
  const first = Date.parse(`${q.from}T00:00:00Z`);
  for (let i = 0; i <= span; i++) days.push(new Date(first + i * 86_400_000).toISOString().slice(0, 10));
  return {
    query: { from: q.from, to: q.to, groupBy: q.groupBy, agencyId: q.agencyId ?? null, serviceId: q.serviceId ?? null },
    hall: { name: lookups.hallName, timeZone: lookups.timeZone },
    generatedAt: now,
    timeFigures,
    rows,
    totals: toRow('total', 'Total', collected.groups.total(), timeFigures),
    heatMap: {
      days,
      hours: Array.from({ length: 24 }, (_, h) => h),
      arrivals: days.map((day) => collected.heat.get(day) ?? new Array<number>(24).fill(0)),
    },
    definitions: REPORT_DEFINITIONS,
  };
}

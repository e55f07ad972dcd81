import type { Database } from 'better-sqlite3';
import type { PauseReason } from '../../core/events.ts';
import type { ReportGroupBy, ReportQuery } from '../../core/reports-api.ts';
import { hallClock } from './hall-clock.ts';
import { targetBucket } from './histogram.ts';
import { Groups } from './report-groups.ts';
import type { ReportLookups } from './report-lookups.ts';

/**
 * A report from the roll-ups: whole months of the range are read from the month grains, the days
 * before and after them from the day grains (grouped by day: the day × service grain throughout),
 * then summed per row in memory. A counter still signed in or paused is added up to `now` from
 * `report_open_spans`.
 */
export interface Collected {
  groups: Groups;
  /** Arrivals per day: 24 counts. */
  heat: Map<string, number[]>;
}

type Filters = Pick<ReportQuery, 'groupBy' | 'agencyId' | 'serviceId' | 'from' | 'to'>;

/** Which grains to read: [day grain, month grain] (null: the day grain covers whole months too). */
const GRAINS: Record<ReportGroupBy, [string, string | null]> = {
  counter: ['ud', 'um'],
  officer: ['ud', 'um'],
  service: ['ud', 'um'],
  agency: ['ud', 'um'],
  hour: ['hd', 'hm'],
  day: ['dd', null],
};

const lastDayOfMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
};
const previousMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
};
const dayBefore = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The range as [day ranges, month range]: whole months in the middle, loose days around them. */
export function planPeriods(from: string, to: string): { days: [string, string][]; months: [string, string] | null } {
  const first = from.endsWith('-01') ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  const last = lastDayOfMonth(to.slice(0, 7)) === to ? to.slice(0, 7) : previousMonth(to.slice(0, 7));
  if (first > last) return { days: [[from, to]], months: null };
  const days: [string, string][] = [];
  if (from < `${first}-01`) days.push([from, dayBefore(`${first}-01`)]);
  if (to > lastDayOfMonth(last)) days.push([`${nextMonth(last)}-01`, to]);
  return { days, months: [first, last] };
}

type TicketRaw = [
  period: string,
  hour: number,
  counterId: string,
  officerId: string,
  serviceId: string,
  served: number,
  pending: number,
  noShow: number,
  transferred: number,
  waitN: number,
  waitMs: number,
  waitHist: Uint8Array | null,
  serviceN: number,
  serviceMs: number,
  serviceHist: Uint8Array | null,
];
type TimeRaw = [
  period: string,
  hour: number,
  counterId: string,
  officerId: string,
  busyMs: number,
  signedInMs: number,
  pauseBreakMs: number,
  pausePrayerMs: number,
  pauseSystemMs: number,
  pauseOtherMs: number,
];

const RANGE = 'FROM report_rollup WHERE grain = ? AND period BETWEEN ? AND ?';
const TICKET_ROWS = `SELECT period, hour, counter_id, officer_id, service_id, served, pending, no_show, transferred, wait_n, wait_ms, wait_hist,
  service_n, service_ms, service_hist ${RANGE} AND service_id <> ''`;
const TIME_ROWS = `SELECT period, hour, counter_id, officer_id, busy_ms, signed_in_ms, pause_break_ms, pause_prayer_ms, pause_system_ms,
  pause_other_ms ${RANGE} AND service_id = ''`;

/** The row key of a ticket figure or of counter time, by grouping; null when the filters leave it out. */
function keyFns(lookups: ReportLookups, q: Filters) {
  const ticketKey = (period: string, hour: number, counterId: string, officerId: string, serviceId: string): string | null => {
    if (q.serviceId !== undefined && serviceId !== q.serviceId) return null;
    const agencyId = lookups.services.get(serviceId)?.agencyId ?? '';
    if (q.agencyId !== undefined && agencyId !== q.agencyId) return null;
    return pick(q.groupBy, period, hour, counterId, officerId, serviceId, agencyId);
  };
  const timeKey = (period: string, hour: number, counterId: string, officerId: string): string | null => {
    if (q.serviceId !== undefined || q.groupBy === 'service') return null;
    const agencyId = lookups.counters.get(counterId)?.agencyId ?? '';
    if (q.agencyId !== undefined && agencyId !== q.agencyId) return null;
    return pick(q.groupBy, period, hour, counterId, officerId, '', agencyId);
  };
  return { ticketKey, timeKey };
}

function pick(groupBy: ReportGroupBy, period: string, hour: number, counterId: string, officerId: string, serviceId: string, agencyId: string): string {
  switch (groupBy) {
    case 'counter':
      return counterId;
    case 'officer':
      return officerId;
    case 'service':
      return serviceId;
    case 'agency':
      return agencyId;
    case 'day':
      return period;
    case 'hour':
      return String(hour);
  }
}

export function collectFromRollups(db: Database, lookups: ReportLookups, q: Filters, now: number): Collected {
  const groups = new Groups();
  const { ticketKey, timeKey } = keyFns(lookups, q);
  const [dayGrain, monthGrain] = GRAINS[q.groupBy];
  const plan = monthGrain === null ? { days: [[q.from, q.to]] as [string, string][], months: null } : planPeriods(q.from, q.to);
  const reads: [string, string, string][] = plan.days.map(([a, b]) => [dayGrain, a, b]);
  if (plan.months !== null && monthGrain !== null) reads.push([monthGrain, plan.months[0], plan.months[1]]);

  const timeFigures = q.serviceId === undefined && q.groupBy !== 'service';
  const ticketRows = db.prepare(TICKET_ROWS).raw(true);
  const timeRows = db.prepare(TIME_ROWS).raw(true);
  const targets = new Map([...lookups.services].map(([id, s]) => [id, targetBucket(s.targetWaitMinutes)]));
  for (const [grain, a, b] of reads) {
    for (const r of ticketRows.all(grain, a, b) as TicketRaw[]) {
      const key = ticketKey(r[0], r[1], r[2], r[3], r[4]);
      if (key === null) continue;
      const s = groups.get(key);
      s.served += r[5];
      s.pending += r[6];
      s.noShow += r[7];
      s.transferred += r[8];
      s.waitN += r[9];
      s.waitMs += r[10];
      s.within += s.wait.addBlob(r[11], targets.get(r[4]) ?? -1);
      s.serviceN += r[12];
      s.serviceMs += r[13];
      s.service.addBlob(r[14]);
    }
    if (!timeFigures) continue;
    for (const r of timeRows.all(grain, a, b) as TimeRaw[]) {
      const key = timeKey(r[0], r[1], r[2], r[3]);
      if (key === null) continue;
      const s = groups.get(key);
      s.busyMs += r[4];
      s.signedInMs += r[5];
      s.pauseMs.break += r[6];
      s.pauseMs.prayer += r[7];
      s.pauseMs.system += r[8];
      s.pauseMs.other += r[9];
    }
  }

  // Sessions and pauses still running count up to now.
  const clock = hallClock(lookups.timeZone);
  const open = db.prepare('SELECT counter_id, kind, officer_id, reason, started_at FROM report_open_spans').all() as {
    counter_id: string;
    kind: 'session' | 'pause';
    officer_id: string;
    reason: PauseReason | null;
    started_at: number;
  }[];
  for (const span of open) {
    clock.split(span.started_at, now, (t, ms) => {
      if (t.day < q.from || t.day > q.to) return;
      const key = timeKey(t.day, t.hour, span.counter_id, span.officer_id);
      if (key === null) return;
      const s = groups.get(key);
      if (span.kind === 'session') s.signedInMs += ms;
      else s.pauseMs[span.reason ?? 'other'] += ms;
    });
  }
  return { groups, heat: heatFromRollups(db, lookups, q) };
}

/** Arrivals per day and hour, summed by SQL over the services the filters keep. */
function heatFromRollups(db: Database, lookups: ReportLookups, q: Filters): Map<string, number[]> {
  const heat = new Map<string, number[]>();
  const services = [...lookups.services]
    .filter(([id, s]) => (q.serviceId === undefined || id === q.serviceId) && (q.agencyId === undefined || s.agencyId === q.agencyId))
    .map(([id]) => id);
  const filtered = q.serviceId !== undefined || q.agencyId !== undefined;
  const rows = db
    .prepare(
      `SELECT day, hour, SUM(arrivals) FROM report_arrivals WHERE day BETWEEN ? AND ?
       ${filtered ? `AND service_id IN (SELECT value FROM json_each(?))` : ''} GROUP BY day, hour`,
    )
    .raw(true)
    .all(q.from, q.to, ...(filtered ? [JSON.stringify(services)] : [])) as [string, number, number][];
  for (const [day, hour, n] of rows) {
    let hours = heat.get(day);
    if (hours === undefined) heat.set(day, (hours = new Array<number>(24).fill(0)));
    hours[hour] = n;
  }
  return heat;
}

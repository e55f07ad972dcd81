import type { Database } from 'better-sqlite3';
import type { PauseReason } from '../../core/events.ts';
import type { ReportGroupBy, ReportQuery } from '../../core/reports-api.ts';
import { serviceDayBounds } from '../../core/service-day.ts';
import { hallClock } from './hall-clock.ts';
import { bucketSql } from './histogram.ts';
import type { Collected } from './report-from-rollups.ts';
import { Groups } from './report-groups.ts';
import type { ReportLookups } from './report-lookups.ts';

/**
 * The same report computed the plain way: GROUP BY over the raw `tickets` and `ticket_log` rows
 * of the range, straight from the definitions (core/report-definitions.ts), sharing no code with
 * the roll-ups but the bucket rule. The benchmark's baseline and the tests' oracle.
 *
 * Hall time is `at + offset` with the hall's UTC offset at the start of the range: exact for a
 * zone without clock changes (every Indonesian zone); a range across a change is refused.
 */
type Filters = Pick<ReportQuery, 'groupBy' | 'agencyId' | 'serviceId' | 'from' | 'to'>;

const HOUR = 3_600_000;

/** The row key of a fact at time `ts`, per grouping. */
function groupSql(groupBy: ReportGroupBy, ts: string, cols: { counter: string; officer: string; service: string; agency: string }): string {
  switch (groupBy) {
    case 'counter':
      return cols.counter;
    case 'officer':
      return cols.officer;
    case 'service':
      return cols.service;
    case 'agency':
      return cols.agency;
    case 'day':
      return `date((${ts} + @off) / 1000, 'unixepoch')`;
    case 'hour':
      return `((${ts} + @off) / ${HOUR}) % 24`;
  }
}

const TICKET_COLS = { counter: "COALESCE(t.counter_id, '')", officer: "COALESCE(t.officer_id, '')", service: 't.service_id', agency: 's.agency_id' };
const WAIT = 't.called_at - COALESCE(p.finished_at, t.issued_at)';
const ENDED = `FROM tickets t JOIN services s ON s.id = t.service_id LEFT JOIN tickets p ON p.id = t.transferred_from
  WHERE t.status IN ('done', 'transferred') AND t.finished_at >= @start AND t.finished_at < @end`;

/** Counter time as intervals: serving (started → finished), signed-in sessions and pauses (to the next transition, or now). */
const INTERVALS = `
  iv(counter_id, officer_id, kind, s, e) AS (
    SELECT COALESCE(counter_id, ''), COALESCE(officer_id, ''), 'busy', started_at, finished_at FROM tickets
    WHERE status IN ('done', 'transferred') AND started_at IS NOT NULL AND finished_at IS NOT NULL
    UNION ALL
    SELECT counter_id, officer_id, 'session', s, e FROM (
      SELECT counter_id, COALESCE(actor_id, '') AS officer_id, action, at AS s,
             COALESCE(LEAD(at) OVER (PARTITION BY counter_id ORDER BY id), @now) AS e
      FROM ticket_log WHERE action IN ('counter.opened', 'counter.updated', 'counter.closed') AND counter_id IS NOT NULL)
    WHERE action <> 'counter.closed'
    UNION ALL
    SELECT counter_id, officer_id, reason, s, e FROM (
      SELECT counter_id, COALESCE(actor_id, '') AS officer_id, action, COALESCE(json_extract(detail, '$.reason'), 'other') AS reason, at AS s,
             COALESCE(LEAD(at) OVER (PARTITION BY counter_id ORDER BY id), @now) AS e
      FROM ticket_log WHERE action IN ('counter.paused', 'counter.resumed', 'counter.closed') AND counter_id IS NOT NULL)
    WHERE action = 'counter.paused'),
  cl AS (SELECT counter_id, officer_id, kind, MAX(s, @start) AS s, MIN(e, @end) AS e FROM iv WHERE s < @end AND e > @start AND s < e)`;

/** Intervals cut at the hall's hour boundaries. */
const PIECES = `,
  pieces(counter_id, officer_id, kind, s, pe, e) AS (
    SELECT counter_id, officer_id, kind, s, MIN(e, ((s + @off) / ${HOUR} + 1) * ${HOUR} - @off), e FROM cl
    UNION ALL
    SELECT counter_id, officer_id, kind, pe, MIN(e, ((pe + @off) / ${HOUR} + 1) * ${HOUR} - @off), e FROM pieces WHERE pe < e)`;

export function collectNaive(db: Database, lookups: ReportLookups, q: Filters, now: number): Collected {
  const clock = hallClock(lookups.timeZone);
  const start = serviceDayBounds(q.from, lookups.timeZone).start;
  const end = serviceDayBounds(q.to, lookups.timeZone).end;
  const off = clock.offsetAt(start);
  if (clock.offsetAt(end - 1) !== off) throw new Error(`the plain report needs one UTC offset over the range; ${lookups.timeZone} changes it between ${q.from} and ${q.to}`);
  // BigInt binds as INTEGER (a JS number binds as REAL, and then `/` would not floor).
  const params = { start: BigInt(start), end: BigInt(end), off: BigInt(off), now: BigInt(Math.floor(now)), agency: q.agencyId ?? null, service: q.serviceId ?? null };
  const ticketFilter = `${q.agencyId === undefined ? '' : ' AND s.agency_id = @agency'}${q.serviceId === undefined ? '' : ' AND t.service_id = @service'}`;
  const groups = new Groups();
  const key = (g: unknown): string => String(g);

  const g = groupSql(q.groupBy, 't.finished_at', TICKET_COLS);
  const outcomes = db.prepare(
    `SELECT ${g} AS g,
       SUM(t.status = 'done' AND COALESCE(t.outcome, 'served') = 'served') AS served, SUM(t.status = 'done' AND t.outcome = 'pending') AS pending,
       SUM(t.status = 'transferred') AS transferred, SUM(t.called_at IS NOT NULL) AS wait_n, SUM(${WAIT}) AS wait_ms,
       SUM(${WAIT} <= MIN(s.target_wait_minutes, 720) * 60000) AS within,
       SUM(t.started_at IS NOT NULL) AS service_n, SUM(t.finished_at - t.started_at) AS service_ms
     ${ENDED}${ticketFilter} GROUP BY g`,
  );
  type Outcome = { g: unknown; served: number; pending: number; transferred: number; wait_n: number; wait_ms: number | null; within: number | null; service_n: number; service_ms: number | null };
  for (const r of outcomes.all(params) as Outcome[]) {
    const s = groups.get(key(r.g));
    s.served += r.served;
    s.pending += r.pending;
    s.transferred += r.transferred;
    s.waitN += r.wait_n;
    s.waitMs += r.wait_ms ?? 0;
    s.within += r.within ?? 0;
    s.serviceN += r.service_n;
    s.serviceMs += r.service_ms ?? 0;
  }
  const hist = (duration: string, present: string, target: 'wait' | 'service'): void => {
    const rows = db
      .prepare(`SELECT ${g} AS g, ${bucketSql(duration)} AS b, COUNT(*) AS n ${ENDED}${ticketFilter} AND ${present} IS NOT NULL GROUP BY g, b`)
      .all(params) as { g: unknown; b: number; n: number }[];
    for (const r of rows) groups.get(key(r.g))[target].add(r.b, r.n);
  };
  hist(WAIT, 't.called_at', 'wait');
  hist('t.finished_at - t.started_at', 't.started_at', 'service');

  const noShowG = groupSql(q.groupBy, 'l.at', { ...TICKET_COLS, counter: "COALESCE(l.counter_id, '')", officer: "COALESCE(l.actor_id, '')" });
  const noShows = db
    .prepare(
      `SELECT ${noShowG} AS g, COUNT(*) AS n FROM ticket_log l JOIN tickets t ON t.id = l.ticket_id JOIN services s ON s.id = t.service_id
       WHERE l.action = 'ticket.no_show' AND l.at >= @start AND l.at < @end${ticketFilter} GROUP BY g`,
    )
    .all(params) as { g: unknown; n: number }[];
  for (const r of noShows) groups.get(key(r.g)).noShow += r.n;

  if (q.serviceId === undefined && q.groupBy !== 'service') collectTime(db, q, params, groups);
  return { groups, heat: heatNaive(db, q, params, ticketFilter) };
}

function collectTime(db: Database, q: Filters, params: Record<string, unknown>, groups: Groups): void {
  const split = q.groupBy === 'day' || q.groupBy === 'hour';
  const cols = { counter: 'x.counter_id', officer: 'x.officer_id', service: "''", agency: "COALESCE(c.agency_id, '')" };
  const agencyFilter = q.agencyId === undefined ? '' : ' WHERE c.agency_id = @agency';
  const source = split ? `WITH RECURSIVE ${INTERVALS}${PIECES}` : `WITH ${INTERVALS}`;
  const rows = db
    .prepare(
      `${source}
       SELECT ${groupSql(q.groupBy, 'x.s', cols)} AS g, x.kind, SUM(${split ? 'x.pe' : 'x.e'} - x.s) AS ms
       FROM ${split ? 'pieces' : 'cl'} x LEFT JOIN counters c ON c.id = x.counter_id${agencyFilter}
       GROUP BY g, x.kind`,
    )
    .all(params) as { g: unknown; kind: 'busy' | 'session' | PauseReason; ms: number }[];
  for (const r of rows) {
    const s = groups.get(String(r.g));
    if (r.kind === 'busy') s.busyMs += r.ms;
    else if (r.kind === 'session') s.signedInMs += r.ms;
    else s.pauseMs[r.kind] += r.ms;
  }
}

function heatNaive(db: Database, q: Filters, params: Record<string, unknown>, ticketFilter: string): Map<string, number[]> {
  const heat = new Map<string, number[]>();
  const rows = db
    .prepare(
      `SELECT date((t.issued_at + @off) / 1000, 'unixepoch') AS day, ((t.issued_at + @off) / ${HOUR}) % 24 AS hour, COUNT(*) AS n
       FROM tickets t JOIN services s ON s.id = t.service_id
       WHERE t.transferred_from IS NULL AND t.issued_at >= @start AND t.issued_at < @end${ticketFilter}
       GROUP BY day, hour`,
    )
    .all(params) as { day: string; hour: number; n: number }[];
  for (const r of rows) {
    let hours = heat.get(r.day);
    if (hours === undefined) heat.set(r.day, (hours = new Array<number>(24).fill(0)));
    (hours[r.hour] as number) += r.n;
  }
  return heat;
}

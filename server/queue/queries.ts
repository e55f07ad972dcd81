import type { QueueSnapshot, RecentCall, TrackResponse, WaitingEntry } from '../../core/api.ts';
import type { Channel, PriorityClass, QueuePolicy } from '../../core/domain.ts';
import { compareArrival, orderWaiting, positionInLine, type LineCounts, type QueueCandidate } from '../../core/queue-order.ts';
import { serviceDay } from '../../core/service-day.ts';
import type { QueueTx } from './context.ts';
import { hallSettings, serviceInfo } from './hall.ts';
import { TICKET_SELECT, type TicketRow } from './rows.ts';
import { isTrackingCode } from './tracking-code.ts';

/** A waiting ticket as the queue order sees it, with what the queue view shows besides. */
export interface WaitingTicket extends QueueCandidate {
  number: string;
  channel: Channel;
}

/** The columns of a waiting ticket, read as arrays (`raw`): queues can be long and objects cost. */
type WaitingRow = [
  id: string,
  serviceId: string,
  priority: PriorityClass,
  queuedAt: number,
  targetCounterId: string | null,
  number: string,
  channel: Channel,
];

const WAITING_COLUMNS = 'id, service_id, priority, queued_at, target_counter_id, number, channel';
/** The `tickets_waiting` index order: each class of each service comes out already in arrival order. */
const WAITING_ORDER = 'service_id, priority, queued_at, seq_no, number, id';

const toWaiting = ([id, serviceId, priority, queuedAt, targetCounterId, number, channel]: WaitingRow): WaitingTicket => ({
  id,
  serviceId,
  priority,
  queuedAt,
  targetCounterId,
  number,
  channel,
});

function readWaiting(tx: QueueTx, where: string, ...params: (string | number)[]): WaitingTicket[] {
  const stmt = tx.sql(`SELECT ${WAITING_COLUMNS} FROM tickets WHERE status = 'waiting' ${where} ORDER BY ${WAITING_ORDER}`);
  return (stmt.raw(true).all(...params) as WaitingRow[]).map(toWaiting);
}

/** Every waiting ticket of the hall. */
export function allWaiting(tx: QueueTx): WaitingTicket[] {
  return readWaiting(tx, '');
}

/** Every waiting ticket of one service. */
export function waitingInService(tx: QueueTx, serviceId: string): WaitingTicket[] {
  return readWaiting(tx, 'AND service_id = ?', serviceId);
}

/** Tickets transferred to this counter and waiting for it. */
export function waitingForCounter(tx: QueueTx, counterId: string): WaitingTicket[] {
  return readWaiting(tx, 'AND target_counter_id = ?', counterId);
}

/**
 * The first untargeted waiting ticket of a service and class in arrival order: all `pickNext`
 * needs from each line (the rest wait behind it), read from the `tickets_waiting` index.
 */
export function headOfLine(tx: QueueTx, serviceId: string, priority: PriorityClass): WaitingTicket | undefined {
  const row = tx
    .sql(
      `SELECT ${WAITING_COLUMNS} FROM tickets
       WHERE status = 'waiting' AND service_id = ? AND priority = ? AND target_counter_id IS NULL
       ORDER BY queued_at, seq_no, number, id LIMIT 1`,
    )
    .raw(true)
    .get(serviceId, priority) as WaitingRow | undefined;
  return row === undefined ? undefined : toWaiting(row);
}

/**
 * `headOfLine` for each class (normal, then priority) of each service, in one statement: the heads
 * that exist, in that order.
 */
export function headsOfLines(tx: QueueTx, serviceIds: readonly string[]): WaitingTicket[] {
  if (serviceIds.length === 0) return [];
  const params: string[] = [];
  for (const serviceId of serviceIds) params.push(serviceId, 'normal', serviceId, 'priority');
  // The same string each time: statements are cached by their text, and a long new one costs a hash.
  const source = tx.parsed.get('heads_sql', String(params.length), (n) => {
    const line = `SELECT * FROM (SELECT ${WAITING_COLUMNS} FROM tickets
       WHERE status = 'waiting' AND service_id = ? AND priority = ? AND target_counter_id IS NULL
       ORDER BY queued_at, seq_no, number, id LIMIT 1)`;
    return Array.from({ length: Number(n) / 2 }, () => line).join('\n       UNION ALL ');
  });
  const stmt = tx.sql(source);
  return (stmt.raw(true).all(...params) as WaitingRow[]).map(toWaiting);
}

/** How many tickets a counter called today, per service (its weighted fair share). */
export function calledToday(tx: QueueTx, counterId: string, day: string): Record<string, number> {
  const rows = tx
    .sql(
      `SELECT service_id, COUNT(*) AS n FROM tickets
       WHERE counter_id = ? AND service_day = ? AND called_at IS NOT NULL GROUP BY service_id`,
    )
    .raw(true)
    .all(counterId, day) as [serviceId: string, n: number][];
  return Object.fromEntries(rows);
}

const IN_LINE = `FROM tickets WHERE status = 'waiting' AND service_id = ?`;

/**
 * 1-based position of a waiting ticket within its service (as `orderWaiting` orders the line), or
 * null if it is not waiting there. Counted in the `tickets_waiting` index, not read ticket by ticket:
 * a kiosk asks this for every ticket it issues, and a morning line can be hundreds long.
 */
export function positionOf(tx: QueueTx, serviceId: string, ticketId: string, policy: QueuePolicy): number | null {
  const [ticket] = readWaiting(tx, 'AND service_id = ? AND id = ?', serviceId, ticketId);
  if (ticket === undefined) return null;
  const agedBefore = policy.agingMinutes === null ? -1 : tx.at - policy.agingMinutes * 60_000;
  const line = tx
    .sql(
      `SELECT COALESCE(SUM(target_counter_id IS NOT NULL), 0) AS targeted,
              COALESCE(SUM(target_counter_id IS NULL AND priority = 'normal'), 0) AS normals,
              COALESCE(SUM(target_counter_id IS NULL AND priority = 'priority'), 0) AS priorities,
              COALESCE(SUM(target_counter_id IS NULL AND priority = 'normal' AND queued_at <= ?), 0) AS agedNormals
       ${IN_LINE}`,
    )
    .get(agedBefore, serviceId) as LineCounts;
  const part = ticket.targetCounterId !== null ? 'targeted' : ticket.priority;
  const samePart = part === 'targeted' ? 'target_counter_id IS NOT NULL' : 'target_counter_id IS NULL AND priority = ?';
  const partParams = part === 'targeted' ? [] : [part];
  const earlier = tx.sql(`SELECT COUNT(*) ${IN_LINE} AND ${samePart} AND queued_at < ?`).pluck().get(serviceId, ...partParams, ticket.queuedAt) as number;
  // Tickets that arrived in the same millisecond (one group commit) are ordered by number, then id.
  const tied = readWaiting(tx, `AND service_id = ? AND ${samePart} AND queued_at = ?`, serviceId, ...partParams, ticket.queuedAt).filter(
    (t) => compareArrival(t, ticket) < 0,
  ).length;
  return positionInLine(line, part, earlier + tied, policy);
}

/** `GET /queue`: every waiting ticket with its position in its service. */
export function queueSnapshot(tx: QueueTx): QueueSnapshot {
  const { policy } = hallSettings(tx);
  const waiting: WaitingEntry[] = orderWaiting(allWaiting(tx), policy, tx.at).map((t) => ({
    ticketId: t.id,
    number: t.number,
    serviceId: t.serviceId,
    priority: t.priority,
    channel: t.channel,
    queuedAt: t.queuedAt,
    position: t.position,
    targetCounterId: t.targetCounterId,
  }));
  return { at: tx.at, waiting };
}

/** The latest calls, newest first (display boards). A ticket returned to the queue is no longer "called". */
export function recentCalls(tx: QueueTx, limit: number): RecentCall[] {
  const n = Math.max(0, Math.min(Math.trunc(limit), 200));
  const rows = tx
    .sql(
      `SELECT t.id, t.number, t.service_id, s.agency_id, t.counter_id, c.number AS counter_number, t.called_at, t.call_count
       FROM tickets t
       JOIN services s ON s.id = t.service_id
       JOIN counters c ON c.id = t.counter_id
       WHERE t.called_at IS NOT NULL AND t.call_count > 0
       ORDER BY t.called_at DESC, t.rowid DESC LIMIT ?`,
    )
    .all(n) as {
    id: string;
    number: string;
    service_id: string;
    agency_id: string;
    counter_id: string;
    counter_number: number;
    called_at: number;
    call_count: number;
  }[];
  return rows.map((r) => ({
    ticketId: r.id,
    number: r.number,
    serviceId: r.service_id,
    agencyId: r.agency_id,
    counterId: r.counter_id,
    counterNumber: r.counter_number,
    calledAt: r.called_at,
    callCount: r.call_count,
  }));
}

/** How many of a service's latest finished tickets today the estimated wait averages over. */
export const ESTIMATE_SAMPLE = 10;

/**
 * Estimated minutes until a waiting visitor is called: the average service time (finished −
 * started) of the service's latest finished tickets today × people ahead ÷ open counters serving
 * the service now. Null when it cannot be known (nothing finished today, no counter open).
 */
function estimatedWaitMinutes(tx: QueueTx, serviceId: string, day: string, peopleAhead: number): number | null {
  const avg = tx
    .sql(
      `SELECT AVG(finished_at - started_at) AS ms FROM (
         SELECT finished_at, started_at FROM tickets
         WHERE status = 'done' AND service_id = ? AND service_day = ? AND started_at IS NOT NULL
         ORDER BY finished_at DESC LIMIT ${ESTIMATE_SAMPLE})`,
    )
    .get(serviceId, day) as { ms: number | null };
  const open = tx
    .sql(
      `SELECT COUNT(*) AS n FROM counter_state cs, json_each(cs.service_ids) j
       WHERE cs.status = 'open' AND j.value = ?`,
    )
    .get(serviceId) as { n: number };
  if (avg.ms === null || open.n === 0) return null;
  return Math.round((avg.ms / 60_000) * (peopleAhead / open.n));
}

/**
 * What a visitor sees for a tracking code: the newest ticket carrying it (a transfer creates a new
 * ticket with the same code), people ahead and the estimated wait while it waits, the counter once
 * called. Null for a code no ticket carries.
 */
export function track(tx: QueueTx, code: string): TrackResponse | null {
  const normalized = code.trim().toUpperCase();
  if (!isTrackingCode(normalized)) return null;
  const chain = tx.sql(`${TICKET_SELECT} WHERE t.tracking_code = ? ORDER BY t.issued_at, t.rowid`).all(normalized) as TicketRow[];
  if (chain.length === 0) return null;
  // The live ticket of the chain: the one not transferred on (the newest if data is odd).
  const row = chain.filter((t) => t.status !== 'transferred').at(-1) ?? (chain.at(-1) as TicketRow);
  const first = chain[0] as TicketRow;
  const hall = hallSettings(tx);
  const service = serviceInfo(tx, row.service_id);
  let peopleAhead: number | null = null;
  let estimate: number | null = null;
  if (row.status === 'waiting') {
    const position = positionOf(tx, row.service_id, row.id, hall.policy);
    peopleAhead = position === null ? null : position - 1;
    if (peopleAhead !== null) estimate = estimatedWaitMinutes(tx, row.service_id, serviceDay(tx.at, hall.timeZone), peopleAhead);
  }
  return {
    number: row.number,
    status: row.status,
    serviceId: row.service_id,
    serviceName: service.name,
    agencyName: service.agencyName,
    peopleAhead,
    estimatedWaitMinutes: estimate,
    counterNumber: row.counter_number,
    issuedAt: first.issued_at,
  };
}

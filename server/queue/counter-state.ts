import { z } from 'zod';
import type { CounterState } from '../../core/api.ts';
import { LoketError } from '../../core/errors.ts';
import type { PauseReason } from '../../core/events.ts';
import type { CounterStreamEvent } from '../../core/stream.ts';
import type { QueueTx } from './context.ts';
import { serviceDay } from '../../core/service-day.ts';
import { activeService, configuredWeights, hallSettings, requireCounter, unknownCounter, type CounterInfo } from './hall.ts';
import { appendLog } from './ticket-log.ts';

/** One `counter_state` row: what a counter is doing now. A counter without a row is closed. */
export interface CounterStateRow {
  counter_id: string;
  status: CounterState['status'];
  pause_reason: PauseReason | null;
  officer_id: string | null;
  officer_name: string | null;
  service_ids: string;
  current_ticket_id: string | null;
  since: number;
  normals_since_priority: number;
}

const ServiceIdsSchema = z.array(z.string());

export function stateRow(tx: QueueTx, counterId: string): CounterStateRow | undefined {
  return tx.sql('SELECT * FROM counter_state WHERE counter_id = ?').get(counterId) as CounterStateRow | undefined;
}

/** The services a counter's session serves (shared: do not mutate). */
export function sessionServiceIds(tx: QueueTx, row: CounterStateRow | undefined): readonly string[] {
  return row === undefined ? [] : parseServiceIds(tx, row.service_ids);
}

function parseServiceIds(tx: QueueTx, text: string): readonly string[] {
  return tx.parsed.get('service_ids', text, (t) => ServiceIdsSchema.parse(JSON.parse(t)));
}

interface CounterViewRow {
  id: string;
  number: number;
  agency_id: string;
  status: CounterState['status'] | null;
  pause_reason: PauseReason | null;
  officer_id: string | null;
  officer_name: string | null;
  service_ids: string | null;
  since: number | null;
  ticket_id: string | null;
  ticket_number: string | null;
  ticket_status: NonNullable<CounterState['current']>['status'] | null;
}

const COUNTER_VIEW = `
  SELECT c.id, c.number, c.agency_id, cs.status, cs.pause_reason, cs.officer_id, cs.officer_name, cs.service_ids,
         cs.since, t.id AS ticket_id, t.number AS ticket_number, t.status AS ticket_status
  FROM counters c
  LEFT JOIN counter_state cs ON cs.counter_id = c.id
  LEFT JOIN tickets t ON t.id = cs.current_ticket_id`;

function toCounterState(tx: QueueTx, r: CounterViewRow): CounterState {
  return {
    counterId: r.id,
    number: r.number,
    agencyId: r.agency_id,
    status: r.status ?? 'closed',
    pauseReason: r.pause_reason,
    officer: r.officer_id === null ? null : { id: r.officer_id, name: r.officer_name ?? r.officer_id },
    serviceIds: r.service_ids === null ? [] : [...parseServiceIds(tx, r.service_ids)],
    current:
      r.ticket_id === null || r.ticket_number === null || r.ticket_status === null
        ? null
        : { ticketId: r.ticket_id, number: r.ticket_number, status: r.ticket_status },
    // A counter never opened has been idle "since ever".
    since: r.since ?? 0,
  };
}

/** What a counter is doing, as `GET /counters` and the live feed show it. */
export function counterState(tx: QueueTx, counterId: string): CounterState {
  const row = tx.sql(`${COUNTER_VIEW} WHERE c.id = ?`).get(counterId) as CounterViewRow | undefined;
  if (row === undefined) {
    // The view starts from `counters`: no row means no such counter, which requireCounter reports.
    requireCounter(tx, counterId);
    throw new Error(`counter ${counterId} has no state row`);
  }
  return toCounterState(tx, row);
}

/**
 * The same state as `counterState`, built from rows this transaction already holds: the counter,
 * its `counter_state` row as it now is, and the ticket that row's `current_ticket_id` names.
 */
function counterStateOf(
  tx: QueueTx,
  counter: CounterInfo,
  row: CounterStateRow | undefined,
  current: { id: string; number: string; status: NonNullable<CounterState['current']>['status'] } | null,
): CounterState {
  const held = row?.current_ticket_id ?? null;
  if (held !== null && (current === null || current.id !== held)) throw new Error(`counter ${counter.id} holds another ticket than expected`);
  return toCounterState(tx, {
    id: counter.id,
    number: counter.number,
    agency_id: counter.agencyId,
    status: row?.status ?? null,
    pause_reason: row?.pause_reason ?? null,
    officer_id: row?.officer_id ?? null,
    officer_name: row?.officer_name ?? null,
    service_ids: row?.service_ids ?? null,
    since: row?.since ?? null,
    ticket_id: held === null ? null : current?.id ?? null,
    ticket_number: held === null ? null : current?.number ?? null,
    ticket_status: held === null ? null : current?.status ?? null,
  });
}

/** Every counter of the hall, by number. */
export function allCounterStates(tx: QueueTx): CounterState[] {
  return (tx.sql(`${COUNTER_VIEW} ORDER BY c.number`).all() as CounterViewRow[]).map((r) => toCounterState(tx, r));
}

/** Logs a counter change and queues its feed message; returns the counter's new state. */
export function emitCounter(tx: QueueTx, event: CounterStreamEvent, counterId: string, actorId: string | null, detail?: Record<string, unknown>): CounterState {
  const state = counterState(tx, counterId);
  appendLog(tx, { ticketId: null, action: `counter.${event}`, counterId, actorId, leaseEpoch: null, detail: detail ?? {} });
  tx.emit({ type: 'counter', event, at: tx.at, counter: state });
  return state;
}

/** The feed message for a counter whose current ticket changed (not logged: the ticket's entry says it). */
export function emitCounterUpdate(tx: QueueTx, counterId: string): void {
  tx.emit({ type: 'counter', event: 'updated', at: tx.at, counter: counterState(tx, counterId) });
}

/** The counter's state row, or `counter_not_open` unless it is open (or paused, if allowed). */
export function requireOpen(tx: QueueTx, counter: CounterInfo, allowPaused: boolean): CounterStateRow {
  return checkOpen(counter, stateRow(tx, counter.id), allowPaused);
}

/**
 * `requireCounter` then `requireOpen`, in one read: the counter (`unknown_counter`), and its state
 * row unless it is closed (or paused, if not allowed): `counter_not_open`.
 */
export function requireOpenCounter(tx: QueueTx, counterId: string, allowPaused: boolean): { counter: CounterInfo; state: CounterStateRow } {
  const row = tx
    .sql(
      `SELECT c.id AS c_id, c.number AS c_number, c.agency_id AS c_agency_id, cs.*
       FROM counters c LEFT JOIN counter_state cs ON cs.counter_id = c.id WHERE c.id = ?`,
    )
    .get(counterId) as (Omit<CounterStateRow, 'counter_id'> & { counter_id: string | null; c_id: string; c_number: number; c_agency_id: string }) | undefined;
  if (row === undefined) throw unknownCounter(counterId);
  const counter: CounterInfo = { id: row.c_id, number: row.c_number, agencyId: row.c_agency_id };
  const state: CounterStateRow | undefined =
    row.counter_id === null
      ? undefined
      : {
          counter_id: row.counter_id,
          status: row.status,
          pause_reason: row.pause_reason,
          officer_id: row.officer_id,
          officer_name: row.officer_name,
          service_ids: row.service_ids,
          current_ticket_id: row.current_ticket_id,
          since: row.since,
          normals_since_priority: row.normals_since_priority,
        };
  return { counter, state: checkOpen(counter, state, allowPaused) };
}

function checkOpen(counter: CounterInfo, row: CounterStateRow | undefined, allowPaused: boolean): CounterStateRow {
  if (row === undefined || row.status === 'closed') {
    throw new LoketError('counter_not_open', `Counter ${counter.number} is closed. Open it (sign in and choose services) first.`, 'counterId');
  }
  if (row.status === 'paused' && !allowPaused) {
    throw new LoketError(
      'counter_not_open',
      `Counter ${counter.number} is paused (${row.pause_reason ?? 'other'}). Resume it before calling the next visitor.`,
      'counterId',
    );
  }
  return row;
}

/** Sets or clears the ticket a counter holds; `since` moves with it. Returns the row as it now is. */
export function setCurrentTicket(tx: QueueTx, counterId: string, ticketId: string | null, normalsSincePriority?: number): CounterStateRow | undefined {
  return tx
    .sql(
      `UPDATE counter_state SET current_ticket_id = ?, since = ?,
         normals_since_priority = COALESCE(?, normals_since_priority)
       WHERE counter_id = ? RETURNING *`,
    )
    .get(ticketId, tx.at, normalsSincePriority ?? null, counterId) as CounterStateRow | undefined;
}

/**
 * The counter is done with `ticketId`: it holds nothing now, if that ticket is what it held (a
 * replicated walk-in may have taken the place of a call whose answer the counter never got, and
 * finishing the walk-in must not make the hall forget that call), and the feed hears the counter.
 */
export function releaseTicket(tx: QueueTx, counter: CounterInfo, ticketId: string): void {
  const row = clearCurrentTicket(tx, counter.id, ticketId);
  if (row === undefined || row.current_ticket_id !== null) emitCounterUpdate(tx, counter.id);
  else emitCounterUpdateFrom(tx, counter, row, null);
}

/**
 * `releaseTicket` without the feed message: the counter's row, or undefined when it held another
 * ticket. A visitor still called or served at this counter today (a call whose answer the counter
 * got late, after a walk-in took the counter) becomes what it holds again, else nothing.
 */
export function clearCurrentTicket(tx: QueueTx, counterId: string, ticketId: string): CounterStateRow | undefined {
  const day = serviceDay(tx.at, hallSettings(tx).timeZone);
  return tx
    .sql(
      `UPDATE counter_state SET since = @at, current_ticket_id = (
         SELECT t.id FROM tickets t INDEXED BY tickets_held
          WHERE t.counter_id = @counterId AND t.service_day = @day AND t.status IN ('called', 'serving') AND t.id <> @ticketId
          ORDER BY t.called_at DESC LIMIT 1)
       WHERE counter_id = @counterId AND current_ticket_id = @ticketId RETURNING *`,
    )
    .get({ at: tx.at, counterId, ticketId, day }) as CounterStateRow | undefined;
}

/**
 * The feed message `emitCounterUpdate` would queue, built from rows in hand: `row` is the counter's
 * `counter_state` row as it now is (from `setCurrentTicket`), `ticket` the ticket it now holds.
 */
export function emitCounterUpdateFrom(
  tx: QueueTx,
  counter: CounterInfo,
  row: CounterStateRow | undefined,
  ticket: { id: string; number: string; status: NonNullable<CounterState['current']>['status'] } | null,
): void {
  tx.emit({ type: 'counter', event: 'updated', at: tx.at, counter: counterStateOf(tx, counter, row, ticket) });
}

/**
 * Opens a counter for an officer with the services they serve now (a subset of the counter's
 * configured ones). On a counter already open or paused it changes officer and services in place
 * (status, pause and the ticket in hand stay).
 */
export function openCounter(tx: QueueTx, counterId: string, officer: { id: string; name: string }, serviceIds: readonly string[]): CounterState {
  const counter = requireCounter(tx, counterId);
  if (serviceIds.length === 0) {
    throw new LoketError('invalid_request', `Choose at least one service to open counter ${counter.number}.`, 'serviceIds');
  }
  const configured = configuredWeights(tx, counterId);
  const chosen = [...new Set(serviceIds)];
  chosen.forEach((serviceId, i) => {
    const service = activeService(tx, serviceId, `serviceIds.${i}`);
    if (!Object.hasOwn(configured, serviceId)) {
      const list = Object.keys(configured).join(', ') || 'none';
      throw new LoketError(
        'unknown_service',
        `Counter ${counter.number} does not serve ${service.name}; it is set up for: ${list}. Choose among those.`,
        `serviceIds.${i}`,
      );
    }
  });
  const before = stateRow(tx, counterId);
  const ids = JSON.stringify(chosen);
  if (before === undefined || before.status === 'closed') {
    tx.sql(
      `INSERT INTO counter_state (counter_id, status, pause_reason, officer_id, officer_name, service_ids, current_ticket_id, since, normals_since_priority)
       VALUES (@counterId, 'open', NULL, @officerId, @officerName, @ids, NULL, @at, 0)
       ON CONFLICT (counter_id) DO UPDATE SET status = 'open', pause_reason = NULL, officer_id = excluded.officer_id,
         officer_name = excluded.officer_name, service_ids = excluded.service_ids, since = excluded.since,
         normals_since_priority = 0`,
    ).run({ counterId, officerId: officer.id, officerName: officer.name, ids, at: tx.at });
    return emitCounter(tx, 'opened', counterId, officer.id, { serviceIds: chosen });
  }
  tx.sql('UPDATE counter_state SET officer_id = ?, officer_name = ?, service_ids = ? WHERE counter_id = ?').run(
    officer.id,
    officer.name,
    ids,
    counterId,
  );
  return emitCounter(tx, 'updated', counterId, officer.id, { serviceIds: chosen });
}

/** Pauses an open counter (break, prayer…); it keeps any ticket in hand but calls no one. */
export function pauseCounter(tx: QueueTx, counterId: string, reason: PauseReason): CounterState {
  const counter = requireCounter(tx, counterId);
  const row = requireOpen(tx, counter, true);
  if (row.status === 'paused' && row.pause_reason === reason) return counterState(tx, counterId);
  tx.sql(`UPDATE counter_state SET status = 'paused', pause_reason = ?, since = ? WHERE counter_id = ?`).run(reason, tx.at, counterId);
  return emitCounter(tx, 'paused', counterId, row.officer_id, { reason });
}

/** Resumes a paused counter; resuming an open one changes nothing. */
export function resumeCounter(tx: QueueTx, counterId: string): CounterState {
  const counter = requireCounter(tx, counterId);
  const row = requireOpen(tx, counter, true);
  if (row.status === 'open') return counterState(tx, counterId);
  tx.sql(`UPDATE counter_state SET status = 'open', pause_reason = NULL, since = ? WHERE counter_id = ?`).run(tx.at, counterId);
  return emitCounter(tx, 'resumed', counterId, row.officer_id);
}

/** Closes a counter; refused while it holds a ticket. Closing a closed counter changes nothing. */
export function closeCounter(tx: QueueTx, counterId: string): CounterState {
  const counter = requireCounter(tx, counterId);
  const row = stateRow(tx, counterId);
  if (row === undefined || row.status === 'closed') return counterState(tx, counterId);
  refuseIfBusy(tx, counter, row, 'closing');
  tx.sql(
    `UPDATE counter_state SET status = 'closed', pause_reason = NULL, officer_id = NULL, officer_name = NULL,
       service_ids = '[]', since = ?, normals_since_priority = 0
     WHERE counter_id = ?`,
  ).run(tx.at, counterId);
  return emitCounter(tx, 'closed', counterId, row.officer_id);
}

/** `counter_busy` naming the ticket in hand, if the counter holds one. */
export function refuseIfBusy(tx: QueueTx, counter: CounterInfo, row: CounterStateRow, doing: string): void {
  if (row.current_ticket_id === null) return;
  const held = tx.sql('SELECT number, status FROM tickets WHERE id = ?').get(row.current_ticket_id) as
    | { number: string; status: string }
    | undefined;
  const what = held === undefined ? 'a ticket' : `${held.number} (${held.status.replace('_', '-')})`;
  throw new LoketError(
    'counter_busy',
    `Counter ${counter.number} still holds ${what}. Finish, transfer, return it to the queue or mark it no-show before ${doing}.`,
    'counterId',
  );
}

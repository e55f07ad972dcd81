import { z } from 'zod';
import type { CounterState } from '../../core/api.ts';
import { LoketError } from '../../core/errors.ts';
import type { PauseReason } from '../../core/events.ts';
import type { CounterStreamEvent } from '../../core/stream.ts';
import type { QueueTx } from './context.ts';
import { activeService, configuredWeights, requireCounter, type CounterInfo } from './hall.ts';
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

export function sessionServiceIds(row: CounterStateRow | undefined): string[] {
  return row === undefined ? [] : ServiceIdsSchema.parse(JSON.parse(row.service_ids));
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

function toCounterState(r: CounterViewRow): CounterState {
  return {
    counterId: r.id,
    number: r.number,
    agencyId: r.agency_id,
    status: r.status ?? 'closed',
    pauseReason: r.pause_reason,
    officer: r.officer_id === null ? null : { id: r.officer_id, name: r.officer_name ?? r.officer_id },
    serviceIds: r.service_ids === null ? [] : ServiceIdsSchema.parse(JSON.parse(r.service_ids)),
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
  return toCounterState(row);
}

/** Every counter of the hall, by number. */
export function allCounterStates(tx: QueueTx): CounterState[] {
  return (tx.sql(`${COUNTER_VIEW} ORDER BY c.number`).all() as CounterViewRow[]).map(toCounterState);
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
  const row = stateRow(tx, counter.id);
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

/** Sets or clears the ticket a counter holds; `since` moves with it. */
export function setCurrentTicket(tx: QueueTx, counterId: string, ticketId: string | null, normalsSincePriority?: number): void {
  tx.sql(
    `UPDATE counter_state SET current_ticket_id = ?, since = ?,
       normals_since_priority = COALESCE(?, normals_since_priority)
     WHERE counter_id = ?`,
  ).run(ticketId, tx.at, normalsSincePriority ?? null, counterId);
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

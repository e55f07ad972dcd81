import type { CallNextResponse } from '../../core/api.ts';
import { LoketError } from '../../core/errors.ts';
import { pickNext } from '../../core/queue-order.ts';
import { serviceDay } from '../../core/service-day.ts';
import { transition } from '../../core/ticket-state.ts';
import type { QueueTx } from './context.ts';
import {
  emitCounterUpdateFrom,
  refuseIfBusy,
  requireOpen,
  requireOpenCounter,
  sessionServiceIds,
  setCurrentTicket,
  type CounterStateRow,
} from './counter-state.ts';
import { configuredWeights, hallSettings, requireCounter, serviceInfo, type CounterInfo } from './hall.ts';
import { nextLeaseEpoch } from './lease.ts';
import { calledToday, headsOfLines, waitingForCounter, type WaitingTicket } from './queries.ts';
import { emitTicketRow, requireTicket, toTicket, type TicketRow } from './rows.ts';
import { appendLog } from './ticket-log.ts';

/** The services the counter serves in this session (chosen at opening, still configured and in use), with weights. */
function sessionWeights(tx: QueueTx, counterId: string, state: CounterStateRow): Record<string, number> {
  const configured = configuredWeights(tx, counterId);
  const chosen = new Set(sessionServiceIds(tx, state));
  return Object.fromEntries(Object.entries(configured).filter(([serviceId]) => chosen.has(serviceId)));
}

/** An open counter that holds no ticket: the only kind that may call. */
function readyToCall(tx: QueueTx, counterId: string): { counter: CounterInfo; state: CounterStateRow } {
  const { counter, state } = requireOpenCounter(tx, counterId, false);
  refuseIfBusy(tx, counter, state, 'calling another visitor');
  return { counter, state };
}

/** What marking a ticket called needs to know of it beforehand. */
type CallableTicket = Pick<TicketRow, 'id' | 'status' | 'priority' | 'service_id' | 'number'>;

/** Marks a waiting ticket called by this counter under a fresh lease epoch. */
function markCalled(tx: QueueTx, counter: CounterInfo, state: CounterStateRow, ticket: CallableTicket, officerId: string): CallNextResponse {
  const status = transition(ticket.status, 'call');
  const leaseEpoch = nextLeaseEpoch(tx);
  // The row as `requireTicket` would now read it: the updated ticket, its service's agency, this counter's number.
  const updated = tx
    .sql(
      `UPDATE tickets SET status = ?, called_at = ?, counter_id = ?, officer_id = ?, call_count = 1, lease_epoch = ?
       WHERE id = ?
       RETURNING *, (SELECT s.agency_id FROM services s WHERE s.id = tickets.service_id) AS agency_id`,
    )
    .get(status, tx.at, counter.id, officerId, leaseEpoch, ticket.id) as (Omit<TicketRow, 'agency_id' | 'counter_number'> & { agency_id: string | null }) | undefined;
  if (updated === undefined || updated.agency_id === null) {
    throw new LoketError('not_found', `There is no ticket with id ${ticket.id}. Refresh the queue and choose again.`, 'ticketId');
  }
  const row: TicketRow = { ...updated, agency_id: updated.agency_id, counter_number: counter.number };
  const normals = ticket.priority === 'priority' ? 0 : state.normals_since_priority + 1;
  const counterRow = setCurrentTicket(tx, counter.id, row.id, normals);
  appendLog(tx, {
    ticketId: row.id,
    action: 'ticket.called',
    counterId: counter.id,
    actorId: officerId,
    leaseEpoch,
    detail: { serviceId: ticket.service_id, number: ticket.number },
  });
  emitTicketRow(tx, 'called', row);
  emitCounterUpdateFrom(tx, counter, counterRow, row);
  return { ticket: toTicket(row), leaseEpoch };
}

/**
 * Assignment (DESIGN.md §5): picks the ticket this counter should call (core/queue-order.ts) and
 * marks it called, in the caller's immediate transaction, so no two counters get one ticket.
 * Null when nobody waits for this counter.
 */
export function callNext(tx: QueueTx, counterId: string, officerId: string): CallNextResponse | null {
  const { counter, state } = readyToCall(tx, counterId);
  const hall = hallSettings(tx);
  const weights = sessionWeights(tx, counterId, state);
  const candidates: WaitingTicket[] = waitingForCounter(tx, counterId);
  for (const head of headsOfLines(tx, Object.keys(weights))) candidates.push(head);
  const pick = pickNext(candidates, {
    counterId,
    weights,
    calledToday: calledToday(tx, counterId, serviceDay(tx.at, hall.timeZone)),
    normalsSincePriority: state.normals_since_priority,
    policy: hall.policy,
    now: tx.at,
  });
  if (pick === null) return null;
  // Every candidate was read waiting in this transaction.
  return markCalled(tx, counter, state, { id: pick.id, status: 'waiting', priority: pick.priority, service_id: pick.serviceId, number: pick.number }, officerId);
}

/**
 * An officer calls one particular waiting ticket of a service the counter serves now (or one
 * transferred to it). The ticket's state is checked before the counter's, so calling a ticket that
 * is not waiting is always an IllegalTransitionError, whichever counter tries.
 */
export function callTicket(tx: QueueTx, counterId: string, officerId: string, ticketId: string): CallNextResponse {
  const counter = requireCounter(tx, counterId);
  const row = requireTicket(tx, ticketId);
  transition(row.status, 'call');
  const state = requireOpen(tx, counter, false);
  refuseIfBusy(tx, counter, state, 'calling another visitor');
  if (row.target_counter_id !== null && row.target_counter_id !== counterId) {
    const target = requireCounter(tx, row.target_counter_id);
    throw new LoketError(
      'not_your_ticket',
      `Ticket ${row.number} was transferred to counter ${target.number}; only that counter calls it.`,
      'ticketId',
    );
  }
  if (row.target_counter_id === null && !Object.hasOwn(sessionWeights(tx, counterId, state), row.service_id)) {
    const service = serviceInfo(tx, row.service_id);
    throw new LoketError(
      'not_your_ticket',
      `Ticket ${row.number} is for ${service.name}, which counter ${counter.number} does not serve now. Open the counter with that service to call it.`,
      'ticketId',
    );
  }
  return markCalled(tx, counter, state, row, officerId);
}

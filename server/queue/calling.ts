import type { CallNextResponse } from '../../core/api.ts';
import { LoketError } from '../../core/errors.ts';
import { pickNext } from '../../core/queue-order.ts';
import { serviceDay } from '../../core/service-day.ts';
import { transition } from '../../core/ticket-state.ts';
import type { QueueTx } from './context.ts';
import { emitCounterUpdate, refuseIfBusy, requireOpen, sessionServiceIds, setCurrentTicket, type CounterStateRow } from './counter-state.ts';
import { configuredWeights, hallSettings, requireCounter, serviceInfo, type CounterInfo } from './hall.ts';
import { nextLeaseEpoch } from './lease.ts';
import { calledToday, headOfLine, waitingForCounter, type WaitingTicket } from './queries.ts';
import { emitTicket, requireTicket, toTicket, type TicketRow } from './rows.ts';
import { appendLog } from './ticket-log.ts';

/** The services the counter serves in this session (chosen at opening, still configured and in use), with weights. */
function sessionWeights(tx: QueueTx, counterId: string, state: CounterStateRow): Record<string, number> {
  const configured = configuredWeights(tx, counterId);
  const chosen = new Set(sessionServiceIds(state));
  return Object.fromEntries(Object.entries(configured).filter(([serviceId]) => chosen.has(serviceId)));
}

/** An open counter that holds no ticket: the only kind that may call. */
function readyToCall(tx: QueueTx, counterId: string): { counter: CounterInfo; state: CounterStateRow } {
  const counter = requireCounter(tx, counterId);
  const state = requireOpen(tx, counter, false);
  refuseIfBusy(tx, counter, state, 'calling another visitor');
  return { counter, state };
}

/** Marks a waiting ticket called by this counter under a fresh lease epoch. */
function markCalled(tx: QueueTx, counter: CounterInfo, state: CounterStateRow, row: TicketRow, officerId: string): CallNextResponse {
  const status = transition(row.status, 'call');
  const leaseEpoch = nextLeaseEpoch(tx);
  tx.sql(
    `UPDATE tickets SET status = ?, called_at = ?, counter_id = ?, officer_id = ?, call_count = 1, lease_epoch = ?
     WHERE id = ?`,
  ).run(status, tx.at, counter.id, officerId, leaseEpoch, row.id);
  const normals = row.priority === 'priority' ? 0 : state.normals_since_priority + 1;
  setCurrentTicket(tx, counter.id, row.id, normals);
  appendLog(tx, {
    ticketId: row.id,
    action: 'ticket.called',
    counterId: counter.id,
    actorId: officerId,
    leaseEpoch,
    detail: { serviceId: row.service_id, number: row.number },
  });
  const called = emitTicket(tx, 'called', row.id);
  emitCounterUpdate(tx, counter.id);
  return { ticket: toTicket(called), leaseEpoch };
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
  for (const serviceId of Object.keys(weights)) {
    for (const priority of ['normal', 'priority'] as const) {
      const head = headOfLine(tx, serviceId, priority);
      if (head !== undefined) candidates.push(head);
    }
  }
  const pick = pickNext(candidates, {
    counterId,
    weights,
    calledToday: calledToday(tx, counterId, serviceDay(tx.at, hall.timeZone)),
    normalsSincePriority: state.normals_since_priority,
    policy: hall.policy,
    now: tx.at,
  });
  if (pick === null) return null;
  return markCalled(tx, counter, state, requireTicket(tx, pick.id), officerId);
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

import type { EventData, EventType } from '../../core/events.ts';
import { LoketError } from '../../core/errors.ts';
import { serviceDay } from '../../core/service-day.ts';
import { IllegalTransitionError } from '../../core/ticket-state.ts';
import type { QueueTx } from '../queue/context.ts';
import * as counters from '../queue/counter-state.ts';
import { activeService, hallSettings, requireCounter } from '../queue/hall.ts';
import { nextLeaseEpoch } from '../queue/lease.ts';
import { emitTicket, findTicket, type TicketRow } from '../queue/rows.ts';
import * as actions from '../queue/ticket-actions.ts';
import { appendLog } from '../queue/ticket-log.ts';
import type { IncomingEvent } from './validate-push.ts';

/** What applying one replicated event did to the live queue. */
export type ApplyOutcome = { outcome: 'applied' } | { outcome: 'stale' | 'refused'; code: string; problem: string };

const applied: ApplyOutcome = { outcome: 'applied' };

function officerOf(tx: QueueTx, officerId: string | null): { id: string; name: string } {
  if (officerId === null) throw new LoketError('invalid_event', 'Opening a counter needs the officer who opened it.', 'officerId');
  const row = tx.sql('SELECT name FROM users WHERE id = ?').get(officerId) as { name: string } | undefined;
  return { id: officerId, name: row?.name ?? officerId };
}

/**
 * The lease an action on a ticket is checked against: the event's own, or, for a walk-in the
 * counter served (the ledger records its actions without one), the lease its arrival was given.
 */
function leaseOf(row: TicketRow | undefined, e: IncomingEvent): number {
  if (e.leaseEpoch !== null) return e.leaseEpoch;
  if (row !== undefined && row.channel === 'counter' && row.counter_id === e.counterId && row.lease_epoch !== null) return row.lease_epoch;
  throw new LoketError('stale_lease', 'The event carries no lease epoch, and the ticket is not a walk-in of this counter.', 'leaseEpoch');
}

/**
 * When the event happened, in server time: the counter's estimate of the server clock, never after
 * the server's "now" (a counter clock that runs ahead cannot put events in the future) and never
 * before the ticket's last recorded moment (durations stay non-negative).
 */
function eventTime(tx: QueueTx, e: IncomingEvent, row: TicketRow | undefined): number {
  const floor = row === undefined ? 0 : Math.max(row.issued_at, row.called_at ?? 0, row.started_at ?? 0);
  return Math.min(tx.at, Math.max(e.serverAt, floor));
}

/** A walk-in served at the counter without a queue ticket: a ticket of channel `counter`, in service from the start. */
function walkIn(tx: QueueTx, e: IncomingEvent & { ticketId: string }, data: EventData<'walkin.served'>): void {
  const counter = requireCounter(tx, e.counterId);
  activeService(tx, data.serviceId, 'data.serviceId');
  const day = serviceDay(tx.at, hallSettings(tx).timeZone);
  const taken = tx.sql(`SELECT 1 FROM tickets WHERE counter_id = ? AND service_day = ? AND number = ? AND channel = 'counter' AND transferred_from IS NULL`).get(counter.id, day, data.number);
  if (taken !== undefined) {
    throw new LoketError('duplicate_number', `Walk-in number ${data.number} was already given today at counter ${counter.number}.`, 'data.number');
  }
  const leaseEpoch = nextLeaseEpoch(tx);
  tx.sql(
    `INSERT INTO tickets (id, service_id, number, seq_no, service_day, channel, priority, tracking_code, status,
                          queued_at, issued_at, called_at, started_at, counter_id, officer_id, call_count, lease_epoch)
     VALUES (?, ?, ?, 1, ?, 'counter', 'normal', '', 'serving', ?, ?, ?, ?, ?, ?, 0, ?)`,
  ).run(e.ticketId, data.serviceId, data.number, day, tx.at, tx.at, tx.at, tx.at, counter.id, e.officerId, leaseEpoch);
  const state = counters.stateRow(tx, counter.id);
  // The walk-in is what the counter serves now. A call it never heard the answer to may still be
  // held here; the counter returns that visitor to the queue once the call settles (main/sync/delivery.ts).
  if (state !== undefined && state.status !== 'closed') counters.setCurrentTicket(tx, counter.id, e.ticketId);
  appendLog(tx, {
    ticketId: e.ticketId,
    action: 'ticket.issued',
    counterId: counter.id,
    actorId: e.officerId,
    leaseEpoch,
    detail: { walkIn: true, number: data.number, channel: 'counter', priority: 'normal' },
  });
  appendLog(tx, { ticketId: e.ticketId, action: 'ticket.started', counterId: counter.id, actorId: e.officerId, leaseEpoch });
  emitTicket(tx, 'started', e.ticketId);
  counters.emitCounterUpdate(tx, counter.id);
}

/** `ticket.called` was done by the synchronous call: it applies if this counter still holds the ticket under that lease. */
function confirmCall(row: TicketRow | undefined, e: IncomingEvent): ApplyOutcome {
  if (row !== undefined && row.counter_id === e.counterId && row.lease_epoch === e.leaseEpoch) return applied;
  if (row !== undefined && e.leaseEpoch !== null && row.lease_epoch !== null && row.lease_epoch > e.leaseEpoch) {
    return { outcome: 'stale', code: 'stale_lease', problem: `Ticket ${row.number} was called again (lease ${row.lease_epoch}) after this call.` };
  }
  return { outcome: 'refused', code: 'not_your_ticket', problem: 'The hall server has no call of this ticket by this counter under that lease.' };
}

function run(tx: QueueTx, e: IncomingEvent): ApplyOutcome {
  const data = e.data as EventData<EventType>;
  const row = e.ticketId === null ? undefined : findTicket(tx, e.ticketId);
  const at: QueueTx = { ...tx, at: eventTime(tx, e, row) };
  const ticketId = e.ticketId ?? '';
  switch (e.type) {
    case 'session.opened':
      counters.openCounter(at, e.counterId, officerOf(tx, e.officerId), (data as EventData<'session.opened'>).serviceIds);
      return applied;
    case 'session.closed':
      counters.closeCounter(at, e.counterId);
      return applied;
    case 'counter.paused':
      counters.pauseCounter(at, e.counterId, (data as EventData<'counter.paused'>).reason);
      return applied;
    case 'counter.resumed':
      counters.resumeCounter(at, e.counterId);
      return applied;
    case 'ticket.called':
      return confirmCall(row, e);
    case 'walkin.served':
      if (row !== undefined) return { outcome: 'refused', code: 'duplicate_ticket', problem: `The hall already has a ticket with id ${ticketId}.` };
      walkIn(at, { ...e, ticketId }, data as EventData<'walkin.served'>);
      return applied;
    case 'ticket.recalled':
      actions.recall(at, ticketId, e.counterId, leaseOf(row, e));
      return applied;
    case 'ticket.started':
      actions.start(at, ticketId, e.counterId, leaseOf(row, e));
      return applied;
    case 'ticket.finished': {
      const d = data as EventData<'ticket.finished'>;
      actions.finish(at, ticketId, e.counterId, leaseOf(row, e), d.outcome, d.note);
      return applied;
    }
    case 'ticket.no_show':
      actions.noShow(at, ticketId, e.counterId, leaseOf(row, e));
      return applied;
    case 'ticket.returned':
      actions.returnToQueue(at, ticketId, e.counterId, leaseOf(row, e));
      return applied;
    case 'ticket.transferred': {
      const d = data as EventData<'ticket.transferred'>;
      actions.transfer(at, ticketId, e.counterId, leaseOf(row, e), d);
      return applied;
    }
  }
}

/**
 * Applies one replicated event to the live queue. Every queue function checks all it needs before
 * its first write (their contract, which this relies on), so an event the queue refuses changes
 * nothing; what it would have published is dropped. A savepoint per event would say the same at a
 * high price: SQLite copies every page an event touches into the statement journal. Events whose
 * lease is no longer the ticket's are `stale`: never applied (DESIGN.md §5). Any other failure is
 * a fault, thrown, and undoes the whole push.
 */
export function applyEvent(tx: QueueTx, e: IncomingEvent): ApplyOutcome {
  const messages: Parameters<QueueTx['emit']>[0][] = [];
  const scoped: QueueTx = { ...tx, emit: (m) => messages.push(m) };
  let result: ApplyOutcome;
  try {
    result = run(scoped, e);
  } catch (error) {
    if (error instanceof LoketError) {
      return { outcome: error.code === 'stale_lease' ? 'stale' : 'refused', code: error.code, problem: error.message };
    }
    if (error instanceof IllegalTransitionError) return { outcome: 'refused', code: error.code, problem: error.message };
    throw error;
  }
  if (result.outcome === 'applied') for (const m of messages) tx.emit(m);
  return result;
}

import type { Outcome, Ticket } from '../../core/domain.ts';
import { LoketError } from '../../core/errors.ts';
import { transition, type TicketAction } from '../../core/ticket-state.ts';
import type { QueueTx } from './context.ts';
import { clearCurrentTicket, emitCounterUpdate, releaseTicket } from './counter-state.ts';
import { activeService, requireCounter, type CounterInfo } from './hall.ts';
import { checkHolder } from './lease.ts';
import { emitTicket, emitTicketRow, requireTicket, toTicket, type TicketRow } from './rows.ts';
import { appendLog, type LogAction } from './ticket-log.ts';
import { uuidv7 } from '../../core/uuid7.ts';

/** Where a transfer sends the visitor: exactly one of another service or one counter. */
export interface TransferTarget {
  toServiceId?: string | null;
  toCounterId?: string | null;
  /** Why (kept with the new ticket and in the log), 1–200 characters. */
  reason: string;
}

export const NOTE_MAX = 500;
export const REASON_MAX = 200;

/**
 * A ticket this counter holds, checked in this order: it exists (`not_found`), the action is legal
 * in its state (IllegalTransitionError), the counter exists (`unknown_counter`), and the counter
 * holds it under this lease (`not_your_ticket` / `stale_lease`).
 */
function held(tx: QueueTx, ticketId: string, counterId: string, leaseEpoch: number, action: TicketAction) {
  const row = requireTicket(tx, ticketId);
  const status = transition(row.status, action);
  const counter = requireCounter(tx, counterId);
  checkHolder(tx, row, counter, leaseEpoch);
  return { row, counter, status };
}

/** Logs an action on a ticket, under its lease; the actor is the officer who called it unless given. */
function log(
  tx: QueueTx,
  row: TicketRow,
  counter: CounterInfo | null,
  action: LogAction,
  detail: Record<string, unknown> = {},
  actorId: string | null = row.officer_id,
): void {
  appendLog(tx, { ticketId: row.id, action, counterId: counter?.id ?? null, actorId, leaseEpoch: row.lease_epoch, detail });
}

/** Announces the ticket again: it stays called, its call count grows, and the last call's time counts. */
export function recall(tx: QueueTx, ticketId: string, counterId: string, leaseEpoch: number): Ticket {
  const { row, counter, status } = held(tx, ticketId, counterId, leaseEpoch, 'recall');
  tx.sql('UPDATE tickets SET status = ?, call_count = call_count + 1, called_at = ? WHERE id = ?').run(status, tx.at, row.id);
  log(tx, row, counter, 'ticket.recalled', { callCount: row.call_count + 1 });
  return toTicket(emitTicketRow(tx, 'recalled', { ...row, status, call_count: row.call_count + 1, called_at: tx.at }));
}

/** The visitor arrived at the counter: service starts. */
export function start(tx: QueueTx, ticketId: string, counterId: string, leaseEpoch: number): Ticket {
  const { row, counter, status } = held(tx, ticketId, counterId, leaseEpoch, 'start');
  tx.sql('UPDATE tickets SET status = ?, started_at = ? WHERE id = ?').run(status, tx.at, row.id);
  log(tx, row, counter, 'ticket.started');
  const ticket = toTicket(emitTicketRow(tx, 'started', { ...row, status, started_at: tx.at }));
  emitCounterUpdate(tx, counter.id);
  return ticket;
}

/** Service ends, served or pending (documents missing…), with an optional note; the counter is free. */
export function finish(tx: QueueTx, ticketId: string, counterId: string, leaseEpoch: number, outcome: Outcome, note: string | null): Ticket {
  const { row, counter, status } = held(tx, ticketId, counterId, leaseEpoch, 'finish');
  const text = note === null ? null : note.trim() || null;
  if (text !== null && text.length > NOTE_MAX) {
    throw new LoketError('invalid_request', `A note is at most ${NOTE_MAX} characters; this one has ${text.length}. Shorten it.`, 'note');
  }
  tx.sql('UPDATE tickets SET status = ?, finished_at = ?, outcome = ?, note = ? WHERE id = ?').run(status, tx.at, outcome, text, row.id);
  log(tx, row, counter, 'ticket.finished', { outcome, note: text });
  const ticket = toTicket(emitTicketRow(tx, 'finished', { ...row, status, finished_at: tx.at, outcome, note: text }));
  releaseTicket(tx, counter, row.id);
  return ticket;
}

/** The visitor did not come; a supervisor may reactivate the ticket later. The counter is free. */
export function noShow(tx: QueueTx, ticketId: string, counterId: string, leaseEpoch: number): Ticket {
  const { row, counter, status } = held(tx, ticketId, counterId, leaseEpoch, 'no_show');
  tx.sql('UPDATE tickets SET status = ? WHERE id = ?').run(status, row.id);
  log(tx, row, counter, 'ticket.no_show');
  const ticket = toTicket(emitTicketRow(tx, 'no_show', { ...row, status }));
  releaseTicket(tx, counter, row.id);
  return ticket;
}

/** Back to the queue, in its original place (queuedAt kept), no longer held by any counter. */
export function returnToQueue(tx: QueueTx, ticketId: string, counterId: string, leaseEpoch: number): Ticket {
  const { row, counter, status } = held(tx, ticketId, counterId, leaseEpoch, 'return');
  tx.sql('UPDATE tickets SET status = ?, called_at = NULL, counter_id = NULL, officer_id = NULL WHERE id = ?').run(status, row.id);
  log(tx, row, counter, 'ticket.returned');
  const ticket = toTicket(
    emitTicketRow(tx, 'returned', { ...row, status, called_at: null, counter_id: null, officer_id: null, counter_number: null }),
  );
  releaseTicket(tx, counter, row.id);
  return ticket;
}

/**
 * Sends the visitor on: the held ticket becomes `transferred` (finished now), and a new waiting
 * ticket is made with a new id but the same number, tracking code, arrival and issue time
 * (`queuedAt`, `issuedAt`: the visitor's, so total = finished − issued still spans the whole
 * visit), priority and channel, for another service, or for this service at one counter (which
 * then calls it before anything else). When the transfer happened is the new ticket's
 * `ticket.issued` entry in `ticket_log`. Transfers skip quota and opening hours: the visitor is
 * already here.
 */
export function transfer(
  tx: QueueTx,
  ticketId: string,
  counterId: string,
  leaseEpoch: number,
  target: TransferTarget,
): { ticket: Ticket; newTicket: Ticket } {
  const { row, counter, status } = held(tx, ticketId, counterId, leaseEpoch, 'transfer');
  const toServiceId = target.toServiceId ?? null;
  const toCounterId = target.toCounterId ?? null;
  if ((toServiceId === null) === (toCounterId === null)) {
    throw new LoketError('invalid_request', 'Transfer to exactly one place: give either toServiceId or toCounterId.', 'toServiceId');
  }
  const reason = target.reason.trim();
  if (reason.length === 0 || reason.length > REASON_MAX) {
    throw new LoketError('invalid_request', `Say why the visitor is transferred, in 1 to ${REASON_MAX} characters.`, 'reason');
  }
  const serviceId = toServiceId === null ? row.service_id : activeService(tx, toServiceId, 'toServiceId').id;
  if (toCounterId !== null) requireCounter(tx, toCounterId, 'toCounterId');

  tx.sql('UPDATE tickets SET status = ?, finished_at = ? WHERE id = ?').run(status, tx.at, row.id);
  clearCurrentTicket(tx, counter.id, row.id);
  const newId = uuidv7(tx.at);
  tx.sql(
    `INSERT INTO tickets (id, service_id, number, seq_no, service_day, channel, priority, tracking_code, status,
                          queued_at, issued_at, call_count, target_counter_id, transferred_from, transfer_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, 0, ?, ?, ?)`,
  ).run(
    newId,
    serviceId,
    row.number,
    row.seq_no,
    row.service_day,
    row.channel,
    row.priority,
    row.tracking_code,
    row.queued_at,
    row.issued_at,
    toCounterId,
    row.id,
    reason,
  );
  log(tx, row, counter, 'ticket.transferred', { toServiceId, toCounterId, reason, newTicketId: newId });
  appendLog(tx, {
    ticketId: newId,
    action: 'ticket.issued',
    counterId: counter.id,
    actorId: row.officer_id,
    leaseEpoch: null,
    detail: { transferredFrom: row.id, number: row.number, channel: row.channel, priority: row.priority },
  });
  const ticket = toTicket(emitTicket(tx, 'transferred', row.id));
  const newTicket = toTicket(emitTicket(tx, 'issued', newId));
  emitCounterUpdate(tx, counter.id);
  return { ticket, newTicket };
}

/** A supervisor brings a no-show back into the queue, in its original place. */
export function reactivate(tx: QueueTx, ticketId: string, actorId: string | null): Ticket {
  const row = requireTicket(tx, ticketId);
  const status = transition(row.status, 'reactivate');
  tx.sql('UPDATE tickets SET status = ?, called_at = NULL, counter_id = NULL, officer_id = NULL WHERE id = ?').run(status, row.id);
  log(tx, row, null, 'ticket.reactivated', { noShowCounterId: row.counter_id }, actorId);
  return toTicket(emitTicket(tx, 'reactivated', row.id));
}

/** A waiting ticket leaves the queue for good (the visitor gave up, a duplicate…). */
export function cancel(tx: QueueTx, ticketId: string, actorId: string | null): Ticket {
  const row = requireTicket(tx, ticketId);
  const status = transition(row.status, 'cancel');
  tx.sql('UPDATE tickets SET status = ? WHERE id = ?').run(status, row.id);
  log(tx, row, null, 'ticket.cancelled', {}, actorId);
  return toTicket(emitTicket(tx, 'cancelled', row.id));
}

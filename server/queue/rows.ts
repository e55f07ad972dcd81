import type { Channel, Outcome, PriorityClass, Ticket, TicketStatus } from '../../core/domain.ts';
import { LoketError } from '../../core/errors.ts';
import type { StreamTicket, TicketStreamEvent } from '../../core/stream.ts';
import type { QueueTx } from './context.ts';

/** One `tickets` row, with the service's agency and the counter's number joined in. */
export interface TicketRow {
  id: string;
  service_id: string;
  number: string;
  seq_no: number;
  service_day: string;
  channel: Channel;
  priority: PriorityClass;
  tracking_code: string;
  status: TicketStatus;
  queued_at: number;
  issued_at: number;
  called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  counter_id: string | null;
  officer_id: string | null;
  call_count: number;
  outcome: Outcome | null;
  note: string | null;
  lease_epoch: number | null;
  target_counter_id: string | null;
  transferred_from: string | null;
  transfer_reason: string | null;
  agency_id: string;
  counter_number: number | null;
}

export const TICKET_SELECT = `
  SELECT t.*, s.agency_id AS agency_id, c.number AS counter_number
  FROM tickets t
  JOIN services s ON s.id = t.service_id
  LEFT JOIN counters c ON c.id = t.counter_id`;

export function findTicket(tx: QueueTx, ticketId: string): TicketRow | undefined {
  return tx.sql(`${TICKET_SELECT} WHERE t.id = ?`).get(ticketId) as TicketRow | undefined;
}

/** The ticket, or `not_found` naming it. */
export function requireTicket(tx: QueueTx, ticketId: string): TicketRow {
  const row = findTicket(tx, ticketId);
  if (row === undefined) {
    throw new LoketError('not_found', `There is no ticket with id ${ticketId}. Refresh the queue and choose again.`, 'ticketId');
  }
  return row;
}

export function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    serviceId: row.service_id,
    number: row.number,
    serviceDay: row.service_day,
    channel: row.channel,
    priority: row.priority,
    status: row.status,
    counterId: row.counter_id,
    officerId: row.officer_id,
    callCount: row.call_count,
    outcome: row.outcome,
    note: row.note,
    issuedAt: row.issued_at,
    calledAt: row.called_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** What the live feed tells about a ticket: no tracking code, officer or note. */
export function toStreamTicket(row: TicketRow): StreamTicket {
  return {
    id: row.id,
    number: row.number,
    serviceId: row.service_id,
    agencyId: row.agency_id,
    status: row.status,
    priority: row.priority,
    counterId: row.counter_id,
    counterNumber: row.counter_number,
    callCount: row.call_count,
    queuedAt: row.queued_at,
    calledAt: row.called_at,
  };
}

/** Reads the ticket as it now is, queues its feed message for after the commit, and returns it. */
export function emitTicket(tx: QueueTx, event: TicketStreamEvent, ticketId: string): TicketRow {
  return emitTicketRow(tx, event, requireTicket(tx, ticketId));
}

/** `emitTicket` for a row in hand that is the ticket as it now is (what `requireTicket` would read). */
export function emitTicketRow(tx: QueueTx, event: TicketStreamEvent, row: TicketRow): TicketRow {
  tx.emit({ type: 'ticket', event, at: tx.at, ticket: toStreamTicket(row) });
  return row;
}

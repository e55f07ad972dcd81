import { LoketError } from '../../core/errors.ts';
import type { QueueTx } from '../queue/context.ts';
import { requireCounter } from '../queue/hall.ts';
import { findTicket } from '../queue/rows.ts';

/**
 * A quick rating from the counter's `$RATE` pad (LSP/1, 1–4): stored on its own, never mixed into
 * the IKM, which only the nine-element survey gives. With a ticket, it must be one this counter
 * served.
 */
export function recordQuickRating(
  tx: QueueTx,
  counterId: string,
  officerId: string,
  input: { value: number; ticketId?: string | undefined },
): { id: number; counterId: string; value: number; ticketId: string | null; at: number } {
  requireCounter(tx, counterId, 'id');
  const ticketId = input.ticketId ?? null;
  if (ticketId !== null) {
    const ticket = findTicket(tx, ticketId);
    if (ticket === undefined) throw new LoketError('not_found', `There is no ticket with id ${ticketId}. Rate without a ticket, or pick the visitor just served.`, 'ticketId');
    if (ticket.counter_id !== counterId) {
      throw new LoketError('not_your_ticket', `Ticket ${ticket.number} was not served at this counter: a counter rates only its own visitors.`, 'ticketId');
    }
  }
  const result = tx
    .sql('INSERT INTO quick_ratings (counter_id, officer_id, ticket_id, value, at) VALUES (?, ?, ?, ?, ?)')
    .run(counterId, officerId, ticketId, input.value, tx.at);
  return { id: Number(result.lastInsertRowid), counterId, value: input.value, ticketId, at: tx.at };
}

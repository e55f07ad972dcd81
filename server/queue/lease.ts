import { LoketError } from '../../core/errors.ts';
import type { QueueTx } from './context.ts';
import type { CounterInfo } from './hall.ts';
import type { TicketRow } from './rows.ts';

/** The next lease epoch: the fencing number only grows (a trigger refuses anything else). */
export function nextLeaseEpoch(tx: QueueTx): number {
  const row = tx.sql('UPDATE fencing SET last_epoch = last_epoch + 1 WHERE id = 1 RETURNING last_epoch').get() as
    | { last_epoch: number }
    | undefined;
  if (row === undefined) throw new Error('the fencing row is missing from the hall database');
  return row.last_epoch;
}

/**
 * The ticket must be held by this counter under this lease (DESIGN.md §5): `stale_lease` when the
 * counter's lease is no longer the ticket's (it was called again, here or elsewhere, since),
 * `not_your_ticket` when this counter never held it under that lease.
 */
export function checkHolder(tx: QueueTx, row: TicketRow, counter: CounterInfo, leaseEpoch: number): void {
  if (row.counter_id === counter.id && row.lease_epoch === leaseEpoch) return;
  const hadLease =
    tx
      .sql(
        `SELECT 1 FROM ticket_log
         WHERE ticket_id = ? AND action = 'ticket.called' AND counter_id = ? AND lease_epoch = ? LIMIT 1`,
      )
      .get(row.id, counter.id, leaseEpoch) !== undefined;
  if (hadLease || row.counter_id === counter.id) {
    throw new LoketError(
      'stale_lease',
      `Ticket ${row.number} was called again elsewhere since lease ${leaseEpoch}; this counter's action on it is refused. Refresh to see who holds it now.`,
      'leaseEpoch',
    );
  }
  throw new LoketError(
    'not_your_ticket',
    `Ticket ${row.number} is not held by counter ${counter.number}${row.counter_number === null ? '' : ` (counter ${row.counter_number} has it)`}. Only the counter that called it can act on it.`,
    'ticketId',
  );
}

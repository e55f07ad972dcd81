import type { CounterStreamEvent, TicketStreamEvent } from '../../core/stream.ts';
import type { QueueTx } from './context.ts';

/** `ticket.<event>` or `counter.<event>`: the same names as the live feed's messages. */
export type LogAction = `ticket.${TicketStreamEvent}` | `counter.${CounterStreamEvent}`;

export interface LogEntry {
  ticketId: string | null;
  action: LogAction;
  counterId: string | null;
  actorId: string | null;
  leaseEpoch: number | null;
  detail?: Record<string, unknown>;
}

/**
 * Appends one entry to `ticket_log`, the append-only audit of every transition (its triggers
 * refuse UPDATE and DELETE), in the same transaction as the change it records. The report roll-ups
 * follow the log on their own (server/reports/rollup-follower.ts).
 */
export function appendLog(tx: QueueTx, e: LogEntry): void {
  tx.sql(
    `INSERT INTO ticket_log (ticket_id, action, at, counter_id, actor_id, lease_epoch, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.ticketId, e.action, tx.at, e.counterId, e.actorId, e.leaseEpoch, JSON.stringify(e.detail ?? {}));
}

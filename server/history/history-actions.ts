import type { Channel, Outcome, PriorityClass } from '../../core/domain.ts';
import type { PauseReason } from '../../core/events.ts';

/**
 * One day of generated history as the queue actions that make it, in time order: exactly the
 * calls the live hall server would have received (a kiosk issuing, officers opening, calling a
 * particular ticket, recalling, starting, finishing…, a supervisor reactivating or cancelling).
 * Two writers turn them into rows: through the real queue functions (queue-writer.ts) or straight
 * into the tables (bulk-writer.ts), and they write the same rows.
 */
export interface PlannedTicket {
  id: string;
  serviceId: string;
  number: string;
  seqNo: number;
  serviceDay: string;
  channel: Channel;
  priority: PriorityClass;
  trackingCode: string;
  /** Arrival: issue time, kept by transfers. */
  queuedAt: number;
}

export interface Officer {
  id: string;
  name: string;
}

export type HistoryAction = { t: number } & (
  | { kind: 'issue'; ticket: PlannedTicket }
  | { kind: 'open'; counterId: string; officer: Officer; serviceIds: string[] }
  | { kind: 'update'; counterId: string; officer: Officer; serviceIds: string[] }
  | { kind: 'pause'; counterId: string; reason: PauseReason }
  | { kind: 'resume'; counterId: string }
  | { kind: 'close'; counterId: string }
  | { kind: 'call'; counterId: string; officerId: string; ticketId: string }
  | { kind: 'recall'; counterId: string; ticketId: string }
  | { kind: 'start'; counterId: string; ticketId: string }
  | { kind: 'finish'; counterId: string; ticketId: string; outcome: Outcome; note: string | null }
  | { kind: 'no_show'; counterId: string; ticketId: string }
  | { kind: 'return'; counterId: string; ticketId: string }
  | {
      kind: 'transfer';
      counterId: string;
      ticketId: string;
      toServiceId: string | null;
      toCounterId: string | null;
      reason: string;
      /** The id the new waiting ticket gets. */
      newTicketId: string;
    }
  | { kind: 'reactivate'; ticketId: string; actorId: string }
  | { kind: 'cancel'; ticketId: string; actorId: string }
);

import { CallNextResponseSchema, HealthSchema, type CallNextResponse } from '../../core/api.ts';
import { LoketError } from '../../core/errors.ts';
import type { LedgerEvent, NewLedgerEvent } from '../../core/events.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { HallLink } from './hall-link.ts';
import type { Replicator } from './replicator.ts';

/** How long an action waits for the hall server to take its event while online, before answering anyway. */
export const ONLINE_WAIT_MS = 3000;
/** How long "call next" waits for the events before it to reach the server. */
export const CALL_FLUSH_MS = 5000;

export interface Delivery {
  /**
   * Records a counter action: `build` (which checks the action against the ledger and makes its
   * event) and the append run in one ledger transaction (the action is done once it returns), then
   * the event is pushed. Online, waits briefly for the server to take
   * it, so the hall's view (board, queue, counter state) has caught up when the officer looks.
   */
  record(build: () => NewLedgerEvent): Promise<LedgerEvent>;
  /**
   * Assignment, the one synchronous call (DESIGN.md §5): needs the hall server. Everything recorded
   * before is delivered first (the server must see the previous visitor finished), then the server
   * picks and leases a ticket, and `ticket.called` is recorded with that lease. Null when nobody waits.
   */
  call(send: { path: string; body: unknown }, record: (answer: CallNextResponse) => NewLedgerEvent): Promise<{ event: LedgerEvent; answer: CallNextResponse } | null>;
}

export interface DeliveryDeps {
  link: HallLink;
  ledger: Ledger;
  replicator: Replicator;
  now: () => number;
  /** After every append, so open windows re-read what they show (and the outbox pushes). */
  onLedgerChanged: (lastSeq: number) => void;
}

export function offlineCallError(reason: string): LoketError {
  return new LoketError(
    'offline',
    `${reason} Calling from the shared queue needs the hall server. Meanwhile you can finish the visitor in hand and serve walk-ins (F2); everything is sent when the connection is back.`,
  );
}

/** The one place that decides the order of ledger and hall server: the ledger first, always. */
export function createDelivery(deps: DeliveryDeps): Delivery {
  const append = (build: () => NewLedgerEvent): LedgerEvent => {
    const stored = deps.ledger.transaction(() => deps.ledger.append(build()));
    deps.onLedgerChanged(stored.seq);
    return stored;
  };

  return {
    async record(build) {
      const stored = append(build);
      if (deps.link.online) await deps.replicator.flush(ONLINE_WAIT_MS);
      return stored;
    },

    async call(send, toEvent) {
      // The live feed says offline: ask once more, so that a refused certificate or a revoked PC is
      // reported as what it is, and a feed still reconnecting does not block the call.
      if (!deps.link.online) {
        await deps.link.request('device', 'GET', '/health', HealthSchema).catch((error: unknown) => {
          throw error instanceof LoketError && error.code === 'server_unreachable' ? offlineCallError('The hall server cannot be reached.') : error;
        });
      }
      if (!(await deps.replicator.flush(CALL_FLUSH_MS))) {
        throw offlineCallError(`${deps.replicator.status().pending} recorded actions have not reached the hall server yet.`);
      }
      const sentAt = deps.now();
      const answer = await deps.link.request('officer', 'POST', send.path, CallNextResponseSchema, send.body);
      if (answer === null) return null;
      // The server marked the ticket called at `calledAt` (its clock) between sending and answering:
      // a clock sample, so the ledger's server_at for this call lands close to the server's own.
      if (answer.ticket.calledAt !== null) deps.link.clock.sample(answer.ticket.calledAt, sentAt, deps.now());
      return { event: append(() => toEvent(answer)), answer };
    },
  };
}

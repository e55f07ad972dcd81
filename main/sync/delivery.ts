import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CallNextResponseSchema, HealthSchema, type CallNextResponse } from '../../core/api.ts';
import { LoketError } from '../../core/errors.ts';
import type { LedgerEvent, NewLedgerEvent } from '../../core/events.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { HallLink } from './hall-link.ts';
import type { Replicator } from './replicator.ts';
import { heldTicket } from '../ledger/queries.ts';

/** How long a counter-life event (open, pause, close) waits for the hall server to take it while online, before answering anyway. */
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
  record(build: () => NewLedgerEvent, options?: { untilDelivered?: boolean }): Promise<LedgerEvent>;
  /**
   * Assignment, the one synchronous call (DESIGN.md §5): needs the hall server. Everything recorded
   * before is delivered first (the server must see the previous visitor finished), then the server
   * picks and leases a ticket, and `ticket.called` is recorded with that lease. Null when nobody waits.
   */
  call(send: { path: string; body: unknown }, record: (answer: CallNextResponse) => NewLedgerEvent): Promise<{ event: LedgerEvent; answer: CallNextResponse } | null>;
  /** Whether a call was sent and its answer never came (the hall may have called a visitor here). */
  hasPendingCall(): boolean;
  /** A call whose answer was lost, asked again and recorded (on reconnect); null when there is none or nobody was called. */
  settlePendingCall(record: (answer: CallNextResponse) => NewLedgerEvent): Promise<{ event: LedgerEvent; answer: CallNextResponse } | null>;
}

export interface DeliveryDeps {
  link: HallLink;
  ledger: Ledger;
  replicator: Replicator;
  now: () => number;
  /** After every append, so open windows re-read what they show (and the outbox pushes). */
  onLedgerChanged: (lastSeq: number) => void;
  /**
   * The hall server has called a visitor to this counter: its answer, as the ledger is about to
   * record it. Before the durable write, so the display does not wait for the disk.
   */
  onCalled?: (event: NewLedgerEvent) => void;
}

export function offlineCallError(reason: string): LoketError {
  return new LoketError(
    'offline',
    `${reason} Calling from the shared queue needs the hall server. Meanwhile you can finish the visitor in hand and serve walk-ins (F2); everything is sent when the connection is back.`,
  );
}

/** A call sent (or about to be) and not yet answered, kept in the ledger's settings across restarts. */
const PendingCallSchema = z.object({ requestId: z.uuid(), path: z.string(), body: z.record(z.string(), z.unknown()) });
type PendingCall = z.infer<typeof PendingCallSchema>;
export const PENDING_CALL_KEY = 'call.pending';
/** Resends of a call whose answer was lost, before it waits for the next reconnect or key press. */
const CALL_RESENDS = [200, 600];

/** The one place that decides the order of ledger and hall server: the ledger first, always. */
export function createDelivery(deps: DeliveryDeps): Delivery {
  const pendingCall = (): PendingCall | null => {
    const text = deps.ledger.getSetting(PENDING_CALL_KEY);
    if (text === null || text === '') return null;
    const parsed = PendingCallSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  };
  const clearPending = (): void => deps.ledger.setSetting(PENDING_CALL_KEY, '');
  const newCall = (send: { path: string; body: unknown }): PendingCall => {
    const call: PendingCall = { requestId: randomUUID(), path: send.path, body: { ...(send.body as Record<string, unknown>) } };
    deps.ledger.setSetting(PENDING_CALL_KEY, JSON.stringify(call));
    return call;
  };

  /**
   * Sends a call under its request id until the server answers (resending briefly after a lost
   * answer: the server answers a repeated id with the same ticket). The answer and the end of the
   * pending call are recorded together; an answer that never comes leaves the call pending.
   */
  const sendCall = async (call: PendingCall, toEvent: (answer: CallNextResponse) => NewLedgerEvent): Promise<{ event: LedgerEvent; answer: CallNextResponse } | null> => {
    for (let attempt = 0; ; attempt++) {
      const sentAt = deps.now();
      let answer: CallNextResponse | null;
      try {
        answer = await deps.link.request('officer', 'POST', call.path, CallNextResponseSchema, { ...call.body, requestId: call.requestId });
      } catch (error) {
        const lost = error instanceof LoketError && error.code === 'server_unreachable';
        if (lost && attempt < CALL_RESENDS.length) {
          await new Promise((resolve) => setTimeout(resolve, CALL_RESENDS[attempt]));
          continue;
        }
        // Refused by the server: nothing was called. Lost: it may have been; asked again later.
        if (!lost && error instanceof LoketError && error.code !== 'not_signed_in') clearPending();
        throw lost ? offlineCallError('The hall server did not answer the call; it is asked again when the connection is back.') : error;
      }
      if (answer === null) {
        clearPending();
        return null;
      }
      // The server marked the ticket called at `calledAt` (its clock) between sending and answering:
      // a clock sample, so the ledger's server_at for this call lands close to the server's own.
      if (answer.ticket.calledAt !== null && attempt === 0) deps.link.clock.sample(answer.ticket.calledAt, sentAt, deps.now());
      const called = answer;
      // Recorded only if this call is still the pending one: an answer arriving after the call
      // was settled another way must not record the visitor a second time.
      if (pendingCall()?.requestId !== call.requestId) return null;
      const calledEvent = toEvent(called);
      const holding = heldTicket(deps.ledger, calledEvent.counterId);
      // Settled late (after a reconnect), the counter may by now serve a walk-in it took offline:
      // the visitor the hall called meanwhile goes back to the queue, in their own place, rather
      // than the counter holding two visitors.
      const goesBack = holding !== null && holding.id !== called.ticket.id;
      // The hall server is the authority for a call: its answer is shown before the durable
      // write below, which changes nothing the display shows. A display that fails must not
      // cost the record.
      if (!goesBack) {
        try {
          deps.onCalled?.(calledEvent);
        } catch {
          // The display follows the ledger's change notice below as well.
        }
      }
      const [event, last] = deps.ledger.transaction(() => {
        clearPending();
        const recorded = deps.ledger.append(calledEvent);
        return [recorded, goesBack ? deps.ledger.append({ ...calledEvent, type: 'ticket.returned', data: {} }) : recorded];
      });
      // The last event: after a return, the display keeps the walk-in rather than the returned visitor.
      deps.onLedgerChanged(last.seq);
      return { event, answer: called };
    }
  };

  const append = (build: () => NewLedgerEvent): LedgerEvent => {
    const stored = deps.ledger.transaction(() => deps.ledger.append(build()));
    deps.onLedgerChanged(stored.seq);
    return stored;
  };

  return {
    // A ticket action answers once it is in the ledger: the outbox (nudged by onLedgerChanged)
    // delivers it in the background, so the officer never waits for the network. A counter-life
    // event waits, because the screen then shows the hall server's view of the counter.
    async record(build, options = {}) {
      const stored = append(build);
      if (options.untilDelivered && deps.link.online) await deps.replicator.flush(ONLINE_WAIT_MS);
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
      // A call whose answer never arrived comes first: whatever it called is this counter's visitor.
      const pending = pendingCall();
      if (pending) {
        const settled = await sendCall(pending, toEvent);
        if (settled) return settled;
      }
      return sendCall(newCall(send), toEvent);
    },

    hasPendingCall: () => pendingCall() !== null,

    async settlePendingCall(toEvent) {
      const pending = pendingCall();
      return pending ? sendCall(pending, toEvent) : null;
    },
  };
}

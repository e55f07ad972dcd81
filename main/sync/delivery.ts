import type { z } from 'zod';
import { CallNextResponseSchema, type CallNextResponse } from '../../core/api.ts';
import { LoketError } from '../../core/errors.ts';
import type { LedgerEvent, NewLedgerEvent } from '../../core/events.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { HallLink } from './hall-link.ts';

/**
 * How a counter action reaches the hall server and the ledger: the ONE place that decides the
 * order. Today (until replication lands) the action is sent first and recorded in the ledger once
 * the server confirmed it, so it works online only. Replication turns `deliver` into ledger-first
 * plus `POST /sync/push` without touching the handlers; `call` stays synchronous (assignment is
 * the one call that needs the server, DESIGN.md §5).
 */
export interface CounterAction<S extends z.ZodType> {
  /** What the ledger records once the action is done. */
  event: NewLedgerEvent;
  /** The hall server endpoint that performs the action now, as the signed-in officer. */
  send: { path: string; body: unknown; schema: S };
}

export interface Delivered<T> {
  event: LedgerEvent;
  /** The server's answer (its view of the ticket or counter, with its times). */
  answer: T;
}

export interface Delivery {
  deliver<S extends z.ZodType>(action: CounterAction<S>): Promise<Delivered<z.output<S>>>;
  /** Assignment: asks the server for a ticket, then records `ticket.called` with the lease it returned. Null when nobody waits. */
  call(
    send: { path: string; body: unknown },
    record: (answer: CallNextResponse) => NewLedgerEvent,
  ): Promise<Delivered<CallNextResponse> | null>;
}

export interface DeliveryDeps {
  link: HallLink;
  ledger: Ledger;
  now: () => number;
  /** After every append, so open windows re-read what they show. */
  onLedgerChanged: (lastSeq: number) => void;
}

export function createDelivery(deps: DeliveryDeps): Delivery {
  const record = (event: NewLedgerEvent): LedgerEvent => {
    const stored = deps.ledger.append(event);
    deps.onLedgerChanged(stored.seq);
    return stored;
  };

  return {
    async deliver(action) {
      const answer = await deps.link.request('officer', 'POST', action.send.path, action.send.schema, action.send.body);
      if (answer === null) {
        throw new LoketError('internal', `The hall server answered ${action.send.path} without a body. Refresh and try again.`);
      }
      return { event: record(action.event), answer };
    },

    async call(send, toEvent) {
      const sentAt = deps.now();
      const answer = await deps.link.request('officer', 'POST', send.path, CallNextResponseSchema, send.body);
      if (answer === null) return null;
      // The server marked the ticket called at `calledAt` (its clock) between sending and answering:
      // a clock sample, so the ledger's server_at for this call lands close to the server's own.
      if (answer.ticket.calledAt !== null) deps.link.clock.sample(answer.ticket.calledAt, sentAt, deps.now());
      return { event: record(toEvent(answer)), answer };
    },
  };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Outcome, Ticket } from '../../core/domain.ts';
import type { ErrorInfo, Result } from '../../core/errors.ts';
import type { CounterContext, LoketApi, RequestOf, Today } from '../../core/ipc.ts';
import { safeCall } from './call.ts';

/** The actions on the ticket this counter holds that take no arguments. */
export type HeldAction = 'recallTicket' | 'startServing' | 'markNoShow' | 'returnToQueue';
export type TransferRequest = RequestOf<'transferTicket'>;

/** An action that ran: `value` is its answer. Null when refused (the reason is in `error`) or busy. */
export type Done<T> = { value: T } | null;

export interface CounterData {
  context: CounterContext | null;
  today: Today | null;
  current: Ticket | null;
  /** The counter context could not be read: nothing else can work until `reload` succeeds. */
  loadError: ErrorInfo | null;
  /** The last failed action or refresh, for the alert region; cleared by the next success. */
  error: ErrorInfo | null;
  /** An action is in flight; every other action waits for it (a double key press acts once). */
  busy: boolean;
  reload: () => void;
  dismissError: () => void;
  /** Starts a walk-in; the new ticket, or null when refused (the reason is in `error`) or busy. */
  startWalkIn: (serviceId: string) => Promise<Ticket | null>;
  /** Finishes the current ticket; the finished ticket, or null when refused or busy. */
  finish: (outcome: Outcome, note: string | null) => Promise<Ticket | null>;
  /** Calls the next waiting visitor; `{ value: null }` when nobody waits. */
  callNext: () => Promise<Done<Ticket | null>>;
  callTicket: (ticketId: string) => Promise<Ticket | null>;
  act: (action: HeldAction) => Promise<Ticket | null>;
  transfer: (request: TransferRequest) => Promise<Ticket | null>;
  /** Runs any other call under the same one-at-a-time guard, its failure shown in `error`. */
  run: <T>(call: () => Promise<Result<T>>) => Promise<Done<T>>;
}

/** Statuses in which the counter still holds a ticket after an action. */
const HELD = new Set<Ticket['status']>(['called', 'serving']);

/**
 * Everything the counter screen reads from and does through `window.loket`. `contextKey` changes
 * when the PC's enrollment changes (or its link comes back): the counter context is read again.
 */
export function useCounterData(api: LoketApi, contextKey = ''): CounterData {
  const [context, setContext] = useState<CounterContext | null>(null);
  const [today, setToday] = useState<Today | null>(null);
  const [current, setCurrent] = useState<Ticket | null>(null);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [loadAttempt, setLoadAttempt] = useState(0);
  // Synchronous guard: two key presses in one tick must not start two calls.
  const inFlight = useRef(false);
  // Mirrors `current` synchronously: a key pressed before the next render must see a finish.
  const currentRef = useRef<Ticket | null>(null);
  // Bumped by every write of `current`/`today`, so an older refresh cannot overwrite newer data.
  const generation = useRef(0);
  // The hall server's own view of the held ticket (priority, issue time), which the ledger lacks.
  const fromServer = useRef<Ticket | null>(null);

  const putCurrent = useCallback((ticket: Ticket | null) => {
    const known = fromServer.current;
    const merged =
      ticket && known && known.id === ticket.id
        ? { ...ticket, priority: known.priority, issuedAt: Math.min(known.issuedAt, ticket.issuedAt) }
        : ticket;
    currentRef.current = merged;
    setCurrent(merged);
  }, []);

  const refresh = useCallback(async (): Promise<void> => {
    const mine = ++generation.current;
    const [todayResult, currentResult] = await Promise.all([
      safeCall(() => api.getToday({})),
      safeCall(() => api.getCurrentTicket({})),
    ]);
    if (mine !== generation.current) return;
    if (todayResult.ok) setToday(todayResult.value);
    if (currentResult.ok) putCurrent(currentResult.value);
    if (!todayResult.ok) setError(todayResult.error);
    else if (!currentResult.ok) setError(currentResult.error);
  }, [api, putCurrent]);

  useEffect(() => {
    let cancelled = false;
    void safeCall(() => api.getCounterContext({})).then((result) => {
      if (cancelled) return;
      if (!result.ok) {
        setLoadError(result.error);
        return;
      }
      setLoadError(null);
      setContext(result.value);
      void refresh();
    });
    return () => {
      cancelled = true;
    };
  }, [api, refresh, loadAttempt, contextKey]);

  useEffect(() => api.on.ledgerChanged(() => void refresh()), [api, refresh]);

  const run = useCallback(async <T>(call: () => Promise<Result<T>>): Promise<Done<T>> => {
    if (inFlight.current) return null;
    inFlight.current = true;
    setBusy(true);
    try {
      const result = await safeCall(call);
      if (!result.ok) {
        setError(result.error);
        return null;
      }
      setError(null);
      return { value: result.value };
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, []);

  /** After an action on a ticket: show what the counter holds now, then re-read the rest. */
  const settle = useCallback(
    (ticket: Ticket | null, fromHall: boolean): void => {
      generation.current++;
      const held = ticket !== null && HELD.has(ticket.status) ? ticket : null;
      if (fromHall) fromServer.current = held;
      putCurrent(held);
      void refresh();
    },
    [putCurrent, refresh],
  );

  const ticketAction = useCallback(
    async (call: () => Promise<Result<Ticket>>, fromHall = true): Promise<Ticket | null> => {
      const done = await run(call);
      if (done) settle(done.value, fromHall);
      return done?.value ?? null;
    },
    [run, settle],
  );

  const startWalkIn = useCallback(
    (serviceId: string) => ticketAction(() => api.startWalkIn({ serviceId }), false),
    [api, ticketAction],
  );

  const finish = useCallback(
    async (outcome: Outcome, note: string | null) => {
      const ticket = currentRef.current;
      if (ticket === null || inFlight.current) return null;
      return ticketAction(() => api.finishTicket({ ticketId: ticket.id, outcome, note }));
    },
    [api, ticketAction],
  );

  const callNext = useCallback(async (): Promise<Done<Ticket | null>> => {
    const done = await run(() => api.callNext({}));
    if (done?.value) settle(done.value, true);
    return done;
  }, [api, run, settle]);

  const callTicket = useCallback((ticketId: string) => ticketAction(() => api.callTicket({ ticketId })), [api, ticketAction]);
  const act = useCallback((action: HeldAction) => ticketAction(() => api[action]({})), [api, ticketAction]);
  const transfer = useCallback((request: TransferRequest) => ticketAction(() => api.transferTicket(request)), [api, ticketAction]);

  const reload = useCallback(() => {
    setLoadError(null);
    setLoadAttempt((n) => n + 1);
  }, []);
  const dismissError = useCallback(() => setError(null), []);

  return { context, today, current, loadError, error, busy, reload, dismissError, startWalkIn, finish, callNext, callTicket, act, transfer, run };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Outcome, Ticket } from '../../core/domain.ts';
import type { ErrorInfo } from '../../core/errors.ts';
import type { CounterContext, LoketApi, Today } from '../../core/ipc.ts';
import { safeCall } from './call.ts';

export interface CounterData {
  context: CounterContext | null;
  today: Today | null;
  current: Ticket | null;
  /** The counter context could not be read: nothing else can work until `reload` succeeds. */
  loadError: ErrorInfo | null;
  /** The last failed action or refresh, for the alert region; cleared by the next success. */
  error: ErrorInfo | null;
  /** A start or finish call is in flight. */
  busy: boolean;
  reload: () => void;
  dismissError: () => void;
  /** Starts a walk-in; the new ticket, or null when refused (the reason is in `error`) or busy. */
  startWalkIn: (serviceId: string) => Promise<Ticket | null>;
  /** Finishes the current ticket; the finished ticket, or null when refused or busy. */
  finish: (outcome: Outcome, note: string | null) => Promise<Ticket | null>;
}

/** Everything the counter screen reads from and does through `window.loket`. */
export function useCounterData(api: LoketApi): CounterData {
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

  const putCurrent = useCallback((ticket: Ticket | null) => {
    currentRef.current = ticket;
    setCurrent(ticket);
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
  }, [api, refresh, loadAttempt]);

  useEffect(() => api.on.ledgerChanged(() => void refresh()), [api, refresh]);

  const run = useCallback(
    async (action: () => Promise<Ticket | null>): Promise<Ticket | null> => {
      if (inFlight.current) return null;
      inFlight.current = true;
      setBusy(true);
      try {
        return await action();
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [],
  );

  const startWalkIn = useCallback(
    (serviceId: string) =>
      run(async () => {
        const result = await safeCall(() => api.startWalkIn({ serviceId }));
        if (!result.ok) {
          setError(result.error);
          return null;
        }
        generation.current++;
        setError(null);
        putCurrent(result.value);
        void refresh();
        return result.value;
      }),
    [api, putCurrent, refresh, run],
  );

  const finish = useCallback(
    (outcome: Outcome, note: string | null) =>
      run(async () => {
        const ticket = currentRef.current;
        if (ticket === null) return null;
        const result = await safeCall(() => api.finishTicket({ ticketId: ticket.id, outcome, note }));
        if (!result.ok) {
          setError(result.error);
          return null;
        }
        generation.current++;
        setError(null);
        putCurrent(null);
        void refresh();
        return result.value;
      }),
    [api, putCurrent, refresh, run],
  );

  const reload = useCallback(() => {
    setLoadError(null);
    setLoadAttempt((n) => n + 1);
  }, []);
  const dismissError = useCallback(() => setError(null), []);

  return { context, today, current, loadError, error, busy, reload, dismissError, startWalkIn, finish };
}

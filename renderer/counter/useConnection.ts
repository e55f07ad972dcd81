import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../core/errors.ts';
import type { ConnectionState, LoketApi } from '../../core/ipc.ts';
import { safeCall } from './call.ts';

export interface Connection {
  /** The PC's link to the hall server; null until the first answer. */
  state: ConnectionState | null;
  /** The first read failed: nothing can be shown until `reload` succeeds. */
  loadError: ErrorInfo | null;
  reload: () => void;
  /** Takes a state an action answered with (enroll, sign-in, open, sign-out). */
  accept: (state: ConnectionState) => void;
}

/**
 * Enrollment, sign-in, counter and online state, as the main side reports it: read once, then
 * kept by the `connectionChanged` push. A bridge reconnect (a synthetic `ledgerChanged`) reads it
 * again, since pushes may have been missed meanwhile. A newer push always wins over an older read.
 */
export function useConnection(api: LoketApi): Connection {
  const [state, setState] = useState<ConnectionState | null>(null);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);

  const accept = useCallback((next: ConnectionState) => {
    generation.current++;
    setLoadError(null);
    setState(next);
  }, []);

  const read = useCallback((): void => {
    const mine = ++generation.current;
    void safeCall(() => api.getConnection({})).then((result) => {
      if (mine !== generation.current) return;
      if (result.ok) {
        setLoadError(null);
        setState(result.value);
      } else {
        setLoadError(result.error);
      }
    });
  }, [api]);

  useEffect(() => api.on.connectionChanged(accept), [api, accept]);
  useEffect(() => api.on.ledgerChanged(read), [api, read]);
  // `attempt` is bumped by reload: read again.
  useEffect(() => read(), [read, attempt]);

  const reload = useCallback(() => {
    setLoadError(null);
    setAttempt((n) => n + 1);
  }, []);

  return { state, loadError, reload, accept };
}

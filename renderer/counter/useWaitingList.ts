import { useCallback, useEffect, useRef, useState } from 'react';
import type { WaitingEntry } from '../../core/api.ts';
import type { ErrorInfo } from '../../core/errors.ts';
import type { LoketApi } from '../../core/ipc.ts';
import { safeCall } from './call.ts';

export interface WaitingList {
  /** The tickets this counter may call, in the order the hall would call them; null until read. */
  entries: WaitingEntry[] | null;
  /** The last read failed (offline, say); the list shown is the last one read. */
  error: ErrorInfo | null;
}

/**
 * The live waiting list: read on mount and again whenever the hall's queue changes
 * (`queueChanged`), this counter acted (`ledgerChanged`, also sent after a bridge reconnect) or
 * the link came back online. Reads are never applied out of order.
 */
export function useWaitingList(api: LoketApi, online: boolean): WaitingList {
  const [entries, setEntries] = useState<WaitingEntry[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const generation = useRef(0);

  const read = useCallback((): void => {
    const mine = ++generation.current;
    void safeCall(() => api.getQueue({})).then((result) => {
      if (mine !== generation.current) return;
      if (result.ok) {
        setEntries(result.value);
        setError(null);
      } else {
        setError(result.error);
      }
    });
  }, [api]);

  useEffect(() => api.on.queueChanged(read), [api, read]);
  useEffect(() => api.on.ledgerChanged(read), [api, read]);
  // Read now, and again whenever the link comes back (what changed meanwhile was not pushed).
  useEffect(read, [read, online]);

  return { entries, error };
}

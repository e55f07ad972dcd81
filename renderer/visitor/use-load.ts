import { useEffect, useState } from 'react';
import type { PublicResult } from './public-api.ts';

/**
 * The answer of one public API call, asked again whenever `load` changes (give it from useCallback)
 * or `reload()` is called. `result` belongs to the current call only (null while it is out);
 * `last` is the most recent answer of any call, to keep showing while a new one loads.
 */
export function useLoad<T>(load: (() => Promise<PublicResult<T>>) | null): {
  result: PublicResult<T> | null;
  last: PublicResult<T> | null;
  loading: boolean;
  reload: () => void;
} {
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<{ load: unknown; attempt: number; result: PublicResult<T> } | null>(null);
  useEffect(() => {
    if (load === null) return;
    let cancelled = false;
    void load().then((result) => {
      if (!cancelled) setAnswer({ load, attempt, result });
    });
    return () => {
      cancelled = true;
    };
  }, [load, attempt]);
  const current = answer !== null && answer.load === load && answer.attempt === attempt ? answer.result : null;
  return {
    result: current,
    last: answer?.result ?? null,
    loading: load !== null && current === null,
    reload: () => setAttempt((n) => n + 1),
  };
}

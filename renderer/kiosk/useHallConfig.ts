import { useCallback, useEffect, useState } from 'react';
import type { HallConfig } from '../../core/domain.ts';
import type { ErrorInfo } from '../../core/errors.ts';
import { isUnauthorized, type HallApi } from '../shared/hall-api.ts';

export interface ConfigFailure {
  error: ErrorInfo;
  unauthorized: boolean;
}

/** The hall configuration, loaded now, retried after a failure, refreshed from time to time. */
export function useHallConfig(api: HallApi, retryMs: number, refreshMs: number) {
  const [config, setConfig] = useState<HallConfig | null>(null);
  const [failure, setFailure] = useState<ConfigFailure | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const again = (ms: number): void => {
      timer = setTimeout(() => setAttempt((n) => n + 1), ms);
    };
    void api.config().then((result) => {
      if (cancelled) return;
      if (result.ok) {
        setConfig(result.value);
        setFailure(null);
        again(refreshMs);
      } else {
        // a failed refresh keeps the configuration the kiosk already has
        setFailure({ error: result.error, unauthorized: isUnauthorized(result) });
        again(retryMs);
      }
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, attempt, retryMs, refreshMs]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { config, failure, reload };
}

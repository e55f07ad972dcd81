import { useCallback, useEffect, useRef, useState } from 'react';
import type { Messages } from '../shared/locales/id.ts';

export type HintKey = keyof Messages['hints'];
export interface Hint {
  key: HintKey;
  number?: string;
}

/**
 * A short message (why a key did nothing, what just happened) that clears itself. Kept as a key,
 * not as text, so it follows a language switch.
 */
export function useHint(durationMs = 4000): [Hint | null, (key: HintKey, number?: string) => void] {
  const [hint, setHint] = useState<Hint | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const show = useCallback(
    (key: HintKey, number?: string) => {
      clearTimeout(timer.current);
      setHint(number === undefined ? { key } : { key, number });
      timer.current = setTimeout(() => setHint(null), durationMs);
    },
    [durationMs],
  );
  return [hint, show];
}

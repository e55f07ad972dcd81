import { useEffect, useEffectEvent } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'] as const;

/**
 * Calls `onIdle` once nobody has touched the page for `idleMs` while `active` (the kiosk is not at
 * its start screen). Any touch, click, key or scroll starts the wait again.
 */
export function useIdle(idleMs: number, active: boolean, onIdle: () => void): void {
  const fire = useEffectEvent(onIdle);
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(() => fire(), idleMs);
    const restart = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => fire(), idleMs);
    };
    for (const type of ACTIVITY) window.addEventListener(type, restart, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, restart, { capture: true });
    };
  }, [active, idleMs]);
}

import { useEffect, useEffectEvent } from 'react';
import { ScanReader } from './booking-code.ts';

/**
 * Listens for a keyboard-wedge scanner anywhere on the page while `enabled`: keystrokes each
 * within ~100 ms of the last, ended by Enter, are one scan, handed to `onScan` (that Enter does
 * nothing else, so it never presses a focused button). Typing into a text field is left to the
 * field: its own Enter submits it.
 */
export function useBarcodeScan(enabled: boolean, onScan: (text: string) => void, gapMs = 100): void {
  const scanned = useEffectEvent(onScan);
  useEffect(() => {
    if (!enabled) return;
    const reader = new ScanReader(gapMs);
    const listener = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      const target = event.target;
      if ((target instanceof HTMLInputElement && !target.readOnly) || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
      if (event.key === 'Enter') {
        const text = reader.enter(event.timeStamp);
        if (text === null) return;
        event.preventDefault();
        event.stopPropagation();
        scanned(text);
      } else if (event.key.length === 1) {
        reader.key(event.key, event.timeStamp);
      }
    };
    window.addEventListener('keydown', listener, { capture: true });
    return () => window.removeEventListener('keydown', listener, { capture: true });
  }, [enabled, gapMs]);
}

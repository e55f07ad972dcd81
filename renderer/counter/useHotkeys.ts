import { useEffect, useEffectEvent } from 'react';

/** The function keys of the counter screen. F5 (reload), F11 and F12 are left to the browser. */
export const HOTKEYS = ['F2', 'F4', 'F6', 'F7'] as const;
export type Hotkey = (typeof HOTKEYS)[number];

function isHotkey(key: string): key is Hotkey {
  return (HOTKEYS as readonly string[]).includes(key);
}

/**
 * Calls `onHotkey` for F2/F4/F6/F7 pressed anywhere on the page, the note field included. The
 * browser's own meaning of the key is suppressed; held-down repeats and chords (Alt+F4 closes the
 * window and must keep doing so) are not ours.
 */
export function useHotkeys(onHotkey: (key: Hotkey) => void): void {
  const handle = useEffectEvent((event: KeyboardEvent) => {
    if (!isHotkey(event.key) || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
    event.preventDefault();
    if (event.repeat) return;
    onHotkey(event.key);
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => handle(event);
    window.addEventListener('keydown', listener, true);
    return () => window.removeEventListener('keydown', listener, true);
  }, []);
}

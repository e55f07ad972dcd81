import { useEffect, useEffectEvent } from 'react';
import { ACTION_OF_KEY, type ActionKey } from './actions.ts';

/** The function keys of the counter screen. F5 (reload), F11 and F12 are left to the browser. */
export const HOTKEYS = Object.keys(ACTION_OF_KEY) as ActionKey[];
export type Hotkey = ActionKey;

/** `F1`, `Shift+F1`…: the key as the screen names it, or null when it is not one of ours. */
export function hotkeyOf(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey'>): Hotkey | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  const name = event.shiftKey ? `Shift+${event.key}` : event.key;
  return (HOTKEYS as readonly string[]).includes(name) ? (name as Hotkey) : null;
}

/**
 * Calls `onHotkey` for the screen's keys pressed anywhere on the page, the note field included.
 * The browser's own meaning of the key (F1 help, F10 menu) is suppressed; held-down repeats and
 * chords with Alt/Ctrl/Meta (Alt+F4 closes the window and must keep doing so) are not ours.
 */
export function useHotkeys(onHotkey: (key: Hotkey) => void): void {
  const handle = useEffectEvent((event: KeyboardEvent) => {
    if (event.isComposing) return;
    const key = hotkeyOf(event);
    if (key === null) return;
    event.preventDefault();
    if (event.repeat) return;
    onHotkey(key);
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => handle(event);
    window.addEventListener('keydown', listener, true);
    return () => window.removeEventListener('keydown', listener, true);
  }, []);
}

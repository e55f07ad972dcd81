import { act } from 'react';
import { vi } from 'vitest';

/**
 * Small DOM helpers shared by the renderer's DOM tests (no testing library installed). What waits
 * for the page takes the test file's own `settle`, since the files fake different timers.
 */

/** With fake timers: lets promises and zero-delay timers run, several rounds. */
export async function settleFakeTimers(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 8; i++) await vi.advanceTimersByTimeAsync(0);
  });
}

/** With fake timers: `ms` pass, then the page settles. */
export async function waitFakeTimers(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
  await settleFakeTimers();
}

/** With real timers: lets promises and zero-delay timers run, `rounds` times. */
export async function settleRealTimers(rounds: number): Promise<void> {
  await act(async () => {
    for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** A keydown where the focus is (the body when nothing has it). */
export function keydown(key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  (document.activeElement ?? document.body).dispatchEvent(event);
  return event;
}

/** `press` and `click`, each followed by the file's own `settle`. */
export function interactions(settle: () => Promise<void>) {
  return {
    async press(key: string, init: KeyboardEventInit = {}): Promise<KeyboardEvent> {
      let event: KeyboardEvent | undefined;
      await act(async () => {
        event = keydown(key, init);
      });
      await settle();
      if (!event) throw new Error('no event');
      return event;
    },
    async click(element: HTMLElement): Promise<void> {
      await act(async () => element.click());
      await settle();
    },
  };
}

/** Text typed into a field as a user would: React sees an input event. */
export async function typeInto(field: HTMLInputElement | HTMLTextAreaElement, text: string): Promise<void> {
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    field.focus();
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, text);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** The accessible name as the e2e tests see it: aria-label, else text without aria-hidden parts. */
export function nameOf(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label !== null) return label;
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) return document.getElementById(labelledBy)?.textContent?.trim() ?? '';
  const text = (node: Node): string =>
    node instanceof Element
      ? node.getAttribute('aria-hidden') === 'true'
        ? ''
        : Array.from(node.childNodes).map(text).join('')
      : (node.textContent ?? '');
  return text(element).replace(/\s+/g, ' ').trim();
}

/** The texts of every alert on the page, joined. */
export const alertTexts = (): string =>
  Array.from(document.querySelectorAll('[role="alert"]'))
    .map((e) => e.textContent)
    .join(' ');

/** Storage in a map (enrollment and language), seeded with `initial`. */
export function memoryStorage(initial: Record<string, string> = {}): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & {
  data: Map<string, string>;
} {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

/** The input a label names (by `for`, or the one inside it). */
export function field(label: string): HTMLInputElement {
  const found = Array.from(document.querySelectorAll('label')).find((l) => nameOf(l) === label);
  const input = found ? (found.htmlFor ? document.getElementById(found.htmlFor) : found.querySelector('input')) : null;
  if (!(input instanceof HTMLInputElement)) throw new Error(`no field labelled ${label}`);
  return input;
}

/** The button whose accessible name is `name` (or matches it); the error lists the buttons there are. */
export function buttonNamed(name: string | RegExp): HTMLButtonElement {
  const all = Array.from(document.querySelectorAll('button'));
  const found = all.find((b) => (typeof name === 'string' ? nameOf(b) === name : name.test(nameOf(b))));
  if (!found) throw new Error(`no button named ${typeof name === 'string' ? JSON.stringify(name) : String(name)}; have ${all.map(nameOf).join(' | ')}`);
  return found;
}

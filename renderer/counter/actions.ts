import type { Ticket } from '../../core/domain.ts';
import type { Hint, HintKey } from './useHint.ts';

/** Every action of the serving screen, each with its key (DESIGN.md §4 states; F5, F11, F12 stay the browser's). */
export const ACTION_KEYS = {
  callNext: 'F1',
  walkIn: 'F2',
  recall: 'F3',
  finishServed: 'F4',
  note: 'F6',
  finishPending: 'F7',
  start: 'F8',
  noShow: 'F9',
  transfer: 'F10',
  returnToQueue: 'Shift+F1',
  /** Pause with a reason, or resume a paused counter. */
  pause: 'Shift+F2',
  /** Close the counter at the end of the day (Alt+F4 closes a window; Shift+F4 closes the counter). */
  closeCounter: 'Shift+F4',
} as const;
export type CounterAction = keyof typeof ACTION_KEYS;
export type ActionKey = (typeof ACTION_KEYS)[CounterAction];

export const ACTION_OF_KEY = Object.fromEntries(Object.entries(ACTION_KEYS).map(([action, key]) => [key, action])) as Record<
  ActionKey,
  CounterAction
>;

export interface ActionState {
  current: Ticket | null;
  busy: boolean;
  /** The hall server is reachable now (calling from the shared queue needs it). */
  online: boolean;
  /** The counter as last known: paused counters call nobody; null while unknown. */
  counter: 'open' | 'paused' | 'closed' | null;
  /** A modal (walk-in chooser, transfer, pause reason, close confirmation) is open. */
  dialog: 'chooser' | 'transfer' | 'pause' | 'close' | null;
}

/** A walk-in was never called through the hall: the ledger counts no call for it. */
export const isWalkIn = (ticket: Ticket): boolean => ticket.callCount === 0;

/**
 * Why `action` is not possible now, as a hint to show; null when it is. The buttons are disabled
 * and the keys ignored (with this hint) by the same rule, so they can never disagree.
 */
export function refusal(action: CounterAction, s: ActionState): Hint | null {
  const hint = (key: HintKey): Hint => (s.current ? { key, number: s.current.number } : { key });
  if (s.dialog === 'chooser') return hint('chooserOpen');
  if (s.dialog === 'transfer') return hint('transferOpen');
  if (s.dialog === 'pause' || s.dialog === 'close') return hint('dialogOpen');
  if (s.busy) return hint('busy');
  const t = s.current;
  switch (action) {
    case 'callNext':
    case 'walkIn':
      if (t) return hint(t.status === 'called' ? 'stillCalled' : 'alreadyServing');
      if (s.counter === 'paused') return hint('paused');
      return action === 'callNext' && !s.online ? hint('offlineCall') : null;
    case 'pause':
      return s.counter === 'open' || s.counter === 'paused' ? null : hint('counterClosed');
    case 'closeCounter':
      if (t) return hint('closeHolding');
      return s.counter === 'open' || s.counter === 'paused' ? null : hint('counterClosed');
    case 'recall':
    case 'start':
    case 'noShow':
    case 'returnToQueue':
      if (!t) return hint('noCalled');
      if (isWalkIn(t)) return hint('walkInOnly');
      return t.status === 'called' ? null : hint('alreadyStarted');
    case 'finishServed':
    case 'finishPending':
      if (!t) return hint('noVisitor');
      return t.status === 'serving' ? null : hint('notStarted');
    case 'transfer':
      if (!t) return hint('noVisitor');
      return isWalkIn(t) ? hint('walkInOnly') : null;
    case 'note':
      return t ? null : hint('noVisitor');
  }
}

import type { TicketStatus } from './domain.ts';

/** Every action that can change a ticket's state (DESIGN.md §4). */
export const TICKET_ACTIONS = [
  'call',
  'recall',
  'start',
  'finish',
  'no_show',
  'reactivate',
  'transfer',
  'return',
  'cancel',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** The legal transitions: from-state → action → to-state. Anything absent is illegal. */
const TRANSITIONS: Readonly<Record<TicketStatus, Partial<Record<TicketAction, TicketStatus>>>> = {
  waiting: { call: 'called', cancel: 'cancelled' },
  called: {
    recall: 'called',
    start: 'serving',
    no_show: 'no_show',
    transfer: 'transferred',
    return: 'waiting',
  },
  serving: { finish: 'done', transfer: 'transferred' },
  done: {},
  no_show: { reactivate: 'waiting' },
  transferred: {},
  cancelled: {},
};

export class IllegalTransitionError extends Error {
  readonly code = 'illegal_transition';
  constructor(
    readonly state: TicketStatus,
    readonly action: TicketAction,
  ) {
    const allowed = allowedActions(state);
    super(
      `Cannot ${action.replace('_', '-')} a ticket that is ${state.replace('_', '-')}` +
        (allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (it is final)'),
    );
    this.name = 'IllegalTransitionError';
  }
}

/** The state after `action`, or an IllegalTransitionError naming the state and the action. */
export function transition(state: TicketStatus, action: TicketAction): TicketStatus {
  const next = TRANSITIONS[state][action];
  if (next === undefined) throw new IllegalTransitionError(state, action);
  return next;
}

export function canTransition(state: TicketStatus, action: TicketAction): boolean {
  return TRANSITIONS[state][action] !== undefined;
}

export function allowedActions(state: TicketStatus): TicketAction[] {
  return TICKET_ACTIONS.filter((a) => TRANSITIONS[state][a] !== undefined);
}

export function isFinal(state: TicketStatus): boolean {
  return allowedActions(state).length === 0;
}

import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES, type TicketStatus } from '../../../core/domain.ts';
import {
  IllegalTransitionError,
  TICKET_ACTIONS,
  allowedActions,
  canTransition,
  isFinal,
  transition,
  type TicketAction,
} from '../../../core/ticket-state.ts';

/**
 * The ticket life cycle of DESIGN.md §4, written out here by hand (not derived from the code):
 * waiting → called → serving → done; called → no_show, and a supervisor reactivates a no-show to
 * waiting; called|serving → transferred; called → waiting (returned to the queue); waiting →
 * cancelled; recall keeps `called`. Every pair not listed is illegal.
 */
const STATES = ['waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'cancelled'] as const;
const ACTIONS = ['call', 'recall', 'start', 'finish', 'no_show', 'reactivate', 'transfer', 'return', 'cancel'] as const;

const LEGAL: Record<TicketStatus, Partial<Record<TicketAction, TicketStatus>>> = {
  waiting: { call: 'called', cancel: 'cancelled' },
  called: { recall: 'called', start: 'serving', no_show: 'no_show', transfer: 'transferred', return: 'waiting' },
  serving: { finish: 'done', transfer: 'transferred' },
  done: {},
  no_show: { reactivate: 'waiting' },
  transferred: {},
  cancelled: {},
};

const PAIRS = STATES.flatMap((state) => ACTIONS.map((action) => ({ state, action, next: LEGAL[state][action] })));
const legalPairs = PAIRS.filter((p) => p.next !== undefined).map((p) => [p.state, p.action, p.next as TicketStatus] as const);
const illegalPairs = PAIRS.filter((p) => p.next === undefined).map((p) => [p.state, p.action] as const);

/** "no_show" may be written "no-show" in a sentence for people. */
const spelled = (word: string): RegExp => new RegExp(`\\b${word.replace('_', '[_ -]')}\\b`);

describe('ticket state machine', () => {
  it('knows exactly the states and actions of DESIGN.md §4', () => {
    expect([...TICKET_STATUSES].sort()).toEqual([...STATES].sort());
    expect([...TICKET_ACTIONS].sort()).toEqual([...ACTIONS].sort());
    expect(PAIRS).toHaveLength(63);
    expect(legalPairs).toHaveLength(10);
    expect(illegalPairs).toHaveLength(53);
  });

  it.each(legalPairs)('%s + %s → %s', (state, action, next) => {
    expect(transition(state, action)).toBe(next);
    expect(canTransition(state, action)).toBe(true);
  });

  it.each(illegalPairs)('%s + %s is illegal and the error names both', (state, action) => {
    expect(canTransition(state, action)).toBe(false);
    let thrown: unknown;
    try {
      transition(state, action);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(IllegalTransitionError);
    const error = thrown as IllegalTransitionError;
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('IllegalTransitionError');
    expect(error.code).toBe('illegal_transition');
    expect(error.state).toBe(state);
    expect(error.action).toBe(action);
    expect(error.message).toMatch(spelled(state));
    expect(error.message).toMatch(spelled(action));
  });

  it('tells what is allowed instead, and which states are final', () => {
    for (const state of STATES) {
      expect(allowedActions(state).sort()).toEqual(Object.keys(LEGAL[state]).sort());
      expect(isFinal(state)).toBe(Object.keys(LEGAL[state]).length === 0);
    }
    expect(STATES.filter((s) => isFinal(s))).toEqual(['done', 'transferred', 'cancelled']);
    expect(() => transition('serving', 'call')).toThrow(/allowed: finish, transfer/);
    expect(() => transition('done', 'finish')).toThrow(/final/);
  });

  it('lets a ticket be recalled any number of times and still be served', () => {
    let s: TicketStatus = transition('waiting', 'call');
    for (let i = 0; i < 5; i++) s = transition(s, 'recall');
    expect(s).toBe('called');
    expect(transition(transition(s, 'start'), 'finish')).toBe('done');
  });

  it('brings a no-show back to the queue only through a supervisor reactivation', () => {
    const noShow = transition('called', 'no_show');
    expect(() => transition(noShow, 'call')).toThrow(IllegalTransitionError);
    expect(transition(noShow, 'reactivate')).toBe('waiting');
  });
});

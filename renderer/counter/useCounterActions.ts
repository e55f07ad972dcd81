import type { Outcome } from '../../core/domain.ts';
import type { WaitingEntry } from '../../core/api.ts';
import { refusal, type ActionState, type CounterAction } from './actions.ts';
import type { CounterData, HeldAction } from './useCounterData.ts';
import type { HintKey } from './useHint.ts';

interface ActionDeps {
  data: CounterData;
  state: ActionState;
  showHint: (key: HintKey, number?: string) => void;
  /** The note typed for the current visitor, sent with a finish. */
  note: () => string;
  openChooser: () => void;
  openTransfer: () => void;
  focusNote: () => void;
  /** Resumes a paused counter, or asks why it pauses. */
  togglePause: () => void;
  openClose: () => void;
}

const HELD_ACTIONS: Partial<Record<CounterAction, { call: HeldAction; done: HintKey }>> = {
  recall: { call: 'recallTicket', done: 'recalled' },
  start: { call: 'startServing', done: 'started' },
  noShow: { call: 'markNoShow', done: 'markedNoShow' },
  returnToQueue: { call: 'returnToQueue', done: 'returned' },
};

/**
 * What each key and button does on the serving screen. An action that is not possible now is
 * ignored with the hint `refusal` gives; one that ran says so in a short hint.
 */
export function useCounterActions(deps: ActionDeps) {
  const { data, state, showHint } = deps;

  const finish = async (outcome: Outcome): Promise<void> => {
    const trimmed = deps.note().trim();
    const ticket = await data.finish(outcome, trimmed === '' ? null : trimmed);
    if (ticket) showHint(outcome === 'served' ? 'finishedServed' : 'finishedPending', ticket.number);
  };

  const callNext = async (): Promise<void> => {
    const done = await data.callNext();
    if (done) showHint(done.value ? 'called' : 'noQueue', done.value?.number);
  };

  const perform = (action: CounterAction): void => {
    const refused = refusal(action, state);
    if (refused) return showHint(refused.key, refused.number);
    const held = HELD_ACTIONS[action];
    if (held) {
      void data.act(held.call).then((ticket) => ticket && showHint(held.done, ticket.number));
      return;
    }
    if (action === 'callNext') void callNext();
    else if (action === 'walkIn') deps.openChooser();
    else if (action === 'finishServed') void finish('served');
    else if (action === 'finishPending') void finish('pending');
    else if (action === 'transfer') deps.openTransfer();
    else if (action === 'note') deps.focusNote();
    else if (action === 'pause') deps.togglePause();
    else if (action === 'closeCounter') deps.openClose();
  };

  /** Enter on a row of the waiting list: call that visitor (only when calling next would be allowed). */
  const callEntry = (entry: WaitingEntry): void => {
    const refused = refusal('callNext', state);
    if (refused) return showHint(refused.key, refused.number);
    void data.callTicket(entry.ticketId).then((ticket) => ticket && showHint('called', ticket.number));
  };

  return { perform, callEntry };
}

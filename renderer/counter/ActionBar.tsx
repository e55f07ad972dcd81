import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_KEYS, refusal, type ActionState, type CounterAction } from './actions.ts';
import { KeyButton } from './KeyButton.tsx';

/** The buttons in workflow order: call, serve, finish; then the ways out; then the counter's own day. */
const LAYOUT: ReadonlyArray<Exclude<CounterAction, 'note'>> = [
  'callNext',
  'recall',
  'start',
  'finishServed',
  'finishPending',
  'noShow',
  'transfer',
  'returnToQueue',
  'walkIn',
  'pause',
  'closeCounter',
];

interface ActionBarProps {
  state: ActionState;
  onAction: (action: CounterAction) => void;
  /** Buttons focus goes to when the counter is idle. */
  callNextRef: Ref<HTMLButtonElement>;
  walkInRef: Ref<HTMLButtonElement>;
  pauseRef: Ref<HTMLButtonElement>;
  /** The hall's rule for suggesting a no-show after repeated calls. */
  recallsBeforeNoShow: number;
}

/** What the officer most likely does next: call when idle, resume when paused, start, finish. */
export function primaryAction(state: ActionState, recallsBeforeNoShow: number): CounterAction {
  const t = state.current;
  if (t === null) return state.counter === 'paused' ? 'pause' : 'callNext';
  if (t.status !== 'called') return 'finishServed';
  return t.callCount >= recallsBeforeNoShow ? 'noShow' : 'start';
}

/**
 * Every action, each showing its key. A button is disabled exactly when its key would be refused;
 * the primary one is what the officer most likely does next (call when idle, finish when serving).
 */
export function ActionBar({ state, onAction, callNextRef, walkInRef, pauseRef, recallsBeforeNoShow }: ActionBarProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const primary = primaryAction(state, recallsBeforeNoShow);
  const label = (action: Exclude<CounterAction, 'note'>): string => {
    if (action === 'pause') return t(state.counter === 'paused' ? 'workday.resume' : 'workday.pause');
    if (action === 'closeCounter') return t('workday.closeCounter');
    return t(`actions.${action}`);
  };
  return (
    <section className="actions" aria-labelledby={headingId} aria-busy={state.busy}>
      <h2 id={headingId} className="visually-hidden">
        {t('actions.heading')}
      </h2>
      {LAYOUT.map((action) => (
        <KeyButton
          key={action}
          ref={action === 'callNext' ? callNextRef : action === 'walkIn' ? walkInRef : action === 'pause' ? pauseRef : undefined}
          shortcut={ACTION_KEYS[action]}
          label={label(action)}
          className={action === primary ? 'key-button-primary' : undefined}
          disabled={refusal(action, { ...state, dialog: null }) !== null}
          onClick={() => onAction(action)}
        />
      ))}
    </section>
  );
}

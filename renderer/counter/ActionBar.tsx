import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Messages } from '../shared/locales/id.ts';
import { ACTION_KEYS, refusal, type ActionState, type CounterAction } from './actions.ts';
import { KeyButton } from './KeyButton.tsx';

/** The buttons in workflow order: call, serve, finish; then the ways out; each always in its place. */
const LAYOUT: ReadonlyArray<{ action: Exclude<CounterAction, 'note'>; label: keyof Messages['actions'] }> = [
  { action: 'callNext', label: 'callNext' },
  { action: 'recall', label: 'recall' },
  { action: 'start', label: 'start' },
  { action: 'finishServed', label: 'finishServed' },
  { action: 'finishPending', label: 'finishPending' },
  { action: 'noShow', label: 'noShow' },
  { action: 'transfer', label: 'transfer' },
  { action: 'returnToQueue', label: 'returnToQueue' },
  { action: 'walkIn', label: 'walkIn' },
];

interface ActionBarProps {
  state: ActionState;
  onAction: (action: CounterAction) => void;
  /** Buttons focus goes to when the counter is idle. */
  callNextRef: Ref<HTMLButtonElement>;
  walkInRef: Ref<HTMLButtonElement>;
}

/**
 * Every action, each showing its key. A button is disabled exactly when its key would be refused;
 * the primary one is what the officer most likely does next (call when idle, finish when serving).
 */
export function ActionBar({ state, onAction, callNextRef, walkInRef }: ActionBarProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const primary: CounterAction =
    state.current === null ? 'callNext' : state.current.status === 'called' ? 'start' : 'finishServed';
  return (
    <section className="actions" aria-labelledby={headingId} aria-busy={state.busy}>
      <h2 id={headingId} className="visually-hidden">
        {t('actions.heading')}
      </h2>
      {LAYOUT.map(({ action, label }) => (
        <KeyButton
          key={action}
          ref={action === 'callNext' ? callNextRef : action === 'walkIn' ? walkInRef : undefined}
          shortcut={ACTION_KEYS[action]}
          label={t(`actions.${label}`)}
          className={action === primary ? 'key-button-primary' : undefined}
          disabled={refusal(action, { ...state, dialog: null }) !== null}
          onClick={() => onAction(action)}
        />
      ))}
    </section>
  );
}

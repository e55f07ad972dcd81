import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { KeyButton } from './KeyButton.tsx';

interface ActionBarProps {
  serving: boolean;
  busy: boolean;
  walkInRef: Ref<HTMLButtonElement>;
  onWalkIn: () => void;
  onFinishServed: () => void;
  onFinishPending: () => void;
}

/** The three actions, always in the same place; each shows its function key. */
export function ActionBar({ serving, busy, walkInRef, onWalkIn, onFinishServed, onFinishPending }: ActionBarProps) {
  const { t } = useTranslation();
  return (
    <div className="actions" aria-busy={busy}>
      <KeyButton ref={walkInRef} shortcut="F2" label={t('actions.walkIn')} disabled={busy || serving} onClick={onWalkIn} />
      <KeyButton
        shortcut="F4"
        label={t('actions.finishServed')}
        className="key-button-primary"
        disabled={busy || !serving}
        onClick={onFinishServed}
      />
      <KeyButton shortcut="F7" label={t('actions.finishPending')} disabled={busy || !serving} onClick={onFinishPending} />
    </div>
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** "Prioritas (lansia, disabilitas, ibu hamil)": one big toggle, with who may choose it. */
export function PriorityToggle({ pressed, disabled, onToggle }: { pressed: boolean; disabled: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const hintId = useId();
  return (
    <>
      <button type="button" className="priority-toggle" aria-pressed={pressed} aria-describedby={hintId} disabled={disabled} onClick={onToggle}>
        <span className="priority-box" aria-hidden="true">
          {pressed ? '✓' : ''}
        </span>
        <span>{t('kiosk.priority')}</span>
      </button>
      <p id={hintId} className="priority-hint">
        {t('kiosk.priorityHint')}
      </p>
    </>
  );
}

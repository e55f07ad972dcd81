import { useEffect, useEffectEvent, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface Choice {
  id: string;
  label: string;
  /** A short tag at the end of the row (a service's prefix). */
  tag?: string;
}

interface ChoiceDialogProps {
  title: string;
  /** What to do, or why there is nothing to choose when `choices` is empty. */
  hint: string;
  choices: readonly Choice[];
  onChoose: (id: string) => void;
  onClose: () => void;
}

/**
 * A modal choice (a walk-in's service, a pause reason, confirming the close): digits 1–9 choose at
 * once, arrows and Enter work too, Tab stays inside, Escape closes (the caller puts focus back).
 */
export function ChoiceDialog({ title, hint, choices, onChoose, onClose }: ChoiceDialogProps) {
  const { t } = useTranslation();
  
  const titleId = useId();
  const hintId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);

  const focusables = (): HTMLElement[] =>
    Array.from(dialogRef.current?.querySelectorAll<HTMLElement>('button:not([disabled])') ?? []);
  const items = (): HTMLElement[] =>
    Array.from(dialogRef.current?.querySelectorAll<HTMLElement>('[data-choice-index]') ?? []);

  useEffect(() => {
    (items()[0] ?? focusables()[0])?.focus();
  }, []);

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (index: number): void => {
      event.preventDefault();
      list[(index + list.length) % list.length]?.focus();
    };
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (/^[1-9]$/.test(event.key)) {
      const choice = choices[Number(event.key) - 1];
      event.preventDefault();
      if (choice) onChoose(choice.id);
    } else if (event.key === 'ArrowDown' && list.length) move(at + 1);
    else if (event.key === 'ArrowUp' && list.length) move(at < 0 ? -1 : at - 1);
    else if (event.key === 'Home' && list.length) move(0);
    else if (event.key === 'End' && list.length) move(-1);
    else if (event.key === 'Enter' && at >= 0) {
      event.preventDefault();
      const choice = choices[at];
      if (choice) onChoose(choice.id);
    } else if (event.key === 'Tab') {
      const all = focusables();
      const index = all.indexOf(document.activeElement as HTMLElement);
      event.preventDefault();
      all[(index + (event.shiftKey ? -1 : 1) + all.length) % all.length]?.focus();
    }
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <div className="backdrop">
      <div ref={dialogRef} className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={hintId}>
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <p id={hintId} className="dialog-hint">
          {hint}
        </p>
        <ul className="chooser-list">
          {choices.map((choice, index) => (
            <li key={choice.id}>
              <button
                type="button"
                className="chooser-item"
                data-choice-index={index}
                aria-keyshortcuts={index < 9 ? String(index + 1) : undefined}
                onClick={() => onChoose(choice.id)}
              >
                <kbd aria-hidden="true">{index < 9 ? index + 1 : ''}</kbd>
                <span className="chooser-name">{choice.label}</span>
                {choice.tag !== undefined && (
                  <span className="chooser-prefix" aria-hidden="true">
                    {choice.tag}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="chooser-cancel" aria-keyshortcuts="Escape" onClick={onClose}>
          <kbd aria-hidden="true">Esc</kbd> <span>{t('chooser.cancel')}</span>
        </button>
      </div>
    </div>
  );
}

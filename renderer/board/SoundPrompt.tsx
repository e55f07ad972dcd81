import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SoundState } from './useAnnouncer.ts';

interface SoundPromptProps {
  sound: SoundState;
  /** Sound was turned on here before: a small button in the corner instead of the panel. */
  remembered: boolean;
  onActivate: () => void;
}

/**
 * Browsers keep a page silent until someone clicks or presses a key on it. While the board is
 * held silent, it says so and offers the one click (the button has the focus, so Enter works;
 * any other click or key on the board does too). The calls stay visible around it.
 */
export function SoundPrompt({ sound, remembered, onActivate }: SoundPromptProps) {
  const { t } = useTranslation();
  const hintId = useId();
  if (sound !== 'locked') return null;
  return (
    <aside className={remembered ? 'sound-prompt sound-prompt-small' : 'sound-prompt'} aria-label={t('board.soundTitle')}>
      <button type="button" className="sound-button" onClick={onActivate} autoFocus aria-describedby={remembered ? undefined : hintId}>
        <svg className="sound-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M3 9v6h4l5 4V5L7 9H3z" />
          <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" fill="none" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <span>{t('board.soundActivate')}</span>
      </button>
      {!remembered && (
        <p id={hintId} className="sound-hint">
          {t('board.soundHint')}
        </p>
      )}
    </aside>
  );
}

import { useTranslation } from 'react-i18next';
import { memo, type CSSProperties } from 'react';

/**
 * The running text along the bottom: CSS moves it (motion.css, no script timers), at a speed that
 * does not depend on its length. With prefers-reduced-motion it stands still and wraps instead.
 */
export const RunningText = memo(function RunningText({ text }: { text: string }) {
  const { t } = useTranslation();
  const seconds = Math.round(12 + text.length * 0.18);
  const style = { '--ticker-seconds': `${seconds}s` } as CSSProperties;
  return (
    <footer className="ticker" aria-label={t('board.runningText')}>
      <p className="ticker-track">
        <span className="ticker-text" style={style}>
          {text}
        </span>
      </p>
    </footer>
  );
});

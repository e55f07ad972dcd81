import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from './languages.ts';

/**
 * The Bahasa Indonesia ⇄ English switch of every page, named in the language it switches to;
 * `compact` shows only the code (EN, ID) where the header is full, the name staying its label.
 */
export function LanguageSwitch({ className, compact = false }: { className?: string; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const next = currentLanguage(i18n) === 'id' ? 'en' : 'id';
  return (
    <button
      type="button"
      className={className}
      lang={next}
      aria-label={t('header.switchLanguageLabel')}
      title={compact ? t('header.switchLanguageLabel') : undefined}
      onClick={() => void i18n.changeLanguage(next)}
    >
      {compact ? next.toUpperCase() : t('header.switchLanguage')}
    </button>
  );
}

/** `<html lang>` follows the shown language, so screen readers read with the right voice. */
export function useDocumentLanguage(): void {
  const { i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
}

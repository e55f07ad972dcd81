import { useTranslation } from 'react-i18next';
import { useNow } from '../counter/useNow.ts';
import { LanguageSwitch } from '../shared/language.tsx';
import { formatTime } from '../shared/format.ts';

/** Hall name, what the kiosk is for, the hall's time, and the language switch on every step. */
export function KioskHeader({ hallName, timeZone }: { hallName: string; timeZone: string }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  return (
    <header className="kiosk-header">
      <div className="kiosk-header-text">
        <p className="kiosk-hall">{hallName}</p>
        <h1 className="kiosk-title">{t('kiosk.title')}</h1>
      </div>
      <p className="kiosk-clock">
        <span className="visually-hidden">{t('header.clock')} </span>
        <time>{formatTime(now, timeZone)}</time>
      </p>
      <LanguageSwitch className="kiosk-lang" />
    </header>
  );
}

import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../shared/i18n.ts';
import { formatTime } from '../shared/format.ts';
import { useNow } from './useNow.ts';

interface HeaderProps {
  hallName: string;
  counterNumber: number;
  timeZone: string;
}

export function Header({ hallName, counterNumber, timeZone }: HeaderProps) {
  const { t, i18n } = useTranslation();
  const next = currentLanguage(i18n) === 'id' ? 'en' : 'id';
  return (
    <header className="header">
      <h1 className="header-hall">{hallName}</h1>
      <p className="header-counter">{t('header.counter', { number: counterNumber })}</p>
      <button
        type="button"
        className="header-lang"
        lang={next}
        aria-label={t('header.switchLanguageLabel')}
        onClick={() => void i18n.changeLanguage(next)}
      >
        {t('header.switchLanguage')}
      </button>
      <Clock timeZone={timeZone} label={t('header.clock')} />
    </header>
  );
}

function Clock({ timeZone, label }: { timeZone: string; label: string }) {
  const now = useNow(1000);
  const time = formatTime(now, timeZone);
  return (
    <p className="header-clock">
      <span className="visually-hidden">{label} </span>
      <time dateTime={time}>{time}</time>
    </p>
  );
}

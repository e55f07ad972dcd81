import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../counter/useNow.ts';
import { formatDate, formatTime } from '../shared/format.ts';
import { currentLanguage } from '../shared/i18n.ts';

/** Hall name, date and time, in the hall's time zone (not the TV's). */
export const BoardHeader = memo(function BoardHeader({ hallName, timeZone }: { hallName: string; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const now = useNow(1000);
  return (
    <header className="board-header">
      <h1 className="board-hall">{hallName}</h1>
      <p className="board-date">{formatDate(now, timeZone, currentLanguage(i18n))}</p>
      <p className="board-clock">
        <span className="visually-hidden">{t('header.clock')} </span>
        <time>{formatTime(now, timeZone)}</time>
      </p>
    </header>
  );
});

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DaySummary } from '../../core/ipc.ts';
import { formatDurationWords } from '../shared/format.ts';

/** Today's figures, big; a polite live region so a finish is announced without stealing focus. */
export function TodaySummary({ summary }: { summary: DaySummary | null }) {
  const { t } = useTranslation();
  const headingId = useId();
  const units = { hour: t('unit.hour'), minute: t('unit.minute'), second: t('unit.second') };
  const average =
    summary?.averageServiceMs === null || summary === null ? t('summary.none') : formatDurationWords(summary.averageServiceMs, units);
  const figure = (value: number | undefined): string => (value === undefined ? '–' : String(value));
  return (
    <section className="summary" aria-labelledby={headingId} aria-live="polite">
      <h2 id={headingId} className="section-title">
        {t('summary.heading')}
      </h2>
      <dl className="summary-figures">
        <div className="figure">
          <dt>{t('summary.served')}</dt>
          <dd>{figure(summary?.served)}</dd>
        </div>
        <div className="figure">
          <dt>{t('summary.pending')}</dt>
          <dd>{figure(summary?.pending)}</dd>
        </div>
        <div className="figure">
          <dt>{t('summary.noShow')}</dt>
          <dd>{figure(summary?.noShow)}</dd>
        </div>
        <div className="figure figure-wide">
          <dt>{t('summary.average')}</dt>
          <dd>{average}</dd>
        </div>
      </dl>
    </section>
  );
}

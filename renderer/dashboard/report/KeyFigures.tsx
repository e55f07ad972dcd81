import { useTranslation } from 'react-i18next';
import type { Report } from '../../../core/reports-api.ts';
import { formatNumber, formatPercent, formatSeconds } from '../dashboard-format.ts';
import { useDashboardLocale } from '../useDashboardLocale.ts';
import { definitionOf, KEY_FIGURES } from './report-figures.ts';

/**
 * The totals' leading figures as cards, each in its own unit (`12,5%`, `8 mnt 20 dtk`), above the
 * table on screen and at the top of the print view. The label drops the table's unit in brackets.
 */
export function KeyFigures({ report }: { report: Report }) {
  const { t } = useTranslation();
  const { language, units } = useDashboardLocale();

  return (
    <section className="key-figures" aria-labelledby="key-figures-title">
      <h3 id="key-figures-title" className="visually-hidden">
        {t('dashboard.keyFigures')}
      </h3>
      <dl>
        {KEY_FIGURES.map((figure) => {
          const d = definitionOf(report.definitions, figure);
          const value = report.totals[figure];
          const shown =
            value === null
              ? '–'
              : d.unit === 'percent'
                ? formatPercent(value, language)
                : d.unit === 'seconds'
                  ? formatSeconds(value, units)
                  : formatNumber(value, language, d.unit === 'per_hour' ? 2 : 0);
          return (
            <div key={figure} className="key-figure" data-figure={figure}>
              <dt>{d.label[language].replace(/\s*\((?:%|detik|s)\)$/, '')}</dt>
              <dd>{shown}</dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

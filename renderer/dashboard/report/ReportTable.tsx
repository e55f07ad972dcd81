import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Report, ReportFigure, ReportRow } from '../../../core/reports-api.ts';
import type { HallLookup } from '../hall-lookup.ts';
import { useDashboardLocale } from '../useDashboardLocale.ts';
import { definitionOf, FIGURE_GROUPS, formatFigure, rowLabel, type LabelWords } from './report-figures.ts';

export const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The report as a table: one row per counter, officer, service, agency, day or hour, every figure
 * of the API under its heading (from the report's own definitions, in the shown language), and
 * the totals row. Wide: it scrolls sideways inside its own region, the row names stay in view.
 */
export function ReportTable({ report, lookup, figures }: { report: Report; lookup: HallLookup; figures?: readonly ReportFigure[] }) {
  const { t } = useTranslation();
  const { language } = useDashboardLocale();
  const captionId = useId();
  const hintId = useId();
  const words: LabelWords = { counter: (number) => t('dashboard.counterLabel', { number }), noOfficer: t('dashboard.noOfficer') };
  const groups = FIGURE_GROUPS.map((g) => ({ ...g, figures: g.figures.filter((f) => figures === undefined || figures.includes(f)) })).filter((g) => g.figures.length > 0);
  const columns = groups.flatMap((g) => g.figures);
  const group = t(`dashboard.group_${report.query.groupBy}`);

  const cells = (row: ReportRow) =>
    columns.map((figure) => {
      const value = row[figure];
      return (
        <td key={figure} className="num" data-figure={figure} title={value === null ? t('dashboard.notGiven') : undefined}>
          {formatFigure(value, language)}
        </td>
      );
    });

  return (
    <div className="report-table-block">
      <div className="dash-table-scroll report-table-scroll" role="region" aria-labelledby={captionId} aria-describedby={hintId} tabIndex={0}>
        <table className="dash-table report-table">
          <caption id={captionId}>{t('dashboard.tableLabel', { group })}</caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2} className="report-row-head">
                {capitalize(group)}
              </th>
              {groups.map((g) => (
                <th key={g.head} scope="colgroup" colSpan={g.figures.length} className={`report-head report-head-${g.head}`}>
                  {t(`dashboard.head_${g.head}`)}
                </th>
              ))}
            </tr>
            <tr>
              {columns.map((figure) => {
                const definition = definitionOf(report.definitions, figure);
                return (
                  <th key={figure} scope="col" className="num" data-figure={figure} title={definition.definition[language]}>
                    {definition.label[language]}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <tr key={row.key} data-key={row.key}>
                <th scope="row">{rowLabel(report.query.groupBy, row, lookup, words, language)}</th>
                {cells(row)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-key="total">
              <th scope="row">{t('dashboard.total')}</th>
              {cells(report.totals)}
            </tr>
          </tfoot>
        </table>
      </div>
      <p id={hintId} className="dash-hint report-scroll-hint">
        {report.rows.length === 0 ? t('dashboard.noRows') : t('dashboard.tableScrollHint')}
      </p>
    </div>
  );
}

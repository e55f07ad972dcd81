import { useTranslation } from 'react-i18next';
import type { HeatMap } from '../../../core/reports-api.ts';
import type { Language } from '../../shared/i18n.ts';
import { formatDayBrief, formatNumber, hourLabel, weekdayName, weekdayOf } from '../dashboard-format.ts';
import { useDashboardLocale } from '../useDashboardLocale.ts';

/** Longer ranges are summed per day of the week: a row per day would not fit a screen or a page. */
export const HEAT_DAYS_MAX = 62;
/** Colour steps besides "none" (heat-0); the classes heat-1 … heat-8 are in the stylesheet. */
const LEVELS = 8;
/** Monday first, as the Indonesian week is written. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];

interface HeatRow {
  key: string;
  label: string;
  counts: number[];
}

/** The rows of the map (days, or days of the week) and the hours that had any arrival. */
export function heatRows(heat: HeatMap, language: Language): { rows: HeatRow[]; hours: number[]; byWeekday: boolean } {
  const byWeekday = heat.days.length > HEAT_DAYS_MAX;
  let rows: HeatRow[];
  if (byWeekday) {
    const sums = new Map<number, number[]>(WEEK.map((d) => [d, heat.hours.map(() => 0)]));
    heat.days.forEach((day, i) => {
      const sum = sums.get(weekdayOf(day)) as number[];
      (heat.arrivals[i] ?? []).forEach((n, h) => (sum[h] = (sum[h] ?? 0) + n));
    });
    rows = WEEK.map((d) => ({ key: `weekday-${d}`, label: weekdayName(d, language), counts: sums.get(d) as number[] }));
  } else {
    rows = heat.days.map((day, i) => ({ key: day, label: formatDayBrief(day, language), counts: heat.arrivals[i] ?? [] }));
  }
  const busy = heat.hours.map((_, h) => h).filter((h) => rows.some((r) => (r.counts[h] ?? 0) > 0));
  const first = busy[0];
  const last = busy[busy.length - 1];
  const hours = first === undefined || last === undefined ? [] : heat.hours.slice(first, last + 1);
  return { rows, hours, byWeekday };
}

/** The colour step of a count: 0 for none, else 1 … LEVELS by its share of the busiest hour. */
export const heatLevel = (count: number, max: number): number => (count <= 0 || max <= 0 ? 0 : Math.max(1, Math.ceil((count / max) * LEVELS)));

/**
 * Arrivals per hour of day (columns) and day (rows), each cell coloured by its count and showing
 * it, so it reads on paper and in greyscale too. A plain table: recharts has no heat map.
 */
export function ArrivalsHeatMap({ heat }: { heat: HeatMap }) {
  const { t } = useTranslation();
  const { language } = useDashboardLocale();
  const { rows, hours, byWeekday } = heatRows(heat, language);
  const max = Math.max(0, ...rows.flatMap((r) => hours.map((h) => r.counts[h] ?? 0)));
  const title = t('dashboard.heatTitle');

  return (
    <figure className="report-chart report-heat" data-chart="heatmap">
      <figcaption>{title}</figcaption>
      {byWeekday && <p className="dash-hint">{t('dashboard.heatByWeekday', { days: HEAT_DAYS_MAX })}</p>}
      {hours.length === 0 ? (
        <p className="dash-empty">{t('dashboard.chartEmpty')}</p>
      ) : (
        <>
          <div className="heat-scroll" role="region" aria-label={title} tabIndex={0}>
            <table className="heat-table">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.heatRow')}</th>
                  {hours.map((h) => (
                    <th key={h} scope="col">
                      {hourLabel(h)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key} data-day={row.key}>
                    <th scope="row">{row.label}</th>
                    {hours.map((h) => {
                      const count = row.counts[h] ?? 0;
                      return (
                        <td key={h} className={`heat heat-${heatLevel(count, max)}`} title={t('dashboard.heatCell', { row: row.label, hour: hourLabel(h), count })}>
                          {formatNumber(count, language)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="dash-hint">{t('dashboard.heatLegend', { max: formatNumber(max, language) })}</p>
        </>
      )}
    </figure>
  );
}

import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { Report } from '../../../core/reports-api.ts';
import { formatNumber, hourLabel } from '../dashboard-format.ts';
import { useDashboardLocale } from '../useDashboardLocale.ts';
import { AXIS_TICK, chartSize, GRID_COLOR, SERIES_COLORS } from './chart-style.ts';

const minutes = (seconds: number | null): number | null => (seconds === null ? null : Math.round(seconds / 6) / 10);

/** Waits over the day: average, median and p90 wait per hour of day (the report grouped by hour), in minutes. */
export function WaitByHourChart({ report, width }: { report: Report; width?: number }) {
  const { t } = useTranslation();
  const { language } = useDashboardLocale();
  const data = report.rows
    .filter((row) => row.waitN > 0)
    .map((row) => ({ hour: hourLabel(Number(row.key)), avg: minutes(row.waitAvgS), median: minutes(row.waitMedianS), p90: minutes(row.waitP90S) }));
  const title = t('dashboard.chartWaits');
  const series = [
    { key: 'avg', name: t('dashboard.seriesAvg'), dash: undefined },
    { key: 'median', name: t('dashboard.seriesMedian'), dash: '6 3' },
    { key: 'p90', name: t('dashboard.seriesP90'), dash: '2 3' },
  ] as const;

  return (
    <figure className="report-chart" data-chart="waits">
      <figcaption>{title}</figcaption>
      {data.length === 0 ? (
        <p className="dash-empty">{t('dashboard.chartEmpty')}</p>
      ) : (
        <LineChart data={data} {...chartSize(width, 280)} margin={{ top: 8, right: 16, bottom: 16, left: 0 }} title={title}>
          <CartesianGrid stroke={GRID_COLOR} />
          <XAxis dataKey="hour" tick={AXIS_TICK} label={{ value: t('dashboard.axisHour'), position: 'insideBottom', offset: -10, ...AXIS_TICK }} />
          <YAxis tick={AXIS_TICK} width={48} tickFormatter={(v: number) => formatNumber(v, language, 1)} />
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(label) => `${String(label)}:00`}
            formatter={(value) => `${formatNumber(Number(value), language, 1)} ${t('unit.minute')}`}
          />
          <Legend verticalAlign="top" height={28} itemSorter={null} />
          {series.map((s) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={s.name}
              stroke={SERIES_COLORS[s.key]}
              strokeWidth={2}
              strokeDasharray={s.dash}
              dot={{ r: 3 }}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
    </figure>
  );
}

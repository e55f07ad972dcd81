import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { Report, ReportFigure } from '../../../core/reports-api.ts';
import { formatNumber } from '../dashboard-format.ts';
import type { HallLookup } from '../hall-lookup.ts';
import { useDashboardLocale } from '../useDashboardLocale.ts';
import { AXIS_TICK, chartSize, GRID_COLOR, SERIES_COLORS } from './chart-style.ts';
import { definitionOf } from './report-figures.ts';

const SERIES = ['served', 'pending', 'noShow', 'transferred'] as const satisfies readonly ReportFigure[];

/** Throughput per counter: what came of its calls (served, pending, no-show, transferred), stacked. */
export function ThroughputChart({ report, lookup, width }: { report: Report; lookup: HallLookup; width?: number }) {
  const { t } = useTranslation();
  const { language } = useDashboardLocale();
  const data = report.rows.map((row) => {
    const counter = lookup.counter(row.key);
    return { name: counter ? String(counter.number) : row.label, served: row.served, pending: row.pending, noShow: row.noShow, transferred: row.transferred };
  });
  const title = t('dashboard.chartThroughput');

  return (
    <figure className="report-chart" data-chart="throughput">
      <figcaption>{title}</figcaption>
      {data.length === 0 ? (
        <p className="dash-empty">{t('dashboard.chartEmpty')}</p>
      ) : (
        <BarChart data={data} {...chartSize(width, 280)} margin={{ top: 8, right: 8, bottom: 16, left: 0 }} title={title}>
          <CartesianGrid stroke={GRID_COLOR} vertical={false} />
          <XAxis dataKey="name" tick={AXIS_TICK} interval={0} label={{ value: t('dashboard.axisCounter'), position: 'insideBottom', offset: -10, ...AXIS_TICK }} />
          <YAxis allowDecimals={false} tick={AXIS_TICK} width={48} tickFormatter={(v: number) => formatNumber(v, language)} />
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(label) => t('dashboard.counterLabel', { number: String(label) })}
            formatter={(value) => formatNumber(Number(value), language)}
          />
          <Legend verticalAlign="top" height={28} itemSorter={null} />
          {SERIES.map((figure) => (
            <Bar key={figure} dataKey={figure} name={definitionOf(report.definitions, figure).label[language]} stackId="calls" fill={SERIES_COLORS[figure]} isAnimationActive={false} />
          ))}
        </BarChart>
      )}
    </figure>
  );
}

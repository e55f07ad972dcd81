import { useTranslation } from 'react-i18next';
import type { Report } from '../../../core/reports-api.ts';
import { formatDate, formatTime } from '../../shared/format.ts';
import { formatDay } from '../dashboard-format.ts';
import type { HallLookup } from '../hall-lookup.ts';
import { useDashboardLocale } from '../useDashboardLocale.ts';

/** The filter of a report in words (`Disdukcapil · Akta Kelahiran`), or null when it has none. */
export function filterWords(report: Report, lookup: HallLookup): string | null {
  const { agencyId, serviceId } = report.query;
  const parts = [
    agencyId === null ? null : (lookup.agency(agencyId)?.shortName ?? agencyId),
    serviceId === null ? null : (lookup.service(serviceId)?.name ?? serviceId),
  ].filter((p): p is string => p !== null);
  return parts.length === 0 ? null : parts.join(' · ');
}

/** What the report on screen covers: its range and grouping, its filter, and when it was computed. */
export function ReportHeading({ report, lookup }: { report: Report; lookup: HallLookup }) {
  const { t } = useTranslation();
  const { language } = useDashboardLocale();
  const { from, to, groupBy } = report.query;
  const filter = filterWords(report, lookup);
  const zone = report.hall.timeZone;

  return (
    <div className="report-heading">
      <h3 id="report-heading" data-from={from} data-to={to} data-group={groupBy}>
        {t('dashboard.reportHeading', { from: formatDay(from, language), to: formatDay(to, language), group: t(`dashboard.group_${groupBy}`) })}
      </h3>
      {filter && <p className="report-filter">{t('dashboard.filteredBy', { what: filter })}</p>}
      <p className="dash-hint">
        {t('dashboard.generatedAt', { time: `${formatDate(report.generatedAt, zone, language)} ${formatTime(report.generatedAt, zone)}`, zone })}
      </p>
    </div>
  );
}

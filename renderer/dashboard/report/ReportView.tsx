import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallConfig } from '../../../core/domain.ts';
import { serviceDay } from '../../../core/service-day.ts';
import type { HallLookup } from '../hall-lookup.ts';
import type { ReportRequest, SupervisorApi } from '../supervisor-api.ts';
import { ArrivalsHeatMap } from './ArrivalsHeatMap.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { KeyFigures } from './KeyFigures.tsx';
import { ReportControls } from './ReportControls.tsx';
import { ReportDefinitions } from './ReportDefinitions.tsx';
import { ReportHeading } from './ReportHeading.tsx';
import { rangeFor } from './report-range.ts';
import { ReportTable } from './ReportTable.tsx';
import type { SaveFile } from './save-file.ts';
import { ThroughputChart } from './ThroughputChart.tsx';
import { useReports, type ReportBundle } from './useReports.ts';
import { WaitByHourChart } from './WaitByHourChart.tsx';

interface ReportViewProps {
  api: SupervisorApi;
  config: HallConfig;
  lookup: HallLookup;
  now: () => number;
  save: SaveFile;
  onPrintView: (bundle: ReportBundle) => void;
  onUnauthorized: () => void;
}

/**
 * The supervisors' report: options (this month by counter at first), then what it covers, the
 * downloads, the key figures, the table with the definitions beside it, and the charts.
 */
export function ReportView({ api, config, lookup, now, save, onPrintView, onUnauthorized }: ReportViewProps) {
  const { t } = useTranslation();
  const today = serviceDay(now(), lookup.timeZone);
  const [request, setRequest] = useState<ReportRequest>(() => ({ ...rangeFor('thisMonth', today), groupBy: 'counter', agencyId: null, serviceId: null }));
  const { bundle, loading, problem } = useReports(api, request, onUnauthorized);

  return (
    <section className="dash-section report-view" aria-labelledby="report-title" aria-busy={loading}>
      <div className="dash-section-head">
        <h2 id="report-title">{t('dashboard.reportTitle')}</h2>
        <p className="dash-loading" role="status">
          {loading ? t('dashboard.reportLoading') : ''}
        </p>
      </div>
      <ReportControls config={config} today={today} applied={request} onApply={setRequest} />
      {problem && (
        <div className="dash-alert" role="alert">
          <strong>{t('dashboard.reportFailed')}</strong>
          <p>{problem.message}</p>
        </div>
      )}
      {bundle && (
        <div className={loading ? 'report-result report-stale' : 'report-result'}>
          <div className="report-result-head">
            <ReportHeading report={bundle.main} lookup={lookup} />
            <ExportButtons api={api} request={bundle.request} save={save} onPrintView={() => onPrintView(bundle)} onUnauthorized={onUnauthorized} />
          </div>
          <KeyFigures report={bundle.main} />
          <div className="report-body">
            <ReportTable report={bundle.main} lookup={lookup} />
            <ReportDefinitions report={bundle.main} />
          </div>
          <section className="report-charts" aria-labelledby="report-charts-title">
            <h3 id="report-charts-title">{t('dashboard.chartsTitle')}</h3>
            <div className="report-chart-pair">
              <ThroughputChart report={bundle.byCounter} lookup={lookup} />
              <WaitByHourChart report={bundle.byHour} />
            </div>
            <ArrivalsHeatMap heat={bundle.main.heatMap} />
          </section>
        </div>
      )}
    </section>
  );
}

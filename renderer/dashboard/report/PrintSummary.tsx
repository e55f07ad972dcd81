import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportFigure } from '../../../core/reports-api.ts';
import { formatDate, formatTime } from '../../shared/format.ts';
import { formatDay } from '../dashboard-format.ts';
import type { HallLookup } from '../hall-lookup.ts';
import { useDashboardLocale } from '../useDashboardLocale.ts';
import { ArrivalsHeatMap } from './ArrivalsHeatMap.tsx';
import { KeyFigures } from './KeyFigures.tsx';
import { filterWords } from './ReportHeading.tsx';
import { ReportTable } from './ReportTable.tsx';
import { ThroughputChart } from './ThroughputChart.tsx';
import type { ReportBundle } from './useReports.ts';
import { WaitByHourChart } from './WaitByHourChart.tsx';

/** The table's columns that fit an A4 portrait page beside the row names. */
const PRINT_FIGURES: readonly ReportFigure[] = ['served', 'noShow', 'noShowPct', 'transferred', 'waitAvgS', 'waitP90S', 'withinTargetPct', 'serviceAvgS', 'utilisationPct', 'servedPerOpenHour'];
/** Chart width on the sheet: half of A4's printable width (about 180 mm at 96 px per inch). */
const HALF_SHEET_PX = 330;

interface PrintSummaryProps {
  bundle: ReportBundle;
  lookup: HallLookup;
  hallName: string;
  print: () => void;
  onBack: () => void;
}

/**
 * The A4 summary of the report on screen (stylesheet: `@page { size: A4 }`): what it covers, the
 * key figures, the charts at a fixed size, the heat map and the main columns of the table. The
 * toolbar (print, back; Esc goes back) is not printed.
 */
export function PrintSummary({ bundle, lookup, hallName, print, onBack }: PrintSummaryProps) {
  const { t } = useTranslation();
  const { language } = useDashboardLocale();
  const printButton = useRef<HTMLButtonElement>(null);
  useEffect(() => printButton.current?.focus(), []);
  // Esc goes back wherever the focus is (printing can take it off the hidden toolbar).
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);
  const report = bundle.main;
  const { from, to, groupBy } = report.query;
  const zone = report.hall.timeZone;
  const group = t(`dashboard.group_${groupBy}`);

  return (
    <main className="print-page">
      <div className="print-toolbar">
        <button ref={printButton} type="button" className="dash-button dash-button-primary" onClick={print}>
          {t('dashboard.print')}
        </button>
        <button type="button" className="dash-button" onClick={onBack}>
          {t('dashboard.backToReport')}
        </button>
      </div>
      <article className="print-sheet" aria-labelledby="print-title">
        <header className="print-header">
          <p className="print-hall">{hallName}</p>
          <h1 id="print-title">{t('dashboard.printTitle')}</h1>
          <dl className="print-meta">
            <div>
              <dt>{t('dashboard.printPeriod')}</dt>
              <dd>
                {formatDay(from, language)} – {formatDay(to, language)}
              </dd>
            </div>
            <div>
              <dt>{t('dashboard.printGroup')}</dt>
              <dd>{group}</dd>
            </div>
            <div>
              <dt>{t('dashboard.printFilter')}</dt>
              <dd>{filterWords(report, lookup) ?? t('dashboard.printNoFilter')}</dd>
            </div>
          </dl>
          <p className="dash-hint">
            {t('dashboard.generatedAt', { time: `${formatDate(report.generatedAt, zone, language)} ${formatTime(report.generatedAt, zone)}`, zone })}
          </p>
        </header>
        <KeyFigures report={report} />
        <div className="print-charts">
          <ThroughputChart report={bundle.byCounter} lookup={lookup} width={HALF_SHEET_PX} />
          <WaitByHourChart report={bundle.byHour} width={HALF_SHEET_PX} />
        </div>
        <ArrivalsHeatMap heat={report.heatMap} />
        <section className="print-table" aria-label={t('dashboard.printTableTitle', { group })}>
          <h2>{t('dashboard.printTableTitle', { group })}</h2>
          <ReportTable report={report} lookup={lookup} figures={PRINT_FIGURES} />
        </section>
        <footer className="print-footer">{t('dashboard.printFooter')}</footer>
      </article>
    </main>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isUnauthorized } from '../../shared/hall-api.ts';
import type { ExportFormat, ReportRequest, SupervisorApi } from '../supervisor-api.ts';
import { useDashboardLocale } from '../useDashboardLocale.ts';
import type { SaveFile } from './save-file.ts';

interface ExportButtonsProps {
  api: SupervisorApi;
  /** The report on screen: the files hold the same range, filters and grouping. */
  request: ReportRequest;
  save: SaveFile;
  onPrintView: () => void;
  onUnauthorized: () => void;
}

type Status = { kind: 'done' | 'failed'; text: string } | null;

/**
 * CSV (the table's grouping) and XLSX (a workbook with a sheet per grouping) of the report on
 * screen, in the shown language, and the A4 summary for printing.
 */
export function ExportButtons({ api, request, save, onPrintView, onUnauthorized }: ExportButtonsProps) {
  const { t } = useTranslation();
  const { language } = useDashboardLocale();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [status, setStatus] = useState<Status>(null);

  const download = async (format: ExportFormat): Promise<void> => {
    if (busy !== null) return;
    setBusy(format);
    setStatus(null);
    const result = await api.exportFile(request, format, language);
    setBusy(null);
    if (!result.ok) {
      if (isUnauthorized(result)) return onUnauthorized();
      setStatus({ kind: 'failed', text: `${t('dashboard.downloadFailed')}: ${result.error.message}` });
      return;
    }
    save(result.value);
    setStatus({ kind: 'done', text: t('dashboard.downloaded', { file: result.value.fileName }) });
  };

  return (
    <section className="report-exports" aria-labelledby="report-exports-title">
      <h3 id="report-exports-title" className="visually-hidden">
        {t('dashboard.exportsTitle')}
      </h3>
      <div className="report-export-buttons">
        {(['csv', 'xlsx'] as const).map((format) => (
          <button key={format} type="button" className="dash-button" aria-busy={busy === format} disabled={busy !== null} onClick={() => void download(format)}>
            {busy === format ? t('dashboard.downloading') : t(format === 'csv' ? 'dashboard.downloadCsv' : 'dashboard.downloadXlsx')}
          </button>
        ))}
        <button type="button" className="dash-button" onClick={onPrintView}>
          {t('dashboard.printSummary')}
        </button>
      </div>
      <p className="dash-hint" role="status">
        {status?.kind === 'done' ? status.text : ''}
      </p>
      {status?.kind === 'failed' && (
        <p className="dash-field-error" role="alert">
          {status.text}
        </p>
      )}
    </section>
  );
}

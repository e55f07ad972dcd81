import { figureLabel } from '../../core/report-definitions.ts';
import { REPORT_FIGURES, type Report, type ReportGroupBy } from '../../core/reports-api.ts';

/**
 * A report as CSV (RFC 4180: comma-separated, CRLF, quotes doubled), UTF-8 with a byte-order mark
 * so spreadsheet programs read the Indonesian names right. One header line, one line per row, then
 * the totals. Numbers are written exactly as the API answers them ("." for decimals); a figure the
 * report does not give is an empty field.
 */
export const GROUP_HEADING: Record<ReportGroupBy, { id: string; en: string }> = {
  counter: { id: 'Loket', en: 'Counter' },
  officer: { id: 'Petugas', en: 'Officer' },
  service: { id: 'Layanan', en: 'Service' },
  agency: { id: 'Instansi', en: 'Agency' },
  day: { id: 'Hari', en: 'Day' },
  hour: { id: 'Jam', en: 'Hour' },
};

const field = (value: string | number | null): string => {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function reportCsv(report: Report, lang: 'id' | 'en'): string {
  const header = [GROUP_HEADING[report.query.groupBy][lang], lang === 'id' ? 'Kunci' : 'Key', ...REPORT_FIGURES.map((f) => figureLabel(f, lang))];
  const lines = [header.map(field).join(',')];
  for (const row of [...report.rows, report.totals]) {
    lines.push([row.label, row.key, ...REPORT_FIGURES.map((f) => row[f])].map(field).join(','));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** `laporan-counter-2025-01-01_2025-01-31.csv` */
export function exportFileName(report: Pick<Report, 'query'>, what: string, extension: string): string {
  return `laporan-${what}-${report.query.from}_${report.query.to}.${extension}`;
}

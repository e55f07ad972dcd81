import ExcelJS from 'exceljs';
import { figureLabel, REPORT_DEFINITIONS } from '../../core/report-definitions.ts';
import { REPORT_FIGURES, REPORT_GROUP_BYS, type Report, type ReportGroupBy } from '../../core/reports-api.ts';
import { GROUP_HEADING } from './export-csv.ts';

/**
 * A report as an Excel workbook (exceljs): a summary sheet, one sheet per grouping (counter,
 * officer, service, agency, day, hour) with the same rows and totals as the API answers, the
 * arrivals heat map, and the definitions. Figures are numbers (a figure the report does not give
 * is an empty cell), days are real dates.
 */
type Lang = 'id' | 'en';

const UNIT_FORMAT: Record<string, string> = { count: '#,##0', percent: '0.0', seconds: '#,##0.0', per_hour: '0.00' };
const SUMMARY_TITLES: Record<Lang, Record<string, string>> = {
  id: { sheet: 'Ringkasan', hall: 'Aula', from: 'Dari', to: 'Sampai', zone: 'Zona waktu', agency: 'Instansi', service: 'Layanan', made: 'Dibuat', all: 'Semua', heat: 'Peta panas', definitions: 'Definisi', day: 'Hari', figure: 'Angka', meaning: 'Arti' },
  en: { sheet: 'Summary', hall: 'Hall', from: 'From', to: 'To', zone: 'Time zone', agency: 'Agency', service: 'Service', made: 'Generated', all: 'All', heat: 'Heat map', definitions: 'Definitions', day: 'Day', figure: 'Figure', meaning: 'Meaning' },
};

/** A calendar day as the date Excel shows (midnight UTC: Excel dates have no zone). */
export const excelDate = (day: string): Date => new Date(`${day}T00:00:00Z`);

function groupSheet(workbook: ExcelJS.Workbook, groupBy: ReportGroupBy, report: Report, lang: Lang): void {
  const sheet = workbook.addWorksheet(GROUP_HEADING[groupBy][lang]);
  sheet.columns = [
    { header: GROUP_HEADING[groupBy][lang], key: 'label', width: groupBy === 'day' ? 12 : 28, ...(groupBy === 'day' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}) },
    { header: lang === 'id' ? 'Kunci' : 'Key', key: 'key', width: 14 },
    ...REPORT_FIGURES.map((f) => {
      const unit = REPORT_DEFINITIONS.figures.find((d) => d.figure === f)?.unit ?? 'count';
      return { header: figureLabel(f, lang), key: f, width: 14, style: { numFmt: UNIT_FORMAT[unit] ?? 'General' } };
    }),
  ];
  for (const row of report.rows) {
    sheet.addRow({ ...row, label: groupBy === 'day' ? excelDate(row.key) : row.label });
  }
  const total = sheet.addRow({ ...report.totals, label: 'Total' });
  total.font = { bold: true };
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
}

/** One report per grouping for the same range and filters, and the workbook made of them. */
export async function reportWorkbook(reports: Record<ReportGroupBy, Report>, lang: Lang): Promise<Buffer> {
  const t = SUMMARY_TITLES[lang];
  const first = reports.counter;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Loket';
  workbook.created = new Date(first.generatedAt);

  const summary = workbook.addWorksheet(t['sheet']);
  summary.columns = [{ width: 16 }, { width: 40 }];
  summary.addRows([
    [t['hall'], first.hall.name],
    [t['from'], excelDate(first.query.from)],
    [t['to'], excelDate(first.query.to)],
    [t['zone'], first.hall.timeZone],
    [t['agency'], first.query.agencyId ?? t['all']],
    [t['service'], first.query.serviceId ?? t['all']],
    [t['made'], new Date(first.generatedAt)],
  ]);
  summary.getCell('B2').numFmt = 'yyyy-mm-dd';
  summary.getCell('B3').numFmt = 'yyyy-mm-dd';
  summary.getCell('B7').numFmt = 'yyyy-mm-dd hh:mm';
  summary.getColumn(1).font = { bold: true };

  for (const groupBy of REPORT_GROUP_BYS) groupSheet(workbook, groupBy, reports[groupBy], lang);

  const heat = workbook.addWorksheet(t['heat']);
  heat.columns = [{ header: t['day'], key: 'day', width: 12, style: { numFmt: 'yyyy-mm-dd' } }, ...first.heatMap.hours.map((h) => ({ header: `${String(h).padStart(2, '0')}:00`, key: `h${h}`, width: 7 }))];
  first.heatMap.days.forEach((day, i) => heat.addRow([excelDate(day), ...(first.heatMap.arrivals[i] ?? [])]));
  heat.getRow(1).font = { bold: true };

  const definitions = workbook.addWorksheet(t['definitions']);
  definitions.columns = [{ header: t['figure'], width: 28 }, { header: t['meaning'], width: 120 }];
  for (const f of REPORT_DEFINITIONS.figures) definitions.addRow([f.label[lang], f.definition[lang]]);
  for (const n of REPORT_DEFINITIONS.notes) definitions.addRow(['', n.text[lang]]);
  definitions.getRow(1).font = { bold: true };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

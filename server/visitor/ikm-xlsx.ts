import ExcelJS from 'exceljs';
import { SKM_ELEMENTS } from '../../core/ikm.ts';
import type { IkmGroup, IkmReport } from '../../core/visitor-api.ts';
import type { SkmRow } from './ikm-report.ts';

/**
 * The IKM report as an XLSX workbook: "IKM" (one row per service or agency and the total: respondents,
 * NRR per element, IKM, grade), "Unsur" (the nine elements and their questions) and "Jawaban" (every
 * response as stored, so the figures can be recomputed). Texts from visitors are written as text
 * cells, never formulas.
 */

type Lang = 'id' | 'en';
const T = {
  id: {
    ikm: 'IKM', elements: 'Unsur', answers: 'Jawaban', period: 'Periode', group: { service: 'Layanan', agency: 'Instansi' }, respondents: 'Responden',
    index: 'IKM', grade: 'Mutu', performance: 'Kinerja', element: 'Unsur', name: 'Nama', question: 'Pertanyaan', day: 'Tanggal layanan',
    service: 'Layanan', agency: 'Instansi', ageGroup: 'Umur', sex: 'Jenis kelamin', education: 'Pendidikan', occupation: 'Pekerjaan',
    comment: 'Saran', source: 'Sumber', nrr: 'NRR',
  },
  en: {
    ikm: 'IKM', elements: 'Elements', answers: 'Answers', period: 'Period', group: { service: 'Service', agency: 'Agency' }, respondents: 'Respondents',
    index: 'IKM', grade: 'Grade', performance: 'Performance', element: 'Element', name: 'Name', question: 'Question', day: 'Service day',
    service: 'Service', agency: 'Agency', ageGroup: 'Age group', sex: 'Sex', education: 'Education', occupation: 'Occupation',
    comment: 'Comment', source: 'Source', nrr: 'NRR',
  },
} as const;

const round3 = (n: number | null): number | null => (n === null ? null : Math.round(n * 1000) / 1000);

function groupRow(g: IkmGroup, lang: Lang): (string | number | null)[] {
  return [
    g.label,
    g.respondents,
    ...g.elements.map((e) => round3(e.nrr)),
    g.ikm,
    g.grade?.grade ?? null,
    g.grade === null ? null : lang === 'id' ? g.grade.label : g.grade.en,
  ];
}

export async function ikmWorkbook(report: IkmReport, rows: readonly SkmRow[], lang: Lang): Promise<Buffer> {
  const t = T[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Loket';
  wb.created = new Date(report.generatedAt);

  const summary = wb.addWorksheet(t.ikm);
  summary.addRow([`${t.period}: ${report.from} – ${report.to}`]);
  const header = summary.addRow([
    t.group[report.groupBy],
    t.respondents,
    ...SKM_ELEMENTS.map((e) => `${t.nrr} ${e.id.toUpperCase()}`),
    t.index,
    t.grade,
    t.performance,
  ]);
  header.font = { bold: true };
  for (const g of report.groups) summary.addRow(groupRow(g, lang));
  summary.addRow(groupRow(report.total, lang)).font = { bold: true };
  summary.getColumn(1).width = 48;
  summary.views = [{ state: 'frozen', ySplit: 2 }];

  const elements = wb.addWorksheet(t.elements);
  elements.addRow([t.element, t.name, t.question]).font = { bold: true };
  for (const e of SKM_ELEMENTS) elements.addRow([e.id.toUpperCase(), lang === 'id' ? e.name : e.en.name, lang === 'id' ? e.question : e.en.question]);
  elements.getColumn(2).width = 40;
  elements.getColumn(3).width = 100;

  const answers = wb.addWorksheet(t.answers);
  answers.addRow([
    'id', t.day, t.service, t.agency, ...SKM_ELEMENTS.map((e) => e.id.toUpperCase()),
    t.ageGroup, t.sex, t.education, t.occupation, t.comment, t.source,
  ]).font = { bold: true };
  for (const r of rows) {
    answers.addRow([
      r.id, r.service_day, r.service_name, r.agency_name, r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9,
      r.age_group, r.sex, r.education, r.occupation, r.comment, r.source,
    ]);
  }
  answers.views = [{ state: 'frozen', ySplit: 1 }];

  return Buffer.from(await wb.xlsx.writeBuffer());
}

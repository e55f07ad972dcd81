import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BASE } from '../../../core/api.ts';
import { REPORT_FIGURES, REPORT_GROUP_BYS, ReportSchema, type Report, type ReportRow } from '../../../core/reports-api.ts';
import { seedHistory } from '../../../server/history/seed-history.ts';
import { startTestHall, type TestHall } from '../../support/hall-server.ts';

/**
 * The exports of a report, read back, say exactly what the API answers: the CSV line for line and
 * figure for figure, the XLSX (read with exceljs, the library that wrote it) sheet by sheet — one
 * per grouping, numbers as numbers, days as dates — and its heat map. Over a week of generated
 * history in a real hall server on 127.0.0.1.
 */
const RANGE = 'from=2025-03-10&to=2025-03-16';

/** RFC 4180 fields of one CSV text (quotes, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

const csvValue = (text: string): number | null => (text === '' ? null : Number(text));

describe('report exports equal the API', () => {
  let hall: TestHall;
  let supervisor: string;
  const get = async (path: string): Promise<Response> => fetch(`${hall.server.url}${API_BASE}${path}`, { headers: { authorization: `Bearer ${supervisor}` } });
  const report = async (query: string): Promise<Report> => {
    const res = await get(`/reports?${query}`);
    expect(res.status).toBe(200);
    return ReportSchema.parse(await res.json());
  };

  beforeAll(async () => {
    hall = await startTestHall();
    await seedHistory(hall.server.ctx.db, { days: 7, counters: 8, seed: 21, endDay: '2025-03-16' });
    supervisor = await hall.login('supervisor');
  }, 120_000);
  afterAll(() => hall.close());

  it('CSV: one line per row and the totals, every figure as the API gives it', async () => {
    for (const query of [`${RANGE}&groupBy=counter`, `${RANGE}&groupBy=hour&agencyId=disdukcapil`, `${RANGE}&groupBy=service&lang=en`]) {
      const api = await report(query);
      const res = await get(`/reports/export.csv?${query}`);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="laporan-\w+-2025-03-10_2025-03-16\.csv"$/);
      const bytes = Buffer.from(await res.arrayBuffer());
      // A byte-order mark first, so spreadsheet programs read UTF-8.
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...lines] = parseCsv(bytes.subarray(3).toString('utf8'));
      expect(header).toHaveLength(2 + REPORT_FIGURES.length);
      const expected: ReportRow[] = [...api.rows, api.totals];
      expect(lines).toHaveLength(expected.length);
      expect(api.rows.length).toBeGreaterThan(1);
      lines.forEach((line, i) => {
        const row = expected[i] as ReportRow;
        expect(line.slice(0, 2)).toEqual([row.label, row.key]);
        expect(Object.fromEntries(REPORT_FIGURES.map((f, k) => [f, csvValue(line[k + 2] as string)]))).toEqual(
          Object.fromEntries(REPORT_FIGURES.map((f) => [f, row[f]])),
        );
      });
    }
  });

  it('XLSX: a sheet per grouping with the API’s rows and totals, numbers as numbers, days as dates; the heat map', async () => {
    const filter = '&agencyId=samsat';
    const res = await get(`/reports/export.xlsx?${RANGE}${filter}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Ringkasan', 'Loket', 'Petugas', 'Layanan', 'Instansi', 'Hari', 'Jam', 'Peta panas', 'Definisi']);
    const summary = workbook.getWorksheet('Ringkasan') as ExcelJS.Worksheet;
    expect(summary.getCell('B2').value).toEqual(new Date('2025-03-10T00:00:00Z'));
    expect(summary.getCell('B3').value).toEqual(new Date('2025-03-16T00:00:00Z'));

    const sheetOf = { counter: 'Loket', officer: 'Petugas', service: 'Layanan', agency: 'Instansi', day: 'Hari', hour: 'Jam' } as const;
    let figures = 0;
    for (const groupBy of REPORT_GROUP_BYS) {
      const api = await report(`${RANGE}${filter}&groupBy=${groupBy}`);
      const sheet = workbook.getWorksheet(sheetOf[groupBy]) as ExcelJS.Worksheet;
      const expected: ReportRow[] = [...api.rows, api.totals];
      expect(sheet.rowCount, groupBy).toBe(1 + expected.length);
      expected.forEach((row, i) => {
        const cells = sheet.getRow(i + 2);
        const label = cells.getCell(1).value;
        if (groupBy === 'day' && i < api.rows.length) expect(label).toEqual(new Date(`${row.key}T00:00:00Z`));
        else expect(label).toBe(row.label);
        expect(cells.getCell(2).value).toBe(row.key);
        REPORT_FIGURES.forEach((f, k) => {
          const value = cells.getCell(k + 3).value;
          expect(value === undefined ? null : value, `${groupBy} ${row.key} ${f}`).toBe(row[f]);
          if (row[f] !== null) {
            expect(typeof value).toBe('number');
            figures += 1;
          }
        });
      });
    }
    expect(figures).toBeGreaterThan(500);

    const api = await report(`${RANGE}${filter}`);
    const heat = workbook.getWorksheet('Peta panas') as ExcelJS.Worksheet;
    expect(heat.rowCount).toBe(1 + api.heatMap.days.length);
    api.heatMap.days.forEach((day, i) => {
      const cells = heat.getRow(i + 2);
      expect(cells.getCell(1).value).toEqual(new Date(`${day}T00:00:00Z`));
      expect(api.heatMap.hours.map((h) => cells.getCell(h + 2).value)).toEqual(api.heatMap.arrivals[i]);
    });
    expect(api.heatMap.arrivals.flat().reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('refuses a bad query with the field, what is wrong and what to do', async () => {
    const refused = async (query: string): Promise<{ code: string; message: string; field?: string }> => {
      const res = await get(`/reports?${query}`);
      expect(res.status, query).toBe(400);
      return ((await res.json()) as { error: { code: string; message: string; field?: string } }).error;
    };
    expect(await refused('to=2025-03-10')).toMatchObject({ code: 'invalid_request', field: 'from' });
    expect(await refused('from=10-03-2025&to=2025-03-10')).toMatchObject({ field: 'from', message: expect.stringMatching(/YYYY-MM-DD/) });
    expect(await refused('from=2025-02-30&to=2025-03-10')).toMatchObject({ field: 'from', message: expect.stringMatching(/not a calendar day/) });
    expect(await refused('from=2025-03-10&to=2025-03-01')).toMatchObject({ field: 'to', message: expect.stringMatching(/before "from"/) });
    expect(await refused('from=2020-01-01&to=2025-03-01')).toMatchObject({ field: 'to', message: expect.stringMatching(/at most 1097 days/) });
    expect(await refused(`${RANGE}&groupBy=week`)).toMatchObject({ field: 'groupBy', message: expect.stringMatching(/counter, officer, service, agency, day, hour/) });
    expect(await refused(`${RANGE}&grupBy=day`)).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/grupBy/) });
    expect(await refused(`${RANGE}&serviceId=ktp-el&agencyId=samsat`)).toMatchObject({ field: 'serviceId', message: expect.stringMatching(/belongs to agency "disdukcapil"/) });
    const unknown = await get(`/reports?${RANGE}&serviceId=sim-c`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { field: string } }).error.field).toBe('serviceId');
  });
});

import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REPORT_FIGURES } from '../../../core/reports-api.ts';
import { FIGURE_GROUPS } from '../../../renderer/dashboard/report/report-figures.ts';
import { rangeFor, rangeProblem } from '../../../renderer/dashboard/report/report-range.ts';
import { FakeWebSocket } from './support/board-fakes.ts';
import { createDashboardServer, mountDashboard, NOW, signedInStorage } from './support/dashboard-fake.ts';
import { buttonNamed as button, alertTexts, interactions, nameOf, settleFakeTimers as settle, typeInto } from './support/dom.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let mounted: Awaited<ReturnType<typeof mountDashboard>> | null = null;
const { click } = interactions(settle);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(NOW);
  FakeWebSocket.all.length = 0;
});

afterEach(async () => {
  await mounted?.unmount();
  mounted = null;
  vi.useRealTimers();
  document.body.innerHTML = '';
  document.documentElement.lang = '';
});


function control<T extends HTMLElement>(label: string): T {
  const found = Array.from(document.querySelectorAll('label')).find((l) => nameOf(l) === label);
  const element = found?.htmlFor ? document.getElementById(found.htmlFor) : null;
  if (!element) throw new Error(`no control labelled ${label}`);
  return element as T;
}

async function choose(label: string, value: string): Promise<void> {
  const select = control<HTMLSelectElement>(label);
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle();
}

const cellsOf = (row: Element | null): string[] => Array.from(row?.querySelectorAll('th, td') ?? []).map((c) => c.textContent?.trim() ?? '');
const figure = (rowKey: string, name: string): string =>
  document.querySelector(`.report-view tr[data-key="${rowKey}"] td[data-figure="${name}"]`)?.textContent ?? '(none)';
const reportQueries = (server: ReturnType<typeof createDashboardServer>): string[] => server.to('/reports').map((r) => r.query.toString());

async function openReports() {
  const server = createDashboardServer();
  mounted = await mountDashboard(server, signedInStorage());
  await click(button('Laporan'));
  return server;
}

// Charts make these tests slower than most; the machine may be shared.
describe('dashboard report', { timeout: 30_000 }, () => {
  it('lays out every figure of the API, each once', () => {
    expect(FIGURE_GROUPS.flatMap((g) => g.figures)).toEqual(REPORT_FIGURES);
  });

  it('opens on this month by counter, and shows every figure of the API with id-ID numbers and the totals', async () => {
    const server = await openReports();
    expect(button('Laporan').getAttribute('aria-current')).toBe('page');
    expect([...new Set(reportQueries(server))]).toEqual(['from=2025-01-01&to=2025-01-06&groupBy=counter', 'from=2025-01-01&to=2025-01-06&groupBy=hour']);
    expect(server.to('/reports')[0]?.headers.get('authorization')).toBe('Bearer lss_supervisor');
    expect(document.querySelector('#report-heading')?.textContent).toBe('1 Januari 2025 – 6 Januari 2025 · per loket');

    // Headings from the report's definitions, in Indonesian, every figure.
    const headings = Array.from(document.querySelectorAll('.report-view .report-table thead th[data-figure]'));
    expect(headings.map((h) => h.getAttribute('data-figure'))).toEqual(REPORT_FIGURES);
    expect(headings[6]?.textContent).toBe('Rata-rata tunggu (detik)');
    expect(headings[6]?.getAttribute('title')).toContain('Waktu tunggu = dipanggil − tiket diambil');

    // id-ID: comma decimals, dot thousands; nothing where the API gives nothing.
    expect(figure('loket-1', 'served')).toBe('1.234');
    expect(figure('loket-1', 'noShowPct')).toBe('12,5');
    expect(figure('loket-1', 'waitAvgS')).toBe('754,3');
    expect(figure('loket-1', 'withinTargetPct')).toBe('87,4');
    expect(figure('loket-1', 'signedInS')).toBe('123.456');
    expect(figure('loket-1', 'servedPerOpenHour')).toBe('6,25');
    expect(figure('loket-2', 'utilisationPct')).toBe('–');
    const total = document.querySelector('.report-view tfoot tr[data-key="total"]');
    expect(cellsOf(total).slice(0, 3)).toEqual(['Total', '1.241', '3']);
    expect(figure('total', 'signedInS')).toBe('246.912');
    expect(cellsOf(document.querySelector('.report-view tr[data-key="loket-2"]'))[0]).toBe('Loket 2');

    // Key figures in their units; the definitions beside the table.
    expect(document.querySelector('.report-view .key-figure[data-figure="waitAvgS"]')?.textContent).toBe('Rata-rata tunggu12 mnt 34 dtk');
    expect(document.querySelector('.report-view .key-figure[data-figure="noShowPct"]')?.textContent).toBe('Tidak hadir12,5%');
    const definitions = document.querySelector('.report-view .report-definitions')?.textContent ?? '';
    expect(definitions).toContain('Definisi');
    expect(definitions).toContain('Utilisasi (%)Waktu melayani ÷ waktu buka.');
    expect(definitions).toContain('Peta panas: tiket yang diambil');

    // The heat map: a cell per day and hour with its count.
    expect(document.querySelectorAll('.report-view .heat-table tbody tr')).toHaveLength(6);
    const monday = document.querySelector('.report-view .heat-table tr[data-day="2025-01-06"]');
    expect(cellsOf(monday)).toEqual(['Sen 6 Jan', '6', '12', '18', '24', '30', '36', '42']);
    expect(monday?.querySelector('td:last-child')?.className).toBe('heat heat-8');
  });

  it('switches to English numbers and words', async () => {
    await openReports();
    await click(button('Switch to English'));
    expect(document.querySelector('#report-heading')?.textContent).toBe('1 January 2025 – 6 January 2025 · by counter');
    expect(figure('loket-1', 'served')).toBe('1,234');
    expect(figure('loket-1', 'waitAvgS')).toBe('754.3');
    expect(document.querySelector('.report-view .report-table thead th[data-figure="waitAvgS"]')?.textContent).toBe('Average wait (s)');
    expect(cellsOf(document.querySelector('.report-view tr[data-key="loket-2"]'))[0]).toBe('Counter 2');
    expect(document.querySelector('.report-view .key-figure[data-figure="waitAvgS"]')?.textContent).toBe('Average wait12 min 34 s');
    expect(document.querySelector('.report-view .report-definitions')?.textContent).toContain('Serving time ÷ signed-in time.');
  });

  it('applies a quick pick, a grouping and the filters at once, and the dates with "Tampilkan laporan"', async () => {
    const server = await openReports();
    await click(button('Bulan lalu'));
    expect(reportQueries(server).slice(-2)).toEqual(['from=2024-12-01&to=2024-12-31&groupBy=counter', 'from=2024-12-01&to=2024-12-31&groupBy=hour']);
    expect(button('Bulan lalu').getAttribute('aria-pressed')).toBe('true');

    await choose('Kelompokkan per', 'service');
    expect(reportQueries(server).slice(-3)).toEqual([
      'from=2024-12-01&to=2024-12-31&groupBy=service',
      'from=2024-12-01&to=2024-12-31&groupBy=counter',
      'from=2024-12-01&to=2024-12-31&groupBy=hour',
    ]);
    expect(figure('ktp', 'signedInS')).toBe('–');

    await choose('Instansi', 'samsat');
    expect(reportQueries(server).at(-3)).toBe('from=2024-12-01&to=2024-12-31&groupBy=service&agencyId=samsat');
    const services = Array.from(control<HTMLSelectElement>('Layanan').options).map((o) => o.value);
    expect(services).toEqual(['', 'pkb']);
    await choose('Layanan', 'pkb');
    expect(reportQueries(server).at(-3)).toBe('from=2024-12-01&to=2024-12-31&groupBy=service&agencyId=samsat&serviceId=pkb');
    expect(document.querySelector('.report-view .report-filter')?.textContent).toBe('Hanya Samsat · Pajak Kendaraan');

    const asked = server.to('/reports').length;
    await typeInto(control<HTMLInputElement>('Dari tanggal'), '2024-12-10');
    await typeInto(control<HTMLInputElement>('Sampai tanggal'), '2024-12-05');
    expect(server.to('/reports')).toHaveLength(asked); // typing asks for nothing
    await click(button('Tampilkan laporan'));
    expect(alertTexts()).toContain('Tanggal akhir sebelum tanggal awal.');
    expect(server.to('/reports')).toHaveLength(asked);
    await typeInto(control<HTMLInputElement>('Sampai tanggal'), '2024-12-20');
    await click(button('Tampilkan laporan'));
    expect(reportQueries(server).at(-3)).toBe('from=2024-12-10&to=2024-12-20&groupBy=service&agencyId=samsat&serviceId=pkb');
  });

  it('shows why a report could not be made', async () => {
    const server = createDashboardServer();
    server.report = () => ({ status: 400, body: { error: { code: 'invalid_request', message: 'report: "to" is before "from"', field: 'to' } } });
    mounted = await mountDashboard(server, signedInStorage());
    await click(button('Laporan'));
    expect(alertTexts()).toContain('Laporan belum bisa dibuat');
    expect(alertTexts()).toContain('"to" is before "from"');
  });

  it('downloads the XLSX and the CSV of the report on screen with the session token, in the shown language', async () => {
    const server = await openReports();
    await click(button('Bulan lalu'));
    await click(button('Unduh XLSX (Excel)'));
    const xlsx = server.to('/reports/export.xlsx')[0];
    expect(xlsx?.method).toBe('GET');
    expect(xlsx?.query.toString()).toBe('from=2024-12-01&to=2024-12-31&groupBy=counter&lang=id');
    expect(xlsx?.headers.get('authorization')).toBe('Bearer lss_supervisor');
    expect(mounted?.saved[0]?.fileName).toBe('laporan-loket-2025-01-01-2025-01-06.xlsx');
    expect(Array.from(new Uint8Array(await (mounted?.saved[0]?.blob as Blob).arrayBuffer())).slice(0, 2)).toEqual([0x50, 0x4b]);
    expect(document.querySelector('.report-exports [role="status"]')?.textContent).toBe('laporan-loket-2025-01-01-2025-01-06.xlsx sudah diunduh.');

    await click(button('Switch to English'));
    await click(button('Download CSV'));
    const csv = server.to('/reports/export.csv')[0];
    expect(csv?.query.toString()).toBe('from=2024-12-01&to=2024-12-31&groupBy=counter&lang=en');
    expect(csv?.headers.get('authorization')).toBe('Bearer lss_supervisor');
    expect(mounted?.saved.map((f) => f.fileName)).toEqual(['laporan-loket-2025-01-01-2025-01-06.xlsx', 'laporan-loket-2025-01-01-2025-01-06.csv']);
  });

  it('says when a download fails', async () => {
    const server = await openReports();
    server.exportFile = () => ({ status: 500, body: { error: { code: 'internal', message: 'The workbook could not be written.' } } });
    await click(button('Unduh CSV'));
    expect(alertTexts()).toContain('Unduhan gagal: The workbook could not be written.');
    expect(mounted?.saved).toHaveLength(0);
  });

  it('opens the A4 summary, prints it, and goes back with Esc', async () => {
    await openReports();
    button('Ringkasan A4 untuk dicetak').focus(); // as a keyboard user reaches it
    await click(button('Ringkasan A4 untuk dicetak'));
    const sheet = document.querySelector('.print-sheet');
    expect(sheet?.querySelector('h1')?.textContent).toBe('Ringkasan laporan antrean');
    expect(sheet?.textContent).toContain('MPP Kota Contoh');
    expect(sheet?.textContent).toContain('1 Januari 2025 – 6 Januari 2025');
    expect(sheet?.querySelector('.key-figure[data-figure="served"]')?.textContent).toBe('Dilayani1.241');
    expect(sheet?.querySelectorAll('.report-table thead th[data-figure]')).toHaveLength(10);
    expect(document.querySelector('.dash-app')?.hasAttribute('hidden')).toBe(true);
    expect(document.activeElement).toBe(button('Cetak'));

    await click(button('Cetak'));
    expect(mounted?.printed).toBe(1);
    await act(async () => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    await settle();
    expect(document.querySelector('.print-sheet')).toBeNull();
    expect(document.querySelector('.dash-app')?.hasAttribute('hidden')).toBe(false);
    expect(document.activeElement).toBe(button('Ringkasan A4 untuk dicetak'));
  });
});

describe('report ranges', () => {
  it('makes the quick picks from the hall day', () => {
    expect(rangeFor('today', '2025-03-01')).toEqual({ from: '2025-03-01', to: '2025-03-01' });
    expect(rangeFor('last7', '2025-03-01')).toEqual({ from: '2025-02-23', to: '2025-03-01' });
    expect(rangeFor('thisMonth', '2025-03-17')).toEqual({ from: '2025-03-01', to: '2025-03-17' });
    expect(rangeFor('lastMonth', '2025-03-17')).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(rangeFor('lastMonth', '2025-01-06')).toEqual({ from: '2024-12-01', to: '2024-12-31' });
  });

  it('checks a range as the server does', () => {
    expect(rangeProblem({ from: '', to: '2025-01-01' })).toBe('missing');
    expect(rangeProblem({ from: '2025-01-02', to: '2025-01-01' })).toBe('reversed');
    expect(rangeProblem({ from: '2022-01-01', to: '2025-01-02' })).toBe('tooLong');
    expect(rangeProblem({ from: '2024-01-01', to: '2024-12-31' })).toBeNull();
  });
});

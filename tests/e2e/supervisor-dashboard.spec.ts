import ExcelJS from 'exceljs';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { serviceDay } from '../../core/service-day.ts';
import { seedHistory } from '../../server/history/seed-history.ts';
import { REPO, RENDERER_DIR } from '../support/counter-host.ts';
import { startTestHall, type TestHall } from '../support/hall-server.ts';

/**
 * The supervisor dashboard against a real hall server serving the built page at /dashboard/:
 * the supervisor signs in (no device token: any browser on the LAN), watches the live view change
 * as an officer opens a counter and calls a kiosk visitor (through the officer API), opens last
 * month's report (generated history), downloads its XLSX and opens the A4 print view.
 */

const SCREENSHOTS = resolve(REPO, 'screenshots');
const ZONE = 'Asia/Jakarta';

/** The last day of the month before the hall's today, YYYY-MM-DD. */
function lastDayOfLastMonth(): string {
  const today = serviceDay(Date.now(), ZONE);
  return new Date(Date.parse(`${today.slice(0, 7)}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Every console error and uncaught exception of the page (a CSP violation is one). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('supervisor: sign in, live view follows a call, last month’s report with charts, XLSX download, A4 print view', async ({ page }) => {
  test.setTimeout(120_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const hall: TestHall = await startTestHall({ pagesDir: RENDERER_DIR });
  try {
    // ── a few days of history at the end of last month, written before the server serves it ──
    const lastMonthEnd = lastDayOfLastMonth();
    const history = await seedHistory(hall.server.ctx.db, { days: 6, counters: 8, seed: 7, endDay: lastMonthEnd });
    expect(history.tickets).toBeGreaterThan(50);
    await hall.restart();
    hall.server.ctx.db
      .prepare(`INSERT INTO sync_alarms (at, kind, ledger_id, device_id, counter_id, seq, detail) VALUES (?, 'restored_copy', 'ledger-loket-7', NULL, 'loket-7', 12, '{"clientLastSeq":12,"serverAckedThrough":30}')`)
      .run(Date.now() - 15 * 60_000);
    const errors = watchErrors(page);

    // ── sign in ────────────────────────────────────────────────────────────────────────────────
    await page.goto(`${hall.server.url}/dashboard/`);
    await expect(page.getByRole('heading', { name: 'Masuk dasbor supervisor' })).toBeVisible();
    await page.getByLabel('Nama pengguna').fill('supervisor');
    await page.getByLabel('PIN', { exact: true }).fill('0000');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('Nama pengguna atau PIN salah');
    await page.getByLabel('PIN', { exact: true }).fill('5678');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();

    // ── the live view: every counter closed, the alarm, the feed live ──────────────────────────
    await expect(page.getByRole('heading', { name: 'Keadaan aula sekarang' })).toBeVisible();
    await expect(page.locator('[data-connection="live"]')).toBeVisible();
    const loket1 = page.locator('tr[data-counter-id="loket-1"]');
    await expect(loket1).toContainText('Tutup');
    await expect(page.locator('li[data-alarm-kind="restored_copy"]')).toContainText('PC loket dipulihkan dari salinan lama');

    // An officer opens counter 1 and a second one pauses for prayer (officer API, as the counter app does).
    const pc1 = await hall.enroll('counter', 'loket-1');
    const officer1 = await hall.login('petugas01', pc1);
    expect((await hall.api('POST', '/counters/loket-1/open', { token: officer1, body: { serviceIds: ['ktp-el', 'kk'] } })).status).toBe(200);
    const pc2 = await hall.enroll('counter', 'loket-2');
    const officer2 = await hall.login('petugas02', pc2);
    expect((await hall.api('POST', '/counters/loket-2/open', { token: officer2, body: { serviceIds: ['ktp-el'] } })).status).toBe(200);
    expect((await hall.api('POST', '/counters/loket-2/pause', { token: officer2, body: { reason: 'prayer' } })).status).toBe(200);
    // Faster than the 10-second re-read: this is the live feed at work.
    await expect(loket1).toContainText('Menganggur', { timeout: 5_000 });
    await expect(loket1).toContainText('Rina Marlina');
    await expect(page.locator('tr[data-counter-id="loket-2"]')).toContainText('Dijeda: ibadah', { timeout: 5_000 });

    // A visitor takes a KTP-el ticket at the kiosk: the queue shows it waiting.
    const kiosk = await hall.enroll('kiosk');
    const issued = await hall.api<{ number: string }>('POST', '/tickets', { token: kiosk, body: { serviceId: 'ktp-el', channel: 'kiosk' } });
    expect(issued.status).toBe(201);
    const number = issued.body.number;
    await expect(page.locator('tr[data-service-id="ktp-el"] td').first()).toHaveText('1', { timeout: 5_000 });

    // Counter 1 calls it: the live view changes without a reload.
    const called = await hall.api<{ ticket: { number: string } }>('POST', '/counters/loket-1/call-next', { token: officer1 });
    expect(called.status).toBe(200);
    expect(called.body.ticket.number).toBe(number);
    await expect(loket1).toContainText(`${number} dipanggil`, { timeout: 5_000 });
    await expect(page.locator('tr[data-service-id="ktp-el"] td').first()).toHaveText('0', { timeout: 5_000 });
    await page.screenshot({ path: resolve(SCREENSHOTS, 'dashboard-live.png'), fullPage: true });

    // ── last month's report ────────────────────────────────────────────────────────────────────
    await page.getByRole('button', { name: 'Laporan', exact: true }).click();
    await page.getByRole('button', { name: 'Bulan lalu' }).click();
    const heading = page.locator('#report-heading');
    await expect(heading).toHaveAttribute('data-to', lastMonthEnd);
    await expect(heading).toHaveAttribute('data-from', `${lastMonthEnd.slice(0, 7)}-01`);
    const table = page.getByRole('table', { name: 'Tabel laporan per loket' });
    await expect(table.locator('tbody tr')).not.toHaveCount(0);
    await expect(table.locator('tfoot tr')).toContainText('Total');
    await expect(page.locator('.report-view .report-definitions')).toContainText('Waktu melayani ÷ waktu buka.');
    await expect(page.locator('.report-view [data-chart="throughput"] .recharts-bar-rectangle').first()).toBeVisible();
    await expect(page.locator('.report-view [data-chart="waits"] .recharts-line').first()).toBeVisible();
    await expect(page.locator('.report-view .heat-table tbody tr')).not.toHaveCount(0);
    // The table's served total is the API's, in id-ID digits.
    const supervisor = await hall.login('supervisor');
    const api = await hall.api<{ totals: { served: number } }>('GET', `/reports?from=${lastMonthEnd.slice(0, 7)}-01&to=${lastMonthEnd}&groupBy=counter`, { token: supervisor });
    await expect(table.locator('tfoot td[data-figure="served"]')).toHaveText(new Intl.NumberFormat('id-ID').format(api.body.totals.served));
    await page.screenshot({ path: resolve(SCREENSHOTS, 'dashboard-report.png'), fullPage: true });

    // ── the XLSX: a real workbook with a sheet per grouping ───────────────────────────────────
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh XLSX (Excel)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheets = workbook.worksheets.map((w) => w.name);
    expect(sheets).toEqual(expect.arrayContaining(['Loket', 'Petugas', 'Layanan', 'Instansi', 'Hari', 'Jam']));
    await expect(page.locator('.report-exports [role="status"]')).toContainText('sudah diunduh');

    // ── the A4 print view ──────────────────────────────────────────────────────────────────────
    await page.getByRole('button', { name: 'Ringkasan A4 untuk dicetak' }).click();
    await expect(page.getByRole('heading', { name: 'Ringkasan laporan antrean' })).toBeVisible();
    await expect(page.locator('.print-sheet [data-chart="throughput"] .recharts-bar-rectangle').first()).toBeVisible();
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await page.getByRole('button', { name: 'Cetak', exact: true }).click();
    await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.print-toolbar')).toBeHidden();
    await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    await page.screenshot({ path: resolve(SCREENSHOTS, 'dashboard-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { name: 'Laporan kinerja' })).toBeVisible();

    // ── sign out ends the session ──────────────────────────────────────────────────────────────
    await page.getByRole('button', { name: 'Keluar' }).click();
    await expect(page.getByRole('heading', { name: 'Masuk dasbor supervisor' })).toBeVisible();
    expect(await page.evaluate(() => sessionStorage.getItem('loket.dashboard.session'))).toBeNull();

    // The only console errors are the refused sign-in (401) — no CSP violation, no exception.
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  } finally {
    await hall.close();
  }
});

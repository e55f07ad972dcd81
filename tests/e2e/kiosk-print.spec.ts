import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { REPO, RENDERER_DIR } from '../support/counter-host.ts';
import { startTestHall, type TestHall } from '../support/hall-server.ts';
import { countPrints, enrollKiosk, mediaBoxes, MM_IN_POINTS, printsOf, setPrinterOnKiosk } from './kiosk-page.ts';

/**
 * Browser printing at the kiosk: a kiosk set to print in the browser prints each ticket with
 * `window.print()` on a ticket-sized page. Chromium's PDF of that page (its print path, with the
 * page's own CSS page size) is exactly as wide as the paper: 80 mm, or 58 mm when set; one page,
 * as long as the ticket, never A4.
 */

const SCREENSHOTS = resolve(REPO, 'screenshots');
const A4_HEIGHT_PT = 841.89;

async function takeKtpTicket(page: Page): Promise<string> {
  await page.getByRole('button', { name: /^Disdukcapil/ }).click();
  await page.getByRole('button', { name: /Perekaman & Cetak KTP-el/ }).click();
  await page.getByRole('button', { name: 'Ambil nomor antrean' }).click();
  const issued = page.getByLabel(/^Nomor antrean [A-Z0-9]+-\d+$/);
  await expect(issued).toBeVisible();
  return (await issued.textContent())?.trim() ?? '';
}

/** The printable ticket's PDF: one page of `paper` mm wide, ticket-long. */
async function expectTicketPdf(page: Page, paper: 58 | 80, number: string): Promise<void> {
  await expect(page.locator(`.print-ticket[data-paper="${paper}"] .pt-number`)).toHaveText(number);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const boxes = mediaBoxes(pdf);
  expect(boxes, 'one page').toHaveLength(1);
  const [box] = boxes as [{ width: number; height: number }];
  // Chromium rounds the page to whole CSS pixels: within 1 pt of the paper's width.
  expect(Math.abs(box.width - paper * MM_IN_POINTS), `width ${box.width} pt for ${paper} mm`).toBeLessThan(1);
  expect(box.height).toBeGreaterThan(60 * MM_IN_POINTS);
  expect(box.height).toBeLessThan(A4_HEIGHT_PT);
}

test.describe('kiosk: browser printing', () => {
  let hall: TestHall;
  test.beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    hall = await startTestHall({ pagesDir: RENDERER_DIR });
  });
  test.afterAll(async () => hall.close());

  test('each ticket is printed on a page as wide as the paper: 80 mm, then 58 mm when set', async ({ page }) => {
    await page.setViewportSize({ width: 1080, height: 1920 });
    await page.addInitScript(countPrints);
    await enrollKiosk(page, hall);

    await setPrinterOnKiosk(page, { kind: 'browser', paper: 80 });
    const first = await takeKtpTicket(page);
    await expect(page.getByText('Tiket sedang dicetak…')).toBeVisible();
    await expect.poll(() => printsOf(page)).toBe(1);
    await expectTicketPdf(page, 80, first);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'kiosk-ticket-browser-print.png') });

    // "Cetak ulang" prints it once more
    await page.getByRole('button', { name: 'Cetak ulang' }).click();
    await expect.poll(() => printsOf(page)).toBe(2);
    await page.getByRole('button', { name: 'Selesai' }).click();

    await setPrinterOnKiosk(page, { kind: 'browser', paper: 58 });
    const second = await takeKtpTicket(page);
    await expect.poll(() => printsOf(page)).toBe(3);
    await expectTicketPdf(page, 58, second);
    expect(hall.server.ctx.db.prepare('SELECT setting FROM kiosk_printers').pluck().all()).toEqual([JSON.stringify({ kind: 'browser', paper: 58 })]);
  });

  test('a kiosk without a printer prints nothing', async ({ page }) => {
    await page.addInitScript(countPrints);
    await enrollKiosk(page, hall, 'Kiosk tanpa printer');
    await takeKtpTicket(page);
    await expect(page.getByText('Tiket sedang dicetak')).toHaveCount(0);
    await expect(page.locator('.print-ticket')).toHaveCount(0);
    expect(await printsOf(page)).toBe(0);
  });
});

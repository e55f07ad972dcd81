import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { decodeEscPos } from '../../core/escpos-decode.ts';
import type { CreateBookingResponse } from '../../core/visitor-api.ts';
import { REPO, RENDERER_DIR } from '../support/counter-host.ts';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer.ts';
import { startTestHall, type TestHall } from '../support/hall-server.ts';
import { enrollKiosk, scanWithWedge, setPrinterOnKiosk } from './kiosk-page.ts';

/**
 * The kiosk on a real hall server in Debian's Chromium, on its two screens (1080×1920 portrait,
 * 1920×1080 landscape): every step fits without hiding its actions, and its targets are big; an
 * online booking is checked in by typing its code on the keypad or by scanning its QR code
 * anywhere on the start screen, and printed on a network ESC/POS printer; a printer that does
 * not answer is explained, and "Cetak ulang" prints once it is back. Screenshots in screenshots/.
 */

const SCREENSHOTS = resolve(REPO, 'screenshots');
/** Monday 10 March 2025, 08:40 in Jakarta: slots of 09:00 can be checked in, 10:00 not yet. */
const MON_0840 = Date.UTC(2025, 2, 10, 1, 40);
const slot = (hh: number, mm: number): number => Date.UTC(2025, 2, 10, hh - 7, mm);
const SCREENS = [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'landscape', width: 1920, height: 1080 },
] as const;

async function expectInView(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  expect(box, what).not.toBeNull();
  if (!box) return;
  expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 1 && box.y + box.height <= height + 1, `${what} inside ${width}×${height}: ${JSON.stringify(box)}`).toBe(true);
}

/** Every visible button of the page is at least 64 px high (touch targets). */
async function expectBigTargets(page: Page, what: string): Promise<void> {
  const small = await page.evaluate(() =>
    Array.from(document.querySelectorAll('button'))
      .map((b) => ({ name: b.textContent?.trim() ?? '', box: b.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0 && (box.height < 63.5 || box.width < 63.5))
      .map(({ name, box }) => `${name} ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
  expect(small, `small targets on ${what}`).toEqual([]);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`) });
}

test.describe('kiosk screens, check-in and network printing', () => {
  let hall: TestHall;
  let printer: FakePrinter;
  const clock = { now: MON_0840 };

  const book = async (hh: number, mm: number, phone: string): Promise<CreateBookingResponse> => {
    const res = await hall.api<CreateBookingResponse>('POST', '/public/bookings', {
      body: { serviceId: 'ktp-el', date: '2025-03-10', slotStart: slot(hh, mm), name: 'Siti Aminah', phone },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  test.beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    hall = await startTestHall({ pagesDir: RENDERER_DIR, now: () => clock.now });
    printer = await startFakePrinter();
  });
  test.afterAll(async () => {
    await printer.close();
    await hall.close();
  });

  for (const screen of SCREENS) {
    test(`every step fits the ${screen.name} screen (${screen.width}×${screen.height}) with big targets`, async ({ page }) => {
      await page.setViewportSize({ width: screen.width, height: screen.height });
      await enrollKiosk(page, hall, `Kiosk ${screen.name}`);
      await setPrinterOnKiosk(page, { kind: 'network', host: printer.host, port: printer.port, paper: 80 });
      const checkInEntry = page.getByRole('button', { name: 'Sudah pesan online? Check-in' });
      await expectInView(page, checkInEntry, 'check-in entry');
      await expectBigTargets(page, 'start');
      await shoot(page, `kiosk-start-${screen.name}`);

      await page.getByRole('button', { name: /^Disdukcapil/ }).click();
      await expectBigTargets(page, 'services');
      await shoot(page, `kiosk-services-${screen.name}`);
      await page.getByRole('button', { name: /Perekaman & Cetak KTP-el/ }).click();
      await expectInView(page, page.getByRole('button', { name: 'Ambil nomor antrean' }), 'take');
      await expectInView(page, page.getByRole('button', { name: 'Prioritas (lansia, disabilitas, ibu hamil)' }), 'priority');
      await expectBigTargets(page, 'requirements');
      await shoot(page, `kiosk-requirements-${screen.name}`);
      await page.getByRole('button', { name: 'Prioritas (lansia, disabilitas, ibu hamil)' }).click();
      await page.getByRole('button', { name: 'Ambil nomor antrean' }).click();
      await expect(page.getByText('Tiket sedang dicetak. Ambil tiket Anda di bawah layar.')).toBeVisible();
      for (const [what, locator] of [
        ['heading', page.getByRole('heading', { name: 'Nomor antrean Anda' })],
        ['number', page.locator('.ticket-number')],
        ['QR code', page.getByRole('img', { name: /^Kode QR halaman pelacakan nomor/ })],
        ['done', page.getByRole('button', { name: 'Selesai' })],
      ] as const) {
        await expectInView(page, locator, what);
      }
      await expect(page.locator('.ticket-priority')).toHaveText('Prioritas');
      await shoot(page, `kiosk-ticket-${screen.name}`);
      await printer.nextJob();
      await page.getByRole('button', { name: 'Selesai' }).click();

      await checkInEntry.click();
      await expect(page.getByRole('heading', { name: 'Check-in pesanan online' })).toBeVisible();
      for (const key of ['K', '7', 'Q']) await page.getByRole('button', { name: key, exact: true }).click();
      await expect(page.getByLabel('Kode pesanan')).toHaveValue('K7Q');
      await expectInView(page, page.getByRole('button', { name: 'Check-in', exact: true }), 'check-in');
      await expectInView(page, page.getByRole('button', { name: 'Z', exact: true }), 'last key');
      await expectBigTargets(page, 'check-in');
      await shoot(page, `kiosk-checkin-${screen.name}`);
      await page.getByRole('button', { name: 'Kembali' }).click();
    });
  }

  test('an online booking is checked in by its code on the keypad, or by its QR code scanned on the start screen, and printed', async ({ page }) => {
    await enrollKiosk(page, hall, 'Kiosk check-in');
    await setPrinterOnKiosk(page, { kind: 'network', host: printer.host, port: printer.port, paper: 58 });

    // typed on the keypad, with the priority choice
    const typed = await book(9, 0, '081234567801');
    await page.getByRole('button', { name: 'Sudah pesan online? Check-in' }).click();
    for (const char of typed.code) await page.getByRole('button', { name: char, exact: true }).click();
    await expect(page.getByText('Kode lengkap. Sentuh Check-in.')).toBeVisible();
    await page.getByRole('button', { name: 'Prioritas (lansia, disabilitas, ibu hamil)' }).click();
    await page.getByRole('button', { name: 'Check-in', exact: true }).click();
    await expect(page.getByText('Selamat datang, Siti Aminah. Check-in berhasil.')).toBeVisible();
    await expect(page.locator('.ticket-priority')).toHaveText('Prioritas');
    const number = (await page.locator('.ticket-number').textContent()) ?? '';
    const job = decodeEscPos(await printer.nextJob());
    expect(job.find((op) => op.kind === 'qr')).toMatchObject({ data: `${hall.server.url}/visitor/track/?code=${typed.code}` });
    expect(job.some((op) => op.kind === 'text' && op.text === number)).toBe(true);
    await page.getByRole('button', { name: 'Selesai' }).click();

    // scanned on the start screen: the scanner types the code and Enter in one burst
    const scanned = await book(9, 0, '081234567802');
    await expect(page.getByRole('heading', { name: 'Pilih instansi' })).toBeVisible();
    await scanWithWedge(page, scanned.code);
    await expect(page.getByText('Selamat datang, Siti Aminah. Check-in berhasil.')).toBeVisible();
    expect(decodeEscPos(await printer.nextJob()).find((op) => op.kind === 'qr')).toMatchObject({ data: `${hall.server.url}/visitor/track/?code=${scanned.code}` });
    await page.getByRole('button', { name: 'Selesai' }).click();

    // the booking's tracking link scanned instead of its code works too
    const linked = await book(9, 0, '081234567803');
    await scanWithWedge(page, linked.trackingUrl);
    await expect(page.getByText('Selamat datang, Siti Aminah. Check-in berhasil.')).toBeVisible();
    await printer.nextJob();
    await page.getByRole('button', { name: 'Selesai' }).click();

    // typed slowly on a keyboard is not a scan: nothing happens on the start screen
    await page.keyboard.type('ABCDEFGH', { delay: 150 });
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Pilih instansi' })).toBeVisible();

    // too early: the slot at 10:00 opens for check-in at 09:30
    const early = await book(10, 0, '081234567804');
    await scanWithWedge(page, early.code);
    await expect(page.getByRole('heading', { name: 'Belum waktunya check-in' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('check-in dibuka pukul 09:30');
    await shoot(page, 'kiosk-checkin-too-early');

    // already checked in, and an unknown code
    await page.getByRole('button', { name: 'Coba kode lain' }).click();
    for (const char of typed.code) await page.keyboard.press(char);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Pesanan ini sudah check-in' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText(`Nomor antrean Anda ${number} sudah ada di antrean`);
    await page.getByRole('button', { name: 'Coba kode lain' }).click();
    await scanWithWedge(page, 'ZZZZZZZZ');
    await expect(page.getByRole('heading', { name: 'Kode pesanan tidak ditemukan' })).toBeVisible();

    // expired: after 10:15 the 10:00 booking can no longer be checked in
    clock.now = slot(10, 16);
    await page.getByRole('button', { name: 'Coba kode lain' }).click();
    await scanWithWedge(page, early.code);
    await expect(page.getByRole('heading', { name: 'Waktu check-in sudah lewat' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('check-in ditutup pukul 10:15');
    await page.getByRole('button', { name: 'Ambil nomor baru' }).click();
    await expect(page.getByRole('heading', { name: 'Pilih instansi' })).toBeVisible();
    clock.now = MON_0840;
  });

  test('a printer that does not answer: the number stands, the visitor is told what to do, and "Cetak ulang" prints once it is back', async ({ page }) => {
    await page.setViewportSize({ width: 1080, height: 1920 });
    await enrollKiosk(page, hall, 'Kiosk printer mati');
    const down = await startFakePrinter();
    const port = down.port;
    await setPrinterOnKiosk(page, { kind: 'network', host: '127.0.0.1', port, paper: 80 });
    await down.close();

    await page.getByRole('button', { name: /^Disdukcapil/ }).click();
    await page.getByRole('button', { name: /Perekaman & Cetak KTP-el/ }).click();
    await page.getByRole('button', { name: 'Ambil nomor antrean' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Tiket tidak tercetak');
    await expect(alert).toContainText('Printer tidak menjawab: periksa kabel/daya printer, atau minta petugas.');
    await expect(page.locator('.ticket-number')).toBeVisible();
    await shoot(page, 'kiosk-print-failed');

    const back = await startFakePrinter(port);
    try {
      await page.getByRole('button', { name: 'Cetak ulang' }).click();
      await expect(page.getByText('Tiket sedang dicetak. Ambil tiket Anda di bawah layar.')).toBeVisible();
      const job = decodeEscPos(await back.nextJob());
      const number = (await page.locator('.ticket-number').textContent()) ?? '';
      expect(job.some((op) => op.kind === 'text' && op.text === number)).toBe(true);
    } finally {
      await back.close();
    }
  });
});

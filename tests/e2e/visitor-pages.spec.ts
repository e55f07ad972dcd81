import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { CallNextResponse } from '../../core/api.ts';
import { trackingPagePath } from '../../core/visitor-pages.ts';
import { loadHallConfig, saveHallConfig } from '../../server/store/hall-config-store.ts';
import { REPO, RENDERER_DIR } from '../support/counter-host.ts';
import { startTestHall, type TestHall } from '../support/hall-server.ts';

/**
 * The visitor's public pages on a phone (390×844) against a real hall server serving the built
 * pages: service information → online booking (code, QR, check-in window) → the tracking page
 * following the booking live through its check-in at the kiosk (API, kiosk token), the officer's
 * call (the counter shown live), the end of service → the SKM survey answered, once only.
 * Screenshots of each page go to screenshots/visitor-*.png.
 */

const SCREENSHOTS = resolve(REPO, 'screenshots');
const PHONE = { width: 390, height: 844 };
const SERVICE = 'ktp-el';
const SERVICE_NAME = 'Perekaman & Cetak KTP-el';

test.use({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });

const shoot = (page: Page, name: string) => page.screenshot({ path: resolve(SCREENSHOTS, `visitor-${name}.png`), fullPage: true });

/** The demo hall books on weekdays 08:00–15:00; this service takes bookings every day, all day, so the story runs at any hour. */
async function bookableAllDay(hall: TestHall): Promise<void> {
  const config = loadHallConfig(hall.server.ctx.db);
  const services = config.services.map((s) => (s.id === SERVICE ? { ...s, openingHours: { days: [0, 1, 2, 3, 4, 5, 6], open: '00:00', close: '23:59' } } : s));
  saveHallConfig(hall.server.ctx.db, { ...config, services });
  await hall.restart();
}

/** Minutes past midnight in Jakarta now. */
const jakartaMinutes = (): number => {
  const [h, m] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.now()).split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

test('book online → track live through check-in, call and finish → answer the SKM survey', async ({ page }) => {
  // The next slot must be today and start within the check-in window: not in the hall's last hour.
  // Late in the evening (Jakarta) the hall's clock runs two hours behind, still on the same date,
  // so the story runs at any hour instead of being skipped.
  const behindMs = jakartaMinutes() >= 22 * 60 + 55 ? 2 * 60 * 60_000 : 0;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const hall = await startTestHall({ pagesDir: RENDERER_DIR, ...(behindMs > 0 ? { now: () => Date.now() - behindMs } : {}) });
  try {
    await bookableAllDay(hall);
    const url = hall.server.url;

    // ── service information ────────────────────────────────────────────────────────────────────
    await page.goto(`${url}/visitor/`);
    await expect(page.getByRole('heading', { level: 1, name: 'Informasi layanan' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'id');
    await shoot(page, 'info');
    await page.getByLabel('Cari layanan').fill('Perekaman');
    const service = page.locator('details', { hasText: SERVICE_NAME });
    await expect(service).toHaveAttribute('open', '');
    await expect(service).toContainText('Biaya/tarif');
    await expect(service).toContainText('Gratis');
    await expect(service).toContainText('Standar waktu');
    await expect(service).toContainText('UU No. 24 Tahun 2013');
    await shoot(page, 'info-search');

    // ── online booking: service (from its information) → day and slot → details → confirm ─────
    await service.getByRole('button', { name: 'Ambil antrian online' }).click();
    await expect(page).toHaveURL(/\?view=book&service=ktp-el$/);
    await expect(page.getByRole('heading', { name: SERVICE_NAME })).toBeVisible();
    await expect(page.getByRole('radio', { name: /Hari ini/ })).toBeChecked();
    const slot = page.getByRole('radio', { name: /^Pukul \d\d:\d\d, sisa 4 tempat$/ }).first();
    await expect(slot).toBeVisible();
    const time = /Pukul (\d\d:\d\d)/.exec((await slot.getAttribute('aria-label')) ?? '')?.[1] ?? '';
    await slot.check();
    await shoot(page, 'booking-slots');
    await page.getByRole('button', { name: 'Lanjut' }).click();

    await page.getByLabel('Nama lengkap').fill('Siti Rahmawati');
    await page.getByLabel('Nomor HP').fill('12345');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await expect(page.getByText('Nomor HP belum benar')).toBeVisible();
    await expect(page.getByLabel('Nomor HP')).toBeFocused();
    await page.getByLabel('Nomor HP').fill('0812-3456-7890');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await expect(page.getByRole('heading', { name: 'Periksa lalu konfirmasi' })).toBeVisible();
    await expect(page.locator('.v-summary')).toContainText(time);
    await shoot(page, 'booking-review');
    await page.getByRole('button', { name: 'Konfirmasi booking' }).click();

    await expect(page.getByRole('heading', { name: 'Booking berhasil' })).toBeVisible();
    const code = ((await page.locator('.v-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    await expect(page.getByRole('img', { name: new RegExp(`Kode QR booking ${code}`) })).toBeVisible();
    await expect(page.getByText(/^Check-in di kiosk mulai 30 menit sebelum jam booking sampai 15 menit sesudahnya/)).toBeVisible();
    await shoot(page, 'booking-done');

    // ── tracking: the booking, live ─────────────────────────────────────────────────────────────
    await page.getByRole('link', { name: 'Lacak antrean' }).last().click();
    await expect(page).toHaveURL(`${url}${trackingPagePath(code)}`);
    await expect(page.locator('.v-live')).toContainText('Diperbarui langsung');
    await expect(page.getByText('Menunggu check-in')).toBeVisible();
    await expect(page.getByText(`pukul ${time}`)).toBeVisible();
    await shoot(page, 'track-booking');

    // ── the kiosk checks the booking in: the page turns into the ticket, without a reload ───────
    const kiosk = await hall.enroll('kiosk');
    const checkIn = await hall.api<{ ticket: { id: string; number: string } }>('POST', `/bookings/${code}/check-in`, { token: kiosk, body: {} });
    expect(checkIn.status).toBe(201);
    const { number, id: ticketId } = checkIn.body.ticket;
    await expect(page.locator('.v-ticket-number')).toHaveText(number);
    await expect(page.getByText('Menunggu dipanggil')).toBeVisible();
    await expect(page.getByText('Tidak ada, Anda berikutnya')).toBeVisible();
    await shoot(page, 'track-waiting');

    // ── the officer calls it: the counter appears live ─────────────────────────────────────────
    const officer = await hall.login('petugas01', await hall.enroll('counter', 'loket-1'));
    expect((await hall.api('POST', '/counters/loket-1/open', { token: officer, body: { serviceIds: [SERVICE] } })).status).toBe(200);
    const call = await hall.api<CallNextResponse>('POST', '/counters/loket-1/call-next', { token: officer });
    expect(call.body.ticket.id).toBe(ticketId);
    await expect(page.getByRole('alert')).toHaveText('Silakan menuju Loket 1');
    await expect(page).toHaveTitle(/Dipanggil! Loket 1/);
    await expect(page.locator('.v-live')).toContainText('Diperbarui langsung');
    await shoot(page, 'track-called');

    // ── served and finished: the page offers the survey ────────────────────────────────────────
    const lease = { leaseEpoch: call.body.leaseEpoch };
    await hall.api('POST', `/tickets/${ticketId}/start`, { token: officer, body: lease });
    await hall.api('POST', `/tickets/${ticketId}/finish`, { token: officer, body: { ...lease, outcome: 'served' } });
    await expect(page.getByText('Selesai dilayani')).toBeVisible();
    const surveyLink = page.getByRole('link', { name: 'Isi survei kepuasan' });
    await expect(surveyLink).toBeVisible();
    await shoot(page, 'track-done');

    // ── the SKM survey: nine elements, a missing one named, then sent once ──────────────────────
    await surveyLink.click();
    await expect(page).toHaveURL(`${url}/visitor/skm/?code=${code}`);
    await expect(page.getByText(`Tiket ${number} · ${SERVICE_NAME}`)).toBeVisible();
    const questions = page.locator('fieldset.v-question');
    await expect(questions).toHaveCount(9);
    await expect(questions.first()).toContainText('Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?');
    for (let i = 0; i < 8; i++) await questions.nth(i).locator('label').nth(i % 2 === 0 ? 3 : 2).click();
    await page.getByRole('button', { name: 'Kirim survei' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '1 unsur belum dijawab: U9.' })).toBeVisible();
    await expect(questions.nth(8).getByRole('radio').first()).toBeFocused();
    await questions.nth(8).getByRole('radio', { name: 'Sangat baik' }).check();
    await page.getByLabel('Usia').selectOption('30-39');
    await page.getByLabel('Pekerjaan').selectOption('WIRAUSAHA');
    await page.getByLabel('Saran dan masukan (boleh dikosongkan)').fill('Petugas ramah, antrean tertib.');
    await shoot(page, 'skm');
    await page.getByRole('button', { name: 'Kirim survei' }).click();
    await expect(page.getByRole('heading', { name: 'Terima kasih!' })).toBeVisible();
    await expect(page.getByText(`Jawaban Anda untuk tiket ${number}`)).toBeVisible();
    await shoot(page, 'skm-thanks');
    const stored = hall.server.ctx.db.prepare('SELECT u1, u2, u9, age_group, occupation, comment, source FROM skm_responses WHERE ticket_id = ?').get(ticketId);
    expect(stored).toEqual({ u1: 4, u2: 3, u9: 4, age_group: '30-39', occupation: 'WIRAUSAHA', comment: 'Petugas ramah, antrean tertib.', source: 'link' });

    // ── a second answer for the same ticket gets the server's 409, said plainly ─────────────────
    await page.reload();
    for (let i = 0; i < 9; i++) await questions.nth(i).locator('label').first().click();
    await page.getByRole('button', { name: 'Kirim survei' }).click();
    await expect(page.getByRole('heading', { name: 'Survei sudah diisi' })).toBeVisible();
    await expect(page.getByText('satu survei untuk satu tiket')).toBeVisible();
    expect(hall.server.ctx.db.prepare('SELECT COUNT(*) AS n FROM skm_responses').get()).toEqual({ n: 1 });

    // ── in English, on request ─────────────────────────────────────────────────────────────────
    await page.goto(`${url}/visitor/`);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Service information' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await shoot(page, 'info-en');
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect(page.locator('main')).toHaveCSS('max-width', '672px'); // one readable column on a desktop
    await shoot(page, 'info-desktop');
  } finally {
    await hall.close();
  }
});

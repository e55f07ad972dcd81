import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { decodeEscPos, printedLines } from '../../core/escpos-decode.ts';
import { SKM_ELEMENT_IDS } from '../../core/ikm.ts';
import { announcementText, announcementWords } from '../../core/number-words.ts';
import { serviceDay } from '../../core/service-day.ts';
import type { IkmReport } from '../../core/visitor-api.ts';
import type { AnnounceEvent } from '../../renderer/board/announcer-queue.ts';
import { REPO, RENDERER_DIR } from '../support/counter-host.ts';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer.ts';
import { startTestHall, type TestHall } from '../support/hall-server.ts';
import { enrollKiosk, scanWithWedge, setPrinterOnKiosk } from './kiosk-page.ts';

/**
 * One visitor's day at the hall, end to end on a real hall server in Debian's Chromium (issue 8):
 *
 * 1. on their phone (390×844) they book a KTP-el slot online (the booking page) and follow the
 *    booking on the tracking page;
 * 2. at the kiosk (1080×1920) they hold the booking's QR code to the scanner (a keyboard-wedge
 *    scanner types the code and Enter): the booking is checked in, and the kiosk's network printer
 *    (a TCP listener on 127.0.0.1) receives ESC/POS bytes that decode to the ticket's number, a QR
 *    code of the tracking page and the survey link;
 * 3. the phone's tracking page follows it live: waiting, then called to counter 1;
 * 4. the officer of counter 1 calls, serves and finishes (the officer API, signed in at loket-1);
 *    the display board (1920×1080, sound on) shows the call and announces it: its `loket:announce`
 *    events come in order, a chime and the words (or the id-ID voice without recorded clips);
 * 5. the visitor answers the SKM survey from the tracking page, and the supervisor's IKM report
 *    of the day counts that answer.
 *
 * The hall runs on the real clock; KTP-el is opened round the clock for the test so a slot within
 * check-in reach exists at any hour (the next half hour: check-in opens 30 minutes before it).
 */

const SCREENSHOTS = resolve(REPO, 'screenshots');
const AUDIO_DIR = resolve(REPO, 'build', 'audio');
const clipsMade = existsSync(resolve(AUDIO_DIR, 'manifest.json'));
const HALF_HOUR = 30 * 60_000;
const ANSWERS = { u1: 4, u2: 3, u3: 4, u4: 4, u5: 3, u6: 4, u7: 4, u8: 3, u9: 4 } as const;

type Logged = AnnounceEvent & { t: number };

/** Before any board script: collect the announcement events. */
function collectAnnouncements(): void {
  const w = window as unknown as { __announce: unknown[] };
  w.__announce = [];
  window.addEventListener('loket:announce', (e) => w.__announce.push({ ...(e as CustomEvent<object>).detail, t: performance.now() }));
}

/** Before any board script: an id-ID speechSynthesis stand-in (Debian's Chromium has no voices), used only without clips. */
function fakeIndonesianSpeech(): void {
  const voice = { lang: 'id-ID', name: 'Uji Bahasa Indonesia', localService: true, default: true, voiceURI: 'uji-id' };
  class Utterance {
    lang = '';
    voice: typeof voice | null = null;
    rate = 1;
    volume = 1;
    onend: (() => void) | null = null;
    onerror: (() => void) | null = null;
    constructor(readonly text: string) {}
  }
  const synth = { getVoices: () => [voice], speak: (u: Utterance) => setTimeout(() => u.onend?.(), 300), cancel() {} };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
}

const announcements = (page: Page): Promise<Logged[]> => page.evaluate(() => (window as unknown as { __announce: Logged[] }).__announce);

const heard = (events: readonly Logged[]): string[] =>
  events.map((e) =>
    e.phase === 'start' ? `start ${e.number} ${e.via}` : e.phase === 'end' ? `end ${e.number}` : e.phase === 'word' ? (e.word ?? '') : e.phase === 'speech' ? `speech: ${e.text}` : e.phase,
  );

/** `HH:MM` in Jakarta. */
const hallTime = (at: number): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

async function newScreen(browser: Browser, viewport: { width: number; height: number }, phone = false): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Jakarta', ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
  return context.newPage();
}

test('a visitor books online, checks in at the kiosk, gets a printed ticket, follows it, is called, served, and rates the service', async ({ browser }) => {
  test.setTimeout(300_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const hall: TestHall = await startTestHall({ pagesDir: RENDERER_DIR, ...(clipsMade ? { audioDir: AUDIO_DIR } : {}) });
  const printer: FakePrinter = await startFakePrinter();
  try {
    // KTP-el takes visitors round the clock (only for this test): a slot is always within check-in reach.
    hall.server.ctx.db
      .prepare(`UPDATE services SET opening_hours = ? WHERE id = 'ktp-el'`)
      .run(JSON.stringify({ days: [0, 1, 2, 3, 4, 5, 6], open: '00:00', close: '00:00' }));

    // ── the hall: an officer opens counter 1, the board is on (sound activated), the kiosk has its printer ──
    const officer = await hall.login('petugas01', await hall.enroll('counter', 'loket-1'));
    expect((await hall.api('POST', '/counters/loket-1/open', { token: officer, body: { serviceIds: ['ktp-el'] } })).status).toBe(200);

    const board = await newScreen(browser, { width: 1920, height: 1080 });
    await board.addInitScript(collectAnnouncements);
    if (!clipsMade) await board.addInitScript(fakeIndonesianSpeech);
    const boardCode = hall.server.ctx.auth.createEnrollCode({ kind: 'board', counterId: null, ttlMinutes: 10 });
    await board.goto(`${hall.server.url}/board/`);
    await board.getByLabel('Kode pendaftaran').fill(boardCode.code);
    await board.getByLabel('Nama perangkat').fill('TV aula');
    await board.getByRole('button', { name: 'Daftarkan perangkat' }).click();
    await expect(board.getByText('Belum ada panggilan')).toBeVisible();
    await board.reload(); // as a TV switched on: nobody has clicked this page yet
    await board.getByRole('button', { name: 'Klik atau tekan untuk mengaktifkan suara' }).click();
    await expect(board.getByRole('button', { name: 'Klik atau tekan untuk mengaktifkan suara' })).toHaveCount(0);

    const kiosk = await newScreen(browser, { width: 1080, height: 1920 });
    await enrollKiosk(kiosk, hall);
    await setPrinterOnKiosk(kiosk, { kind: 'network', host: printer.host, port: printer.port, paper: 80 });

    // ── 1. on the phone: book the next half hour's slot of KTP-el ────────────────────────────────
    const phone = await newScreen(browser, { width: 390, height: 844 }, true);
    // The next half hour's slot; within 90 s of it, wait it out (a slot that starts while booking is refused as past).
    const nextSlot = (): number => Math.floor(Date.now() / HALF_HOUR) * HALF_HOUR + HALF_HOUR;
    if (nextSlot() - Date.now() < 90_000) await phone.waitForTimeout(nextSlot() - Date.now() + 1_000);
    const now = Date.now();
    const slotStart = nextSlot();
    const slotTime = hallTime(slotStart);
    const slotDay = serviceDay(slotStart, 'Asia/Jakarta');
    await phone.goto(`${hall.server.url}/visitor/`);
    await phone.getByRole('link', { name: 'Antrian online' }).first().click();
    await phone.getByRole('radio', { name: /Perekaman & Cetak KTP-el/ }).check();
    await phone.getByRole('button', { name: 'Lanjut' }).click();
    if (slotDay !== serviceDay(now, 'Asia/Jakarta')) await phone.getByRole('radio', { name: /^Besok/ }).check(); // just before midnight
    await phone.getByRole('radio', { name: `Pukul ${slotTime}, sisa 4 tempat` }).check();
    await phone.getByRole('button', { name: 'Lanjut' }).click();
    await phone.getByLabel('Nama lengkap').fill('Siti Aminah');
    await phone.getByLabel('Nomor HP').fill('0812 3456 7890');
    await phone.getByRole('button', { name: 'Lanjut' }).click();
    await phone.getByRole('button', { name: 'Konfirmasi booking' }).click();
    await expect(phone.getByRole('heading', { name: 'Booking berhasil' })).toBeVisible();
    const code = ((await phone.locator('.v-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    await expect(phone.getByRole('img', { name: `Kode QR booking ${code}; tunjukkan di kiosk MPP` })).toBeVisible();
    await phone.screenshot({ path: resolve(SCREENSHOTS, 'story-1-booked.png'), fullPage: true });

    // …and follows it on the tracking page: a booking waiting for check-in
    await phone.getByRole('link', { name: 'Lacak antrean' }).last().click();
    await expect(phone).toHaveURL(`${hall.server.url}/visitor/track/?code=${code}`);
    await expect(phone.getByText(/Belum check-in/)).toBeVisible();

    // ── 2. at the kiosk: the booking's QR code to the scanner; the ticket is printed ──────────────
    await kiosk.bringToFront();
    await expect(kiosk.getByRole('heading', { name: 'Pilih instansi' })).toBeVisible();
    await scanWithWedge(kiosk, code); // what the scanner reads from the booking's QR code: its code, then Enter
    await expect(kiosk.getByText('Selamat datang, Siti Aminah. Check-in berhasil.')).toBeVisible();
    const number = ((await kiosk.locator('.ticket-number').textContent()) ?? '').trim();
    expect(number).toMatch(/^A-\d{3}$/);
    await expect(kiosk.getByText('Tiket sedang dicetak. Ambil tiket Anda di bawah layar.')).toBeVisible();
    await kiosk.screenshot({ path: resolve(SCREENSHOTS, 'story-2-kiosk-ticket.png') });

    const ops = decodeEscPos(await printer.nextJob());
    const trackingUrl = `${hall.server.url}/visitor/track/?code=${code}`;
    expect(ops.filter((op) => op.kind === 'qr').map((op) => (op.kind === 'qr' ? op.data : ''))).toEqual([trackingUrl]);
    const lines = printedLines(ops);
    expect(lines.filter((l) => l.w > 1).map((l) => l.text)).toEqual([number]);
    expect(lines.map((l) => l.text).join('')).toContain(`${hall.server.url}/visitor/skm/?code=${code}`);
    expect(lines.map((l) => l.text)).toEqual(expect.arrayContaining(['Perekaman & Cetak KTP-el', 'Dinas Kependudukan dan Pencatatan Sipil']));

    // ── 3. the phone follows it live: now a ticket, waiting ────────────────────────────────────────
    await expect(phone.locator('.v-ticket-number')).toHaveText(number);
    await expect(phone.locator('.v-status')).toHaveText('Menunggu dipanggil');
    await phone.screenshot({ path: resolve(SCREENSHOTS, 'story-3-tracking-waiting.png'), fullPage: true });

    // ── 4. counter 1 calls: the board shows and announces it, the phone says where to go ──────────
    const called = await hall.api<{ ticket: { id: string; number: string }; leaseEpoch: number }>('POST', '/counters/loket-1/call-next', { token: officer });
    expect(called.status).toBe(200);
    expect(called.body.ticket.number).toBe(number);
    const call = board.getByLabel(`Nomor ${number} silakan ke loket 1`);
    await expect(call).toBeVisible();
    await expect(board.locator('.now .call-number')).toHaveText(number);
    await expect(phone.locator('.v-status')).toHaveText('Dipanggil!');
    await expect(phone.getByRole('alert')).toHaveText('Silakan menuju Loket 1');
    await phone.screenshot({ path: resolve(SCREENSHOTS, 'story-4-tracking-called.png'), fullPage: true });

    await expect.poll(async () => (await announcements(board)).filter((e) => e.phase === 'end').length, { timeout: 20_000 }).toBe(1);
    const events = await announcements(board);
    expect(heard(events)).toEqual(
      clipsMade
        ? [`start ${number} clips`, 'chime', ...announcementWords({ number, counterNumber: 1 }), `end ${number}`]
        : [`start ${number} speech`, `speech: ${announcementText({ number, counterNumber: 1, agencyName: 'Disdukcapil' })}`, `end ${number}`],
    );
    expect(events.every((e, i) => i === 0 || e.t >= (events[i - 1]?.t ?? 0))).toBe(true); // in order
    expect(events.every((e) => e.number === number && e.counterNumber === 1 && !e.recall)).toBe(true);
    await board.screenshot({ path: resolve(SCREENSHOTS, 'story-5-board-called.png') });

    // the officer serves and finishes
    const lease = { leaseEpoch: called.body.leaseEpoch };
    expect((await hall.api('POST', `/tickets/${called.body.ticket.id}/start`, { token: officer, body: lease })).status).toBe(200);
    await expect(phone.locator('.v-status')).toHaveText('Sedang dilayani');
    expect((await hall.api('POST', `/tickets/${called.body.ticket.id}/finish`, { token: officer, body: { ...lease, outcome: 'served' } })).status).toBe(200);
    await expect(phone.locator('.v-status')).toHaveText('Selesai dilayani');

    // ── 5. the survey from the tracking page, then the IKM report counts it ───────────────────────
    await phone.getByRole('link', { name: 'Isi survei kepuasan' }).click();
    await expect(phone).toHaveURL(`${hall.server.url}/visitor/skm/?code=${code}`);
    await expect(phone.getByText(`Tiket ${number} · Perekaman & Cetak KTP-el`)).toBeVisible();
    for (const id of SKM_ELEMENT_IDS) await phone.locator(`input[name="${id}"][value="${ANSWERS[id]}"]`).check();
    await phone.getByLabel('Saran dan masukan (boleh dikosongkan)').fill('Pelayanan cepat, ruang tunggu nyaman.');
    await phone.getByRole('button', { name: 'Kirim survei' }).click();
    await expect(phone.getByRole('heading', { name: 'Terima kasih!' })).toBeVisible();
    await phone.screenshot({ path: resolve(SCREENSHOTS, 'story-6-survey-thanks.png'), fullPage: true });

    const supervisor = await hall.login('supervisor');
    const day = serviceDay(Date.now(), 'Asia/Jakarta');
    const report = await hall.api<IkmReport>('GET', `/reports/ikm?from=${day < slotDay ? day : slotDay}&to=${day > slotDay ? day : slotDay}`, { token: supervisor });
    expect(report.status).toBe(200);
    const ktp = report.body.groups.find((g) => g.key === 'ktp-el');
    expect(ktp?.respondents).toBe(1);
    expect(ktp?.elements.map((e) => e.nrr)).toEqual(SKM_ELEMENT_IDS.map((id) => ANSWERS[id]));
    expect(report.body.total.respondents).toBe(1);
    const mean = SKM_ELEMENT_IDS.reduce((sum, id) => sum + ANSWERS[id], 0) / SKM_ELEMENT_IDS.length;
    expect(report.body.total.ikm).toBeCloseTo(mean * 25, 2);
  } finally {
    await printer.close();
    await hall.close();
  }
});

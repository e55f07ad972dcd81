import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { AnnounceEvent } from '../../renderer/board/announcer-queue.ts';
import { REPO, RENDERER_DIR } from '../support/counter-host.ts';
import { startTestHall, type TestHall } from '../support/hall-server.ts';
import { requireTools } from '../support/system-tools.ts';

/**
 * The display board's voice calls on a real hall server, in Debian's Chromium: the board is
 * enrolled through its setup screen, its sound turned on with one click, and two counters call
 * quickly one after the other. The page reports each step of each announcement as a
 * `loket:announce` event; the test collects them from the first script on the page.
 *
 * With the clips the build made (build/audio, espeak-ng): chime and word clips through Web Audio.
 * Without clips: the browser's id-ID speech (a recording stand-in for speechSynthesis, since
 * Debian's Chromium has no voices here).
 */

const SCREENSHOTS = resolve(REPO, 'screenshots');
const AUDIO_DIR = resolve(REPO, 'build', 'audio');
const clipsMade = existsSync(resolve(AUDIO_DIR, 'manifest.json'));

type Logged = AnnounceEvent & { t: number };

/** Before any page script: collect the announcement events (and tell a reload from a reconnect). */
function collectAnnouncements(): void {
  const w = window as unknown as { __announce: unknown[]; __pageId: number };
  w.__announce = [];
  w.__pageId = Math.random();
  window.addEventListener('loket:announce', (e) => w.__announce.push({ ...(e as CustomEvent<object>).detail, t: performance.now() }));
}

/** Before any page script: a speechSynthesis with one Indonesian voice that records what it says. */
function fakeIndonesianSpeech(): void {
  const spoken: Array<{ text: string; lang: string; voice: string | null }> = [];
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
  const synth = {
    getVoices: () => [voice],
    speak(u: Utterance) {
      if (u.text) spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.name ?? null });
      setTimeout(() => u.onend?.(), 300);
    },
    cancel() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
}

const announcements = (page: Page): Promise<Logged[]> => page.evaluate(() => (window as unknown as { __announce: Logged[] }).__announce);

/** `start A-001 clips`, `chime`, `nomor`, …, `end A-001`. */
const heard = (events: readonly Logged[]): string[] =>
  events.map((e) =>
    e.phase === 'start' ? `start ${e.number} ${e.via}${e.recall ? ' recall' : ''}` : e.phase === 'end' ? `end ${e.number}` : e.phase === 'word' ? (e.word ?? '') : e.phase === 'speech' ? `speech: ${e.text}` : e.phase,
  );

const ends = async (page: Page): Promise<number> => (await announcements(page)).filter((e) => e.phase === 'end').length;

/**
 * Enrolls the board through its setup screen, with a code the admin would make, then loads it
 * again as a TV does when it is switched on: a page nobody has clicked yet (the enrollment clicks
 * would otherwise have let the page make sound already).
 */
async function enrollBoard(page: Page, hall: TestHall): Promise<void> {
  const code = hall.server.ctx.auth.createEnrollCode({ kind: 'board', counterId: null, ttlMinutes: 10 });
  await page.goto(`${hall.server.url}/board/`);
  await page.getByLabel('Kode pendaftaran').fill(code.code);
  await page.getByLabel('Nama perangkat').fill('TV aula');
  await page.getByRole('button', { name: 'Daftarkan perangkat' }).click();
  await expect(page.getByText('Belum ada panggilan')).toBeVisible();
  await page.reload();
  await expect(page.getByText('Belum ada panggilan')).toBeVisible();
}

/** Two Disdukcapil counters opened by their officers; a kiosk to take tickets. */
async function openCounters(hall: TestHall) {
  const kiosk = await hall.enroll('kiosk');
  const officers: string[] = [];
  for (const n of [1, 2]) {
    const officer = await hall.login(`petugas0${n}`, await hall.enroll('counter', `loket-${n}`));
    expect((await hall.api('POST', `/counters/loket-${n}/open`, { token: officer, body: { serviceIds: ['ktp-el'] } })).status).toBe(200);
    officers.push(officer);
  }
  const take = async () => expect((await hall.api('POST', '/tickets', { token: kiosk, body: { serviceId: 'ktp-el' } })).status).toBe(201);
  const callNext = async (n: number) => {
    const res = await hall.api<{ ticket: { id: string; number: string }; leaseEpoch: number }>('POST', `/counters/loket-${n}/call-next`, { token: officers[n - 1] ?? null });
    expect(res.status).toBe(200);
    return res.body;
  };
  return { take, callNext, officers };
}

/** Everything the issue asks of the board fits the screen: nothing cut off, nothing scrolls. */
async function expectFullBoardOnScreen(page: Page, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  for (const selector of ['.board-clock', '.now .call-number', '.now .call-counter', '.history-item', '.counter-tile[data-counter="1"]', '.ticker']) {
    const box = await page.locator(selector).first().boundingBox();
    expect(box, `${selector} at ${width}×${height}`).not.toBeNull();
    expect(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 1 && box.y + box.height <= height + 1, `${selector} inside ${width}×${height}`).toBe(true);
  }
  expect(await page.evaluate(() => document.scrollingElement?.scrollHeight ?? 0)).toBeLessThanOrEqual(height);
}

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

test('two quick calls are announced one after the other with the clips: chime and words, never overlapping; a recall again, also after a server restart', async ({ page }) => {
  test.setTimeout(120_000); // four announcements of about five seconds each, and a server restart
  if (!clipsMade) {
    // the build makes the clips wherever espeak-ng is installed: without them, only a missing espeak-ng may skip this
    const espeak = requireTools('board voice with recorded clips', [{ command: 'espeak-ng', aptPackage: 'espeak-ng' }]);
    if (espeak) throw new Error(`${AUDIO_DIR} has no clips although espeak-ng is installed: run \`npm run build\` first`);
    test.skip(true, 'no audio clips: espeak-ng is not installed (apt-get install -y espeak-ng); the speech fallback is tested below');
  }
  const hall = await startTestHall({ pagesDir: RENDERER_DIR, audioDir: AUDIO_DIR });
  try {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.addInitScript(collectAnnouncements);
    await enrollBoard(page, hall);

    // ── the browser keeps the board silent until a click: the board asks for it ─────────────────
    const activate = page.getByRole('button', { name: 'Klik atau tekan untuk mengaktifkan suara' });
    await expect(activate).toBeVisible();
    await expect(activate).toBeFocused();
    await page.screenshot({ path: resolve(SCREENSHOTS, 'board-sound-prompt.png') });
    await activate.click();
    await expect(activate).toHaveCount(0);

    // ── two counters call at once ───────────────────────────────────────────────────────────────
    const { take, callNext, officers } = await openCounters(hall);
    await take();
    await take();
    const first = await callNext(1);
    const second = await callNext(2);
    expect([first.ticket.number, second.ticket.number]).toEqual(['A-001', 'A-002']);
    await expect(page.locator('.now .call-number')).toHaveText('A-002');
    await expect.poll(() => ends(page), { timeout: 20_000 }).toBe(2);

    const events = await announcements(page);
    expect(heard(events)).toEqual([
      'start A-001 clips', 'chime', 'nomor', 'antrean', 'a', 'satu', 'silakan', 'menuju', 'loket', 'satu', 'end A-001',
      'start A-002 clips', 'chime', 'nomor', 'antrean', 'a', 'dua', 'silakan', 'menuju', 'loket', 'dua', 'end A-002',
    ]);
    // never overlapping: the second starts after the first ended; each takes its clips' time
    const at = (phase: string, number: string) => events.find((e) => e.phase === phase && e.number === number)?.t ?? NaN;
    expect(at('start', 'A-002')).toBeGreaterThanOrEqual(at('end', 'A-001'));
    expect(at('end', 'A-001') - at('start', 'A-001')).toBeGreaterThan(2_500); // 1.5 s chime + eight words

    // ── the layout on both TV sizes, with calls on it ──────────────────────────────────────────
    await expectFullBoardOnScreen(page, 1920, 1080);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'board-voice-1920x1080.png') });
    await expectFullBoardOnScreen(page, 1366, 768);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'board-voice-1366x768.png') });

    // ── a recall is announced again ──────────────────────────────────────────────────────────────
    const recall = (n: 1 | 2, call: typeof first) =>
      hall.api('POST', `/tickets/${call.ticket.id}/recall`, { token: officers[n - 1] ?? null, body: { leaseEpoch: call.leaseEpoch } });
    expect((await recall(1, first)).status).toBe(200);
    await expect.poll(() => ends(page), { timeout: 10_000 }).toBe(3);
    expect(heard((await announcements(page)).slice(22))).toEqual([
      'start A-001 clips recall', 'chime', 'nomor', 'antrean', 'a', 'satu', 'silakan', 'menuju', 'loket', 'satu', 'end A-001',
    ]);

    // ── the hall server restarts: the board reconnects by itself (no reload) and still speaks ──
    const pageId = await page.evaluate(() => (window as unknown as { __pageId: number }).__pageId);
    await hall.restart();
    await expect.poll(() => hall.server.ctx.hub.size, { timeout: 15_000 }).toBe(1); // the board is back on the new server's feed
    await expect(page.locator('.connection')).toHaveText(''); // and says it is live
    expect((await recall(2, second)).status).toBe(200);
    await expect.poll(() => ends(page), { timeout: 15_000 }).toBe(4);
    expect(heard((await announcements(page)).slice(33))[0]).toBe('start A-002 clips recall');
    expect(await page.evaluate(() => (window as unknown as { __pageId: number }).__pageId)).toBe(pageId);
  } finally {
    await hall.close();
  }
});

test("without clips the board speaks with the browser's id-ID voice, queued the same way", async ({ page }) => {
  const hall = await startTestHall({ pagesDir: RENDERER_DIR }); // no audioDir: no clips at all
  try {
    await page.addInitScript(collectAnnouncements);
    await page.addInitScript(fakeIndonesianSpeech);
    await enrollBoard(page, hall);
    expect((await page.request.get(`${hall.server.url}/audio/chime.wav`)).status()).toBe(404);
    await page.getByRole('button', { name: 'Klik atau tekan untuk mengaktifkan suara' }).press('Enter'); // by keyboard

    const { take, callNext } = await openCounters(hall);
    await take();
    await take();
    await callNext(1);
    await callNext(2);
    await expect.poll(() => ends(page), { timeout: 15_000 }).toBe(2);
    expect(heard(await announcements(page))).toEqual([
      'start A-001 speech', 'speech: Nomor antrean A satu, silakan menuju loket satu, Disdukcapil', 'end A-001',
      'start A-002 speech', 'speech: Nomor antrean A dua, silakan menuju loket dua, Disdukcapil', 'end A-002',
    ]);
    const spoken = await page.evaluate(() => (window as unknown as { __spoken: unknown[] }).__spoken);
    expect(spoken).toEqual([
      { text: 'Nomor antrean A satu, silakan menuju loket satu, Disdukcapil', lang: 'id-ID', voice: 'Uji Bahasa Indonesia' },
      { text: 'Nomor antrean A dua, silakan menuju loket dua, Disdukcapil', lang: 'id-ID', voice: 'Uji Bahasa Indonesia' },
    ]);
  } finally {
    await hall.close();
  }
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Ticket } from '../../core/domain.ts';
import type { HeadlessHost } from '../../main/headless/host.ts';
import { displayText } from '../../core/lsp1-messages.ts';
import { REPO, startCounterHost } from '../support/counter-host.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { startTestHall, type TestHall } from '../support/hall-server.ts';
import { simulatedDeviceAvailable, startSimulatedDevice, type SimulatedDevice } from '../support/simulated-device.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { enrollSignInAndOpen } from './counter-setup.ts';
import { actionTimings, onScreen, percentile } from './counter-screen.ts';

/**
 * A full day at two counters of the Disdukcapil, keyboard only, against a real hall server on
 * 127.0.0.1: loket 1 also has the reference call-button and display (the real firmware in simavr
 * behind a PTY); loket 2 reaches the hall through a fault proxy, so its network can be cut. 28
 * visitors take tickets at the kiosk and 2 walk in; every action of the counter screen is used;
 * at the end the hall server's records are compared with what the two screens showed.
 */

const SCREENSHOTS = resolve(REPO, 'screenshots');
const TIMINGS = resolve(REPO, 'test-results', 'counter-ui-timings.json');
const QUIET = { warn: () => undefined };
const TUNING = { feed: { backoff: { initialMs: 50, maxMs: 400 } }, log: QUIET };
const KIOSK_TICKETS = 28;

interface Day {
  hall: TestHall;
  kiosk: string;
  proxy: FaultProxy;
  hosts: HeadlessHost[];
  device: SimulatedDevice | null;
  cleanup: Array<() => Promise<void> | void>;
}

async function issue(day: Day, serviceId: string, priority: 'normal' | 'priority' = 'normal'): Promise<Ticket> {
  const res = await day.hall.api<Ticket>('POST', '/tickets', { token: day.kiosk, body: { serviceId, priority } });
  expect(res.status).toBe(201);
  return res.body;
}

/** Presses `key` and waits for the visitor card to show `number` (or the idle card when null). */
async function pressFor(page: Page, key: string, number: string | RegExp | null): Promise<void> {
  await page.keyboard.press(key);
  await onScreen(page, number);
}

/** The number the screen shows as the current visitor. */
async function shownNumber(page: Page): Promise<string> {
  return ((await page.locator('.visitor .ticket-number').textContent()) ?? '').trim();
}

/** Serves the called visitor: start (F8), finish served (F4). */
async function serve(page: Page): Promise<void> {
  await page.keyboard.press('F8');
  await expect(page.getByText('Sedang dilayani')).toBeVisible();
  await pressFor(page, 'F4', null);
}

/** Tab until a row of the waiting list has focus (its rows are one Tab stop, roving). */
async function focusWaitingList(page: Page): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.matches('tr[data-ticket-id]') ?? false)) return;
  }
  throw new Error('Tab never reached the waiting list');
}

const summaryFigure = async (page: Page, label: string): Promise<number> =>
  Number(await page.locator('.summary .figure', { has: page.getByText(label, { exact: true }) }).locator('dd').textContent());

test('a full day at two counters, keyboard only; the hall server’s records match the screens', async ({ browser }) => {
  test.setTimeout(300_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const hall = await startTestHall();
  const day: Day = { hall, kiosk: await hall.enroll('kiosk'), proxy: await startFaultProxy({ targetPort: hall.server.port, seed: 3 }), hosts: [], device: null, cleanup: [] };
  const withDevice = simulatedDeviceAvailable('counter workday: the call-button and display of loket 1');
  try {
    if (withDevice) day.device = await startSimulatedDevice();
    const ports = day.device ? [{ path: day.device.ptyPath, manufacturer: 'Loket simulator', vendorId: null, productId: null, serialNumber: 'SIM-1' }] : [];
    for (const n of [1, 2]) {
      const dir = makeTempDir(`loket-e2e-day-${n}-`);
      day.cleanup.push(() => dir.remove());
      day.hosts.push(await startCounterHost(dir.path, `loket-${n}`, 0, TUNING, n === 1 ? ports : []));
    }
    const [host1, host2] = day.hosts as [HeadlessHost, HeadlessHost];
    // Two PCs: separate browser contexts, as two screens would be.
    const c1 = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' })).newPage();
    const c2 = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' })).newPage();
    await enrollSignInAndOpen(c1, hall, host1, undefined, { number: 1 });
    await enrollSignInAndOpen(c2, hall, host2, undefined, { number: 2, serverUrl: day.proxy.url });
    if (day.device) {
      await host1.services.handlers.connectHardware({ path: day.device.ptyPath, adapter: 'lsp1', baud: 115200, keys: { '1': 'callNext', '2': 'recall', '3': 'finish' } });
      await expect(c1.locator('[data-hardware="connected"]')).toBeAttached({ timeout: 10_000 });
    }
    const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`) });
    await shot(c1, 'workday-idle');

    // ── morning: the first visitors take tickets ───────────────────────────────────────────────
    const tickets: Ticket[] = [];
    for (let i = 0; i < 10; i++) tickets.push(await issue(day, i % 3 === 2 ? 'kk' : 'ktp-el', i === 4 ? 'priority' : 'normal'));
    await expect(c1.locator('tr[data-ticket-id]')).toHaveCount(10);

    // 1. loket 1 calls (F1), calls again (F3), serves with a note (F8, F6, F4).
    await c1.keyboard.press('F1');
    const first = await shownNumber(c1);
    await expect(c1.getByText('Dipanggil 1×')).toBeVisible();
    if (day.device) await day.device.waitForDisplay((s) => s.display.trim() === displayText(first, 4), 5000);
    await shot(c1, 'workday-called');
    await c1.keyboard.press('F3');
    await expect(c1.getByText('Dipanggil 2×')).toBeVisible();
    await c1.keyboard.press('F8');
    await expect(c1.getByText('Sedang dilayani')).toBeVisible();
    await c1.keyboard.press('F6');
    await c1.keyboard.type('KK asli dibawa');
    await shot(c1, 'workday-serving');
    await pressFor(c1, 'F4', null);
    await expect(c1.locator('.served')).toContainText(first);

    // 2. loket 1's USB call-button: key 1 calls the next visitor, key 3 finishes.
    if (day.device) {
      await day.device.click(1);
      await onScreen(c1, /./);
      const second = await shownNumber(c1);
      await day.device.waitForDisplay((s) => s.display.trim() === displayText(second, 4), 5000);
      await c1.keyboard.press('F8');
      await expect(c1.getByText('Sedang dilayani')).toBeVisible();
      await day.device.click(3);
      await onScreen(c1, null);
      await expect(c1.locator('.served')).toContainText(second);
    }

    // 3. loket 2: a no-show (F9), which the supervisor brings back to the queue.
    await c2.keyboard.press('F1');
    const absent = await shownNumber(c2);
    await pressFor(c2, 'F9', null);
    const supervisor = await hall.login('supervisor');
    const absentId = hall.server.ctx.db.prepare('SELECT id FROM tickets WHERE number = ? AND status = ?').get(absent, 'no_show') as { id: string };
    expect((await hall.api('POST', `/tickets/${absentId.id}/reactivate`, { token: supervisor })).status).toBe(200);
    await expect(c2.locator('tr[data-ticket-id]', { hasText: absent })).toBeVisible();

    // 4. loket 1 transfers a visitor to loket 2 (F10, to another counter, with a reason); loket 2 calls it first.
    await c1.keyboard.press('F1');
    const moved = await shownNumber(c1);
    await c1.keyboard.press('F10');
    await expect(c1.getByRole('dialog')).toBeVisible();
    await c1.keyboard.press('ArrowUp'); // the last choice: another counter
    await c1.keyboard.press('Tab'); // the destination counter: loket 2, the first of the others
    await expect(c1.getByLabel('Loket tujuan')).toHaveValue('loket-2');
    await c1.keyboard.press('Tab');
    await c1.keyboard.type('Perlu verifikasi data di loket 2');
    await c1.keyboard.press('Enter');
    await onScreen(c1, null);
    await expect(c2.locator('tr[data-ticket-id]', { hasText: moved })).toBeVisible();
    await pressFor(c2, 'F1', moved);
    await serve(c2);

    // 5. loket 2 returns a visitor to the queue (Shift+F1): the visitor waits again.
    await c2.keyboard.press('F1');
    const returned = await shownNumber(c2);
    await pressFor(c2, 'Shift+F1', null);
    await expect(c2.locator('tr[data-ticket-id]', { hasText: returned })).toBeVisible();

    // 6. loket 2 calls a chosen visitor from the waiting list (Tab, arrows, Enter), finishes pending (F7) with a note.
    await focusWaitingList(c2);
    await c2.keyboard.press('ArrowDown');
    await c2.keyboard.press('ArrowDown');
    const chosen = ((await c2.evaluate(() => document.activeElement?.querySelector('th')?.textContent)) ?? '').trim();
    await pressFor(c2, 'Enter', chosen);
    await c2.keyboard.press('F8');
    await c2.keyboard.press('F6');
    await c2.keyboard.type('Akta kelahiran asli tertinggal');
    await pressFor(c2, 'F7', null);

    // 7. a walk-in at loket 1 (F2, service 1), finished (F4).
    await c1.keyboard.press('F2');
    await c1.keyboard.press('1');
    await onScreen(c1, /^L1-/);
    await pressFor(c1, 'F4', null);

    // 8. loket 2 pauses for a break (Shift+F2, 1): nobody is called; Shift+F2 resumes.
    await c2.keyboard.press('Shift+F2');
    await c2.keyboard.press('1');
    await expect(c2.getByText('Loket dijeda: Istirahat')).toBeVisible();
    await expect.poll(() => hall.server.ctx.queue.counterStates().find((c) => c.counterId === 'loket-2')?.status).toBe('paused');
    await shot(c2, 'workday-paused');
    await c2.keyboard.press('F1');
    await expect(c2.getByText('Loket sedang dijeda')).toBeVisible();
    await c2.keyboard.press('Shift+F2');
    await expect(c2.getByText('Loket dijeda: Istirahat')).toHaveCount(0);

    // ── midday: more visitors ────────────────────────────────────────────────────────────────
    for (let i = 10; i < 20; i++) tickets.push(await issue(day, i % 2 === 0 ? 'kk' : 'ktp-el'));

    // 9. loket 2 loses the network while serving: it finishes the visitor and a walk-in offline.
    await c2.keyboard.press('F1');
    const inHand = await shownNumber(c2);
    await c2.keyboard.press('F8');
    await expect(c2.getByText('Sedang dilayani')).toBeVisible();
    day.proxy.set({ blackhole: true });
    await expect(c2.locator('.conn')).toContainText('Luring', { timeout: 5000 });
    await shot(c2, 'workday-offline');
    await pressFor(c2, 'F4', null);
    await c2.keyboard.press('F1');
    await expect(c2.getByText('Server aula tidak terhubung')).toBeVisible();
    await c2.keyboard.press('F2');
    await c2.keyboard.press('2');
    await onScreen(c2, /^L2-/);
    await pressFor(c2, 'F4', null);
    await expect(c2.locator('.status-pending')).toBeVisible();
    day.proxy.clear();
    await expect(c2.locator('.status-synced')).toBeVisible({ timeout: 20_000 });
    expect(hall.server.ctx.queue.ticket((hall.server.ctx.db.prepare('SELECT id FROM tickets WHERE number = ?').get(inHand) as { id: string }).id)).toMatchObject({ status: 'done', outcome: 'served' });

    // ── afternoon: the rest of the visitors, served in turn until nobody waits ─────────────────
    for (let i = 20; i < KIOSK_TICKETS; i++) tickets.push(await issue(day, 'ktp-el'));
    for (let turn = 0; hall.server.ctx.queue.queue().waiting.length > 0; turn++) {
      expect(turn, 'every waiting visitor is called within 40 turns').toBeLessThan(40);
      const page = turn % 2 === 0 ? c1 : c2;
      await pressFor(page, 'F1', /./);
      await serve(page);
    }
    await c1.keyboard.press('F1');
    await expect(c1.getByText('Tidak ada antrean saat ini.')).toBeVisible();

    // ── the screens and the hall server agree ────────────────────────────────────────────────
    for (const [n, page] of [[1, c1], [2, c2]] as const) {
      const rows = hall.server.ctx.db
        .prepare(`SELECT number, outcome FROM tickets WHERE counter_id = ? AND status = 'done'`)
        .all(`loket-${n}`) as { number: string; outcome: string }[];
      await expect.poll(() => summaryFigure(page, 'Dilayani')).toBe(rows.filter((r) => r.outcome === 'served').length);
      expect(await summaryFigure(page, 'Tertunda')).toBe(rows.filter((r) => r.outcome === 'pending').length);
      const noShows = hall.server.ctx.db.prepare(`SELECT COUNT(*) AS n FROM ticket_log WHERE action = 'ticket.no_show' AND counter_id = ?`).get(`loket-${n}`) as { n: number };
      expect(await summaryFigure(page, 'Tidak hadir')).toBe(noShows.n);
      const shown = (await page.locator('.served tbody th').allTextContents()).map((s) => s.trim()).sort();
      expect(shown).toEqual(rows.map((r) => r.number).sort());
    }
    const all = hall.server.ctx.db.prepare(`SELECT status, COUNT(*) AS n FROM tickets WHERE transferred_from IS NULL GROUP BY status`).all() as { status: string; n: number }[];
    const byStatus = Object.fromEntries(all.map((r) => [r.status, r.n]));
    expect(byStatus['done']).toBe(KIOSK_TICKETS + 2 - 1); // the transferred visitor's first ticket ends `transferred`
    expect(byStatus['transferred']).toBe(1);
    expect(hall.server.ctx.queue.ticket(absentId.id)).toMatchObject({ status: 'done' });

    // ── evening: both counters close (Shift+F4, Enter) ─────────────────────────────────────────
    for (const page of [c1, c2]) {
      await page.keyboard.press('Shift+F4');
      await expect(page.getByRole('dialog')).toContainText('untuk hari ini?');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { name: 'Buka loket' })).toBeVisible();
    }
    await expect.poll(() => hall.server.ctx.queue.counterStates().filter((c) => ['loket-1', 'loket-2'].includes(c.counterId)).map((c) => c.status)).toEqual(['closed', 'closed']);
    if (day.device) await day.device.waitForDisplay((s) => s.display.trim() === '', 5000);

    // ── how quickly the screens answered (reported, not asserted) ─────────────────────────────
    const timings = [...(await actionTimings(c1)), ...(await actionTimings(c2))];
    const durations = timings.map((t) => t.ms);
    const report = { actions: durations.length, p50_ms: percentile(durations, 50), p99_ms: percentile(durations, 99), timings };
    mkdirSync(resolve(REPO, 'test-results'), { recursive: true });
    writeFileSync(TIMINGS, JSON.stringify(report, null, 2));
    console.log(`counter UI, key press to result on screen: ${report.actions} actions, p50 ${report.p50_ms} ms, p99 ${report.p99_ms} ms (${TIMINGS})`);
    expect(report.actions).toBeGreaterThan(60);
  } finally {
    for (const host of day.hosts) await host.close();
    await day.device?.stop();
    await day.proxy.close();
    await hall.close();
    for (const c of day.cleanup) await c();
  }
});

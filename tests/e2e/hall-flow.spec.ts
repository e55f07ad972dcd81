import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { HeadlessHost } from '../../main/headless/host.ts';
import { REPO, RENDERER_DIR, startCounterHost } from '../support/counter-host.ts';
import { startTestHall, type TestHall } from '../support/hall-server.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { enrollSignInAndOpen } from './counter-setup.ts';

/**
 * The whole hall on one machine: a real hall server (serving the built kiosk and board pages) and
 * a real headless counter host for counter loket-1, both on 127.0.0.1. In one browser context: the
 * counter page (keyboard only), the kiosk and the display board. A ticket taken at the kiosk
 * reaches the counter's waiting list and, once called with F1, the board, without any reload.
 */

const SCREENSHOTS = resolve(REPO, 'screenshots');
const QUIET = { warn: () => undefined };
const HALL_TUNING = { feed: { backoff: { initialMs: 50, maxMs: 400 } }, log: QUIET };

/** Enrolls a kiosk or board page through its own setup screen, with a code the admin would make. */
async function enrollHallPage(page: Page, hall: TestHall, kind: 'kiosk' | 'board'): Promise<void> {
  const code = hall.server.ctx.auth.createEnrollCode({ kind, counterId: null, ttlMinutes: 10 });
  await page.goto(`${hall.server.url}/${kind}/`);
  await expect(page.getByRole('heading', { name: 'Pendaftaran perangkat' })).toBeVisible();
  await page.getByLabel('Kode pendaftaran').fill(code.code);
  await page.getByLabel('Nama perangkat').fill(kind === 'kiosk' ? 'Kiosk pintu masuk' : 'Papan aula');
  await page.getByRole('button', { name: 'Daftarkan perangkat' }).click();
}

test('kiosk ticket → counter waiting list → F1 → display board, live and keyboard-only at the counter', async ({ context }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const hall = await startTestHall({ pagesDir: RENDERER_DIR });
  const data = makeTempDir('loket-e2e-counter-');
  let host: HeadlessHost | null = null;
  try {
    host = await startCounterHost(data.path, 'loket-1', 0, HALL_TUNING);

    // ── counter: the technician enrolls the PC (plain http on loopback), the officer opens it ──
    const counter = await context.newPage();
    await enrollSignInAndOpen(counter, hall, host, (name) => counter.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`) }));
    await expect(counter.getByText('Tidak ada yang menunggu.')).toBeVisible();
    expect(hall.server.ctx.queue.counterStates().find((c) => c.counterId === 'loket-1')).toMatchObject({ status: 'open', officer: { name: 'Rina Marlina' } });

    // ── the display board, enrolled through its setup screen ───────────────────────────────────
    const board = await context.newPage();
    await enrollHallPage(board, hall, 'board');
    await expect(board.getByText('Belum ada panggilan')).toBeVisible();

    // ── a visitor takes a KTP-el ticket at the kiosk ────────────────────────────────────────────
    const kiosk = await context.newPage();
    await enrollHallPage(kiosk, hall, 'kiosk');
    await kiosk.getByRole('button', { name: /^Disdukcapil/ }).click();
    await kiosk.getByRole('button', { name: /Perekaman & Cetak KTP-el/ }).click();
    await kiosk.getByRole('button', { name: 'Ambil nomor antrean' }).click();
    const issued = kiosk.getByLabel(/^Nomor antrean [A-Z0-9]+-\d+$/);
    await expect(issued).toBeVisible();
    const number = (await issued.textContent())?.trim() ?? '';
    const ticketId = hall.server.ctx.queue.queue().waiting.find((w) => w.number === number)?.ticketId ?? '';
    expect(number).toMatch(/^A-\d{3}$/);
    await kiosk.screenshot({ path: resolve(SCREENSHOTS, 'kiosk-ticket.png') });

    // ── it appears in the counter's waiting list without a reload ──────────────────────────────
    const row = counter.locator('tr[data-ticket-id]', { hasText: number });
    await expect(row).toBeVisible();
    await expect(row).toContainText('Perekaman & Cetak KTP-el');
    await counter.bringToFront();
    await counter.screenshot({ path: resolve(SCREENSHOTS, 'counter-waiting.png') });

    // ── F1 calls it ───────────────────────────────────────────────────────────────────────────
    await counter.keyboard.press('F1');
    await expect(counter.getByRole('heading', { name: `Nomor antrean ${number}` })).toBeVisible();
    await expect(counter.getByText('Dipanggil 1×')).toBeVisible();
    await expect(row).toHaveCount(0);
    await counter.screenshot({ path: resolve(SCREENSHOTS, 'counter-called.png') });

    // ── and the board shows it with "Loket 1", without a reload ────────────────────────────────
    const call = board.getByLabel(`Nomor ${number} silakan ke loket 1`);
    await expect(call).toBeVisible();
    await expect(call.locator('.call-number')).toHaveText(number);
    await expect(call.locator('.call-counter')).toHaveText('Loket 1');
    await board.screenshot({ path: resolve(SCREENSHOTS, 'board-called.png') });

    // ── serve and finish, still by keyboard: the hall server and the counter's ledger agree ────
    await counter.keyboard.press('F8');
    await expect(counter.getByText('Sedang dilayani')).toBeVisible();
    await counter.keyboard.press('F4');
    await expect(counter.getByText(`${number} selesai dilayani.`)).toBeVisible();
    await expect(counter.getByRole('table', { name: /Pengunjung hari ini/ }).getByRole('row', { name: new RegExp(number) })).toBeVisible();
    expect(hall.server.ctx.queue.ticket(ticketId)).toMatchObject({ status: 'done', outcome: 'served', counterId: 'loket-1' });
    expect(host.services.ledger.ticketEvents(ticketId).map((e) => e.type)).toEqual(['ticket.called', 'ticket.started', 'ticket.finished']);
  } finally {
    await host?.close();
    await hall.close();
    data.remove();
  }
});

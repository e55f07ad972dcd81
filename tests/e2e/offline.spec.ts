import { expect, test } from '@playwright/test';
import type { Ticket } from '../../core/domain.ts';
import { serviceDay } from '../../core/service-day.ts';
import type { HeadlessHost } from '../../main/headless/host.ts';
import type { DaySummary } from '../../server/reports/day-summary.ts';
import { startCounterHost } from '../support/counter-host.ts';
import { startTestHall, type TestHall } from '../support/hall-server.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { enrollSignInAndOpen } from './counter-setup.ts';

/**
 * The hall server goes away while the officer serves a visitor: the banner says so within 3 s, the
 * officer finishes the visitor and serves two walk-ins, all by keyboard; when the server is back
 * the banner clears by itself and the server's day report counts all three.
 */
const QUIET = { warn: () => undefined };
const HALL_TUNING = { feed: { backoff: { initialMs: 100, maxMs: 1000 } }, log: QUIET };

test('offline: banner within 3 s, finish the visitor and two walk-ins, drained after the restart', async ({ context }) => {
  const hall: TestHall = await startTestHall();
  const data = makeTempDir('loket-e2e-offline-');
  let host: HeadlessHost | null = null;
  try {
    host = await startCounterHost(data.path, 'loket-1', 0, HALL_TUNING);
    const counter = await context.newPage();
    await enrollSignInAndOpen(counter, hall, host);
    const kiosk = await hall.enroll('kiosk');
    const ticket = (await hall.api<Ticket>('POST', '/tickets', { token: kiosk, body: { serviceId: 'ktp-el' } })).body;
    await expect(counter.locator('tr[data-ticket-id]', { hasText: ticket.number })).toBeVisible();
    await counter.keyboard.press('F1');
    await expect(counter.getByRole('heading', { name: `Nomor antrean ${ticket.number}` })).toBeVisible();
    await counter.keyboard.press('F8');
    await expect(counter.getByText('Sedang dilayani')).toBeVisible();

    // ── the server stops ──────────────────────────────────────────────────────────────────────
    await hall.server.close();
    const banner = counter.getByRole('region', { name: 'Luring: server aula tidak terjangkau' });
    await expect(banner).toBeVisible({ timeout: 3000 });
    await expect(counter.getByRole('button', { name: 'Panggil berikutnya' })).toBeDisabled();

    // ── the officer finishes the visitor and serves two walk-ins ─────────────────────────────
    await counter.keyboard.press('F4');
    await expect(counter.getByText(`${ticket.number} selesai dilayani.`)).toBeVisible();
    for (let i = 0; i < 2; i++) {
      await counter.keyboard.press('F2');
      await expect(counter.getByRole('dialog', { name: 'Pilih layanan' })).toBeVisible();
      await counter.keyboard.press('2');
      // Numbered from the block the server leased before it went away.
      await expect(counter.getByRole('heading', { name: `Nomor antrean L1-00${i + 1}` })).toBeVisible();
      await counter.keyboard.press('F4');
      await expect(counter.getByText(/selesai dilayani\.$/)).toBeVisible();
    }
    await expect(banner.getByTestId('sync-pending')).toHaveText('5 tindakan menunggu dikirim');

    // ── the server is back: the banner clears by itself ──────────────────────────────────────
    await hall.restart();
    await expect(banner).toBeHidden({ timeout: 15_000 });
    await expect(counter.getByRole('button', { name: 'Panggil berikutnya' })).toBeEnabled();
    const supervisor = await hall.login('supervisor');
    const day = serviceDay(Date.now(), 'Asia/Jakarta');
    await expect
      .poll(async () => (await hall.api<DaySummary>('GET', `/reports/day?day=${day}`, { token: supervisor })).body.counters.find((c) => c.counterId === 'loket-1'))
      .toMatchObject({ served: 3, walkIns: 2 });
  } finally {
    await host?.close();
    await hall.close();
    data.remove();
  }
});

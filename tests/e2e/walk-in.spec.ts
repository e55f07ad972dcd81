import { expect, test, type Page } from '@playwright/test';
import type { HeadlessHost } from '../../main/headless/host.ts';
import { connectBridge, startCounterHost } from '../support/counter-host.ts';
import { startTestHall, type TestHall } from '../support/hall-server.ts';
import { makeTempDir } from '../support/temp-dir.ts';

// The officer's first slice, keyboard only, through the real headless host and its SQLite ledger.
// A counter belongs to a hall: the PC is enrolled and the officer signed in first (over the
// bridge, as hall-flow.spec.ts does through the screens); the officer session lives in memory only,
// so after a host restart the officer signs in again.

const HALL_TUNING = { feed: { backoff: { initialMs: 50, maxMs: 400 } }, log: { warn: () => undefined } };

async function bridgeCall(host: HeadlessHost, name: string, request: unknown = {}): Promise<void> {
  const bridge = await connectBridge(host);
  try {
    const result = await bridge.call(name, request);
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  } finally {
    bridge.close();
  }
}

async function enrollAndOpen(host: HeadlessHost, hall: TestHall): Promise<void> {
  const code = hall.server.ctx.auth.createEnrollCode({ kind: 'counter', counterId: 'loket-1', ttlMinutes: 10 });
  await bridgeCall(host, 'enrollDevice', { url: hall.server.url, code: code.code, name: 'PC Loket 1', fingerprint256: null });
  await bridgeCall(host, 'signIn', { username: 'petugas01', pin: '1234' });
  await bridgeCall(host, 'openCounter', { serviceIds: ['ktp-el', 'kk'] });
}

async function serveWalkIn(page: Page, serviceDigit: string, finishKey: 'F4' | 'F7', note?: string): Promise<string> {
  await page.keyboard.press('F2');
  const chooser = page.getByRole('dialog', { name: 'Pilih layanan' });
  await expect(chooser).toBeVisible();
  await page.keyboard.press(serviceDigit);
  await expect(chooser).toBeHidden();
  const number = page.getByRole('heading', { name: /^Nomor antrean / });
  await expect(number).toBeVisible();
  const label = (await number.getAttribute('aria-label')) ?? '';
  if (note) {
    await page.keyboard.press('F6');
    await page.keyboard.type(note);
  }
  await page.keyboard.press(finishKey);
  await expect(page.getByRole('heading', { name: /^Nomor antrean / })).toHaveCount(0);
  return label.replace('Nomor antrean ', '');
}

async function expectDay(page: Page, numbers: string[], served: number, pending: number): Promise<void> {
  const table = page.getByRole('table', { name: /Pengunjung hari ini/ });
  for (const n of numbers) await expect(table.getByRole('row', { name: new RegExp(n) })).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(numbers.length);
  const summary = page.getByRole('region', { name: 'Ringkasan hari ini' });
  await expect(summary).toContainText(new RegExp(`Dilayani\\s*${served}`));
  await expect(summary).toContainText(new RegExp(`Tertunda\\s*${pending}`));
}

test('records two walk-ins with the keyboard only; they survive a reload and a host restart', async ({ page }) => {
  const data = makeTempDir();
  const hall = await startTestHall();
  let host: HeadlessHost = await startCounterHost(data.path, 'loket-1', 0, HALL_TUNING);
  try {
    await enrollAndOpen(host, hall);
    await page.goto(host.url);
    await expect(page.getByText('Tidak ada pengunjung')).toBeVisible();

    const first = await serveWalkIn(page, '1', 'F4', 'KK asli sudah dicek');
    const second = await serveWalkIn(page, '2', 'F7');
    // Numbered from the block the hall server leased to this counter.
    expect(first).toBe('L1-001');
    expect(second).toBe('L1-002');
    await expectDay(page, [first, second], 1, 1);

    await page.reload();
    await expectDay(page, [first, second], 1, 1);

    await host.close();
    host = await startCounterHost(data.path, 'loket-1', 0, HALL_TUNING);
    await bridgeCall(host, 'signIn', { username: 'petugas01', pin: '1234' }); // still open on the hall server
    await page.goto(host.url);
    await expectDay(page, [first, second], 1, 1);
    expect(host.services.ledger.lastSeq()).toBe(5); // session.opened + two walk-ins (started, finished)
  } finally {
    await host.close();
    await hall.close();
    data.remove();
  }
});

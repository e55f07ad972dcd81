import { expect, test, type Page } from '@playwright/test';
import type { HeadlessHost } from '../../main/headless/host.ts';
import { startCounterHost } from '../support/counter-host.ts';
import { makeTempDir } from '../support/temp-dir.ts';

// The officer's first slice, keyboard only, through the real headless host and its SQLite ledger.

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
  let host: HeadlessHost = await startCounterHost(data.path);
  try {
    await page.goto(host.url);
    await expect(page.getByText('Tidak ada pengunjung')).toBeVisible();

    const first = await serveWalkIn(page, '1', 'F4', 'KK asli sudah dicek');
    const second = await serveWalkIn(page, '2', 'F7');
    expect(first).toBe('W1-001');
    expect(second).toBe('W1-002');
    await expectDay(page, [first, second], 1, 1);

    await page.reload();
    await expectDay(page, [first, second], 1, 1);

    await host.close();
    host = await startCounterHost(data.path);
    await page.goto(host.url);
    await expectDay(page, [first, second], 1, 1);
    expect(host.services.ledger.lastSeq()).toBe(4);
  } finally {
    await host.close();
    data.remove();
  }
});

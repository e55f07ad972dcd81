import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { HeadlessHost } from '../../main/headless/host.ts';
import { REPO, startCounterHost } from '../support/counter-host.ts';
import { startFaultProxy } from '../support/fault-proxy.ts';
import { startTestHall } from '../support/hall-server.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { enrollSignInAndOpen } from './counter-setup.ts';
import { onScreen } from './counter-screen.ts';

/**
 * The counter screen in its main states (idle, called, serving, paused, offline), in Bahasa
 * Indonesia and in English, at 1366×768 (the common counter-PC screen): screenshots go to
 * screenshots/counter-<state>-<lang>.png, and each state is checked to fit the screen with the
 * number big enough to read from two metres.
 */

const SCREENSHOTS = resolve(REPO, 'screenshots');
const QUIET = { warn: () => undefined };
const LANGUAGE_KEY = 'loket.lang';

const TEXT = {
  id: { serving: 'Sedang dilayani', paused: 'Loket dijeda: Salat', offline: 'Luring', called: 'Dipanggil 1×' },
  en: { serving: 'Being served', paused: 'Counter paused: Prayer', offline: 'Offline', called: 'Called 1×' },
} as const;

/**
 * Nothing spills sideways, every action button is on screen inside its column, and the number is at least 96 px tall
 * and in sight: inside the visitor card's visible area, not scrolled away by the note field.
 */
async function fitsTheScreen(page: Page): Promise<void> {
  const layout = await page.evaluate(() => {
    const number = document.querySelector('.visitor .ticket-number');
    const card = document.querySelector('.visitor');
    const n = number?.getBoundingClientRect();
    const c = card?.getBoundingClientRect();
    return {
      width: document.documentElement.scrollWidth,
      headerWraps: Array.from(document.querySelectorAll('.header > *, .header-menu > *')).filter((e) => e.getBoundingClientRect().height > 60).length,
      buttonsOutside: Array.from(document.querySelectorAll('.actions button')).filter((b) => {
        const r = b.getBoundingClientRect();
        const column = b.closest('.column')?.getBoundingClientRect();
        return r.bottom > window.innerHeight || (column !== undefined && r.right > column.right + 1);
      }).length,
      number: number ? { px: Number.parseFloat(getComputedStyle(number).fontSize), inSight: !!n && !!c && n.top >= c.top - 1 && n.bottom <= c.bottom + 1 } : null,
    };
  });
  expect(layout.width).toBeLessThanOrEqual(1366);
  expect(layout.headerWraps).toBe(0);
  expect(layout.buttonsOutside).toBe(0);
  if (layout.number) {
    expect(layout.number.px).toBeGreaterThanOrEqual(96);
    expect(layout.number.inSight).toBe(true);
  }
}

for (const lang of ['id', 'en'] as const) {
  test(`counter screen states at 1366×768 in ${lang === 'id' ? 'Bahasa Indonesia' : 'English'}`, async ({ page }) => {
    test.setTimeout(120_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const hall = await startTestHall();
    const proxy = await startFaultProxy({ targetPort: hall.server.port, seed: 9 });
    const data = makeTempDir('loket-e2e-screens-');
    let host: HeadlessHost | null = null;
    try {
      host = await startCounterHost(data.path, 'loket-1', 0, { feed: { backoff: { initialMs: 50, maxMs: 400 } }, log: QUIET });
      await enrollSignInAndOpen(page, hall, host, undefined, { serverUrl: proxy.url });
      if (lang === 'en') {
        await page.evaluate(([key]) => localStorage.setItem(key ?? '', 'en'), [LANGUAGE_KEY]);
        await page.reload();
      }
      const kiosk = await hall.enroll('kiosk');
      for (const [serviceId, priority] of [['ktp-el', 'normal'], ['kk', 'priority'], ['ktp-el', 'normal'], ['akta-lahir', 'normal']] as const) {
        await hall.api('POST', '/tickets', { token: kiosk, body: { serviceId, priority } });
      }
      await expect(page.locator('tr[data-ticket-id]')).toHaveCount(4);
      const shot = async (state: string): Promise<void> => {
        await fitsTheScreen(page);
        await page.screenshot({ path: resolve(SCREENSHOTS, `counter-${state}-${lang}.png`) });
      };
      const text = TEXT[lang];
      await shot('idle');

      await page.keyboard.press('F1');
      await onScreen(page, /./);
      await expect(page.getByText(text.called)).toBeVisible();
      await shot('called');

      await page.keyboard.press('F8');
      await expect(page.getByText(text.serving)).toBeVisible();
      await page.keyboard.press('F6');
      await page.keyboard.type(lang === 'id' ? 'Fotokopi KK sudah diterima' : 'Family card copy received');
      await shot('serving');

      await page.keyboard.press('F4');
      await onScreen(page, null);
      await page.keyboard.press('Shift+F2');
      await page.keyboard.press('2');
      await expect(page.getByText(text.paused)).toBeVisible();
      await shot('paused');

      await page.keyboard.press('Shift+F2');
      await expect(page.getByText(text.paused)).toHaveCount(0);
      proxy.set({ blackhole: true });
      await expect(page.locator('.conn')).toContainText(text.offline, { timeout: 5000 });
      await shot('offline');
    } finally {
      await host?.close();
      await proxy.close();
      await hall.close();
      data.remove();
    }
  });
}

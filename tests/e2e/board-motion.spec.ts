import { expect, test } from '@playwright/test';
import { RENDERER_DIR } from '../support/counter-host.ts';
import { startTestHall } from '../support/hall-server.ts';

/**
 * What moves on the built display board, in Debian's Chromium without a GPU (as many hall TVs
 * composite): a new call blinks and the running text runs, both animating only opacity and
 * transform, which the compositor draws without the page; with reduced motion nothing moves and
 * the highlight stays, still. The built stylesheet is what counts here: a minifier once turned
 * the blink into `animation: none` while the source looked right.
 */

type Moving = { name: string; on: string; properties: string[] };

test('a new call blinks on the compositor; only opacity and transform move; with reduced motion nothing does', async ({ page }) => {
  const hall = await startTestHall({ pagesDir: RENDERER_DIR });
  try {
    const code = hall.server.ctx.auth.createEnrollCode({ kind: 'board', counterId: null, ttlMinutes: 10 });
    const device = (await hall.api<{ deviceId: string; token: string }>('POST', '/devices/enroll', { body: { code: code.code, name: 'TV aula' } })).body;
    await page.addInitScript((d) => localStorage.setItem('loket.device.board', JSON.stringify({ deviceId: d.deviceId, token: d.token, kind: 'board' })), device);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${hall.server.url}/board/`);
    await expect(page.getByText('Belum ada panggilan')).toBeVisible();

    const kiosk = await hall.enroll('kiosk');
    const officer = await hall.login('petugas01', await hall.enroll('counter', 'loket-1'));
    expect((await hall.api('POST', '/counters/loket-1/open', { token: officer, body: { serviceIds: ['ktp-el'] } })).status).toBe(200);
    expect((await hall.api('POST', '/tickets', { token: kiosk, body: { serviceId: 'ktp-el' } })).status).toBe(201);
    expect((await hall.api('POST', '/counters/loket-1/call-next', { token: officer })).status).toBe(200);

    await expect(page.locator('.now .call.call-fresh .call-number')).toHaveText('A-001');
    await expect(page.locator('.counter-tile.counter-fresh[data-counter="1"]')).toBeVisible();
    const moving = await page.evaluate(() =>
      document.getAnimations().map((animation): Moving => {
        const effect = animation.effect as KeyframeEffect;
        const properties = effect.getKeyframes().flatMap((k) => Object.keys(k).filter((p) => !['offset', 'computedOffset', 'easing', 'composite'].includes(p)));
        return { name: (animation as CSSAnimation).animationName, on: effect.pseudoElement ?? '', properties: [...new Set(properties)] };
      }),
    );
    expect(moving.map((m) => `${m.name}${m.on}`).sort()).toEqual(['call-glow::before', 'call-ring::after', 'ticker']);
    for (const m of moving) expect(m.properties.filter((p) => p !== 'opacity' && p !== 'transform'), m.name).toEqual([]);

    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(() => page.evaluate(() => document.getAnimations().length)).toBe(0);
    await expect(page.locator('.now .call.call-fresh')).toBeVisible();
  } finally {
    await hall.close();
  }
});

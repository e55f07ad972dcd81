import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { makeTempDir } from '../support/temp-dir.ts';
import { REPO } from '../support/counter-host.ts';

function electronPath(): string | null {
  try {
    const path = createRequire(join(REPO, 'package.json'))('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronPath();
if (!binary) console.log('electron-shell.spec: skipped, the Electron binary is not installed here (it cannot be downloaded); these tests run wherever it exists.');

test.describe('the real Electron shell', () => {
  test.skip(!binary, 'the Electron binary is not installed on this machine');

  test('opens the counter window with window.loket and no Node in the page', async () => {
    const data = makeTempDir();
    const app = await electron.launch({
      executablePath: binary ?? undefined,
      args: [REPO, `--user-data-dir=${data.path}`],
      env: { ...process.env, LOKET_COUNTER_ID: 'loket-1' },
    });
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveURL(/^loket:\/\/app\/counter\//);
      const exposure = await page.evaluate(() => ({
        loket: typeof (window as unknown as { loket?: unknown }).loket,
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      }));
      expect(exposure).toEqual({ loket: 'object', require: 'undefined', process: 'undefined' });
      const popup = await page.evaluate(() => window.open('https://example.com') === null);
      expect(popup).toBe(true);
    } finally {
      await app.close();
      data.remove();
    }
  });
});

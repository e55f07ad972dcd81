import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from '@playwright/test';

/**
 * The real display board page in the board benchmark (board.bench.ts): opened already enrolled,
 * with a script that notes when each call reaches the page and when each ticket number is first
 * drawn; and its browser kept off the hall server's core.
 */

const now = (): number => performance.timeOrigin + performance.now();

/** What the script in the board page collects (read back with page.evaluate). */
export type PageTimesInPage = { boardSeen: Record<string, { commit: number; frame: number }>; boardArrived: Record<string, number> };

/** Runs in the board page before its own script (plain JavaScript: this file is typed for Node). */
const SEEN_SCRIPT = `
  window.boardSeen = {};
  window.boardArrived = {};
  const NativeWebSocket = window.WebSocket;
  // Notes when a call reaches the page, before the board's own handler runs (registered first).
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const at = performance.timeOrigin + performance.now();
        try {
          const m = JSON.parse(event.data);
          if (m.type === 'ticket' && m.event === 'called' && !(m.ticket.number in window.boardArrived)) window.boardArrived[m.ticket.number] = at;
        } catch {}
      });
    }
  };
  const NUMBER = /^[A-Z0-9]{1,3}-\\d{3}$/;
  const scan = () => {
    const at = performance.timeOrigin + performance.now();
    const fresh = [];
    for (const element of document.querySelectorAll('.call-number, .history-number, .counter-value')) {
      const number = (element.textContent ?? '').trim();
      if (NUMBER.test(number) && !(number in window.boardSeen)) {
        window.boardSeen[number] = { commit: at, frame: NaN };
        fresh.push(number);
      }
    }
    if (fresh.length === 0) return;
    requestAnimationFrame(() => {
      const frame = performance.timeOrigin + performance.now();
      for (const n of fresh) window.boardSeen[n].frame = frame;
    });
  };
  new MutationObserver(scan).observe(document, { subtree: true, childList: true, characterData: true });
`;

/**
 * The real board page. Before it loads: its enrollment in localStorage, and an observer that notes
 * the first time each ticket number appears anywhere on the board (the latest call, the history,
 * a counter tile), at the DOM commit and at the next animation frame (the frame that paints it).
 */
export async function openChromiumBoard(browser: Browser, url: string, device: { deviceId: string; token: string }): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  await page.addInitScript({ content: `localStorage.setItem('loket.device.board', ${JSON.stringify(JSON.stringify({ deviceId: device.deviceId, token: device.token, kind: 'board' }))});\n${SEEN_SCRIPT}` });
  await page.goto(`${url}/board/`);
  await page.locator('.counter-grid').waitFor();
  await page.locator('p.connection:not(.connection-connecting):not(.connection-offline)').waitFor({ state: 'attached' });
  return page;
}

/** This process's clock minus the page's, from the tightest of several round trips. */
export async function pageClockOffset(page: Page): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 15; i++) {
    const before = now();
    const inPage = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = now();
    if (after - before < best.rtt) best = { rtt: after - before, offset: (before + after) / 2 - inPage };
  }
  return best.offset;
}

/**
 * In a hall the board is a TV of its own; here it shares two cores with the hall server. So the
 * browser gets the last core to itself (where `taskset` exists) at a lower priority (nice 10), and
 * the hall server keeps the other: the board's drawing (a ticker that never stops and a flash on
 * every call, composited in software without a GPU) then does not slow the server down, as it
 * never would in a hall. The load generator and the 19 WebSocket boards run where they like.
 */
export function separateBrowser(dirPath: string, executable: string): string {
  const cores = availableParallelism();
  const pin = cores > 1 && hasTaskset() ? `taskset -c ${cores - 1} ` : '';
  const wrapper = join(dirPath, 'chromium-board.sh');
  writeFileSync(wrapper, `#!/bin/sh\nexec ${pin}nice -n 10 ${JSON.stringify(executable)} "$@"\n`);
  chmodSync(wrapper, 0o755);
  return wrapper;
}

/** The hall server's threads onto every core but the browser's. */
export function keepServerOffBrowserCore(pid: number | undefined): void {
  const cores = availableParallelism();
  if (pid === undefined || cores < 2 || !hasTaskset()) return;
  spawnSync('taskset', ['-a', '-p', '-c', cores === 2 ? '0' : `0-${cores - 2}`, String(pid)], { stdio: 'ignore' });
}

const hasTaskset = (): boolean => spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { startHeadlessHost } from '../../main/headless/host.ts';
import { actionTimings } from '../e2e/counter-screen.ts';
import { RENDERER_DIR, REPO } from '../support/counter-host.ts';
import { startHallProcess } from '../support/hall-process.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { percentile, round3 } from './baseline.ts';
import { SERVICES, api, benchHall, enrollDevice, prepareBenchHall } from './bench-hall.ts';

/**
 * The counter screen's responsiveness, as the officer feels it: from a key press to the frame that
 * shows its result (the app's own `loket:action` performance measures), in Debian's Chromium at
 * 1366×768, through the browser bridge to a real counter host (ledger, outbox) and a real hall
 * server in its own process on 127.0.0.1. The officer serves visitors: F1 call, F8 start, F4 finish.
 *
 * Same-run baselines: `refusal_*` is a key the screen refuses at once (no IPC: the renderer's own
 * key-to-paint cost), `bridge_rtt_*` a bare round trip of the bridge (getConnection). Also
 * `renderer_gzip_kb`: the JavaScript the counter window loads, gzipped.
 */
const CYCLES = Number(process.env['LOKET_BENCH_CYCLES'] ?? 60);
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function ensureBuilt(): void {
  if (existsSync(join(RENDERER_DIR, 'counter', 'index.html'))) return;
  const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: REPO, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('electron-vite build failed: the counter window is needed');
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const sorted = (values: number[]): number[] => [...values].sort((a, b) => a - b);

async function bridgeRoundTrips(page: Page, n: number): Promise<number[]> {
  return page.evaluate(async (count) => {
    const loket = (globalThis as unknown as { loket: { getConnection: (r: object) => Promise<unknown> } }).loket;
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      await loket.getConnection({});
      times.push(performance.now() - t0);
    }
    return times;
  }, n);
}

export default async function counterUiBench(): Promise<Record<string, number | string>> {
  ensureBuilt();
  const dir = makeTempDir('loket-bench-ui-');
  const hallDir = join(dir.path, 'hall');
  const { codes, kioskCode } = await prepareBenchHall(hallDir, 1);
  const server = await startHallProcess(hallDir);
  const host = await startHeadlessHost({
    dataDir: join(dir.path, 'counter'),
    rendererDir: RENDERER_DIR,
    hallConfig: benchHall(1),
    counterId: 'c1',
    version: 'bench',
    port: 0,
    hall: { log: { warn: () => undefined } },
  });
  const browser = await chromium.launch({ executablePath: process.env['LOKET_CHROMIUM'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const h = host.services.handlers;
    await h.enrollDevice({ url: server.url, code: codes[0] as string, name: 'bench PC', fingerprint256: null });
    for (let i = 0; i < 100 && !host.services.link.connection().online; i++) await new Promise((r) => setTimeout(r, 50));
    await h.signIn({ username: 'o1', pin: '1234' });
    await h.openCounter({ serviceIds: SERVICES });
    const kiosk = await enrollDevice(server.url, kioskCode);
    for (let i = 0; i < CYCLES; i++) await api(server.url, 'POST', '/tickets', kiosk, { serviceId: SERVICES[i % SERVICES.length] });

    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
    let scriptBytes = 0;
    const scripts: Promise<void>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.push(response.body().then((body) => void (scriptBytes += gzipSync(body, { level: 9 }).length)).catch(() => undefined));
    });
    await page.goto(host.url);
    await page.locator('.visitor-idle').waitFor();
    await Promise.all(scripts);

    // Baselines: refused keys (F3 with nobody called) and bare bridge round trips.
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('F3');
      await page.waitForTimeout(20);
    }
    const refusals = (await actionTimings(page)).map((t) => t.ms);
    const rtt = await bridgeRoundTrips(page, 100);

    const before = refusals.length;
    for (let i = 0; i < CYCLES; i++) {
      await page.keyboard.press('F1');
      await page.locator('.visitor .ticket-number').waitFor();
      await page.keyboard.press('F8');
      await page.locator('.visitor-status-serving').waitFor();
      await page.keyboard.press('F4');
      await page.locator('.visitor-idle').waitFor();
    }
    await page.waitForTimeout(100);
    const actions = (await actionTimings(page)).slice(before);
    const ms = sorted(actions.map((a) => a.ms));
    const per = (name: string): number[] => sorted(actions.filter((a) => a.action === name).map((a) => a.ms));
    const p99 = percentile(ms, 99);
    const refusalP50 = percentile(sorted(refusals), 50);
    return {
      actions: actions.length,
      p50_ms: round1(percentile(ms, 50)),
      p90_ms: round1(percentile(ms, 90)),
      p99_ms: round1(p99),
      max_ms: round1(ms.at(-1) ?? 0),
      slowest: [...actions].sort((a, b) => b.ms - a.ms).slice(0, 5).map((a) => `${a.action} ${a.ms}`).join(', '),
      call_p50_ms: round1(percentile(per('callNext'), 50)),
      start_p50_ms: round1(percentile(per('start'), 50)),
      finish_p50_ms: round1(percentile(per('finishServed'), 50)),
      refusal_p50_ms: round1(refusalP50),
      bridge_rtt_p50_ms: round3(percentile(sorted(rtt), 50)),
      p99_over_refusal: refusalP50 ? round3(p99 / refusalP50) : 0,
      renderer_gzip_kb: Math.round((scriptBytes / 1024) * 10) / 10,
      targets: 'p99_ms <= 100; renderer_gzip_kb <= 350',
    };
  } finally {
    await browser.close();
    await host.close();
    await server.stop();
    dir.remove();
  }
}

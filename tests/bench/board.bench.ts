import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import { API_BASE } from '../../core/api.ts';
import { AuthService } from '../../server/auth/auth-service.ts';
import { HALL_DB_FILE } from '../../server/http/hall-server.ts';
import { openHallStore } from '../../server/store/open-store.ts';
import { RENDERER_DIR, REPO } from '../support/counter-host.ts';
import { startHallProcess } from '../support/hall-process.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { percentile, round3 } from './baseline.ts';
import { keepServerOffBrowserCore, openChromiumBoard, pageClockOffset, separateBrowser, type PageTimesInPage } from './bench-board-page.ts';
import { SERVICES, api, enrollDevice, openBenchCounter, prepareBenchHall } from './bench-hall.ts';

/**
 * From a counter's call to every display board showing it: a real hall server in its own process,
 * 20 boards on its live feed, counters calling. 19 boards are Node WebSocket clients speaking the
 * board page's protocol (renderer/shared/hall-stream.ts: the token in the first frame, then
 * `hello`, then `ticket.called`); one is the real board page in Debian's Chromium at 1920×1080,
 * measured to the animation frame that draws the new number (its own render included).
 *
 * Latency of one call on one board = the moment the board has it − the moment the call-next HTTP
 * request was sent. Baseline in the same run: the bare call-next round trip with no board
 * connected, the same calls at the same pace just before and just after (`baseline_call_rtt_*`);
 * `p99_over_baseline_p99` is the ratio that holds on a noisy machine. `missed` counts the (call,
 * board) pairs never seen (the Chromium board may draw a burst of calls in one frame and show only
 * the latest ones). `LOKET_BENCH_CALLS` sets the calls, `LOKET_BENCH_BOARD_CHROMIUM=0` leaves the
 * browser out (20 WebSocket boards). Target: p99_ms <= 50.
 */
const BOARDS = 20;
const COUNTERS = 10;
const CALLS = Number(process.env['LOKET_BENCH_CALLS'] ?? 200);
const BASELINE_CALLS = 60;
/**
 * Each counter calls again 1.5–2.5 s after its last visitor left: 10 counters make about 5 calls a
 * second, several times a busy hall's peak (20 counters serving 5-minute visitors call 4 a minute
 * each), so the boards are never idle, yet each call is drawn before the next arrives.
 */
const PAUSE_MS = { min: 1500, max: 2500 };
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const round1 = (n: number): number => Math.round(n * 10) / 10;
const sorted = (values: number[]): number[] => [...values].sort((a, b) => a - b);

interface Call {
  ticketId: string;
  number: string;
  sentAt: number;
  rtt: number;
}

/** A board as the page connects: auth frame, wait for hello, then note when each call arrives. */
async function connectWsBoard(url: string, token: string): Promise<{ seen: Map<string, number>; close: () => void }> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${API_BASE}/stream`);
  const seen = new Map<string, number>();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('a board got no hello within 10 s')), 10_000);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
    ws.on('message', (data) => {
      const at = now();
      const message = JSON.parse(String(data)) as { type: string; event?: string; ticket?: { id: string } };
      if (message.type === 'hello') {
        clearTimeout(timer);
        resolve();
      } else if (message.type === 'ticket' && message.event === 'called' && message.ticket && !seen.has(message.ticket.id)) {
        seen.set(message.ticket.id, at);
      }
    });
    ws.on('error', reject);
    ws.on('close', (code) => reject(new Error(`a board's feed closed (${code})`)));
  });
  return { seen, close: () => ws.close() };
}

/** `calls` call-nexts spread over the counters, each answered by a no-show so the counter is free again. */
async function callAll(url: string, sessions: string[], calls: number, pauseMs: () => number): Promise<Call[]> {
  const done: Call[] = [];
  let left = calls;
  await Promise.all(
    sessions.map(async (token, i) => {
      while (left > 0) {
        left--;
        await sleep(pauseMs());
        const sentAt = now();
        const call = await api(url, 'POST', `/counters/c${i + 1}/call-next`, token);
        const rtt = now() - sentAt;
        if (call.status !== 200) throw new Error(`call-next answered ${call.status}: ${JSON.stringify(call.json)}`);
        const { ticket, leaseEpoch } = call.json as { ticket: { id: string; number: string }; leaseEpoch: number };
        done.push({ ticketId: ticket.id, number: ticket.number, sentAt, rtt });
        await api(url, 'POST', `/tickets/${ticket.id}/no-show`, token, { leaseEpoch });
      }
    }),
  );
  return done;
}

function ensureBuilt(): void {
  if (existsSync(join(RENDERER_DIR, 'board', 'index.html'))) return;
  const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: REPO, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('electron-vite build failed: the board page is needed');
}

function boardCodes(hallDir: string, n: number): string[] {
  const db = openHallStore(join(hallDir, HALL_DB_FILE));
  try {
    const auth = new AuthService({ db, now: Date.now });
    return Array.from({ length: n }, () => auth.createEnrollCode({ kind: 'board', counterId: null, ttlMinutes: 60 }).code);
  } finally {
    db.close();
  }
}

export default async function boardBench(): Promise<Record<string, number | string>> {
  ensureBuilt();
  const dir = makeTempDir('loket-bench-board-');
  const hallDir = join(dir.path, 'hall');
  const { codes, kioskCode } = await prepareBenchHall(hallDir, COUNTERS);
  const boardEnrollCodes = boardCodes(hallDir, BOARDS);
  const server = await startHallProcess(hallDir);
  const executablePath = process.env['LOKET_CHROMIUM'] ?? '/usr/bin/chromium';
  const browser =
    process.env['LOKET_BENCH_BOARD_CHROMIUM'] !== '0' && existsSync(executablePath)
      ? await chromium.launch({ executablePath: separateBrowser(dir.path, executablePath), args: CHROMIUM_ARGS })
      : null;
  if (browser) keepServerOffBrowserCore(server.child.pid);
  const wsBoards: { seen: Map<string, number>; close: () => void }[] = [];
  try {
    const kiosk = await enrollDevice(server.url, kioskCode);
    const sessions: string[] = [];
    for (let i = 0; i < COUNTERS; i++) sessions.push(await openBenchCounter(server.url, codes[i] as string, i));
    for (let n = 0; n < 2 * BASELINE_CALLS + CALLS + 20; n++) await api(server.url, 'POST', '/tickets', kiosk, { serviceId: SERVICES[n % SERVICES.length] });

    // Baseline: the same calls with no board on the feed, before and after (the machine's load drifts).
    const pace = (): number => PAUSE_MS.min + Math.random() * (PAUSE_MS.max - PAUSE_MS.min);
    const loadAvg = loadavg()[0] ?? 0;
    const baseline = await callAll(server.url, sessions, BASELINE_CALLS, pace);

    const devices = await Promise.all(
      boardEnrollCodes.map(async (code) => (await api(server.url, 'POST', '/devices/enroll', null, { code, name: 'bench board' })).json as { deviceId: string; token: string }),
    );
    const page = browser ? await openChromiumBoard(browser, server.url, devices[0] as { deviceId: string; token: string }) : null;
    for (const device of devices.slice(page ? 1 : 0)) wsBoards.push(await connectWsBoard(server.url, device.token));
    const boards = [...wsBoards];
    const offset = page ? await pageClockOffset(page) : 0;

    await sleep(500);
    const calls = await callAll(server.url, sessions, CALLS, pace);
    await sleep(1000);
    const inPage: PageTimesInPage = page
      ? await page.evaluate(() => {
          const g = globalThis as unknown as PageTimesInPage;
          return { boardSeen: g.boardSeen, boardArrived: g.boardArrived };
        })
      : { boardSeen: {}, boardArrived: {} };
    for (const board of wsBoards.splice(0)) board.close();
    await page?.close();
    await sleep(500);
    baseline.push(...(await callAll(server.url, sessions, BASELINE_CALLS, pace)));

    const ws: number[] = [];
    let missed = 0;
    for (const board of boards) {
      for (const call of calls) {
        const at = board.seen.get(call.ticketId);
        if (at === undefined) missed++;
        else ws.push(at - call.sentAt);
      }
    }
    const shown: number[] = [];
    const committed: number[] = [];
    /** The board page's own part: the message reaching the page → the frame that draws it. */
    const rendered: number[] = [];
    if (page) {
      for (const call of calls) {
        const s = inPage.boardSeen[call.number];
        const arrived = inPage.boardArrived[call.number];
        if (s === undefined || !Number.isFinite(s.frame)) missed++;
        else {
          shown.push(s.frame + offset - call.sentAt);
          committed.push(s.commit + offset - call.sentAt);
          if (arrived !== undefined) rendered.push(s.frame - arrived);
        }
      }
    }
    const all = sorted([...ws, ...shown]);
    const baseRtt = sorted(baseline.map((c) => c.rtt));
    const loadRtt = sorted(calls.map((c) => c.rtt));
    const p99 = percentile(all, 99);
    const baseP99 = percentile(baseRtt, 99);
    return {
      boards: BOARDS,
      ws_boards: boards.length,
      chromium_boards: page ? 1 : 0,
      counters: COUNTERS,
      calls: calls.length,
      samples: all.length,
      missed,
      p50_ms: round1(percentile(all, 50)),
      p99_ms: round1(p99),
      max_ms: round1(all.at(-1) ?? Number.NaN),
      ws_p50_ms: round1(percentile(sorted(ws), 50)),
      ws_p99_ms: round1(percentile(sorted(ws), 99)),
      chromium_commit_p50_ms: round1(percentile(sorted(committed), 50)),
      chromium_frame_p50_ms: round1(percentile(sorted(shown), 50)),
      chromium_frame_p99_ms: round1(percentile(sorted(shown), 99)),
      chromium_render_p50_ms: round1(percentile(sorted(rendered), 50)),
      chromium_render_p99_ms: round1(percentile(sorted(rendered), 99)),
      call_rtt_p50_ms: round1(percentile(loadRtt, 50)),
      call_rtt_p99_ms: round1(percentile(loadRtt, 99)),
      baseline_call_rtt_p50_ms: round3(percentile(baseRtt, 50)),
      baseline_call_rtt_p99_ms: round3(baseP99),
      p99_over_baseline_p99: baseP99 ? round3(p99 / baseP99) : 0,
      ws_p99_over_baseline_p99: baseP99 ? round3(percentile(sorted(ws), 99) / baseP99) : 0,
      page_clock_offset_ms: round3(offset),
      load_avg_1m: round1(loadAvg),
      target: 'p99_ms <= 50',
    };
  } finally {
    for (const board of wsBoards) board.close();
    await browser?.close();
    await server.stop();
    dir.remove();
  }
}

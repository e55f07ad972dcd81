import { spawn, execFile, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { requireTools, type SystemTool } from './system-tools.ts';

/**
 * The reference device (resources/firmware) running in simavr behind a PTY, driven through the C
 * harness in tests/hardware/harness (DESIGN.md §9). The port behaves like the real board's: it
 * resets when a program opens it, and `unplug()` makes it vanish.
 */

const REPO = resolve(import.meta.dirname, '..', '..');
const FIRMWARE_DIR = join(REPO, 'resources', 'firmware');
const HARNESS_DIR = join(REPO, 'tests', 'hardware', 'harness');
/** Git-ignored (`/build/`). */
const BUILD_DIR = join(REPO, 'build', 'hardware');
export const FIRMWARE_ELF = join(BUILD_DIR, 'firmware', 'loket-device.elf');
export const HARNESS_BIN = join(BUILD_DIR, 'harness', 'sim-harness');

const TOOLS: SystemTool[] = [
  { command: 'make', aptPackage: 'make' },
  { command: 'cc', aptPackage: 'gcc' },
  { command: 'avr-gcc', aptPackage: 'gcc-avr' },
  { command: 'avr-objcopy', aptPackage: 'binutils-avr' },
  { file: '/usr/lib/avr/include/avr/io.h', aptPackage: 'avr-libc' },
  { file: '/usr/include/simavr/sim_avr.h', aptPackage: 'libsimavr-dev' },
  { file: '/usr/include/libelf.h', aptPackage: 'libelf-dev' },
];

/** Whether the AVR toolchain and simavr are here; prints why not (or throws under LOKET_REQUIRE_ALL=1). */
export function simulatedDeviceAvailable(suite: string): boolean {
  return requireTools(suite, TOOLS);
}

/** What the MAX7219 shows, as the harness decodes it from the SPI bus. */
export interface DisplayState {
  /** The 4 digits as characters, right-aligned text as the firmware wrote it; `?` for a segment pattern outside the font. */
  display: string;
  /** Segment bytes of the 4 digits (DP A B C D E F G = bit 7..0). */
  raw: number[];
  intensity: number;
  /** Dark (MAX7219 shutdown register), e.g. during a blink or before the firmware set it up. */
  shutdown: boolean;
  /** Display-test mode (every segment lit). */
  test: boolean;
  scanLimit: number;
  decode: number;
  /** Times the display went dark after having been lit, since power-on. */
  blinks: number;
  /** When the chip last latched a register, epoch ms on this machine's clock (meaningful with `realtime`). */
  at?: number;
  /** The same moment on the device's own clock: simulated ms since the harness started. */
  ms?: number;
  /** The registers written in the burst that made this change, in order (digits are 1–4). */
  regs?: number[];
}

/** When the harness changed a key's pin: `ms` on the device's clock (simulated), `at` on this machine's (epoch ms, as `DisplayState.at`). */
export interface KeyEdge {
  ms: number;
  at: number;
}

/** A frame the device sent: `ms` when its first byte went to the UART, `endMs` its last (simulated ms). */
export interface SentFrame {
  frame: string;
  ms: number;
  endMs: number;
}

export interface SimulatedDevice {
  /** The current PTY; changes on `replug()`. */
  readonly ptyPath: string;
  /**
   * A symlink to the current PTY that stays the same across `replug()`, as udev's
   * `/dev/serial/by-id/…` link does for a real board: removed on `unplug()`, made again (pointing
   * at the new PTY) on `replug()`.
   */
  readonly stablePath: string;
  /** Key down; resolves with when the pin went low. */
  press(key: number): Promise<KeyEdge>;
  release(key: number): Promise<KeyEdge>;
  /** Press, hold 50 ms of simulated time (or `holdUs` µs), release; resolves 50 ms after letting go. */
  click(key: number, holdUs?: number): Promise<void>;
  /** Resets the MCU (the display chip keeps its state, as on the real board). */
  reset(): Promise<void>;
  /** Closes the PTY: the host sees the port vanish; the board loses power. */
  unplug(): Promise<void>;
  /** A new PTY (a new path), the board powered up again; `stablePath` points at it. */
  replug(): Promise<string>;
  /** Puts `bytes` on the line from the device to the host (a noisy cable), between whatever the firmware sends. */
  noise(bytes: string | Uint8Array): Promise<void>;
  display(): DisplayState;
  waitForDisplay(expected: string | ((state: DisplayState) => boolean), timeoutMs?: number): Promise<DisplayState>;
  /** Every JSON line the harness printed, for failure messages. */
  readonly log: readonly string[];
  /** Every frame the device sent while a host had the port open, in order. */
  readonly sent: readonly SentFrame[];
  /** The harness's process id (for a benchmark's CPU accounting). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const POWERED_OFF: DisplayState = { display: '    ', raw: [0, 0, 0, 0], intensity: 0, shutdown: true, test: false, scanLimit: 0, decode: 0, blinks: 0 };

/** Newest mtime of what make builds from (C sources, headers, the Makefile); not READMEs. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'build') newest = Math.max(newest, newestSource(path));
    else if (/\.[ch]$|^Makefile$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const isFresh = (output: string, sourceDir: string): boolean => existsSync(output) && statSync(output).mtimeMs >= newestSource(sourceDir);

/** Test files run in parallel workers; one builds while the others wait. */
async function withBuildLock<T>(run: () => Promise<T>): Promise<T> {
  const lock = join(BUILD_DIR, '.lock');
  mkdirSync(BUILD_DIR, { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true }); // a crashed build
      if (Date.now() > deadline) throw new Error(`build lock ${lock} held for 2 minutes`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await run();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds the firmware and the harness into build/hardware/ when a source is newer than the output. */
export async function buildSimulatedDevice(): Promise<void> {
  const targets = [
    { dir: FIRMWARE_DIR, output: FIRMWARE_ELF, build: join(BUILD_DIR, 'firmware') },
    { dir: HARNESS_DIR, output: HARNESS_BIN, build: join(BUILD_DIR, 'harness') },
  ];
  if (targets.every((t) => isFresh(t.output, t.dir))) return;
  await withBuildLock(async () => {
    for (const t of targets) {
      if (isFresh(t.output, t.dir)) continue;
      try {
        await promisify(execFile)('make', ['-C', t.dir, `BUILD=${t.build}`], { encoding: 'utf8' });
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string; message: string };
        throw new Error(`building ${t.dir} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: error });
      }
    }
  });
}

type Line = { pty?: string; display?: string; ack?: string; error?: string; command?: string; ms?: number } & Record<string, unknown>;

export async function startSimulatedDevice(options: { realtime?: boolean } = {}): Promise<SimulatedDevice> {
  await buildSimulatedDevice();
  // The stable path: a symlink in a folder of its own, re-pointed by rename so it is never half made.
  const linkDir = mkdtempSync(join(tmpdir(), 'loket-serial-'));
  const stablePath = join(linkDir, 'usb-LKT-REF-if00');
  const pointLink = (target: string): void => {
    const fresh = `${stablePath}.new`;
    rmSync(fresh, { force: true });
    symlinkSync(target, fresh);
    renameSync(fresh, stablePath);
  };
  const child: ChildProcessWithoutNullStreams = spawn(HARNESS_BIN, [...(options.realtime ? ['--realtime'] : []), FIRMWARE_ELF], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const sent: SentFrame[] = [];
  let stderr = '';
  let state = POWERED_OFF;
  let ptyPath = '';
  let exited: string | null = null;
  const pending: { command: string; resolve: (ack: Line) => void; reject: (e: Error) => void }[] = [];
  const listeners = new Set<(line: Line) => void>();

  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const recent = (): string => `harness output:\n${log.slice(-15).join('\n')}\nstderr: ${stderr.slice(-600)}`;
  const fail = (why: string): void => {
    exited = why;
    rmSync(linkDir, { recursive: true, force: true });
    for (const p of pending.splice(0)) p.reject(new Error(`${p.command}: ${why}\n${recent()}`));
  };
  child.once('exit', (code, signal) => fail(`the harness exited (${signal ?? code})`));
  child.once('error', (error) => fail(`the harness could not run: ${error.message}`));

  createInterface({ input: child.stdout }).on('line', (text) => {
    log.push(text);
    let line: Line;
    try {
      line = JSON.parse(text) as Line;
    } catch {
      return;
    }
    if (typeof line.pty === 'string') {
      ptyPath = line.pty;
      if (exited === null) pointLink(ptyPath);
    }
    if (typeof line.display === 'string') state = line as unknown as DisplayState;
    if (typeof line['sent'] === 'string') sent.push({ frame: line['sent'], ms: Number(line.ms), endMs: Number(line['endMs']) });
    const answered = line.ack ?? line.command;
    if (answered !== undefined) {
      const i = pending.findIndex((p) => p.command === answered);
      const [p] = i >= 0 ? pending.splice(i, 1) : [];
      if (line.ack !== undefined) p?.resolve(line);
      else p?.reject(new Error(`${answered}: ${line.error ?? 'failed'}`));
    }
    for (const listener of listeners) listener(line);
  });

  /** Sends `command` (plus `argument`, which the harness's answer does not repeat) and waits for its answer. */
  const send = (command: string, argument = '', timeoutMs = 10_000): Promise<Line> =>
    new Promise((resolvePromise, reject) => {
      if (exited) return reject(new Error(`${command}: ${exited}`));
      const timer = setTimeout(() => reject(new Error(`${command}: no answer in ${timeoutMs} ms\n${recent()}`)), timeoutMs);
      const settle = <A extends unknown[]>(fn: (...a: A) => void) => (...a: A) => {
        clearTimeout(timer);
        fn(...a);
      };
      pending.push({ command, resolve: settle(resolvePromise), reject: settle(reject) });
      child.stdin.write(`${command}${argument}\n`);
    });

  const waitForLine = <T>(pick: (line: Line) => T | undefined, what: string, timeoutMs: number): Promise<T> =>
    new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error(`no ${what} in ${timeoutMs} ms\n${recent()}`));
      }, timeoutMs);
      const listener = (line: Line): void => {
        const value = pick(line);
        if (value === undefined) return;
        clearTimeout(timer);
        listeners.delete(listener);
        resolvePromise(value);
      };
      listeners.add(listener);
    });

  const keyEdge = (ack: Line): KeyEdge => ({ ms: Number(ack.ms), at: Number(ack['at']) });

  const key = (n: number): number => {
    if (!Number.isInteger(n) || n < 1 || n > 3) throw new Error(`the reference device has keys 1–3, not ${n}`);
    return n;
  };

  ptyPath = await Promise.race([
    waitForLine((l) => l.pty, 'PTY path', 10_000),
    new Promise<never>((_, reject) => child.once('exit', () => reject(new Error(`the harness did not start\n${recent()}`)))),
  ]);

  return {
    get ptyPath() {
      return ptyPath;
    },
    stablePath,
    log,
    sent,
    pid: child.pid,
    press: async (n) => keyEdge(await send(`press ${key(n)}`)),
    release: async (n) => keyEdge(await send(`release ${key(n)}`)),
    click: async (n, holdUs) => void (await send(`click ${key(n)}`, holdUs === undefined ? '' : ` ${holdUs}`)),
    reset: async () => void (await send('reset')),
    async unplug() {
      // The link goes first: the old PTY's number may soon belong to another program's PTY.
      rmSync(stablePath, { force: true });
      await send('unplug');
    },
    async replug() {
      const path = waitForLine((l) => l.pty, 'new PTY path', 10_000);
      await send('replug');
      return path;
    },
    noise: async (bytes) => void (await send('noise', ` ${(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes)).toString('hex')}`)),
    display: () => state,
    waitForDisplay(expected, timeoutMs = 5_000) {
      const matches =
        typeof expected === 'string' ? (s: DisplayState) => s.display === expected.padStart(s.display.length) && !s.shutdown : expected;
      if (matches(state)) return Promise.resolve(state);
      const what = typeof expected === 'string' ? `display ${JSON.stringify(expected)}` : 'matching display';
      return waitForLine((l) => (typeof l.display === 'string' && matches(state) ? state : undefined), what, timeoutMs);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.stdin.end(); // the harness exits when stdin closes
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeFrame, Lsp1Decoder, type Lsp1Frame } from '../../core/lsp1.ts';
import { simulatedDeviceAvailable, startSimulatedDevice, type SentFrame, type SimulatedDevice } from '../support/simulated-device.ts';

/**
 * The reference firmware (resources/firmware), compiled with avr-gcc and run in simavr, driven over
 * its serial port exactly as the counter app drives a real device (DESIGN.md §6, §9).
 */

const available = simulatedDeviceAvailable('Hardware-in-the-loop tests (reference firmware in simavr)');

/** Rejects when `promise` has not settled in `ms`, naming `what`: a clear failure instead of the test's timeout. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The host's end: node-serialport on the PTY, frames through the shared LSP/1 decoder. */
class Link {
  private readonly decoder = new Lsp1Decoder();
  private readonly frames: Lsp1Frame[] = [];
  private readonly waiters = new Set<() => void>();
  readonly closed: Promise<void>;

  private constructor(private readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => {
      this.frames.push(...this.decoder.push(chunk));
      for (const wake of this.waiters) wake();
    });
    port.on('error', () => {}); // an unplugged port errors, then closes; `closed` tells the test
    this.closed = new Promise((resolve) => port.once('close', () => resolve()));
  }

  static open(path: string): Promise<Link> {
    const opened = new Promise<Link>((resolve, reject) => {
      const port = new SerialPort({ path, baudRate: 115200 }, (error) => (error ? reject(error) : resolve(new Link(port))));
    });
    return within(opened, 5_000, `opening ${path}`);
  }

  write(bytes: string): Promise<void> {
    const written = new Promise<void>((resolve, reject) => {
      this.port.write(bytes, (error) => (error ? reject(error) : this.port.drain(() => resolve())));
    });
    return within(written, 3_000, 'writing to the port');
  }

  /** Writes without waiting: on a port that is going away, node-serialport may never call back. */
  poke(bytes: string): void {
    this.port.write(bytes, () => {});
  }

  send(type: string, fields: (string | number)[]): Promise<void> {
    return this.write(encodeFrame(type, fields));
  }

  /** Takes the first received frame of one of `types` (others stay queued), waiting for it if needed. */
  next(types: string | string[], timeoutMs = 3_000): Promise<Lsp1Frame> {
    const wanted = typeof types === 'string' ? [types] : types;
    return new Promise((resolve, reject) => {
      const take = (): boolean => {
        const i = this.frames.findIndex((f) => wanted.includes(f.type));
        if (i < 0) return false;
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(this.frames.splice(i, 1)[0]!);
        return true;
      };
      const wake = (): void => void take();
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`no ${wanted.join('/')} in ${timeoutMs} ms; queued: ${this.frames.map((f) => f.raw).join(' ') || 'nothing'}`));
      }, timeoutMs);
      if (!take()) this.waiters.add(wake);
    });
  }

  /** Sends a command and returns the device's answer (ACK, NAK, INFO or PONG) to that seq. */
  async ask(type: string, seq: number, ...args: (string | number)[]): Promise<string[]> {
    await this.send(type, [seq, ...args]);
    const answerType = { HELLO: 'INFO', PING: 'PONG' }[type];
    const answer = await this.next(answerType ?? ['ACK', 'NAK']);
    expect(answer.fields[0]).toBe(String(seq));
    return [answer.type, ...answer.fields.slice(1)];
  }

  queued(): string[] {
    return this.frames.map((f) => f.raw);
  }

  close(): Promise<void> {
    if (!this.port.isOpen) return Promise.resolve();
    return new Promise((resolve) => this.port.close(() => resolve()));
  }
}

/** The harness's record of a frame the device sent; it can reach us after the frame itself. */
function sentFrame(device: SimulatedDevice, match: (s: SentFrame) => boolean): Promise<SentFrame> {
  return vi.waitFor(() => {
    const sent = device.sent.findLast(match);
    if (!sent) throw new Error('not reported yet');
    return sent;
  });
}

describe.skipIf(!available)('reference firmware in simavr', () => {
  let device: SimulatedDevice;
  let link: Link;

  beforeAll(async () => {
    device = await startSimulatedDevice();
    link = await Link.open(device.ptyPath);
  });

  afterAll(async () => {
    await link?.close();
    await device?.stop();
  });

  it('announces itself with BOOT when the port opens and after a reset', async () => {
    expect((await link.next('BOOT')).fields).toEqual(['LKT-REF', '1.0.0', '1']);
    await device.reset();
    expect((await link.next('BOOT')).raw).toBe('$BOOT,LKT-REF,1.0.0,1*15');
    await device.waitForDisplay('----'); // alive, waiting for the host's first SHOW
  });

  it('answers HELLO with INFO and PING with PONG', async () => {
    expect(await link.ask('HELLO', 7)).toEqual(['INFO', 'LKT-REF', '1.0.0', '1', '4', '3']);
    expect(await link.ask('PING', 65535)).toEqual(['PONG']);
  });

  it('shows text right-aligned on the four digits', async () => {
    expect(await link.ask('SHOW', 10, 'A012')).toEqual(['ACK']);
    const shown = await device.waitForDisplay('A012');
    expect(shown.raw).toEqual([0x77, 0x7e, 0x30, 0x6d]);
    expect(shown).toMatchObject({ shutdown: false, test: false, scanLimit: 3, decode: 0 });
    expect(await link.ask('SHOW', 11, '7')).toEqual(['ACK']);
    expect((await device.waitForDisplay('7')).display).toBe('   7');
    expect(await link.ask('SHOW', 12, 'bad')).toEqual(['NAK', 'TEXT']);
    expect(await link.ask('SHOW', 13, 'K12')).toEqual(['NAK', 'TEXT']); // no readable K on 7 segments
    expect(await link.ask('SHOW', 14, 'A0123')).toEqual(['NAK', 'TEXT']);
    expect(device.display().display).toBe('   7');
  });

  it('sets the brightness, and refuses a level out of range', async () => {
    expect(await link.ask('BRIGHT', 20, 16)).toEqual(['NAK', 'RANGE']);
    expect(await link.ask('BRIGHT', 21, 3)).toEqual(['ACK']);
    await device.waitForDisplay((s) => s.intensity === 3);
  });

  it('blinks the given number of times and ends lit', async () => {
    const before = device.display().blinks;
    expect(await link.ask('BLINK', 30, 2)).toEqual(['ACK']);
    const after = await device.waitForDisplay((s) => s.blinks === before + 2 && !s.shutdown);
    expect(after.display).toBe('   7');
    expect(await link.ask('BEEP', 31, 120)).toEqual(['ACK']);
    expect(await link.ask('BEEP', 32, 5001)).toEqual(['NAK', 'RANGE']);
  });

  it('answers a type it does not know with NAK TYPE', async () => {
    expect(await link.ask('RESET', 40)).toEqual(['NAK', 'TYPE']);
  });

  it('sends KEY with a count of presses since boot', async () => {
    await device.click(1);
    expect((await link.next('KEY')).fields).toEqual(['1', '1']);
    await device.click(1);
    expect((await link.next('KEY')).fields).toEqual(['1', '2']);
    await device.press(3); // held: one press, however long
    expect((await link.next('KEY')).fields).toEqual(['3', '1']);
    await device.release(3);
  });

  it('reports a press within a millisecond of the key going down, and a 0.2 ms spike not at all', async () => {
    const asked = Date.now();
    const { ms: down, at } = await device.press(2);
    // The host's clock too, which press-to-display starts from.
    expect(at).toBeGreaterThanOrEqual(asked - 1);
    expect(at).toBeLessThanOrEqual(Date.now() + 1);
    const key = await link.next('KEY');
    expect(key.fields).toEqual(['2', '1']);
    // Device time (simulated), so a busy test machine cannot blur it.
    const sent = await sentFrame(device, (s) => s.frame === key.raw && s.ms >= down);
    expect(sent.ms - down).toBeLessThan(1);
    await device.release(2);
    await device.click(2, 200); // a spike on the cable
    await device.click(2);
    expect((await link.next('KEY')).fields).toEqual(['2', '2']);
  });

  it('talks at its 115200 baud: a byte about every 87 µs', async () => {
    expect(await link.ask('HELLO', 45)).toEqual(['INFO', 'LKT-REF', '1.0.0', '1', '4', '3']);
    const info = await sentFrame(device, (s) => s.frame.startsWith('$INFO,45,'));
    // From the `$` to the `\n` (the frame without its \r\n, plus one). simavr counts a parity bit
    // in every byte (94 µs); the line at half speed would take 187 µs a byte.
    expect((info.endMs - info.ms) / (info.frame.length + 1)).toBeLessThan(0.1);
  });

  it('shows the next number by rewriting only the digits that changed', async () => {
    expect(await link.ask('SHOW', 46, 'A019')).toEqual(['ACK']);
    await device.waitForDisplay('A019');
    // Digits are registers 1–4 (leftmost first). The refresh of every register once a second
    // (TEST is 15) may fall into the same burst as one of these: that one is not judged.
    const changes: [string, number[]][] = [['A020', [3, 4]], ['A021', [4]], ['A022', [4]]];
    const judged: { regs: number[]; digits: number[] }[] = [];
    for (const [i, [text, digits]] of changes.entries()) {
      expect(await link.ask('SHOW', 47 + i, text)).toEqual(['ACK']);
      const regs = (await device.waitForDisplay(text)).regs ?? [];
      if (!regs.includes(15)) judged.push({ regs, digits });
    }
    expect(judged.length, 'every update rewrote every register').toBeGreaterThan(0);
    for (const { regs, digits } of judged) expect(regs).toEqual(digits);
  });

  it('skips garbage and drops bad frames, then answers a good one', async () => {
    const tooLong = `$SHOW,50,${'8'.repeat(60)}*00\r\n`;
    const badChecksum = encodeFrame('SHOW', [51, 'E']).replace(/\*[0-9A-F]{2}/, '*00');
    await link.write(`\x00\xffnoise*,\r\n${badChecksum}${tooLong}$$$`);
    expect(await link.ask('HELLO', 52)).toEqual(['INFO', 'LKT-REF', '1.0.0', '1', '4', '3']);
    expect(await link.ask('PING', 53)).toEqual(['PONG']);
    expect(link.queued()).toEqual([]); // nothing answered the bad frames
    expect(device.display().display).toBe('A022');
  });

  it('vanishes when unplugged and answers on the new port after replugging', async () => {
    await device.unplug();
    // A hung-up tty (a PTY whose master closed, or a USB adapter pulled out) reads as end of file,
    // which node-serialport keeps reading; when its poller does not report the hang-up, the host
    // learns of it from its next write (its PING), which fails with EIO.
    link.poke(encodeFrame('PING', [59]));
    await within(link.closed, 3_000, 'the host noticing the unplug');
    const newPath = await device.replug();
    expect(newPath).toMatch(/^\/dev\/pts\/\d+$/);
    expect(device.ptyPath).toBe(newPath);
    link = await Link.open(newPath);
    expect((await link.next('BOOT')).fields).toEqual(['LKT-REF', '1.0.0', '1']);
    expect(await link.ask('HELLO', 60)).toEqual(['INFO', 'LKT-REF', '1.0.0', '1', '4', '3']);
    expect(await link.ask('SHOW', 61, 'B7')).toEqual(['ACK']);
    await device.waitForDisplay('B7');
  });
});

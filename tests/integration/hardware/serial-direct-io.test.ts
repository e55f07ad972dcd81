import { spawn } from 'node:child_process';
import { pbkdf2 } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SerialTransport } from '../../../main/hardware/serial-transport.ts';
import { PtyPair } from '../../support/pty-pair.ts';
import { requireTools } from '../../support/system-tools.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const available = requireTools('serial direct I/O tests', [{ command: 'socat', aptPackage: 'socat' }]);

/** Runs `script` in sh with the far PTY as $1 (a child process: none of this process's threads). */
function farEnd(device: string, script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script, 'far-end', device], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('latin1')));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`far end exited ${code}`))));
  });
}

/**
 * Fills every thread of libuv's pool (file I/O, hashing and DNS share it) for a while. `full()` says
 * whether every thread is still taken; `done` resolves when the pool is free again.
 */
function occupyThreadPool(): { full: () => boolean; done: Promise<void> } {
  const threads = Number(process.env['UV_THREADPOOL_SIZE'] ?? 4);
  let finished = 0;
  const done = Promise.all(
    Array.from({ length: threads }, () => new Promise<void>((resolve, reject) =>
      pbkdf2('loket', 'salt', 3_000_000, 32, 'sha256', (error) => {
        finished += 1;
        if (error) reject(error);
        else resolve();
      }),
    )),
  ).then(() => undefined);
  return { full: () => finished === 0, done };
}

describe.skipIf(!available)('the serial port reads and writes on the event loop (socat PTY pair)', () => {
  const dir = makeTempDir('loket-direct-io-');
  const pty = new PtyPair(join(dir.path, 'host'), join(dir.path, 'device'));
  let transport: SerialTransport;
  let received = '';

  beforeAll(async () => {
    await pty.start();
    transport = await SerialTransport.open({ path: pty.host }, { onData: (bytes) => (received += Buffer.from(bytes).toString('latin1')) });
  });

  afterAll(async () => {
    await transport.close();
    await pty.stop();
    dir.remove();
  });

  it('takes a key press and sends the display its number while the thread pool is busy', async () => {
    const pool = occupyThreadPool();
    await farEnd(pty.device, 'printf "\\$KEY,1,1*00\\r\\n" > "$1"');
    await vi.waitFor(() => expect(received).toContain('$KEY,1,1*00\r\n'), { timeout: 20_000, interval: 5 });
    expect(pool.full()).toBe(true);

    const reading = farEnd(pty.device, 'head -c 17 "$1"');
    await new Promise((resolve) => setTimeout(resolve, 50)); // the far end's read is waiting
    await transport.write('$SHOW,7,A012*00\r\n');
    expect(await reading).toBe('$SHOW,7,A012*00\r\n');
    expect(pool.full()).toBe(true);
    await pool.done;
  });

  it('finishes a write larger than the line holds once the far end reads it', async () => {
    const big = Array.from({ length: 4096 }, (_, i) => `line ${String(i).padStart(5, '0')}\n`).join(''); // 48 KiB
    let done = false;
    const writing = transport.write(big).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(done).toBe(false); // the PTYs and socat hold far less: the rest waits for room
    const read = await farEnd(pty.device, `head -c ${big.length} "$1"`);
    await writing;
    expect(read).toBe(big);
  });
});

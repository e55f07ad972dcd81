import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, vi } from 'vitest';

/** Two linked PTYs from socat: the host side opens `host`, the far end (a device, a script) `device`. */
export class PtyPair {
  private process: ChildProcess | null = null;

  constructor(readonly host: string, readonly device: string) {}

  async start(): Promise<void> {
    const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.host}`, `pty,raw,echo=0,link=${this.device}`], {
      stdio: 'ignore',
    });
    this.process = child;
    await vi.waitFor(() => expect(existsSync(this.host) && existsSync(this.device)).toBe(true), { timeout: 10_000, interval: 10 });
  }

  /** Like pulling the cable: both PTYs close and their links disappear. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

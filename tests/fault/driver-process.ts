import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO } from '../support/counter-host.ts';
import { DRAIN_COMMAND, isAck, isReady, isStatus, type AckLine, type DriverConfig, type DriverLine, type ReadyLine, type StatusLine } from './driver-protocol.ts';

const DRIVER = join(REPO, 'tests', 'fault', 'counter-driver.ts');
const STDERR_TAIL = 4000;

/**
 * One counter driver process as the trial sees it: what it acknowledged, whether it is ready, how
 * it ended. `acks` keeps growing across kills and restarts of the same counter (the caller passes
 * the same array), because an officer's acknowledged action stays promised after a crash.
 */
export interface DriverProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<ReadyLine>;
  /** Resolves when the process has exited, with its last status line if it printed one. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; status: StatusLine | null }>;
  readonly alive: boolean;
  /** The end of its stderr and any `log` lines, for failure reports. */
  diagnostics(): string;
  /** Stops acting, waits for the outbox to empty, exits. */
  drain(timeoutMs: number): Promise<StatusLine | null>;
  kill(): Promise<void>;
}

/** Spawns a counter driver (its own Node process, so SIGKILL hits only it); `acks` collects its ack lines. */
export function startDriver(config: DriverConfig, acks: AckLine[]): DriverProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', DRIVER, JSON.stringify(config)], {
    cwd: REPO,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin?.on('error', () => undefined);
  let stderr = '';
  const logs: string[] = [];
  let status: StatusLine | null = null;
  let alive = true;
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-STDERR_TAIL)));

  let onReady: (line: ReadyLine) => void = () => undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; status: StatusLine | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      alive = false;
      // Lines already in the pipe are read before 'close'.
      child.once('close', () => resolve({ code, signal, status }));
    });
  });
  const ready = new Promise<ReadyLine>((resolve, reject) => {
    onReady = resolve;
    void exited.then(({ code, signal }) => reject(new Error(`driver for ${config.counterId} exited (${code ?? signal}) before it was ready: ${logs.join(' | ')} ${stderr}`)));
  });
  ready.catch(() => undefined);

  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    let line: DriverLine;
    try {
      line = JSON.parse(text) as DriverLine;
    } catch {
      logs.push(text);
      return;
    }
    if (isAck(line)) acks.push(line);
    else if (isReady(line)) onReady(line);
    else if (isStatus(line)) status = line;
    else logs.push(line.log);
  });

  const driver: DriverProcess = {
    child,
    ready,
    exited,
    get alive() {
      return alive;
    },
    diagnostics: () => [...logs, stderr.trim()].filter(Boolean).join('\n'),
    async drain(timeoutMs) {
      if (!alive) return (await exited).status;
      child.stdin?.write(`${DRAIN_COMMAND}\n`);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const end = await exited;
      clearTimeout(timer);
      return end.status;
    },
    async kill() {
      if (alive) child.kill('SIGKILL');
      await exited;
    },
  };
  return driver;
}

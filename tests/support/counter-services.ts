import type { Ticket } from '../../core/domain.ts';
import type { Result } from '../../core/errors.ts';
import type { ConnectionState } from '../../core/ipc.ts';
import { createAppServices, type AppServices } from '../../main/app-services.ts';
import { dispatch } from '../../main/ipc/dispatch.ts';
import type { WebSocketFactory } from '../../main/sync/live-feed.ts';
import { starterHall } from './counter-host.ts';
import { startTestHall, type TestHall } from './hall-server.ts';
import { makeTempDir } from './temp-dir.ts';

/** Undo work registered by a test; the test file runs it in `afterEach`. */
export type Cleanup = Array<() => Promise<void> | void>;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds; throws naming `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

export interface ServicesCounter {
  services: AppServices;
  /** A counter action as the counter page runs it (validated by the IPC contract): refusals come back as values. */
  act<T = unknown>(name: string, request?: unknown): Promise<Result<T>>;
  must<T = unknown>(name: string, request?: unknown): Promise<T>;
  connection(): ConnectionState;
}

export interface ServicesCounterOptions {
  /** Sign in petugas01 and open loket-1 for `serviceIds` (default true). */
  open?: boolean;
  serviceIds?: string[];
  heartbeatMs?: number;
  webSocket?: WebSocketFactory;
  now?: () => number;
}

/** A counter PC (the real app services, in this process) enrolled as loket-1 with the hall at `url`. */
export async function counterAt(cleanup: Cleanup, hall: TestHall, url: string, options: ServicesCounterOptions = {}): Promise<ServicesCounter> {
  const dir = makeTempDir('loket-counter-');
  const services = createAppServices({
    dataDir: dir.path,
    hallConfig: starterHall(),
    counterId: 'loket-1',
    runtime: 'headless',
    version: 'test',
    push: () => undefined,
    ...(options.now ? { now: options.now } : {}),
    hall: {
      feed: { backoff: { initialMs: 50, maxMs: 200 }, ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}) },
      ...(options.webSocket ? { webSocket: options.webSocket } : {}),
      timeoutMs: 2000,
      log: { warn: () => undefined },
    },
    sync: { backoff: { initialMs: 50, maxMs: 200 } },
  });
  cleanup.push(() => {
    services.close();
    dir.remove();
  });
  const act = async <T,>(name: string, request: unknown = {}): Promise<Result<T>> => (await dispatch(services.handlers, name, request)) as Result<T>;
  const must = async <T,>(name: string, request: unknown = {}): Promise<T> => {
    const r = await act<T>(name, request);
    if (!r.ok) throw new Error(`${name} was refused: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const counter: ServicesCounter = { services, act, must, connection: () => services.link.connection() };
  const code = hall.server.ctx.auth.createEnrollCode({ kind: 'counter', counterId: 'loket-1', ttlMinutes: 10 }).code;
  await must('enrollDevice', { url, code, name: 'PC Loket 1', fingerprint256: null });
  if (options.open === false) return counter;
  await eventually('the counter to come online', () => counter.connection().online);
  await must('signIn', { username: 'petugas01', pin: '1234' });
  await must('openCounter', { serviceIds: options.serviceIds ?? ['ktp-el'] });
  return counter;
}

/** A real hall server on 127.0.0.1 with an enrolled kiosk that issues tickets. */
export async function hallWithKiosk(cleanup: Cleanup): Promise<{ hall: TestHall; issue: (serviceId?: string) => Promise<Ticket> }> {
  const hall = await startTestHall();
  cleanup.push(() => hall.close());
  const kiosk = await hall.enroll('kiosk');
  return {
    hall,
    issue: async (serviceId = 'ktp-el') => {
      const res = await hall.api<Ticket>('POST', '/tickets', { token: kiosk, body: { serviceId } });
      if (res.status !== 201) throw new Error(`the kiosk could not issue a ticket: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
}

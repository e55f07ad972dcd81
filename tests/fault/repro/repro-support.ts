import type { ErrorInfo, Result } from '../../../core/errors.ts';
import type { ConnectionState } from '../../../core/ipc.ts';
import { createAppServices, type AppServices } from '../../../main/app-services.ts';
import { dispatch } from '../../../main/ipc/dispatch.ts';
import { starterHall } from '../../support/counter-host.ts';
import type { TestHall } from '../../support/hall-server.ts';

/**
 * Shared by the reproductions of replication bugs the fault suite found: one counter PC (the real
 * app services, in this process) enrolled with a hall server through `serverUrl` (a fault proxy),
 * petugas01 signed in, loket-1 open for ktp-el.
 */
export interface ReproCounter {
  services: AppServices;
  call<T = unknown>(name: string, request?: unknown): Promise<Result<T>>;
  waitOnline(timeoutMs?: number): Promise<void>;
}

export async function reproCounter(hall: TestHall, serverUrl: string, dataDir: string): Promise<ReproCounter> {
  const services = createAppServices({
    dataDir,
    hallConfig: starterHall(),
    counterId: 'loket-1',
    runtime: 'headless',
    version: 'repro',
    push: () => undefined,
    hall: { feed: { backoff: { initialMs: 50, maxMs: 200 }, heartbeatMs: 200 }, timeoutMs: 1000, log: { warn: () => undefined } },
    sync: { backoff: { initialMs: 50, maxMs: 200 } },
  });
  const call = async <T,>(name: string, request: unknown = {}): Promise<Result<T>> => (await dispatch(services.handlers, name, request)) as Result<T>;
  const must = async <T,>(name: string, request: unknown = {}): Promise<T> => {
    const r = await call<T>(name, request);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const waitOnline = async (timeoutMs = 5000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!(services.handlers.getConnection({}) as ConnectionState).online) {
      if (Date.now() > deadline) throw new Error('the counter did not come online');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const code = hall.server.ctx.auth.createEnrollCode({ kind: 'counter', counterId: 'loket-1', ttlMinutes: 10 }).code;
  await must('enrollDevice', { url: serverUrl, code, name: 'Repro PC', fingerprint256: null });
  await waitOnline();
  await must('signIn', { username: 'petugas01', pin: '1234' });
  await must('openCounter', { serviceIds: ['ktp-el'] });
  return { services, call, waitOnline };
}

export function describeResult(r: Result<unknown>): string {
  return r.ok ? `ok ${JSON.stringify(r.value)?.slice(0, 120)}` : describeError(r.error);
}

function describeError(e: ErrorInfo): string {
  return `refused ${e.code}: ${e.message}`;
}

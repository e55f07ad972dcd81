import type { HallConfig } from '../../core/domain.ts';
import { createAppServices } from '../../main/app-services.ts';

/**
 * A counter PC for a benchmark, in its own process as on the hall floor: the counter app's own
 * services (ledger, hall link, hardware) and nothing else, so that its event loop and its garbage
 * collector carry only what a counter's do (in the bench's process they also carried the hall
 * server's modules and the bench's own work). Driven over IPC: `{id, name, request}` calls a
 * handler and answers `{id, ok, value}` or `{id, ok: false, message}`; `linkOnline` says whether
 * the hall link is up; disconnecting closes the services and ends the process.
 * Argument: JSON `{ dataDir, hallConfig, counterId }`.
 */
interface Setup {
  dataDir: string;
  hallConfig: HallConfig;
  counterId: string;
}
export interface CounterPcCall {
  id: number;
  name: string;
  request?: unknown;
}
export type CounterPcAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

const setup = JSON.parse(process.argv[2] ?? '{}') as Setup;
const services = createAppServices({
  dataDir: setup.dataDir,
  hallConfig: setup.hallConfig,
  counterId: setup.counterId,
  runtime: 'headless',
  version: 'bench',
  push: () => undefined,
  hall: { log: { warn: () => undefined } },
});
const handlers = services.handlers as unknown as Record<string, (request: unknown) => unknown>;

const answer = (a: CounterPcAnswer): void => void process.send?.(a);
process.on('message', (m: CounterPcCall) => {
  if (m.name === 'linkOnline') return answer({ id: m.id, ok: true, value: services.link.online });
  const handler = handlers[m.name];
  if (handler === undefined) return answer({ id: m.id, ok: false, message: `no handler ${m.name}` });
  Promise.resolve()
    .then(() => handler(m.request ?? {}))
    .then(
      (value) => answer({ id: m.id, ok: true, value: value ?? null }),
      (error: unknown) => answer({ id: m.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
    );
});
process.on('disconnect', () => {
  services.close();
  process.exit(0);
});
process.send?.({ ready: true });

import { join } from 'node:path';
import type { HallConfig } from '../core/domain.ts';
import type { PushName, PushPayloadOf } from '../core/ipc.ts';
import { counterContextFrom } from './counter/counter-context.ts';
import { createCounterHandlers } from './counter/counter-handlers.ts';
import type { Handlers } from './ipc/dispatch.ts';
import { Ledger } from './ledger/ledger.ts';

export type PushSink = <K extends PushName>(name: K, payload: PushPayloadOf<K>) => void;

export interface AppServicesOptions {
  /** The app's data folder (Electron: app.getPath('userData')); the ledger lives here. */
  dataDir: string;
  hallConfig: HallConfig;
  counterId: string;
  runtime: 'electron' | 'headless';
  version: string;
  push: PushSink;
  now?: () => number;
}

export interface AppServices {
  readonly handlers: Handlers;
  readonly ledger: Ledger;
  close(): void;
}

export const LEDGER_FILE = 'ledger.sqlite';

/**
 * Constructs the counter app's main-side services, the same in Electron (main/index.ts) and in the
 * headless host (tests, dev:web): everything injected, nothing global.
 */
export function createAppServices(options: AppServicesOptions): AppServices {
  const now = options.now ?? Date.now;
  const ledger = Ledger.open({
    file: join(options.dataDir, LEDGER_FILE),
    timeZone: options.hallConfig.hall.timeZone,
    now,
  });
  const context = counterContextFrom(options.hallConfig, options.counterId, ledger.deviceId);
  const handlers = createCounterHandlers({
    ledger,
    context: () => context,
    officerId: () => null,
    now,
    version: options.version,
    runtime: options.runtime,
    onLedgerChanged: (lastSeq) => options.push('ledgerChanged', { lastSeq }),
  });
  return { handlers, ledger, close: () => ledger.close() };
}

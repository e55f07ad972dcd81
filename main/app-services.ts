import { join } from 'node:path';
import type { HallConfig } from '../core/domain.ts';
import type { SerialPortInfo } from '../core/hardware-ipc.ts';
import { LoketError } from '../core/errors.ts';
import type { CounterContext, PushName, PushPayloadOf } from '../core/ipc.ts';
import { counterContextFrom } from './counter/counter-context.ts';
import { createCounterHandlers, walkInNumber } from './counter/counter-handlers.ts';
import { sendQuickRating } from './counter/quick-rating.ts';
import { calledEventFor, createHallHandlers } from './counter/hall-handlers.ts';
import { createSerialQueue } from './counter/serial-queue.ts';
import { CounterHardware } from './hardware/counter-hardware.ts';
import type { Handlers } from './ipc/dispatch.ts';
import { Ledger } from './ledger/ledger.ts';
import { createDelivery } from './sync/delivery.ts';
import { loadEnrollment, loadHallConfig } from './sync/enrollment-store.ts';
import { HallLink, type HallLinkDeps } from './sync/hall-link.ts';
import { walkInsOnDay } from './ledger/queries.ts';
import { Replicator } from './sync/replicator.ts';
import { ServerClock } from './sync/server-clock.ts';
import { WalkInNumbers } from './sync/walkin-numbers.ts';
import { leaseWalkInsIfLow } from './sync/walkin-leasing.ts';
import { serviceDay } from '../core/service-day.ts';

export type PushSink = <K extends PushName>(name: K, payload: PushPayloadOf<K>) => void;

export interface AppServicesOptions {
  /** The app's data folder (Electron: app.getPath('userData')); the ledger lives here. */
  dataDir: string;
  /** Used only until this PC is enrolled with a hall server (then the hall's own configuration is). */
  hallConfig: HallConfig;
  /** Which counter this PC is until it is enrolled. */
  counterId: string;
  runtime: 'electron' | 'headless';
  version: string;
  push: PushSink;
  now?: () => number;
  /** Tuning of the hall-server link (tests: quick reconnects). */
  hall?: Pick<HallLinkDeps, 'webSocket' | 'feed' | 'timeoutMs' | 'log'>;
  /**
   * Serial ports to offer besides those the system lists: a simulated device (a PTY, which the
   * system never lists), or a port the installer knows about.
   */
  serialPorts?: SerialPortInfo[];
  /** Tuning of the outbox (tests: quick retries). */
  sync?: { backoff?: { initialMs: number; maxMs: number }; batchSize?: number };
}

export interface AppServices {
  readonly handlers: Handlers;
  readonly ledger: Ledger;
  readonly link: HallLink;
  close(): void;
}

export const LEDGER_FILE = 'ledger.sqlite';

/** Opens the ledger in the time zone of the hall this PC is enrolled with (cached), else the fallback's. */
function openLedger(file: string, fallbackZone: string, now: () => number, clock: ServerClock): Ledger {
  const open = (timeZone: string): Ledger => Ledger.open({ file, timeZone, now, serverOffsetMs: () => clock.offsetMs() });
  const ledger = open(fallbackZone);
  const enrollment = loadEnrollment(ledger);
  const zone = enrollment ? loadHallConfig(ledger, enrollment)?.hall.timeZone : undefined;
  if (zone === undefined || zone === fallbackZone) return ledger;
  ledger.close();
  return open(zone);
}

/**
 * Constructs the counter app's main-side services, the same in Electron (main/index.ts) and in the
 * headless host (tests, dev:web): everything injected, nothing global.
 */
export function createAppServices(options: AppServicesOptions): AppServices {
  const now = options.now ?? Date.now;
  const clock = new ServerClock();
  const ledger = openLedger(join(options.dataDir, LEDGER_FILE), options.hallConfig.hall.timeZone, now, clock);
  // Set once the outbox exists: every append is pushed at once.
  let replicator: Replicator | null = null;
  let hardware: CounterHardware | null = null;
  /** Set by close(): a reconnect still on its way must not touch the closed ledger. */
  let closed = false;
  // After the action's own answer: the display follows first (a frame of a few bytes; the visitor
  // watches it), then the windows re-read and the outbox pushes, once the officer's screen has its
  // result (the answer goes out in this turn of the event loop).
  const onLedgerChanged = (lastSeq: number): void => {
    setImmediate(() => {
      if (closed) return;
      hardware?.ledgerChanged(lastSeq);
      options.push('ledgerChanged', { lastSeq });
      replicator?.kick();
    });
  };
  const log = { warn: (message: string, detail?: unknown) => console.warn(`Loket hall link: ${message}`, detail ?? '') };
  let link: HallLink;
  try {
    link = new HallLink({ ledger, now, push: options.push, clock, log, ...options.hall });
  } catch (error) {
    ledger.close();
    throw error;
  }
  const outbox = new Replicator({
    ledger,
    link,
    now,
    onStatus: () => link.changed(),
    log,
    ...(options.sync?.backoff ? { backoff: options.sync.backoff } : {}),
    ...(options.sync?.batchSize ? { batchSize: options.sync.batchSize } : {}),
  });
  replicator = outbox;

  // Enrolled: the hall's configuration and the enrolled counter. Not yet: the starter fallback.
  let fallback: CounterContext | null = null;
  const context = (): CounterContext => {
    const hall = link.counterContext();
    if (hall) return hall;
    const enrolled = link.enrollment;
    if (enrolled && enrolled.counterId !== options.counterId) {
      // Enrolled, but the configuration never arrived: never record events under another counter's id.
      throw new LoketError(
        'server_unreachable',
        `This PC is enrolled for counter ${enrolled.counterId} but has not received the hall configuration yet. Connect it to the hall server once, then try again.`,
      );
    }
    return (fallback ??= counterContextFrom(options.hallConfig, options.counterId, ledger.deviceId));
  };

  const today = (): string => serviceDay(now() + clock.offsetMs(), context().timeZone);
  const walkIns = new WalkInNumbers(ledger, () => context().counter.id);
  const leaseWalkIns = (): Promise<void> => leaseWalkInsIfLow({ link, numbers: walkIns, day: today(), counterId: context().counter.id });
  link.attachOutbox({
    status: () => outbox.status(),
    walkInNumbersLeft: () => walkIns.left(today()),
    reconnected: async () => {
      if (closed) return;
      await outbox.reconnected();
      await leaseWalkIns().catch((error: unknown) => log.warn('Could not lease walk-in numbers', error));
      // A call whose answer was lost: ask again under its id, so the counter learns whom it called.
      const officer = link.officer();
      if (officer && !closed) {
        await serial(() => delivery.settlePendingCall((a) => calledEventFor(context().counter.id, officer.id, a)))
          .catch((error: unknown) => log.warn('Could not settle a call whose answer was lost', error));
      }
    },
  });

  const delivery = createDelivery({ link, ledger, replicator: outbox, now, onLedgerChanged, onCalled: (event) => hardware?.called(event) });
  // One counter action at a time, the app's own (settling a lost call) included.
  const serial = createSerialQueue();
  const local = createCounterHandlers({
    ledger,
    context,
    officerId: () => link.officer()?.id ?? null,
    now,
    version: options.version,
    runtime: options.runtime,
    onLedgerChanged,
    nextWalkInNumber: (day) => {
      if (!link.enrolled) return walkInNumber(context().counter.number, walkInsOnDay(ledger, day, context().counter.id) + 1);
      return walkIns.next(day);
    },
  });
  const hall = createHallHandlers({
    link,
    ledger,
    context,
    delivery,
    serial,
    local,
    now,
    walkIns: {
      ensure: async () => {
        // While online, numbers running out are topped up first; offline, the leased ones serve.
        await leaseWalkIns().catch((error: unknown) => {
          if (walkIns.left(today()) === 0) throw error;
        });
      },
    },
  });
  const device = new CounterHardware({
    ledger,
    handlers: { ...local, ...hall },
    counterId: () => context().counter.id,
    push: options.push,
    now,
    log,
    knownPorts: options.serialPorts ?? [],
    rate: (score) => sendQuickRating(link, ledger, context().counter.id, score),
  });
  hardware = device;
  const handlers: Handlers = {
    ...local,
    ...hall,
    listSerialPorts: () => device.listPorts(),
    getHardware: () => device.state(),
    connectHardware: (config) => device.connect(config),
    disconnectHardware: () => device.disconnect(),
    testDisplay: (test) => device.test(test),
  };
  link.start();
  device.start();
  return {
    handlers,
    ledger,
    link,
    close: () => {
      closed = true;
      void device.close();
      outbox.close();
      link.close();
      ledger.close();
    },
  };
}

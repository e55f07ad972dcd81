import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { HallConfigSchema, type Ticket } from '../../core/domain.ts';
import type { ErrorInfo, Result } from '../../core/errors.ts';
import type { ConnectionState } from '../../core/ipc.ts';
import { createAppServices, type AppServices } from '../../main/app-services.ts';
import { dispatch } from '../../main/ipc/dispatch.ts';
import { PENDING_CALL_KEY } from '../../main/sync/delivery.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { DRAIN_COMMAND, EXPECTED_REFUSALS, type DriverConfig, type DriverLine, type StatusLine } from './driver-protocol.ts';

/**
 * One counter PC with a busy officer, in its own process so the fault trial can SIGKILL it at any
 * moment: the real app services (ledger on disk, outbox, hall link) driven through `dispatch`, as
 * the counter page drives them. Run: `node --import tsx tests/fault/counter-driver.ts '<json>'`
 * (see DriverConfig). Every action the officer saw succeed is printed as an `ack` line the moment
 * it resolved, so the trial knows which events the counter promised, even after a kill.
 */

const config = JSON.parse(process.argv[2] ?? '') as DriverConfig;
const random = seededRandom(config.seed);
const QUIET = { warn: () => undefined };
/** A well-formed id of no ticket, for finishing what is not held. */
const NO_TICKET = '00000000-0000-4000-8000-000000000000';

const print = (line: DriverLine): void => void process.stdout.write(`${JSON.stringify(line)}\n`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const services: AppServices = createAppServices({
  dataDir: config.dataDir,
  // Replaced by the hall's own configuration at enrollment; read directly to keep start-up light.
  hallConfig: HallConfigSchema.parse(JSON.parse(readFileSync(new URL('../../resources/demo/starter-hall.json', import.meta.url), 'utf8'))),
  counterId: config.counterId,
  runtime: 'headless',
  version: 'fault',
  push: () => undefined,
  hall: { feed: { backoff: { initialMs: 50, maxMs: 400 }, heartbeatMs: 300 }, timeoutMs: 1500, log: QUIET },
  sync: { backoff: { initialMs: 50, maxMs: 500 }, batchSize: 50 },
});

let actions = 0;
let acks = 0;
const refusals: Record<string, number> = {};
const unexpected: string[] = [];
let draining = false;
let finished = false;

async function call<T>(name: string, request: unknown = {}): Promise<Result<T>> {
  return (await dispatch(services.handlers, name, request)) as Result<T>;
}

function refused(name: string, error: ErrorInfo): void {
  refusals[error.code] = (refusals[error.code] ?? 0) + 1;
  if (!EXPECTED_REFUSALS.has(error.code) && unexpected.length < 20) unexpected.push(`${name}: ${error.code}: ${error.message}`);
}

/** Runs an officer action; whatever it appended to the ledger is announced as acknowledged. */
async function act(name: string, request: unknown = {}): Promise<boolean> {
  const before = services.ledger.lastSeq();
  actions += 1;
  const result = await call(name, request);
  if (!result.ok) {
    refused(name, result.error);
    return false;
  }
  for (const e of services.ledger.eventsAfter(before, 100)) {
    acks += 1;
    print({ ack: e.seq, hash: e.hash, type: e.type, ticketId: e.ticketId });
  }
  return true;
}

/** Repeats a setup step until it succeeds; the network may be failing on purpose. */
async function persist(name: string, request: unknown): Promise<void> {
  for (let attempt = 0; !draining; attempt++) {
    if (await act(name, request)) return;
    await sleep(Math.min(500, 50 * 2 ** Math.min(attempt, 4)));
  }
}

async function ensureEnrolled(): Promise<void> {
  while (!services.link.enrolled && !draining) {
    const result = await call('enrollDevice', { url: config.serverUrl, code: config.enrollCode, name: `Fault ${config.counterId}`, fingerprint256: null });
    if (!result.ok) {
      refused('enrollDevice', result.error);
      if (result.error.code === 'enroll_code_invalid') throw new Error(`cannot enroll ${config.counterId}: ${result.error.message}`);
      await sleep(200);
    }
  }
}

/** An officer action and its request, for the ticket in hand (or none). */
type Action = [name: string, request?: unknown];

function officerActions(held: Ticket | null): { likely: Action[]; weights: number[]; odd: Action[] } {
  const walkIn: Action = ['startWalkIn', { serviceId: pick(config.serviceIds) }];
  const finish = (outcome: 'served' | 'pending'): Action => ['finishTicket', { ticketId: held?.id ?? NO_TICKET, outcome, note: null }];
  const onTicket: Action[] = [['recallTicket'], ['startServing'], ['markNoShow'], ['returnToQueue']];
  if (held === null) return { likely: [['callNext'], walkIn], weights: [0.75, 0.25], odd: [...onTicket, finish('served')] };
  if (held.status === 'called') {
    return { likely: [['recallTicket'], ['startServing'], ['markNoShow'], ['returnToQueue']], weights: [0.15, 0.55, 0.15, 0.15], odd: [['callNext'], walkIn, finish('served')] };
  }
  return { likely: [finish('served'), finish('pending')], weights: [0.65, 0.35], odd: [['callNext'], walkIn, ...onTicket] };
}

/**
 * One random officer step: mostly what makes sense for the ticket in hand, one time in ten
 * something that does not, so that refusals are exercised too.
 */
async function step(): Promise<void> {
  const current = await call<Ticket | null>('getCurrentTicket');
  const { likely, weights, odd } = officerActions(current.ok ? current.value : null);
  if (random() < 0.1) {
    const [name, request] = pick(odd);
    await act(name, request);
    return;
  }
  let r = random();
  for (const [i, [name, request]] of likely.entries()) {
    r -= weights[i] ?? 0;
    if (r < 0 || i === likely.length - 1) {
      await act(name, request);
      return;
    }
  }
}

function status(kind: StatusLine['status']): StatusLine {
  const connection = services.handlers.getConnection({}) as ConnectionState;
  return {
    status: kind,
    drained: kind === 'drained',
    actions,
    acks,
    refusals,
    unexpected,
    lastSeq: services.ledger.lastSeq(),
    ackedThrough: connection.sync.ackedThrough,
    pending: connection.sync.pending,
    lastError: connection.sync.lastError,
    online: connection.online,
    signedIn: connection.officer !== null,
    pendingCall: pendingCall(),
    rejected: connection.sync.rejected.map(({ seq, code, message }) => ({ seq, code, message })),
  };
}

/** A call-next whose answer never arrived, kept by the counter until it learns whom it called. */
function pendingCall(): string | null {
  const text = services.ledger.getSetting(PENDING_CALL_KEY);
  return text === null || text === '' ? null : text;
}

function end(kind: StatusLine['status'], code: number): never {
  if (!finished) {
    finished = true;
    print(status(kind));
    services.close();
  }
  process.exit(code);
}

/**
 * What the officer does on seeing no visitor at the counter while a call of theirs went
 * unanswered: call-next, which asks that call again first (its visitor is this counter's), after
 * finishing or returning whatever the counter holds. The counter asks a pending call again by
 * itself only on a reconnect with an officer signed in; otherwise at the next call-next.
 */
async function settleByHand(): Promise<void> {
  const current = await call<Ticket | null>('getCurrentTicket');
  const held = current.ok ? current.value : null;
  if (held === null) await act('callNext');
  else if (held.status === 'called') await act('returnToQueue');
  else await act('finishTicket', { ticketId: held.id, outcome: 'served', note: null });
}

/**
 * Waits until the counter has nothing left to tell or ask the server: every recorded event
 * acknowledged, the live feed up, and no call whose answer was lost still pending. Ending sooner
 * would cut off the reconnect's own work (the feed is online from its hello, before the pending
 * call is asked again): a counter kill that is never restarted. The officer is at the counter:
 * signed in again if a late restart left nobody signed in, and pressing call-next for a pending
 * call the counter has not settled after a second online.
 */
async function drain(): Promise<never> {
  const deadline = Date.now() + config.drainTimeoutMs;
  let onlineSince: number | null = null;
  let nextTry = 0;
  while (Date.now() < deadline) {
    const c = services.handlers.getConnection({}) as ConnectionState;
    const pending = pendingCall();
    if (c.online && c.sync.pending === 0 && !c.sync.sending && pending === null) return end('drained', 0);
    onlineSince = c.online ? (onlineSince ?? Date.now()) : null;
    if (onlineSince !== null && Date.now() >= nextTry) {
      nextTry = Date.now() + 250;
      if (c.officer === null) await act('signIn', { username: config.username, pin: config.pin });
      else if (pending !== null && c.sync.pending === 0 && Date.now() - onlineSince >= 1000) await settleByHand();
    }
    await sleep(50);
  }
  return end('drain_timeout', 3);
}

async function main(): Promise<void> {
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === DRAIN_COMMAND) draining = true;
  });
  process.on('SIGTERM', () => end('stopped', 0));
  const stopAt = Date.now() + config.durationMs;

  await ensureEnrolled();
  await persist('signIn', { username: config.username, pin: config.pin });
  await persist('openCounter', { serviceIds: config.serviceIds });
  print({ ready: true, ledgerId: services.ledger.deviceId, counterId: config.counterId, lastSeq: services.ledger.lastSeq() });

  while (!draining && actions < config.maxActions && Date.now() < stopAt) {
    await step();
    if ((services.handlers.getConnection({}) as ConnectionState).officer === null) {
      await persist('signIn', { username: config.username, pin: config.pin });
    }
    await sleep(Math.floor(random() * 40));
  }
  await drain();
}

main().catch((error: unknown) => {
  print({ log: `driver failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
  if (!finished) services.close();
  process.exit(2);
});

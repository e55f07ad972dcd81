import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LEDGER_FILE } from '../../main/app-services.ts';
import { HALL_DB_FILE } from '../../server/http/hall-server.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { startDriver, type DriverProcess } from './driver-process.ts';
import type { AckLine, DriverConfig } from './driver-protocol.ts';
import { describeStep, faultSchedule, type FaultStep } from './fault-schedule.ts';
import { HallProcess, installHall, prepareHallTemplate, settled, startIssuing, type HallTemplate } from './hall-fixture.ts';
import { checkInvariants } from './invariants.ts';

/** Shape and tooling of a trial; everything random comes from the seed, not from here. */
export interface TrialOptions {
  /** 2 or 3 counters of the same agency, so they compete for one queue. */
  counters?: number;
  /** How long network faults go on; kills and restarts come on top. */
  faultWindowMs?: number;
  /** A seeded demo hall to copy; without it the trial seeds its own (seconds slower). */
  template?: HallTemplate;
  /** Progress lines, for replaying a seed with the details. */
  log?: (line: string) => void;
  /** Leaves the trial's folder (hall database, ledgers) in place for a post-mortem; its path is logged. */
  keepFiles?: boolean;
}

/** One trial's verdict, with the counts that show it exercised something and the schedule to replay it. */
export interface TrialResult {
  seed: number;
  ok: boolean;
  violations: string[];
  counts: {
    events: number;
    acked: number;
    tickets: number;
    issued: number;
    finished: number;
    walkIns: number;
    faults: number;
    serverKills: number;
    counterKills: number;
    repliesLost: number;
    resets: number;
  };
  durations: { setupMs: number; faultsMs: number; drainMs: number; checkMs: number; totalMs: number };
  schedule: string[];
}

/** The counters of Disdukcapil in the demo hall, their officers, and the services they share. */
const COUNTERS = [
  { id: 'loket-1', username: 'petugas01' },
  { id: 'loket-2', username: 'petugas02' },
  { id: 'loket-3', username: 'petugas03' },
];
const SERVICES = ['ktp-el', 'kk', 'akta-lahir', 'akta-mati', 'pindah'];
const OFFICER_PIN = '1234';
const READY_TIMEOUT_MS = 30_000;
const DRAIN_TIMEOUT_MS = 25_000;
/** How long the server may take to apply what it acknowledged (a backlog is applied in the background). */
const SETTLE_TIMEOUT_MS = 5_000;
/** Port 9 (discard) is closed on 127.0.0.1: the proxy's upstream before the server is up. */
const UNUSED_PORT = 9;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Services a counter opens with: a seeded subset, always with the busiest one so counters compete. */
function openedServices(random: () => number): string[] {
  return ['ktp-el', ...SERVICES.slice(1).filter(() => random() < 0.6)];
}

/**
 * One seeded fault trial (issue 4, item 6): the hall server and 2–3 counter PCs in their own
 * processes, the counters reaching the server through the fault proxy; kiosk tickets arrive while
 * the network misbehaves and the server and counters are SIGKILLed and restarted at seeded
 * points. Then the network heals, every counter drains its outbox, everything stops, and the
 * invariants are checked on the files. Every process and folder is gone when it returns, also on
 * failure.
 */
export async function runTrial(seed: number, options: TrialOptions = {}): Promise<TrialResult> {
  const started = performance.now();
  const random = seededRandom(seed);
  const log = options.log ?? (() => undefined);
  const counterCount = options.counters ?? (random() < 0.5 ? 2 : 3);
  const counters = COUNTERS.slice(0, counterCount);
  const schedule = faultSchedule(seed, { counters: counterCount, windowMs: options.faultWindowMs ?? 3000 });
  const dir = makeTempDir('loket-fault-');
  const ownTemplate = options.template ? null : await prepareHallTemplate();
  const template = options.template ?? (ownTemplate as HallTemplate);
  const hall = new HallProcess(join(dir.path, 'hall'));
  const drivers: DriverProcess[] = [];
  const acks: AckLine[][] = counters.map(() => []);
  const violations: string[] = [];
  const durations = { setupMs: 0, faultsMs: 0, drainMs: 0, checkMs: 0, totalMs: 0 };
  const tally = { issued: 0, faults: 0, serverKills: 0, counterKills: 0, repliesLost: 0, resets: 0 };
  let proxy: FaultProxy | null = null;
  let issuing: ReturnType<typeof startIssuing> | null = null;
  let report: ReturnType<typeof checkInvariants> | null = null;

  try {
    mkdirSync(join(dir.path, 'hall'));
    const { enrollCodes, kioskToken } = installHall(template, join(dir.path, 'hall'), counters.map((c) => c.id));
    // The counters start while the server boots (both take a second or two): until the proxy is
    // pointed at the server, it resets their connections and they retry, as after a power cut.
    proxy = await startFaultProxy({ targetPort: UNUSED_PORT, seed });
    const booting = hall.start().then(() => (proxy as FaultProxy).retarget(hall.port));
    const configs: DriverConfig[] = counters.map((c, i) => {
      const dataDir = join(dir.path, c.id);
      mkdirSync(dataDir);
      return {
        dataDir,
        counterId: c.id,
        username: c.username,
        pin: OFFICER_PIN,
        serverUrl: (proxy as FaultProxy).url,
        enrollCode: enrollCodes[i] as string,
        seed: (seed * 31 + i) >>> 0,
        serviceIds: openedServices(random),
        durationMs: 120_000,
        maxActions: 100_000,
        drainTimeoutMs: DRAIN_TIMEOUT_MS - 2_000,
      };
    });
    configs.forEach((config, i) => (drivers[i] = startDriver(config, acks[i] as AckLine[])));
    await booting;
    const opened = [...new Set(configs.flatMap((c) => c.serviceIds))];
    issuing = startIssuing({ serverUrl: hall.url, kioskToken, serviceIds: opened, everyMs: 90, initial: 6, random: seededRandom(seed + 1) });
    await withTimeout(Promise.all(drivers.map((d) => d.ready)), READY_TIMEOUT_MS, 'starting the counters');
    durations.setupMs = performance.now() - started;
    log(`seed ${seed}: ${counterCount} counters ready in ${Math.round(durations.setupMs)} ms; schedule: ${schedule.map(describeStep).join(', ')}`);

    const faultsStarted = performance.now();
    const restarts = new Map<number, number>();
    for (const step of schedule) {
      await runStep(step, {
        proxy,
        hall,
        restartCounter: (i) => {
          const n = (restarts.get(i) ?? 0) + 1;
          restarts.set(i, n);
          const config = configs[i] as DriverConfig;
          drivers[i] = startDriver({ ...config, seed: (config.seed + n * 7919) >>> 0 }, acks[i] as AckLine[]);
        },
        killCounter: (i) => (drivers[i] as DriverProcess).kill(),
        tally,
      });
    }
    tally.issued = (await issuing.stop()).issued;
    issuing = null;
    durations.faultsMs = performance.now() - faultsStarted;

    const drainStarted = performance.now();
    proxy.clear();
    await proxy.up();
    const statuses = await Promise.all(drivers.map((d) => d.drain(DRAIN_TIMEOUT_MS)));
    durations.drainMs = performance.now() - drainStarted;
    statuses.forEach((status, i) => {
      const name = counters[i]?.id ?? `counter ${i + 1}`;
      if (status?.drained !== true) {
        violations.push(`${name} did not drain: ${status ? JSON.stringify(status) : 'no status'}; ${drivers[i]?.diagnostics() ?? ''}`.slice(0, 2000));
      }
      for (const u of status?.unexpected ?? []) violations.push(`${name}: unexpected failure ${u}`);
    });
    tally.repliesLost = proxy.stats.repliesLost;
    tally.resets = proxy.stats.resets;
    const hallFile = join(dir.path, 'hall', HALL_DB_FILE);
    if (!(await settled(hallFile, SETTLE_TIMEOUT_MS))) violations.push(`the server still had unapplied events ${SETTLE_TIMEOUT_MS} ms after the counters drained`);
    await hall.stop();

    const checkStarted = performance.now();
    report = checkInvariants(
      hallFile,
      counters.map((c, i) => ({ counterId: c.id, file: join(dir.path, c.id, LEDGER_FILE), acks: acks[i] as AckLine[] })),
    );
    violations.push(...report.violations);
    durations.checkMs = performance.now() - checkStarted;
  } catch (error) {
    violations.push(`trial aborted: ${error instanceof Error ? error.message : String(error)}`);
    drivers.forEach((d, i) => {
      if (d.diagnostics()) violations.push(`${counters[i]?.id ?? i} said: ${d.diagnostics().slice(-1500)}`);
    });
  } finally {
    await issuing?.stop();
    await Promise.all(drivers.map((d) => d.kill()));
    await hall.kill();
    await proxy?.close();
    if (options.keepFiles) log(`seed ${seed}: files kept in ${dir.path}`);
    else dir.remove();
    ownTemplate?.remove();
  }
  durations.totalMs = performance.now() - started;
  const counts = { events: 0, acked: 0, tickets: 0, finished: 0, walkIns: 0, ...report?.counts, ...tally };
  return { seed, ok: violations.length === 0, violations, counts, durations, schedule: schedule.map(describeStep) };
}

interface StepContext {
  proxy: FaultProxy;
  hall: HallProcess;
  killCounter(index: number): Promise<void>;
  restartCounter(index: number): void;
  tally: { faults: number; serverKills: number; counterKills: number };
}

/** Does one step of the schedule; the network is clean again when it returns. */
async function runStep(step: FaultStep, ctx: StepContext): Promise<void> {
  switch (step.kind) {
    case 'calm':
      return sleep(step.holdMs);
    case 'proxy':
      ctx.tally.faults += 1;
      ctx.proxy.set(step.faults);
      await sleep(step.holdMs);
      ctx.proxy.clear();
      return;
    case 'partition':
      ctx.tally.faults += 1;
      ctx.proxy.down();
      await sleep(step.holdMs);
      await ctx.proxy.up();
      return;
    case 'kill-server':
      ctx.tally.serverKills += 1;
      await ctx.hall.kill();
      await sleep(step.downMs);
      await ctx.hall.start();
      return;
    case 'kill-counter':
      ctx.tally.counterKills += 1;
      await ctx.killCounter(step.counter);
      await sleep(step.downMs);
      ctx.restartCounter(step.counter);
      return;
  }
}

import type { Faults } from '../support/fault-proxy.ts';
import { seededRandom } from '../support/seeded-random.ts';

/** One thing the trial does to the hall while the counters work. */
export type FaultStep =
  | { kind: 'proxy'; faults: Faults; holdMs: number; label: string }
  /** The server unplugged: open connections reset, new ones refused. */
  | { kind: 'partition'; holdMs: number }
  | { kind: 'kill-server'; downMs: number }
  | { kind: 'kill-counter'; counter: number; downMs: number }
  | { kind: 'calm'; holdMs: number };

/** The shape of a trial the schedule is made for. */
export interface ScheduleOptions {
  counters: number;
  /** How long the faults go on (kills and restarts come on top of it). */
  windowMs: number;
}

type Random = () => number;

const between = (random: Random, min: number, max: number): number => Math.round(min + random() * (max - min));

/** The network faults of the proxy, alone and mixed, each with a name for the trial's summary. */
function networkFault(random: Random): { faults: Faults; label: string } {
  const r = random();
  if (r < 0.18) return { label: 'latency', faults: { latencyMs: { min: 0, max: between(random, 20, 250) } } };
  if (r < 0.34) return { label: 'resets', faults: { resetProbability: 0.05 + random() * 0.3 } };
  if (r < 0.52) return { label: 'replies-lost', faults: { replyLostProbability: 0.2 + random() * 0.6 } };
  if (r < 0.66) return { label: 'blackhole', faults: { blackhole: true } };
  if (r < 0.76) return { label: 'slow-close', faults: { slowCloseMs: between(random, 50, 400), latencyMs: { min: 0, max: 40 } } };
  if (r < 0.84) return { label: 'bandwidth', faults: { bandwidthBytesPerS: between(random, 3_000, 30_000) } };
  return {
    label: 'mixed',
    faults: { latencyMs: { min: 0, max: between(random, 10, 120) }, resetProbability: random() * 0.15, replyLostProbability: random() * 0.4 },
  };
}

/**
 * The seeded plan of a trial: network faults one after another with calm gaps, plus (per seed)
 * one SIGKILL of the server and up to two of counters at random points. The plan depends on the
 * seed alone, so a failing trial is replayed with the same faults in the same order; the timing of
 * the processes around it is not reproducible, which is why every trial checks invariants rather
 * than expected outputs.
 */
export function faultSchedule(seed: number, options: ScheduleOptions): FaultStep[] {
  const random = seededRandom(seed ^ 0x5eed);
  const steps: FaultStep[] = [];
  for (let t = 0; t < options.windowMs; ) {
    const calm = between(random, 100, 400);
    steps.push({ kind: 'calm', holdMs: calm });
    const holdMs = between(random, 200, 900);
    if (random() < 0.15) steps.push({ kind: 'partition', holdMs });
    else steps.push({ kind: 'proxy', holdMs, ...networkFault(random) });
    t += calm + holdMs;
  }
  const kills: FaultStep[] = [];
  if (random() < 0.55) kills.push({ kind: 'kill-server', downMs: between(random, 0, 600) });
  const counterKills = random() < 0.75 ? (random() < 0.3 ? 2 : 1) : 0;
  for (let i = 0; i < counterKills; i++) kills.push({ kind: 'kill-counter', counter: Math.floor(random() * options.counters), downMs: between(random, 0, 400) });
  // Kills land between network faults, at seeded positions (never before the first step).
  for (const kill of kills) steps.splice(1 + Math.floor(random() * steps.length), 0, kill);
  return steps;
}

/** One step in words, for the trial's report and replay log. */
export function describeStep(step: FaultStep): string {
  switch (step.kind) {
    case 'proxy':
      return `${step.label} ${step.holdMs}ms`;
    case 'partition':
      return `partition ${step.holdMs}ms`;
    case 'kill-server':
      return `kill server (down ${step.downMs}ms)`;
    case 'kill-counter':
      return `kill counter ${step.counter + 1} (down ${step.downMs}ms)`;
    case 'calm':
      return `calm ${step.holdMs}ms`;
  }
}

import { parseArgs } from 'node:util';
import { runTrial, type TrialResult } from './fault-trial.ts';
import { prepareHallTemplate } from './hall-fixture.ts';

/**
 * The replication fault suite (issue 4, item 6): seeded trials one after another, one line each,
 * then the totals and the seeds that failed with the command that replays each. Exit code 1 if
 * any trial failed.
 *
 *   npm run test:fault                       100 trials, seeds 1…100
 *   npm run test:fault -- --trials 20 --from 500
 *   npm run test:fault -- --seed 17 [--keep] replay one trial with its progress (and keep its files)
 */
const HELP = `Usage: npm run test:fault -- [--trials N] [--from S] | [--seed S [--keep]]`;

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '100' },
    from: { type: 'string', default: '1' },
    seed: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

function whole(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    console.error(`--${name} must be a whole number from 0 to 2^32−1, got ${text}\n${HELP}`);
    process.exit(2);
  }
  return n;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function line(r: TrialResult): string {
  const c = r.counts;
  return [
    `seed ${String(r.seed).padEnd(6)}`,
    r.ok ? 'PASS' : 'FAIL',
    `events ${c.events} (acked ${c.acked})`,
    `tickets ${c.tickets} (finished ${c.finished}, walk-ins ${c.walkIns})`,
    `faults ${c.faults}`,
    `kills server ${c.serverKills} counter ${c.counterKills}`,
    `replies lost ${c.repliesLost}, resets ${c.resets}`,
    seconds(r.durations.totalMs),
  ].join('  ');
}

async function main(): Promise<number> {
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const replay = values.seed === undefined ? null : whole(values.seed, 'seed');
  const from = whole(values.from, 'from');
  const seeds = replay !== null ? [replay] : Array.from({ length: whole(values.trials, 'trials') }, (_, i) => (from + i) >>> 0);
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.log('Interrupted: stopping after this trial (Ctrl+C again to quit at once).');
  });

  const started = performance.now();
  const template = await prepareHallTemplate();
  const results: TrialResult[] = [];
  try {
    console.log(`Replication fault suite: ${seeds.length} trial${seeds.length === 1 ? '' : 's'}, seeds ${seeds[0]}…${seeds.at(-1)}`);
    for (const seed of seeds) {
      if (interrupted) break;
      const result = await runTrial(seed, {
        template,
        keepFiles: values.keep,
        ...(replay !== null ? { log: (text: string) => console.log(`  · ${text}`) } : {}),
      });
      results.push(result);
      console.log(line(result));
      if (!result.ok) {
        console.log(`  schedule: ${result.schedule.join(', ')}`);
        for (const v of result.violations) console.log(`  ✗ ${v}`);
      }
    }
  } finally {
    template.remove();
  }

  const failed = results.filter((r) => !r.ok);
  const sum = (pick: (r: TrialResult) => number): number => results.reduce((n, r) => n + pick(r), 0);
  const durations = results.map((r) => r.durations.totalMs).sort((a, b) => a - b);
  console.log('');
  console.log(
    `${results.length} trials: ${results.length - failed.length} passed, ${failed.length} failed` +
      ` | events ${sum((r) => r.counts.events)}, tickets ${sum((r) => r.counts.tickets)}, faults ${sum((r) => r.counts.faults)},` +
      ` server kills ${sum((r) => r.counts.serverKills)}, counter kills ${sum((r) => r.counts.counterKills)}` +
      ` | trial median ${seconds(durations[Math.floor(durations.length / 2)] ?? 0)}, longest ${seconds(durations.at(-1) ?? 0)}, total ${seconds(performance.now() - started)}`,
  );
  if (failed.length > 0) {
    console.log(`Failing seeds: ${failed.map((r) => r.seed).join(', ')}`);
    for (const r of failed) console.log(`  replay: npm run test:fault -- --seed ${r.seed}`);
  }
  return failed.length > 0 || interrupted ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

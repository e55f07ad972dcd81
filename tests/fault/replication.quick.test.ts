import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTrial } from './fault-trial.ts';
import { prepareHallTemplate, type HallTemplate } from './hall-fixture.ts';

/**
 * The short subset of the replication fault suite, run by `npm test`: three fixed seeds of the
 * full suite (`npm run test:fault`), each a hall server and counters in their own processes under
 * network faults and SIGKILLs. A failure prints its seed and violations; replay it with
 * `npm run test:fault -- --seed <seed>`.
 */
const SEEDS = [3, 13, 23];

describe('replication under faults (short subset of npm run test:fault)', () => {
  let template: HallTemplate;
  beforeAll(async () => {
    template = await prepareHallTemplate();
  });
  afterAll(() => template?.remove());

  it.each(SEEDS)('seed %i: after healing and draining, every invariant holds', async (seed) => {
    const result = await runTrial(seed, { template });
    const c = result.counts;
    console.log(
      `fault trial seed ${seed}: ${result.ok ? 'PASS' : 'FAIL'}, ${c.events} events, ${c.tickets} tickets, ${c.faults} faults, ` +
        `${c.serverKills} server / ${c.counterKills} counter kills, ${(result.durations.totalMs / 1000).toFixed(1)} s` +
        (result.ok ? '' : `\n  schedule: ${result.schedule.join(', ')}\n  replay: npm run test:fault -- --seed ${seed}`),
    );
    expect(result.violations).toEqual([]);
    expect(result.counts.events).toBeGreaterThan(0);
  }, 60_000);
});

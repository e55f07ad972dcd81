import { join } from 'node:path';
import { startHallProcess } from '../support/hall-process.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { bareCommitsPerSecond, percentile, round3 } from './baseline.ts';
import { SERVICES, api, enrollDevice, prepareBenchHall } from './bench-hall.ts';

/**
 * A kiosk issuing tickets into lines that nobody calls, against the real hall server (its own
 * process): how long a ticket takes when 40–80 wait per service and when 800 do. Each
 * answer carries the people ahead, so a server that reads the whole line for it slows down as the
 * line grows (`growth` = late p50 ÷ early p50; 1 means it does not). `ratio` compares the late
 * issues per second with a bare durable SQLite commit measured in the same run.
 */
const TICKETS = 4000;
const SAMPLE = 200;

export default async function issueBench(): Promise<Record<string, number | string>> {
  const dir = makeTempDir('loket-bench-issue-');
  const { kioskCode } = await prepareBenchHall(dir.path, 1);
  const server = await startHallProcess(dir.path);
  try {
    const kiosk = await enrollDevice(server.url, kioskCode);
    const latencies: number[] = [];
    let lastAhead = 0;
    for (let i = 0; i < TICKETS; i++) {
      const t0 = performance.now();
      const res = await api(server.url, 'POST', '/tickets', kiosk, { serviceId: SERVICES[i % SERVICES.length], priority: i % 5 === 0 ? 'priority' : 'normal' });
      latencies.push(performance.now() - t0);
      if (res.status !== 201) throw new Error(`issuing answered ${res.status}: ${JSON.stringify(res.json)}`);
      lastAhead = (res.json as { peopleAhead: number }).peopleAhead;
    }
    const p50 = (xs: number[]): number => percentile([...xs].sort((a, b) => a - b), 50);
    // After the first SAMPLE (the server's code warming up), while each line is still short.
    const early = p50(latencies.slice(SAMPLE, 2 * SAMPLE));
    const late = p50(latencies.slice(-SAMPLE));
    const baseline = bareCommitsPerSecond(join(dir.path, 'bare.db'), 400);
    return {
      tickets: TICKETS,
      waiting_per_service_at_end: TICKETS / SERVICES.length,
      last_people_ahead: lastAhead,
      early_p50_ms: round3(early),
      late_p50_ms: round3(late),
      late_p99_ms: round3(percentile([...latencies.slice(-SAMPLE)].sort((a, b) => a - b), 99)),
      growth: round3(late / early),
      baseline_commits_per_s: Math.round(baseline),
      ratio: round3(1000 / late / baseline),
    };
  } finally {
    await server.stop();
    dir.remove();
  }
}

import { join } from 'node:path';
import { HALL_DB_FILE } from '../../server/http/hall-server.ts';
import { openHallStore } from '../../server/store/open-store.ts';
import { startHallProcess } from '../support/hall-process.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { authorityOnlyAssignmentsPerSecond } from './authority-only.ts';
import { bareCommitsPerSecond, percentile, processCpuMs, round3 } from './baseline.ts';
import { SERVICES, api, enrollDevice, openBenchCounter, prepareBenchHall } from './bench-hall.ts';

/**
 * 100 counters calling next against the real hall server (its own process) over one shared queue;
 * each counter calls, then marks the visitor a no-show, and calls again.
 *
 * Two phases, because one number cannot be both: a saturated phase, every counter calling again the
 * moment its previous call is done, gives the most assignments per second the server sustains
 * (`assignments_per_s`, and `ratio` to a bare durable SQLite commit measured in the same run); a
 * paced phase, each counter calling every PACE_MS on average (a hall fifty times busier than a real
 * peak, where a counter calls every few minutes), gives the latency an officer feels (`p50_ms`,
 * `p99_ms`). Duplicates are counted in the database afterwards.
 *
 * Where the time goes, measured in the same run: the CPU the server process and this load
 * generator use per assignment in the saturated phase (`*_cpu_us_per_assignment`; the server is
 * one event loop, so about 1 000 000 µs a second is all it has), the floor HTTP alone sets, and the
 * same calls and no-shows on the queue authority in this process with no HTTP at all
 * (`authority_only_*`), the ceiling for any HTTP server in front of it.
 */
const COUNTERS = 100;
const SATURATED_TICKETS = 4000;
const PACED_TICKETS = 2000;
/** Mean interval between one counter's calls in the paced phase: 100 counters → 500 calls/s. */
const PACE_MS = 200;

export default async function callNextBench(): Promise<Record<string, number | string>> {
  const dir = makeTempDir('loket-bench-call-');
  const { codes, kioskCode } = await prepareBenchHall(dir.path, COUNTERS);

  const server = await startHallProcess(dir.path);
  try {
    const kiosk = await enrollDevice(server.url, kioskCode);
    const sessions: string[] = [];
    for (let i = 0; i < COUNTERS; i++) sessions.push(await openBenchCounter(server.url, codes[i] as string, i));
    const issue = async (n: number): Promise<void> => {
      for (let i = 0; i < n; i++) {
        await api(server.url, 'POST', '/tickets', kiosk, { serviceId: SERVICES[i % SERVICES.length], priority: i % 5 === 0 ? 'priority' : 'normal' });
      }
    };
    const assigned: string[] = [];
    /** One counter's loop until nobody waits; `pause` is the officer's time between calls. */
    const run = async (i: number, latencies: number[], pause: () => number): Promise<void> => {
      const token = sessions[i] as string;
      for (;;) {
        const wait = pause();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const t0 = performance.now();
        const res = await api(server.url, 'POST', `/counters/c${i + 1}/call-next`, token);
        latencies.push(performance.now() - t0);
        if (res.status === 204) return;
        if (res.status !== 200) throw new Error(`call-next answered ${res.status}: ${JSON.stringify(res.json)}`);
        const { ticket, leaseEpoch } = res.json as { ticket: { id: string }; leaseEpoch: number };
        assigned.push(ticket.id);
        await api(server.url, 'POST', `/tickets/${ticket.id}/no-show`, token, { leaseEpoch });
      }
    };

    // The floor HTTP itself sets on this machine: 100 clients asking GET /health as fast as they can.
    let healthAnswers = 0;
    const floorEnd = performance.now() + 2000;
    await Promise.all(
      Array.from({ length: COUNTERS }, async () => {
        while (performance.now() < floorEnd) {
          await api(server.url, 'GET', '/health', null);
          healthAnswers += 1;
        }
      }),
    );
    const httpFloorPerSecond = healthAnswers / 2;

    await issue(SATURATED_TICKETS);
    const saturatedLatencies: number[] = [];
    const serverCpuBefore = processCpuMs(server.child.pid ?? -1);
    const ownCpuBefore = process.cpuUsage();
    const started = performance.now();
    await Promise.all(Array.from({ length: COUNTERS }, (_, i) => run(i, saturatedLatencies, () => 0)));
    const seconds = (performance.now() - started) / 1000;
    const saturatedAssignments = assigned.length;
    const serverCpuAfter = processCpuMs(server.child.pid ?? -1);
    const ownCpu = process.cpuUsage(ownCpuBefore);

    await issue(PACED_TICKETS);
    const latencies: number[] = [];
    let seed = 42;
    const jitter = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return (seed / 2 ** 31) * 2 * PACE_MS;
    };
    await Promise.all(Array.from({ length: COUNTERS }, (_, i) => run(i, latencies, jitter)));
    await server.stop();

    const check = openHallStore(join(dir.path, HALL_DB_FILE));
    const calledTwice = check.prepare('SELECT COUNT(*) FROM tickets WHERE call_count <> 1').pluck().get() as number;
    check.close();
    const duplicates = assigned.length - new Set(assigned).size + calledTwice;
    const baseline = bareCommitsPerSecond(join(dir.path, 'bare.db'), 400);
    const authorityOnly = await authorityOnlyAssignmentsPerSecond(COUNTERS, SATURATED_TICKETS);
    const perAssignment = (cpuMs: number): number => Math.round((cpuMs * 1000) / saturatedAssignments);
    const sorted = [...latencies].sort((a, b) => a - b);
    const perSecond = saturatedAssignments / seconds;
    return {
      counters: COUNTERS,
      assignments: assigned.length,
      paced_calls_per_s: Math.round((COUNTERS * 1000) / PACE_MS),
      assignments_per_s: Math.round(perSecond),
      p50_ms: round3(percentile(sorted, 50)),
      p99_ms: round3(percentile(sorted, 99)),
      duplicates,
      // Latency while every counter calls back-to-back (queueing behind 99 others), for comparison.
      saturated_p99_ms: round3(percentile([...saturatedLatencies].sort((a, b) => a - b), 99)),
      baseline_commits_per_s: Math.round(baseline),
      ratio: round3(perSecond / baseline),
      // Each assignment is two requests (call-next, no-show): the most HTTP alone would allow.
      http_floor_requests_per_s: Math.round(httpFloorPerSecond),
      ...(serverCpuBefore !== null && serverCpuAfter !== null ? { server_cpu_us_per_assignment: perAssignment(serverCpuAfter - serverCpuBefore) } : {}),
      load_generator_cpu_us_per_assignment: perAssignment((ownCpu.user + ownCpu.system) / 1000),
      authority_only_assignments_per_s: Math.round(authorityOnly),
      authority_only_ratio: round3(authorityOnly / baseline),
    };
  } finally {
    await server.stop();
    dir.remove();
  }
}

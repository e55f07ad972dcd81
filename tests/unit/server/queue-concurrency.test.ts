import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { HallConfig } from '../../../core/domain.ts';
import type { WorkerInput, WorkerOutput } from './call-next-worker.ts';
import { hallConfig, makeHall, officer, type TestHall } from './fixtures.ts';

const WORKER = fileURLToPath(new URL('./call-next-worker.ts', import.meta.url));
const COUNTERS = 20;
const TICKETS = 2000;

let hall: TestHall | undefined;
afterEach(() => hall?.close());

/** A worker thread running TypeScript: tsx's loader is registered inside it before the script loads. */
function startWorker(input: WorkerInput): { ready: Promise<void>; done: Promise<WorkerOutput> } {
  const source = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL(`file://${WORKER}`).href)}); });`;
  const worker = new Worker(source, { eval: true, workerData: input });
  let readyResolve: () => void = () => {};
  const ready = new Promise<void>((r) => (readyResolve = r));
  const done = new Promise<WorkerOutput>((resolve, reject) => {
    worker.on('message', (m: 'ready' | WorkerOutput) => (m === 'ready' ? readyResolve() : resolve(m)));
    worker.on('error', reject);
    worker.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`worker for ${input.counterId} exited with ${code}`))));
  });
  return { ready, done };
}

/**
 * DESIGN.md §5: one ticket is never given to two counters. Twenty counter "PCs", each a worker
 * thread with its own connection and QueueAuthority on the same hall database, call next, start and
 * finish as fast as they can until nobody waits. A call refused with `server_busy` (the write lock
 * stayed taken past the busy timeout, which happens on a loaded machine) changed nothing and is
 * sent again, as an HTTP client would.
 */
describe('concurrent call-next from many connections', () => {
  it(`${COUNTERS} authorities on ${COUNTERS} connections call ${TICKETS} tickets: each exactly once, none lost`, async () => {
    const base = hallConfig();
    const counters: HallConfig['counters'] = Array.from({ length: COUNTERS }, (_, i) => ({
      id: `loket-${i + 1}`,
      number: i + 1,
      agencyId: 'disdukcapil',
      services: [
        { serviceId: 'ktp', weight: 1 + (i % 3) },
        { serviceId: 'kk', weight: 1 },
      ],
    }));
    hall = makeHall({ ...base, counters }, Date.now());
    const h = hall;
    h.db.transaction(() => {
      for (let i = 0; i < TICKETS; i++) {
        h.queue.issueTicket({ serviceId: i % 3 ? 'ktp' : 'kk', channel: 'kiosk', priority: i % 7 ? 'normal' : 'priority' });
      }
    })();
    for (const c of counters) h.queue.openCounter(c.id, officer(c.number), ['ktp', 'kk']);
    const issued = h.db.prepare(`SELECT id FROM tickets WHERE status = 'waiting'`).pluck().all() as string[];
    expect(issued).toHaveLength(TICKETS);

    const gate = new SharedArrayBuffer(4);
    const workers = counters.map((c) => startWorker({ file: h.file, counterId: c.id, gate }));
    await Promise.all(workers.map((w) => w.ready));
    Atomics.store(new Int32Array(gate), 0, 1);
    Atomics.notify(new Int32Array(gate), 0);
    const results = await Promise.all(workers.map((w) => w.done));

    expect(results.filter((r) => r.error !== null)).toEqual([]);
    const calls = results.flatMap((r) => r.calls);
    const ids = calls.map((c) => c.ticketId);
    // Every ticket called exactly once, none lost.
    expect(ids).toHaveLength(TICKETS);
    expect(new Set(ids).size).toBe(TICKETS);
    expect([...ids].sort()).toEqual([...issued].sort());
    // Every call got its own lease epoch.
    expect(new Set(calls.map((c) => c.leaseEpoch)).size).toBe(TICKETS);
    // Several connections really interleaved their writes (SQLite's lock is not fair, and on two
    // cores a few fast connections may drain the queue: what matters is that they competed).
    expect(results.filter((r) => r.calls.length > 0).length).toBeGreaterThanOrEqual(3);

    expect(h.db.prepare(`SELECT status, COUNT(*) AS n FROM tickets GROUP BY status`).all()).toEqual([{ status: 'done', n: TICKETS }]);
    expect(h.db.prepare(`SELECT COUNT(*) FROM ticket_log WHERE action = 'ticket.called'`).pluck().get()).toBe(TICKETS);
    expect(h.db.prepare(`SELECT COUNT(*) FROM (SELECT ticket_id FROM ticket_log WHERE action = 'ticket.called' GROUP BY ticket_id HAVING COUNT(*) > 1)`).pluck().get()).toBe(0);
    expect(h.db.prepare('SELECT COUNT(*) FROM counter_state WHERE current_ticket_id IS NOT NULL').pluck().get()).toBe(0);
    expect(h.db.prepare('SELECT last_epoch FROM fencing').pluck().get()).toBe(TICKETS);
    expect(h.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 120_000);
});

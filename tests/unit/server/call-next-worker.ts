import { parentPort, workerData } from 'node:worker_threads';
import { QueueAuthority, ServerBusyError } from '../../../server/queue/queue-authority.ts';
import { openHallStore } from '../../../server/store/open-store.ts';

/**
 * One counter PC's share of the concurrency test (queue-concurrency.test.ts), run in a worker
 * thread with its own connection to the hall database: waits for the start signal, then calls
 * next, starts and finishes until nobody waits, and reports every ticket it was given.
 */
export interface WorkerInput {
  file: string;
  counterId: string;
  /** Int32Array over a SharedArrayBuffer; the test sets [0] = 1 to start every worker at once. */
  gate: SharedArrayBuffer;
}
export interface WorkerOutput {
  counterId: string;
  calls: { ticketId: string; leaseEpoch: number }[];
  /** Calls refused with `server_busy` (the lock stayed taken past the busy timeout) and retried. */
  busyRetries: number;
  error: string | null;
}

const input = workerData as WorkerInput;
const db = openHallStore(input.file);
const queue = new QueueAuthority({ db, now: Date.now, publish: () => {} });
const calls: WorkerOutput['calls'] = [];
let error: string | null = null;
let busyRetries = 0;

/** As an HTTP client would on 503: `server_busy` changed nothing, so the same call is sent again. */
function retryBusy<T>(action: () => T): T {
  for (;;) {
    try {
      return action();
    } catch (e) {
      if (!(e instanceof ServerBusyError)) throw e;
      busyRetries++;
    }
  }
}
const gate = new Int32Array(input.gate);
parentPort?.postMessage('ready');
Atomics.wait(gate, 0, 0);
try {
  for (;;) {
    const called = retryBusy(() => queue.callNext(input.counterId, `officer-${input.counterId}`));
    if (called === null) break;
    calls.push({ ticketId: called.ticket.id, leaseEpoch: called.leaseEpoch });
    retryBusy(() => queue.start(called.ticket.id, input.counterId, called.leaseEpoch));
    retryBusy(() => queue.finish(called.ticket.id, input.counterId, called.leaseEpoch, 'served', null));
  }
} catch (e) {
  error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
} finally {
  db.close();
}
const output: WorkerOutput = { counterId: input.counterId, calls, busyRetries, error };
parentPort?.postMessage(output);

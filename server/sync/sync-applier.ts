import type { QueueAuthority } from '../queue/queue-authority.ts';
import { applyStored } from './receive-push.ts';
import { laggingLedgers } from './sync-store.ts';

/** Events applied per transaction: small enough that counters' calls interleave with a catch-up. */
export const APPLY_CHUNK = 250;
/** How long after the last push the applier waits before it takes the database again. */
const PUSH_QUIET_MS = 250;

/**
 * Applies acknowledged events to the live queue in the background, a chunk per transaction, until
 * every ledger is caught up: a counter returning with a day of offline work is acknowledged in
 * seconds, and the queue follows without stalling the other counters. A counter's own call waits
 * until its events are applied (`settled`), so it never calls on a stale view of itself.
 */
export class SyncApplier {
  private running: Promise<void> | null = null;
  private waiters: { counterId: string | null; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private closed = false;
  /** False only once a run found nothing left to apply: calls then skip the check entirely. */
  private mayLag = true;
  /** Set by schedule(): work may have arrived after the running loop last looked. */
  private again = false;
  private lastPushAt = 0;
  /** Pushes being checked or stored now (a large one is checked on another thread for a while). */
  private pushesInFlight = 0;

  constructor(
    private readonly queue: QueueAuthority,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Starts applying if there is work (after a large push, and once at start-up). */
  schedule(): void {
    if (this.closed) return;
    this.mayLag = true;
    this.again = true;
    this.running ??= this.run().finally(() => {
      this.running = null;
      if (this.again && !this.closed) this.schedule();
    });
  }

  /**
   * A push is being checked and stored: the applier yields to pushes until it is done and for a
   * moment after, so that a counter's backlog is acknowledged (durable, off the PC's conscience)
   * as fast as possible, and applied right after. Call the returned function when the push is done.
   */
  pushArrived(): () => void {
    this.pushesInFlight += 1;
    this.lastPushAt = performance.now();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.pushesInFlight -= 1;
      this.lastPushAt = performance.now();
    };
  }

  /** Resolves once no ledger of this counter (every counter: null) waits to be applied. */
  async settled(counterId: string | null): Promise<void> {
    if (!this.mayLag || !this.lagging(counterId)) return;
    await new Promise<void>((resolve, reject) => {
      this.waiters.push({ counterId, resolve, reject });
      this.schedule();
    });
  }

  close(): void {
    this.closed = true;
  }

  private lagging(counterId: string | null): boolean {
    return this.queue.replicateRead((tx) => laggingLedgers(tx, counterId).length > 0);
  }

  private async run(): Promise<void> {
    try {
      for (;;) {
        if (this.closed) return;
        // Yield to pushes still arriving, unless a counter is waiting to call.
        if (this.waiters.length === 0 && (this.pushesInFlight > 0 || performance.now() - this.lastPushAt < PUSH_QUIET_MS)) {
          await new Promise((resolve) => setTimeout(resolve, PUSH_QUIET_MS));
          continue;
        }
        this.again = false;
        const applied = await this.queue.submit((q) =>
          q.replicate((tx) => {
            const ledger = laggingLedgers(tx, null)[0];
            return ledger === undefined ? 0 : applyStored(tx, ledger, APPLY_CHUNK);
          }),
        );
        this.release();
        if (applied === 0) {
          if (this.again) continue;
          this.mayLag = false;
          return;
        }
        // Let requests that arrived meanwhile in before the next chunk.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      // Closing the server while a chunk was queued: the events stay stored and are applied at start-up.
      if (!this.closed) this.onError(error);
      for (const w of this.waiters.splice(0)) w.reject(error);
    }
  }

  private release(): void {
    for (const w of [...this.waiters]) {
      if (this.lagging(w.counterId)) continue;
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve();
    }
  }
}

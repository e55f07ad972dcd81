import type { Database } from 'better-sqlite3';
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../threads/ts-worker.ts';
import type { CheckpointerData, CheckpointerReply, CheckpointerRequest, CheckpointResult } from './wal-checkpoint-worker.ts';

/** SQLite's own default: the connection that commits checkpoints once the WAL holds this many pages. */
export const SQLITE_AUTOCHECKPOINT_PAGES = 1000;
/**
 * How often the thread checkpoints while the WAL keeps up. Each checkpoint syncs the database file,
 * and on ext4 that delays the writer's own WAL syncs: every 100 ms raised the press-to-display p99
 * by about 2 ms against once a second, which still keeps the WAL to a few MB under load.
 */
export const CHECKPOINT_INTERVAL_MS = 1000;

/**
 * Checkpoints the hall database's WAL on a thread of its own. By default SQLite checkpoints inside
 * the commit that fills the WAL to 1000 pages: copying ~4 MB into the database file and syncing it
 * stalls that commit, and every request behind it, for 4–9 ms on this hardware (1% of commits).
 * Here the server's connection does not checkpoint on its own (`wal_autocheckpoint = 0`); the
 * thread copies the WAL into the database file with PASSIVE checkpoints, which neither wait for
 * nor block the writer. But the WAL only starts over once a checkpoint has copied every frame, and
 * a writer that commits while the thread copies always leaves some behind: so after each of the
 * thread's checkpoints the server's connection checkpoints the few frames left, between requests,
 * and its next commit starts the WAL over. If the thread cannot run or dies, the connection
 * checkpoints on its own again, as by default.
 */
export class WalCheckpointer {
  private worker: Worker | null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (r: CheckpointResult) => void; reject: (e: Error) => void }>();
  private readonly stopped: Promise<void>;

  constructor(
    private readonly db: Database,
    file: string,
    private readonly onError: (error: Error) => void,
    intervalMs = CHECKPOINT_INTERVAL_MS,
  ) {
    const data: CheckpointerData = { file, intervalMs };
    const worker = startTsWorker(new URL('./wal-checkpoint-worker.ts', import.meta.url), { workerData: data });
    worker.unref();
    this.worker = worker;
    worker.on('message', (reply: CheckpointerReply) => this.receive(reply));
    worker.on('error', (error) => this.lost(error));
    this.stopped = once(worker, 'exit').then(
      ([code]) => this.lost(new Error(`the checkpoint thread exited (code ${String(code)})`)),
      () => undefined,
    );
  }

  /** Whether the thread is checkpointing (false before it is ready, after it failed or stopped). */
  get running(): boolean {
    return this.worker !== null && this.db.open && this.db.pragma('wal_autocheckpoint', { simple: true }) === 0;
  }

  /** Checkpoints now, on the thread; what the WAL holds afterwards. */
  checkpointNow(): Promise<CheckpointResult> {
    const worker = this.worker;
    if (worker === null) return Promise.reject(new Error('the checkpoint thread is not running'));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ kind: 'now', id } satisfies CheckpointerRequest);
    });
  }

  /** Last checkpoint and the thread's end; the server's connection checkpoints on its own again. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (worker === null) return;
    worker.postMessage({ kind: 'stop' } satisfies CheckpointerRequest);
    await this.stopped;
  }

  private receive(reply: CheckpointerReply): void {
    switch (reply.kind) {
      case 'ready':
        this.db.pragma('wal_autocheckpoint = 0');
        return;
      case 'checkpointed':
        this.finishCheckpoint();
        return;
      case 'done': {
        const waiter = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        waiter?.resolve({ log: reply.log, checkpointed: reply.checkpointed });
        return;
      }
      case 'failed': {
        const error = new Error(`checkpointing the hall database failed: ${reply.message}`);
        if (reply.id === undefined) return this.lost(error);
        const waiter = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        waiter?.reject(error);
        return;
      }
      case 'stopped':
        this.handBack();
        return;
    }
  }

  /** Copies what the thread's checkpoint left; on the event loop, so never inside a transaction of the server's. */
  private finishCheckpoint(): void {
    if (!this.db.open || this.db.inTransaction) return;
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      // The WAL then starts over after a later checkpoint; the server keeps serving meanwhile.
      this.onError(new Error(`checkpointing the hall database failed: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  private lost(error: Error): void {
    if (this.worker === null) return;
    this.handBack();
    this.onError(new Error(`${error.message}; the server's connection checkpoints on its own from now on`, { cause: error }));
  }

  /** The connection checkpoints on its own again; pending requests fail. */
  private handBack(): void {
    this.worker = null;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    for (const waiter of this.waiting.values()) waiter.reject(new Error('the checkpoint thread stopped'));
    this.waiting.clear();
  }
}

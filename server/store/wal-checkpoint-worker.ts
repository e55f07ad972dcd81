import Sqlite from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The WAL checkpointer's thread (wal-checkpointer.ts): its own connection to the hall database,
 * copying committed WAL frames back into the database file with PASSIVE checkpoints, which never
 * wait for and never block the server's writer or readers.
 */
export interface CheckpointerData {
  file: string;
  intervalMs: number;
}

export interface CheckpointResult {
  /** Frames in the WAL, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

export type CheckpointerRequest = { kind: 'now'; id: number } | { kind: 'stop' };
export type CheckpointerReply =
  | { kind: 'ready' }
  | ({ kind: 'done'; id: number } & CheckpointResult)
  /** A periodic checkpoint, for the server's connection to finish (wal-checkpointer.ts). */
  | ({ kind: 'checkpointed' } & CheckpointResult)
  /** With `id`: that request failed. Without: the thread gave up and ends. */
  | { kind: 'failed'; id?: number; message: string }
  | { kind: 'stopped' };

const { file, intervalMs } = workerData as CheckpointerData;
const port = parentPort;
if (port === null) throw new Error('wal-checkpoint-worker.ts runs as a worker thread');

const db = new Sqlite(file, { fileMustExist: true });
// A checkpoint syncs the WAL before it copies and the database file after: FULL, as on every connection.
db.pragma('synchronous = FULL');
if (db.pragma('journal_mode', { simple: true }) !== 'wal') throw new Error(`${file} is not in WAL mode`);

function checkpoint(): CheckpointResult {
  const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
  return { log: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0 };
}

let timer: NodeJS.Timeout | null = null;
const schedule = (): void => {
  timer = setTimeout(() => {
    try {
      port.postMessage({ kind: 'checkpointed', ...checkpoint() } satisfies CheckpointerReply);
      schedule();
    } catch (error) {
      // The server's connection takes over checkpointing when this thread ends.
      port.postMessage({ kind: 'failed', message: messageOf(error) } satisfies CheckpointerReply);
      end();
    }
  }, intervalMs);
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function end(): void {
  if (timer !== null) clearTimeout(timer);
  db.close();
  port?.close();
}

port.on('message', (request: CheckpointerRequest) => {
  if (request.kind === 'now') {
    try {
      port.postMessage({ kind: 'done', id: request.id, ...checkpoint() } satisfies CheckpointerReply);
    } catch (error) {
      port.postMessage({ kind: 'failed', id: request.id, message: messageOf(error) } satisfies CheckpointerReply);
    }
    return;
  }
  if (timer !== null) clearTimeout(timer);
  try {
    checkpoint();
  } finally {
    port.postMessage({ kind: 'stopped' } satisfies CheckpointerReply);
    end();
  }
});

schedule();
port.postMessage({ kind: 'ready' } satisfies CheckpointerReply);

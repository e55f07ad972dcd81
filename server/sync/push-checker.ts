import type { Worker } from 'node:worker_threads';
import { LoketError } from '../../core/errors.ts';
import { startTsWorker } from '../threads/ts-worker.ts';
import { parsePushBody } from './push-body.ts';
import type { CheckReply, CheckRequest } from './push-check-worker.ts';
import { fromFlat, validatePush, type CheckedPush, type PushSource } from './validate-push.ts';

/** Pushes up to this size (a live counter's few events) are checked on the event loop: no thread hop. */
export const INLINE_CHECK_MAX_BYTES = 64 * 1024;

/**
 * Parses and checks pushes (validate-push.ts). A backlog drain sends thousands of events per push,
 * and checking them (JSON, shape, data, SHA-256 of each) costs more than storing them; a worker
 * thread does that for large pushes, so the event loop stays free to store the previous push and
 * to answer calls, boards and live pushes meanwhile. Small pushes are checked inline.
 */
interface Pending {
  request: CheckRequest;
  resolve: (p: CheckedPush) => void;
  reject: (e: Error) => void;
}

export class PushChecker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** The thread could not run (or died): everything is checked inline from then on. */
  private broken = false;
  private ready: Promise<void> = Promise.resolve();
  private markReady: () => void = () => undefined;

  constructor(private readonly inlineMaxBytes = INLINE_CHECK_MAX_BYTES) {}

  check(body: Uint8Array, source: PushSource): Promise<CheckedPush> {
    if (body.byteLength <= this.inlineMaxBytes || this.broken) return checkInline(body, source);
    return new Promise((resolve, reject) => {
      const request: CheckRequest = { id: this.nextId++, body, source: { counterId: source.counterId } };
      this.pending.set(request.id, { request, resolve, reject });
      this.thread().postMessage(request);
    });
  }

  /**
   * Starts the thread now instead of at the first large push: loading the checker's code takes a
   * moment. Resolves once it is ready (or has failed, and pushes are checked inline).
   */
  warmUp(): Promise<void> {
    if (this.broken) return Promise.resolve();
    this.thread();
    return this.ready;
  }

  /** Whether the thread failed, so that every push is now checked on the event loop. */
  get threadFailed(): boolean {
    return this.broken;
  }

  close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('the hall server is shutting down'));
    return worker === null ? Promise.resolve() : worker.terminate().then(() => undefined);
  }

  private thread(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = startTsWorker(new URL('./push-check-worker.ts', import.meta.url));
    worker.unref();
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    worker.on('message', (reply: CheckReply) => ('ready' in reply ? this.markReady() : this.settle(reply)));
    const lost = (why: unknown): void => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.broken = true;
      this.markReady();
      console.error('Loket: the push checker thread failed; pushes are checked on the main thread from now on', why);
      for (const { request, resolve, reject } of this.pending.values()) checkInline(request.body, request.source).then(resolve, reject);
      this.pending.clear();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`exit code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: Exclude<CheckReply, { ready: true }>): void {
    const waiting = this.pending.get(reply.id);
    if (waiting === undefined) return;
    this.pending.delete(reply.id);
    if (reply.ok) return waiting.resolve({ deviceId: reply.deviceId, events: fromFlat(reply.flat) });
    const { error } = reply;
    if ('unexpected' in error) return waiting.reject(new Error(`checking a push failed: ${error.unexpected}`));
    waiting.reject(new LoketError(error.code, error.message, error.field));
  }

  private failAll(why: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(why);
    this.pending.clear();
  }
}

function checkInline(body: Uint8Array, source: PushSource): Promise<CheckedPush> {
  try {
    return Promise.resolve(validatePush(parsePushBody(body), source));
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

import type { z } from 'zod';
import { LoketError } from '../../core/errors.ts';
import type { SyncStatus } from '../../core/ipc.ts';
import {
  MAX_PUSH_EVENTS,
  SyncCursorResponseSchema,
  SyncPushResponseSchema,
  type SyncPushResponse,
  type SyncRejection,
} from '../../core/sync-api.ts';
import type { LedgerEvent } from '../../core/events.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { Caller } from './hall-link.ts';
import type { ServerClock } from './server-clock.ts';

/** What the replicator needs of the hall link: requests as this PC, and the clock they sample. */
export interface ReplicatorLink {
  request<S extends z.ZodType>(caller: Caller, method: string, path: string, schema: S, body?: unknown): Promise<z.output<S> | null>;
  readonly clock: ServerClock;
  readonly enrolled: boolean;
}

export interface ReplicatorDeps {
  ledger: Ledger;
  link: ReplicatorLink;
  now: () => number;
  /** After every change of what `status()` says (progress, errors, rejections). */
  onStatus: (status: SyncStatus) => void;
  batchSize?: number;
  /** Retries after a failed push: first after initialMs, doubling up to maxMs, each jittered to 50–100 %. */
  backoff?: { initialMs: number; maxMs: number };
  random?: () => number;
  log?: { warn(message: string, detail?: unknown): void } | undefined;
}

export const ACKED_KEY = 'sync.acked_through';
const KEEP_REJECTIONS = 20;
/** Pushes in flight at once while a backlog drains. */
const PUSH_WINDOW = 2;

/**
 * The ledger is the outbox (DESIGN.md §5): every event above the acknowledged seq is pushed to the
 * hall server, at once after each append and in batches while a backlog exists. Events count as
 * delivered only from the server's answer (`ackedThrough`), so a retry after a lost answer is
 * harmless. Failures retry with capped, jittered backoff; on every reconnect the server's cursor
 * is read first.
 */
export class Replicator {
  private acked: number;
  private running: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private attempts = 0;
  private lastError: string | null = null;
  private readonly rejected: (SyncRejection & { at: number })[] = [];
  private closed = false;
  /**
   * Cursor questions on their way (reconnects can overlap): no push may overtake any of them, or
   * the server would see the PC behind what it holds and raise a false restored-copy alarm.
   */
  private askingCursor = 0;
  private waiters: { seq: number; resolve: (ok: boolean) => void }[] = [];

  constructor(private readonly deps: ReplicatorDeps) {
    this.acked = Number(deps.ledger.getSetting(ACKED_KEY) ?? 0);
  }

  status(): SyncStatus {
    const pending = Math.max(0, this.deps.ledger.lastSeq() - this.acked);
    return {
      pending,
      sending: this.running !== null,
      ackedThrough: this.acked,
      lastError: pending === 0 ? null : this.lastError,
      rejected: this.rejected.map(({ seq, code, message, at }) => ({ seq, code, message, at })),
    };
  }

  /** Pushes what is waiting, now (a retry already scheduled is brought forward). */
  kick(): void {
    if (this.closed || !this.deps.link.enrolled || this.askingCursor > 0) return;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    this.running ??= this.drain().finally(() => {
      this.running = null;
      this.report();
      // Recorded while the last answer was on its way, after the loop looked.
      if (!this.closed && this.retryTimer === null && this.deps.ledger.lastSeq() > this.acked) this.kick();
    });
  }

  /**
   * Resolves true once every event recorded so far is acknowledged, false if that does not happen
   * within `timeoutMs` (offline: the events stay in the outbox and go later).
   */
  flush(timeoutMs: number): Promise<boolean> {
    const seq = this.deps.ledger.lastSeq();
    if (this.acked >= seq) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { seq, resolve };
      this.waiters.push(waiter);
      const timer = setTimeout(() => this.settle(waiter, false), timeoutMs);
      timer.unref();
      this.kick();
    });
  }

  /**
   * On every (re)connect: where does the server stand with this ledger? Ahead of the PC (restored
   * from an old copy): number new events above it. Behind what the PC thinks it acknowledged (the
   * server was restored): send those events again. Then drain.
   */
  async reconnected(): Promise<void> {
    if (this.closed || !this.deps.link.enrolled) return;
    const ledger = this.deps.ledger;
    // A push on its way would make the PC look behind the server while the cursor is read.
    this.askingCursor += 1;
    await this.running?.catch(() => undefined);
    try {
      const sentAt = this.deps.now();
      const cursor = await this.deps.link.request(
        'device',
        'GET',
        `/sync/cursor?deviceId=${encodeURIComponent(ledger.deviceId)}&lastSeq=${ledger.lastSeq()}`,
        SyncCursorResponseSchema,
      );
      if (cursor) {
        this.deps.link.clock.sample(cursor.serverTime, sentAt, this.deps.now());
        if (cursor.ackedThrough > ledger.lastSeq()) {
          this.deps.log?.warn(`The hall server holds this ledger up to ${cursor.ackedThrough}, beyond this PC's ${ledger.lastSeq()}: it was restored from an old copy. New events continue above.`);
          ledger.continueAbove(cursor.ackedThrough);
        }
        if (cursor.ackedThrough < this.acked) this.setAcked(cursor.ackedThrough);
      }
    } catch (error) {
      this.lastError = describe(error);
    } finally {
      this.askingCursor -= 1;
    }
    this.kick();
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    for (const w of this.waiters.splice(0)) w.resolve(false);
  }

  private async drain(): Promise<void> {
    const { ledger, link } = this.deps;
    const size = Math.min(this.deps.batchSize ?? 500, MAX_PUSH_EVENTS);
    this.report();
    type Outcome = { ok: true; answer: SyncPushResponse | null } | { ok: false; error: unknown };
    interface Sent {
      lastSent: number;
      sentAt: number;
      outcome: Promise<Outcome>;
    }
    const send = (batch: LedgerEvent[]): Sent => ({
      lastSent: batch.at(-1)?.seq ?? this.acked,
      sentAt: this.deps.now(),
      outcome: link.request('device', 'POST', '/sync/push', SyncPushResponseSchema, { deviceId: ledger.deviceId, events: batch }).then(
        (answer): Outcome => ({ ok: true, answer }),
        (error: unknown): Outcome => ({ ok: false, error }),
      ),
    });
    // Two batches in flight: while the server stores one, the next is read and sent, so a backlog
    // drains at the pace of the server. The server answers each with what it holds without a gap.
    const window: Sent[] = [];
    const fill = (): void => {
      while (window.length < PUSH_WINDOW) {
        const from = window.at(-1)?.lastSent ?? this.acked;
        const batch = ledger.eventsAfter(from, size);
        if (batch.length === 0) return;
        window.push(send(batch));
      }
    };
    fill();
    while (!this.closed && window.length > 0) {
      const head = window.shift() as Sent;
      const result = await head.outcome;
      try {
        if (!result.ok) throw result.error;
        const answer = result.answer;
        if (answer === null) throw new LoketError('internal', 'The hall server answered the push without a body.');
        link.clock.sample(answer.serverTime, head.sentAt, this.deps.now());
        this.lastError = null;
        this.attempts = 0;
        for (const r of answer.rejected) this.noteRejection(r);
        if (answer.ackedThrough > this.acked) this.setAcked(answer.ackedThrough);
        if (answer.ackedThrough > ledger.lastSeq()) ledger.continueAbove(answer.ackedThrough);
        this.report();
        if (this.acked < head.lastSent) {
          // The server did not take all of it: what is in flight is answered, then sent again from here.
          await Promise.all(window.splice(0).map((w) => w.outcome));
          const stuck = this.acked;
          const retry = send(ledger.eventsAfter(this.acked, size));
          window.push(retry);
          const again = await retry.outcome;
          window.length = 0;
          if (!again.ok) throw again.error;
          if (again.answer && again.answer.ackedThrough > this.acked) this.setAcked(again.answer.ackedThrough);
          if (this.acked === stuck) throw new LoketError('internal', `The hall server did not take event ${this.acked + 1}; trying again later.`);
        }
      } catch (error) {
        this.lastError = describe(error);
        this.scheduleRetry();
        return;
      }
      fill();
    }
  }

  private setAcked(seq: number): void {
    this.acked = seq;
    // The server's cursor is read on every reconnect, and a re-sent event is taken once: a cursor
    // lost with the power costs a resend, so it does not wait for the disk.
    this.deps.ledger.setSettingUnsynced(ACKED_KEY, String(seq));
    for (const w of [...this.waiters]) if (w.seq <= seq) this.settle(w, true);
  }

  private settle(waiter: { seq: number; resolve: (ok: boolean) => void }, ok: boolean): void {
    const i = this.waiters.indexOf(waiter);
    if (i < 0) return;
    this.waiters.splice(i, 1);
    waiter.resolve(ok);
  }

  private noteRejection(r: SyncRejection): void {
    if (this.rejected.some((x) => x.seq === r.seq && x.code === r.code)) return;
    this.rejected.unshift({ ...r, at: this.deps.now() });
    this.rejected.length = Math.min(this.rejected.length, KEEP_REJECTIONS);
    this.deps.log?.warn(`The hall server did not apply event ${r.seq} (${r.code}): ${r.message}`);
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    const { initialMs, maxMs } = this.deps.backoff ?? { initialMs: 500, maxMs: 15_000 };
    const base = Math.min(maxMs, initialMs * 2 ** Math.min(this.attempts, 20));
    this.attempts += 1;
    const delay = Math.round(base * (0.5 + 0.5 * (this.deps.random ?? Math.random)()));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, delay);
    this.retryTimer.unref();
  }

  private report(): void {
    if (!this.closed) this.deps.onStatus(this.status());
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

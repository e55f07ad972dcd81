import type { StreamMessage } from '../../core/stream.ts';
import type { HallContext } from '../http/hall-context.ts';
import { RELEASE_SWEEP_INTERVAL_MS, hasExpiredBookings, releaseExpiredBookings } from './booking-release.ts';
import { enqueueNearlyTurn, nearlyTurnCandidates, servicesWithWaiting } from './nearly-turn.ts';
import { AttemptLimiter } from './rate-limits.ts';
import { trackState } from './track-state.ts';
import { TrackWatchers } from './track-watchers.ts';
import { readWebhookConfig } from './webhook-config-store.ts';
import { WebhookDispatcher } from './webhook-dispatcher.ts';

/** Wrong phone digits allowed per booking code before cancelling it is paused. */
export const CANCEL_ATTEMPTS = { max: 5, windowMs: 15 * 60_000 } as const;

/**
 * What the visitor's side keeps running beside its routes, one per hall server (no module state):
 * live tracking streams, the release sweep for bookings not checked in, the "nearly your turn"
 * detector and the webhook outbox sender. It follows the queue through the live feed's in-process
 * listeners; `close()` stops all of it before the database closes.
 */
export class VisitorRuntime {
  readonly watchers: TrackWatchers;
  readonly dispatcher: WebhookDispatcher;
  readonly cancelAttempts: AttemptLimiter;
  private readonly changedServices = new Set<string>();
  private nearlyTimer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private unlisten: (() => void) | null = null;
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly ctx: HallContext) {
    this.watchers = new TrackWatchers({ compute: (code) => ctx.queue.snapshot((tx) => trackState(tx, code)) });
    this.dispatcher = new WebhookDispatcher({ queue: ctx.queue, now: ctx.now });
    this.cancelAttempts = new AttemptLimiter(CANCEL_ATTEMPTS, ctx.now);
  }

  start(): void {
    this.unlisten = this.ctx.hub.listen((m) => this.onMessage(m));
    this.sweepReleases();
    this.sweepTimer = setInterval(() => this.sweepReleases(), RELEASE_SWEEP_INTERVAL_MS);
    this.sweepTimer.unref();
    // Whatever a crash or a stop left undetected, then whatever the outbox still holds.
    this.detectNearlyTurn('all');
    this.dispatcher.start();
  }

  /** The webhook configuration changed: look at every service again, and at the outbox. */
  webhookChanged(): void {
    this.detectNearlyTurn('all');
    this.dispatcher.kick();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unlisten?.();
    if (this.sweepTimer !== null) clearInterval(this.sweepTimer);
    if (this.nearlyTimer !== null) clearTimeout(this.nearlyTimer);
    this.watchers.close();
    await this.dispatcher.close();
    await Promise.allSettled([...this.pending]);
  }

  private onMessage(message: StreamMessage): void {
    this.watchers.onMessage(message);
    if (message.type !== 'ticket') return;
    this.changedServices.add(message.ticket.serviceId);
    if (this.nearlyTimer === null) {
      this.nearlyTimer = setTimeout(() => {
        this.nearlyTimer = null;
        const services = [...this.changedServices];
        this.changedServices.clear();
        this.detectNearlyTurn(services);
      }, 20);
      this.nearlyTimer.unref();
    }
  }

  /** Stores the release of expired bookings (reads already show them released); writes only when there are some. */
  private sweepReleases(): void {
    if (!this.ctx.queue.snapshot((tx) => hasExpiredBookings(tx))) return;
    this.track(
      this.ctx.queue.submit((q) => q.transact((tx) => releaseExpiredBookings(tx))),
      'releasing expired bookings failed; the next sweep tries again',
    );
  }

  /** Looks first (a read), and writes only when some ticket needs its message: most queue changes need none. */
  private detectNearlyTurn(services: readonly string[] | 'all'): void {
    const needed = this.ctx.queue.snapshot((tx) => {
      const config = readWebhookConfig(tx);
      return nearlyTurnCandidates(tx, services === 'all' ? servicesWithWaiting(tx) : services, config).length > 0;
    });
    if (!needed) return;
    const queued = this.ctx.queue.submit((q) =>
      q.transact((tx) => enqueueNearlyTurn(tx, services === 'all' ? servicesWithWaiting(tx) : services, readWebhookConfig(tx))),
    );
    this.track(
      queued.then((n) => {
        if (n > 0) this.dispatcher.kick();
      }),
      'queueing "nearly your turn" messages failed; the next queue change tries again',
    );
  }

  private track(work: Promise<unknown>, failure: string): void {
    const p = work
      .catch((error: unknown) => {
        if (!this.closed) console.error(`Loket: ${failure}`, error);
      })
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }
}

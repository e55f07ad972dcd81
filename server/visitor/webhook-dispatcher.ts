import { createHmac } from 'node:crypto';
import { WEBHOOK_SIGNATURE_HEADER, type WebhookPayload } from '../../core/visitor-api.ts';
import type { QueueAuthority } from '../queue/queue-authority.ts';
import type { StoredPayload } from './nearly-turn.ts';
import { webhookRetryDelayMs } from './webhook-backoff.ts';
import { readWebhookConfig, type WebhookConfig } from './webhook-config-store.ts';

export interface WebhookDispatcherDeps {
  queue: QueueAuthority;
  now: () => number;
  /** The longest real-time pause between looks at the outbox, ms (the clock may be a test's). */
  pollMs?: number;
  /** How long one request may take, ms. */
  timeoutMs?: number;
}

interface OutboxRow {
  id: number;
  ticket_id: string;
  payload: string;
  attempts: number;
  ticket_status: string;
}

const BATCH = 20;
/** A message about a ticket that has ended is not worth sending any more. */
const ENDED = new Set(['done', 'cancelled', 'transferred']);

/**
 * Sends the webhook outbox (`webhook_outbox`) to the hall's gateway: due messages one at a time,
 * each a POST of its JSON body (signed when the hall set a secret), 2xx = delivered; anything else
 * is tried again after a capped exponential backoff (webhook-backoff.ts), until it gives up. The
 * outbox is in the hall database, so a restart carries on where it stopped. Bodies hold phone
 * numbers: nothing of them is logged; `last_error` keeps only the status or the network error.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private readonly abort = new AbortController();

  constructor(private readonly deps: WebhookDispatcherDeps) {}

  start(): void {
    this.kick();
  }

  /** Look at the outbox now (a message was queued, the configuration changed). */
  kick(): void {
    if (this.closed) return;
    if (this.running !== null) {
      this.again = true;
      return;
    }
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.drain()
      .catch((error: unknown) => {
        if (!this.closed) console.error('Loket: sending the webhook outbox failed; it is tried again', error);
      })
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        } else this.sleep();
      });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.abort.abort();
    await this.running;
  }

  private sleep(): void {
    if (this.closed) return;
    const next = this.deps.queue.snapshot(
      (tx) =>
        tx.sql('SELECT MIN(next_attempt_at) AS at FROM webhook_outbox WHERE delivered_at IS NULL AND gave_up_at IS NULL').get() as {
          at: number | null;
        },
    ).at;
    // Nothing pending: a new message or a configuration change kicks it awake.
    if (next === null) return;
    const wait = Math.min(this.deps.pollMs ?? 1000, Math.max(0, next - this.deps.now()));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, wait);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const { config, due } = this.deps.queue.snapshot((tx) => ({
        config: readWebhookConfig(tx),
        due: tx
          .sql(
            `SELECT o.id, o.ticket_id, o.payload, o.attempts, t.status AS ticket_status
             FROM webhook_outbox o JOIN tickets t ON t.id = o.ticket_id
             WHERE o.delivered_at IS NULL AND o.gave_up_at IS NULL AND o.next_attempt_at <= ?
             ORDER BY o.next_attempt_at, o.id LIMIT ${BATCH}`,
          )
          .all(this.deps.now()) as OutboxRow[],
      }));
      // Switched off: messages wait in the outbox until the webhook is on again.
      if (!config.enabled || config.url === null || due.length === 0) return;
      for (const row of due) {
        if (this.closed) return;
        if (ENDED.has(row.ticket_status)) {
          await this.record(row, { ok: false, error: `not sent: the ticket is ${row.ticket_status}`, giveUp: true });
          continue;
        }
        await this.record(row, await this.send(row, config));
      }
    }
  }

  private async send(row: OutboxRow, config: WebhookConfig): Promise<{ ok: true } | { ok: false; error: string }> {
    const body: WebhookPayload = { ...(JSON.parse(row.payload) as StoredPayload), deliveryId: row.id };
    const text = JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Loket hall server' };
    if (config.secret !== null) headers[WEBHOOK_SIGNATURE_HEADER] = `sha256=${createHmac('sha256', config.secret).update(text).digest('hex')}`;
    try {
      const res = await fetch(config.url as string, {
        method: 'POST',
        headers,
        body: text,
        redirect: 'error',
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.deps.timeoutMs ?? 5000)]),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.ok ? { ok: true } : { ok: false, error: `HTTP ${res.status}` };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { ok: false, error: cause ?? (error instanceof Error ? error.name : 'request failed') };
    }
  }

  private async record(row: OutboxRow, outcome: { ok: true } | { ok: false; error: string; giveUp?: boolean }): Promise<void> {
    if (this.closed) return;
    await this.deps.queue.submit((q) =>
      q.transact((tx) => {
        if (outcome.ok) {
          tx.sql('UPDATE webhook_outbox SET attempts = attempts + 1, delivered_at = ?, last_error = NULL WHERE id = ?').run(tx.at, row.id);
          return;
        }
        const attempts = row.attempts + (outcome.giveUp ? 0 : 1);
        const delay = outcome.giveUp ? null : webhookRetryDelayMs(attempts);
        if (delay === null) {
          tx.sql('UPDATE webhook_outbox SET attempts = ?, last_error = ?, gave_up_at = ? WHERE id = ?').run(attempts, outcome.error, tx.at, row.id);
        } else {
          tx.sql('UPDATE webhook_outbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?').run(attempts, outcome.error, tx.at + delay, row.id);
        }
      }),
    );
  }
}

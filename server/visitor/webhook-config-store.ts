import type { WebhookConfigResponse } from '../../core/visitor-api.ts';
import type { Sql } from './service-info-store.ts';

/** The hall's outbound webhook; off until the admin sets it. */
export interface WebhookConfig {
  url: string | null;
  nearlyTurnAhead: number;
  enabled: boolean;
  secret: string | null;
}

export const DEFAULT_NEARLY_TURN_AHEAD = 3;

export function readWebhookConfig(q: Sql): WebhookConfig {
  const row = q.sql('SELECT url, nearly_turn_ahead, enabled, secret FROM webhook_config WHERE id = 1').get() as
    | { url: string | null; nearly_turn_ahead: number; enabled: number; secret: string | null }
    | undefined;
  if (row === undefined) return { url: null, nearlyTurnAhead: DEFAULT_NEARLY_TURN_AHEAD, enabled: false, secret: null };
  return { url: row.url, nearlyTurnAhead: row.nearly_turn_ahead, enabled: row.enabled === 1, secret: row.secret };
}

/** Stores the configuration; a `secret` left out (undefined) keeps the stored one. */
export function writeWebhookConfig(
  q: Sql,
  input: { url: string | null; nearlyTurnAhead: number; enabled: boolean; secret?: string | null | undefined },
  at: number,
): void {
  const secret = input.secret === undefined ? readWebhookConfig(q).secret : input.secret;
  q.sql(
    `INSERT INTO webhook_config (id, url, nearly_turn_ahead, enabled, secret, updated_at) VALUES (1, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET url = excluded.url, nearly_turn_ahead = excluded.nearly_turn_ahead,
       enabled = excluded.enabled, secret = excluded.secret, updated_at = excluded.updated_at`,
  ).run(input.url, input.nearlyTurnAhead, input.enabled ? 1 : 0, secret, at);
}

/** What the admin sees: the configuration without its secret, and how the outbox stands. */
export function webhookStatus(q: Sql): WebhookConfigResponse {
  const c = readWebhookConfig(q);
  const counts = q
    .sql(
      `SELECT COUNT(*) FILTER (WHERE delivered_at IS NULL AND gave_up_at IS NULL) AS pending,
              COUNT(delivered_at) AS delivered, COUNT(gave_up_at) AS gave_up FROM webhook_outbox`,
    )
    .get() as { pending: number; delivered: number; gave_up: number };
  return {
    url: c.url,
    nearlyTurnAhead: c.nearlyTurnAhead,
    enabled: c.enabled,
    hasSecret: c.secret !== null,
    outbox: { pending: counts.pending, delivered: counts.delivered, gaveUp: counts.gave_up },
  };
}

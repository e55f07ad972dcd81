import { orderWaiting } from '../../core/queue-order.ts';
import type { WebhookPayload } from '../../core/visitor-api.ts';
import type { QueueTx } from '../queue/context.ts';
import { hallSettings, serviceInfo } from '../queue/hall.ts';
import { waitingInService, type WaitingTicket } from '../queue/queries.ts';
import type { WebhookConfig } from './webhook-config-store.ts';

/** The body as stored; the delivery id (the outbox row's id) is added when it is sent. */
export type StoredPayload = Omit<WebhookPayload, 'deliveryId'>;

/** Services with someone waiting: a start-up scan catches what a crash or a restart missed. */
export function servicesWithWaiting(tx: QueueTx): string[] {
  return (tx.sql(`SELECT DISTINCT service_id FROM tickets WHERE status = 'waiting'`).all() as { service_id: string }[]).map((r) => r.service_id);
}

/**
 * The waiting tickets of these services with `nearlyTurnAhead` people or fewer ahead (in the order
 * the hall calls them) that have no "nearly your turn" message yet. Read-only: the hall looks with
 * this first and writes only when there is something to queue.
 */
export function nearlyTurnCandidates(tx: QueueTx, serviceIds: Iterable<string>, config: WebhookConfig): (WaitingTicket & { position: number })[] {
  if (!config.enabled || config.url === null) return [];
  const { policy } = hallSettings(tx);
  const out: (WaitingTicket & { position: number })[] = [];
  for (const serviceId of serviceIds) {
    for (const t of orderWaiting(waitingInService(tx, serviceId), policy, tx.at)) {
      if (t.position - 1 > config.nearlyTurnAhead) continue;
      if (tx.sql(`SELECT 1 FROM webhook_outbox WHERE ticket_id = ? AND kind = 'nearly_your_turn'`).get(t.id) === undefined) out.push(t);
    }
  }
  return out;
}

/**
 * Puts a "nearly your turn" message in the outbox for each of `nearlyTurnCandidates`: once per
 * ticket, whatever happens to its position later. The phone goes in only for a ticket from an
 * online booking. Returns how many it queued.
 */
export function enqueueNearlyTurn(tx: QueueTx, serviceIds: Iterable<string>, config: WebhookConfig): number {
  let queued = 0;
  for (const t of nearlyTurnCandidates(tx, serviceIds, config)) {
    const code = (tx.sql('SELECT tracking_code FROM tickets WHERE id = ?').get(t.id) as { tracking_code: string }).tracking_code;
    if (code === '') continue;
    const service = serviceInfo(tx, t.serviceId);
    const booking = tx.sql(`SELECT phone FROM bookings WHERE code = ? AND status = 'checked_in'`).get(code) as { phone: string } | undefined;
    const payload: StoredPayload = {
      kind: 'nearly_your_turn',
      at: tx.at,
      ticketNumber: t.number,
      trackingCode: code,
      serviceId: t.serviceId,
      serviceName: service.name,
      agencyName: service.agencyName,
      peopleAhead: t.position - 1,
      phone: booking?.phone ?? null,
    };
    tx.sql(`INSERT INTO webhook_outbox (ticket_id, kind, payload, created_at, next_attempt_at) VALUES (?, 'nearly_your_turn', ?, ?, ?)`).run(
      t.id,
      JSON.stringify(payload),
      tx.at,
      tx.at,
    );
    queued++;
  }
  return queued;
}

import { QuickRatingResponseSchema } from '../../core/visitor-api.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { HallLink } from '../sync/hall-link.ts';

/** The visitor a rating is about: the ticket this counter finished last (or holds now). */
function ratedTicket(ledger: Ledger, counterId: string): string | null {
  const row = ledger
    .sql<{ counterId: string }, { ticketId: string }>(
      `SELECT ticket_id AS ticketId FROM events
        WHERE counter_id = @counterId AND ticket_id IS NOT NULL AND type IN ('ticket.finished', 'ticket.called', 'walkin.served')
        ORDER BY seq DESC LIMIT 1`,
    )
    .get({ counterId });
  return row?.ticketId ?? null;
}

/**
 * A score from the counter's rating pad (`$RATE`, LSP/1) sent to the hall server as a quick rating,
 * kept apart from the SKM survey's IKM. It needs the officer signed in and the hall online: a
 * rating is a moment's opinion, not a record, so offline it is dropped and the serial log says so.
 */
export async function sendQuickRating(link: HallLink, ledger: Ledger, counterId: string, score: number): Promise<string> {
  if (!link.online || link.officer() === null) return 'not sent: the hall server is offline or nobody is signed in';
  const ticketId = ratedTicket(ledger, counterId);
  const body = ticketId === null ? { value: score } : { value: score, ticketId };
  const saved = await link.request('officer', 'POST', `/counters/${encodeURIComponent(counterId)}/quick-rating`, QuickRatingResponseSchema, body);
  return saved ? `recorded for ${ticketId ?? 'no ticket'}` : 'not recorded';
}

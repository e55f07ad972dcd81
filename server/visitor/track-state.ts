import type { TicketStatus } from '../../core/domain.ts';
import type { TrackStreamData } from '../../core/visitor-api.ts';
import type { QueueTx } from '../queue/context.ts';
import { track } from '../queue/queries.ts';
import { findBooking, toPublicBooking } from './booking-view.ts';

/** The live ticket of a tracking code: the newest one not transferred on (a transfer keeps the code). */
export function liveTicketOf(tx: QueueTx, code: string): { id: string; status: TicketStatus; number: string } | undefined {
  const chain = tx.sql('SELECT id, status, number FROM tickets WHERE tracking_code = ? ORDER BY issued_at, rowid').all(code) as {
    id: string;
    status: TicketStatus;
    number: string;
  }[];
  return chain.filter((t) => t.status !== 'transferred').at(-1) ?? chain.at(-1);
}

/**
 * What the tracking page shows for a code: the ticket (status, number, people ahead, estimated
 * wait, counter) and whether its survey can be answered; for a booking code before check-in, the
 * booking. Null for a code nobody holds.
 */
export function trackState(tx: QueueTx, code: string): TrackStreamData | null {
  const ticket = track(tx, code);
  if (ticket !== null) {
    const live = liveTicketOf(tx, code);
    const answered = live !== undefined && tx.sql('SELECT 1 FROM skm_responses WHERE ticket_id = ?').get(live.id) !== undefined;
    const survey = answered ? 'answered' : live?.status === 'done' ? 'open' : 'not_yet';
    return { type: 'ticket', track: ticket, survey };
  }
  const booking = findBooking(tx, code);
  return booking === undefined ? null : { type: 'booking', booking: toPublicBooking(tx, booking) };
}

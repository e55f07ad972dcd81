import type { PriorityClass } from '../../core/domain.ts';
import { LoketError } from '../../core/errors.ts';
import { CHECK_IN_CLOSES_AFTER_MINUTES, CHECK_IN_OPENS_BEFORE_MINUTES, type CheckInResponse } from '../../core/visitor-api.ts';
import type { QueueTx } from '../queue/context.ts';
import { hallSettings } from '../queue/hall.ts';
import { issueTicket } from '../queue/issuing.ts';
import { checkInWindow, effectiveStatus, requireBooking, toPublicBooking } from './booking-view.ts';
import { hallTimeText } from './slots.ts';

/**
 * Check-in of an online booking at the kiosk (issue 8 §3): within the window around its slot it
 * becomes a ticket of channel `online` that queues from the slot's start (DESIGN.md §4: checked-in
 * bookings enter at their slot time) and keeps the booking code as its tracking code. Everything is
 * checked before the first write, so a refused check-in changes nothing.
 */
export function checkInBooking(tx: QueueTx, code: string, priority: PriorityClass): CheckInResponse {
  const row = requireBooking(tx, code);
  const { timeZone } = hallSettings(tx);
  const window = checkInWindow(row.slot_start);
  const slot = `${row.service_day} ${hallTimeText(row.slot_start, timeZone)}`;
  switch (effectiveStatus(row, tx.at)) {
    case 'checked_in':
      throw new LoketError('already_checked_in', `Booking ${code} is already checked in; its ticket is in the queue. Follow it with the same code.`, 'code');
    case 'cancelled':
      throw new LoketError('booking_cancelled', `Booking ${code} was cancelled. Book a new slot, or take a ticket at the kiosk.`, 'code');
    case 'released':
      throw new LoketError(
        'booking_expired',
        `Booking ${code} for ${slot} has expired: check-in closed ${CHECK_IN_CLOSES_AFTER_MINUTES} minutes after the slot started ` +
          `(${hallTimeText(window.closes, timeZone)}). Take a ticket at the kiosk, or book a new slot.`,
        'code',
      );
    case 'booked':
      break;
  }
  if (tx.at < window.opens) {
    throw new LoketError(
      'check_in_not_open',
      `Booking ${code} is for ${slot}. Check-in opens ${CHECK_IN_OPENS_BEFORE_MINUTES} minutes before the slot, ` +
        `at ${hallTimeText(window.opens, timeZone)} on ${row.service_day}. Come back then.`,
      'code',
    );
  }
  const ticket = issueTicket(tx, { serviceId: row.service_id, channel: 'online', priority }, { queuedAt: row.slot_start, trackingCode: row.code });
  tx.sql(`UPDATE bookings SET status = 'checked_in', ticket_id = ?, checked_in_at = ? WHERE code = ?`).run(ticket.id, tx.at, code);
  return { ticket, booking: toPublicBooking(tx, requireBooking(tx, code)), visitorName: row.visitor_name };
}

import { LoketError } from '../../core/errors.ts';
import {
  ADDRESS_BOOKING_LIMIT,
  MAX_BOOKINGS_PER_PHONE_PER_DAY,
  type CreateBookingRequest,
  type PublicBooking,
} from '../../core/visitor-api.ts';
import type { QueueTx } from '../queue/context.ts';
import { isTrackingCode } from '../queue/tracking-code.ts';
import { checkSlot } from './booking-days.ts';
import { CHECK_IN_CLOSES_AFTER_MS, effectiveStatus, requireBooking, toPublicBooking } from './booking-view.ts';
import { clientAddressHash } from './client-address.ts';
import { RateLimitedError } from './rate-limits.ts';

/**
 * Online bookings (issue 8 §3): made, read and cancelled by the visitor. Every check runs before
 * the first write, inside the caller's transaction, so a refused booking stores nothing.
 */

const MINUTE_MS = 60_000;
const CODE_ATTEMPTS = 20;

/** A code that is neither a booking's nor any ticket's tracking code (it becomes the ticket's at check-in). */
function freshBookingCode(tx: QueueTx): string {
  for (let i = 0; i < CODE_ATTEMPTS; i++) {
    const code = tx.randomCode();
    if (!isTrackingCode(code)) throw new Error(`randomCode() gave ${JSON.stringify(code)}, which is not 8 of 2-9A-HJ-NP-Z`);
    const taken = tx.sql('SELECT 1 FROM bookings WHERE code = ? UNION ALL SELECT 1 FROM tickets WHERE tracking_code = ? LIMIT 1').get(code, code);
    if (taken === undefined) return code;
  }
  throw new Error(`no unused booking code after ${CODE_ATTEMPTS} attempts: the code source is not random`);
}

/** At most ADDRESS_BOOKING_LIMIT bookings from one client address in its sliding window. */
function checkAddressLimit(tx: QueueTx, clientHash: string): void {
  const windowMs = ADDRESS_BOOKING_LIMIT.windowMinutes * MINUTE_MS;
  const recent = tx
    .sql('SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM bookings WHERE client_hash = ? AND created_at > ?')
    .get(clientHash, tx.at - windowMs) as { n: number; oldest: number | null };
  if (recent.n >= ADDRESS_BOOKING_LIMIT.max) {
    const retryAfter = Math.max(1, Math.ceil(((recent.oldest ?? tx.at) + windowMs - tx.at) / 1000));
    throw new RateLimitedError(
      `Too many bookings from this connection: at most ${ADDRESS_BOOKING_LIMIT.max} in ${ADDRESS_BOOKING_LIMIT.windowMinutes} minutes. ` +
        `Try again in ${Math.ceil(retryAfter / 60)} minute(s).`,
      retryAfter,
    );
  }
}

/** At most MAX_BOOKINGS_PER_PHONE_PER_DAY active bookings per phone for one day. */
function checkPhoneLimit(tx: QueueTx, phone: string, day: string): void {
  const active = tx
    .sql(
      `SELECT COUNT(*) AS n FROM bookings
       WHERE phone = ? AND service_day = ? AND (status = 'checked_in' OR (status = 'booked' AND slot_start >= ?))`,
    )
    .get(phone, day, tx.at - CHECK_IN_CLOSES_AFTER_MS) as { n: number };
  if (active.n >= MAX_BOOKINGS_PER_PHONE_PER_DAY) {
    throw new RateLimitedError(
      `This phone number already holds ${active.n} bookings for ${day}: one phone may hold at most ${MAX_BOOKINGS_PER_PHONE_PER_DAY} for one day. ` +
        'Cancel one of them with its code, or choose another day.',
      null,
      'phone',
    );
  }
}

/** Books a slot: rate limits first (per address, then per phone), then the day, the slot and its room. */
export function createBooking(tx: QueueTx, req: CreateBookingRequest, clientAddress: string): PublicBooking {
  const clientHash = clientAddressHash(tx, clientAddress);
  checkAddressLimit(tx, clientHash);
  checkPhoneLimit(tx, req.phone, req.date);
  const { slot } = checkSlot(tx, req.serviceId, req.date, req.slotStart);
  const code = freshBookingCode(tx);
  tx.sql(
    `INSERT INTO bookings (code, qr_payload, service_id, service_day, slot_start, slot_end, visitor_name, phone, client_hash, status, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?)`,
  ).run(code, code, req.serviceId, req.date, slot.start, slot.end, req.name, req.phone, clientHash, tx.at);
  return toPublicBooking(tx, requireBooking(tx, code));
}

export function getBooking(tx: QueueTx, code: string): PublicBooking {
  return toPublicBooking(tx, requireBooking(tx, code));
}

/**
 * Cancels a booking that is still waiting for check-in, given the last 4 digits of its phone
 * (`phone_mismatch` otherwise; the route limits wrong guesses per code).
 */
export function cancelBooking(tx: QueueTx, code: string, last4: string): PublicBooking {
  const row = requireBooking(tx, code);
  if (!row.phone.endsWith(last4)) {
    throw new LoketError('phone_mismatch', 'These are not the last 4 digits of the phone number this booking was made with. Check them and try again.', 'phoneLast4');
  }
  const status = effectiveStatus(row, tx.at);
  if (status === 'cancelled') throw new LoketError('booking_cancelled', `Booking ${code} is already cancelled. Nothing more to do.`, 'code');
  if (status === 'checked_in') {
    throw new LoketError('already_checked_in', `Booking ${code} is checked in and has a ticket. If you cannot stay, tell the officer at the information desk.`, 'code');
  }
  if (status === 'released') {
    throw new LoketError('booking_expired', `Booking ${code} was released because its check-in time has passed; there is nothing to cancel.`, 'code');
  }
  tx.sql(`UPDATE bookings SET status = 'cancelled', cancelled_at = ? WHERE code = ?`).run(tx.at, code);
  return toPublicBooking(tx, requireBooking(tx, code));
}

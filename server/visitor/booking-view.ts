import type { TicketStatus } from '../../core/domain.ts';
import { LoketError } from '../../core/errors.ts';
import { maskPhone } from '../../core/phone-number.ts';
import {
  CHECK_IN_CLOSES_AFTER_MINUTES,
  CHECK_IN_OPENS_BEFORE_MINUTES,
  type BookingStatus,
  type PublicBooking,
} from '../../core/visitor-api.ts';
import type { QueueTx } from '../queue/context.ts';
import { hallSettings, serviceInfo } from '../queue/hall.ts';
import { hallTimeText } from './slots.ts';

const MINUTE_MS = 60_000;
export const CHECK_IN_OPENS_BEFORE_MS = CHECK_IN_OPENS_BEFORE_MINUTES * MINUTE_MS;
export const CHECK_IN_CLOSES_AFTER_MS = CHECK_IN_CLOSES_AFTER_MINUTES * MINUTE_MS;

/** One `bookings` row. */
export interface BookingRow {
  code: string;
  qr_payload: string;
  service_id: string;
  service_day: string;
  slot_start: number;
  slot_end: number;
  visitor_name: string;
  phone: string;
  client_hash: string;
  status: BookingStatus;
  ticket_id: string | null;
  created_at: number;
  checked_in_at: number | null;
  cancelled_at: number | null;
  released_at: number | null;
}

/** The check-in window of a slot: [opens, closes]. */
export function checkInWindow(slotStart: number): { opens: number; closes: number } {
  return { opens: slotStart - CHECK_IN_OPENS_BEFORE_MS, closes: slotStart + CHECK_IN_CLOSES_AFTER_MS };
}

/**
 * The status as of `now`: a booking whose check-in window has closed is released, whether or not
 * the sweep (server/visitor/booking-release.ts) has stored that yet. Reads never wait for the sweep.
 */
export function effectiveStatus(row: Pick<BookingRow, 'status' | 'slot_start'>, now: number): BookingStatus {
  return row.status === 'booked' && now > checkInWindow(row.slot_start).closes ? 'released' : row.status;
}

export function findBooking(tx: QueueTx, code: string): BookingRow | undefined {
  return tx.sql('SELECT * FROM bookings WHERE code = ?').get(code) as BookingRow | undefined;
}

export function requireBooking(tx: QueueTx, code: string): BookingRow {
  const row = findBooking(tx, code);
  if (row === undefined) {
    throw new LoketError('not_found', `There is no booking with the code ${code}. Check the code on your booking confirmation.`, 'code');
  }
  return row;
}

/** A booking as its holder sees it: without the name, with the phone masked. */
export function toPublicBooking(tx: QueueTx, row: BookingRow): PublicBooking {
  const { timeZone } = hallSettings(tx);
  const service = serviceInfo(tx, row.service_id);
  const window = checkInWindow(row.slot_start);
  const ticket =
    row.ticket_id === null
      ? null
      : ((tx.sql(
          `SELECT number, status FROM tickets WHERE tracking_code = ? AND status <> 'transferred' ORDER BY issued_at DESC, rowid DESC LIMIT 1`,
        ).get(row.code) as { number: string; status: TicketStatus } | undefined) ?? null);
  return {
    code: row.code,
    qrPayload: row.qr_payload,
    trackingCode: row.code,
    status: effectiveStatus(row, tx.at),
    serviceId: row.service_id,
    serviceName: service.name,
    agencyName: service.agencyName,
    date: row.service_day,
    slotStart: row.slot_start,
    slotEnd: row.slot_end,
    slotTime: hallTimeText(row.slot_start, timeZone),
    checkInOpensAt: window.opens,
    checkInClosesAt: window.closes,
    phoneMasked: maskPhone(row.phone),
    createdAt: row.created_at,
    ticket,
  };
}

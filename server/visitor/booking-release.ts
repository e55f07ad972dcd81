import type { QueueTx } from '../queue/context.ts';
import { CHECK_IN_CLOSES_AFTER_MS } from './booking-view.ts';

/** How often the hall server stores the release of bookings whose check-in window has closed. */
export const RELEASE_SWEEP_INTERVAL_MS = 60_000;

/**
 * Stores `released` for every booking still waiting for check-in after its window closed (slot
 * start + CHECK_IN_CLOSES_AFTER_MINUTES). Reads already treat such a booking as released
 * (`effectiveStatus`); this makes it so in the database. Returns how many it released.
 */
export function releaseExpiredBookings(tx: QueueTx): number {
  return tx
    .sql(`UPDATE bookings SET status = 'released', released_at = ? WHERE status = 'booked' AND slot_start < ?`)
    .run(tx.at, tx.at - CHECK_IN_CLOSES_AFTER_MS).changes;
}

/** Whether the sweep has anything to store. */
export function hasExpiredBookings(tx: QueueTx): boolean {
  return tx.sql(`SELECT 1 FROM bookings WHERE status = 'booked' AND slot_start < ? LIMIT 1`).get(tx.at - CHECK_IN_CLOSES_AFTER_MS) !== undefined;
}

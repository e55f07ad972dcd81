import { LoketError } from '../../core/errors.ts';
import {
  DEFAULT_BOOKING_SETTINGS,
  type BookingSettings,
  type Holiday,
  type ServiceInfoResponse,
  type ServiceInfoUpdate,
} from '../../core/visitor-api.ts';
import type { QueueTx } from '../queue/context.ts';

/**
 * Service information (requirements, cost, time standard, legal basis), each service's booking
 * settings and the hall's holidays, in the hall database. Works on anything with the queue's cached
 * statements (`tx.sql`), so a booking reads them inside its own transaction.
 */
export type Sql = Pick<QueueTx, 'sql'>;

interface BookingRow {
  enabled: number;
  slot_minutes: number;
  capacity_per_slot: number;
  daily_quota: number | null;
}

/** A service's booking settings; a service never configured takes no bookings. */
export function bookingSettings(q: Sql, serviceId: string): BookingSettings {
  const row = q.sql('SELECT enabled, slot_minutes, capacity_per_slot, daily_quota FROM service_booking WHERE service_id = ?').get(serviceId) as
    | BookingRow
    | undefined;
  if (row === undefined) return { ...DEFAULT_BOOKING_SETTINGS };
  return { enabled: row.enabled === 1, slotMinutes: row.slot_minutes, capacityPerSlot: row.capacity_per_slot, dailyQuota: row.daily_quota };
}

/** Booking settings of every service that has some, by service id. */
export function allBookingSettings(q: Sql): Map<string, BookingSettings> {
  const rows = q.sql('SELECT service_id, enabled, slot_minutes, capacity_per_slot, daily_quota FROM service_booking').all() as (BookingRow & {
    service_id: string;
  })[];
  return new Map(
    rows.map((r) => [r.service_id, { enabled: r.enabled === 1, slotMinutes: r.slot_minutes, capacityPerSlot: r.capacity_per_slot, dailyQuota: r.daily_quota }]),
  );
}

export function writeBookingSettings(q: Sql, serviceId: string, s: BookingSettings, at: number): void {
  q.sql(
    `INSERT INTO service_booking (service_id, enabled, slot_minutes, capacity_per_slot, daily_quota, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (service_id) DO UPDATE SET enabled = excluded.enabled, slot_minutes = excluded.slot_minutes,
       capacity_per_slot = excluded.capacity_per_slot, daily_quota = excluded.daily_quota, updated_at = excluded.updated_at`,
  ).run(serviceId, s.enabled ? 1 : 0, s.slotMinutes, s.capacityPerSlot, s.dailyQuota, at);
}

function requireServiceRow(q: Sql, serviceId: string): { requirements: string; cost: string | null; time_standard: string | null; legal_basis: string | null } {
  const row = q.sql('SELECT requirements, cost, time_standard, legal_basis FROM services WHERE id = ? AND active = 1').get(serviceId) as
    | { requirements: string; cost: string | null; time_standard: string | null; legal_basis: string | null }
    | undefined;
  if (row === undefined) {
    throw new LoketError('unknown_service', `This hall has no service "${serviceId}" in use. Choose a service from the list.`, 'id');
  }
  return row;
}

export function readServiceInfo(q: Sql, serviceId: string): ServiceInfoResponse {
  const row = requireServiceRow(q, serviceId);
  return {
    serviceId,
    requirements: row.requirements,
    cost: row.cost ?? '',
    timeStandard: row.time_standard ?? '',
    legalBasis: row.legal_basis ?? '',
    booking: bookingSettings(q, serviceId),
  };
}

/** Replaces a service's information and booking settings (admin). */
export function writeServiceInfo(q: Sql, serviceId: string, update: ServiceInfoUpdate, at: number): ServiceInfoResponse {
  requireServiceRow(q, serviceId);
  q.sql('UPDATE services SET requirements = ?, cost = ?, time_standard = ?, legal_basis = ? WHERE id = ?').run(
    update.requirements,
    update.cost,
    update.timeStandard,
    update.legalBasis,
    serviceId,
  );
  writeBookingSettings(q, serviceId, update.booking, at);
  return readServiceInfo(q, serviceId);
}

// ── holidays ────────────────────────────────────────────────────────────────────────────────────

export function listHolidays(q: Sql): Holiday[] {
  return (q.sql('SELECT day, name FROM holidays ORDER BY day').all() as { day: string; name: string }[]).map((h) => ({ date: h.day, name: h.name }));
}

/** The holiday's name, or null on a working day. */
export function holidayOn(q: Sql, day: string): string | null {
  const row = q.sql('SELECT name FROM holidays WHERE day = ?').get(day) as { name: string } | undefined;
  return row?.name ?? null;
}

/** Replaces the list; answers how many active bookings fall on a holiday (the admin tells those visitors). */
export function replaceHolidays(q: Sql, holidays: readonly Holiday[]): { holidays: Holiday[]; activeBookingsOnHolidays: number } {
  q.sql('DELETE FROM holidays').run();
  const insert = q.sql('INSERT INTO holidays (day, name) VALUES (?, ?)');
  for (const h of holidays) insert.run(h.date, h.name);
  const affected = q
    .sql(`SELECT COUNT(*) AS n FROM bookings b JOIN holidays h ON h.day = b.service_day WHERE b.status IN ('booked', 'checked_in')`)
    .get() as { n: number };
  return { holidays: listHolidays(q), activeBookingsOnHolidays: affected.n };
}

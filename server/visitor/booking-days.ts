import { LoketError } from '../../core/errors.ts';
import { serviceDay } from '../../core/service-day.ts';
import { BOOKING_HORIZON_DAYS, type BookingSettings, type DayClosedReason, type Slot, type SlotsResponse } from '../../core/visitor-api.ts';
import type { QueueTx } from '../queue/context.ts';
import { activeService, hallSettings, type ServiceInfo } from '../queue/hall.ts';
import { describeOpeningHours } from '../queue/opening-hours.ts';
import { CHECK_IN_CLOSES_AFTER_MS } from './booking-view.ts';
import { bookingSettings, holidayOn } from './service-info-store.ts';
import { bookingHours, daysBetween, slotTimes, weekdayOf, type SlotTime } from './slots.ts';

/**
 * Which days and slots of a service can be booked, and how full they are: what the slot list shows
 * and what a new booking is checked against, inside one transaction.
 */

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export interface BookingDay {
  service: ServiceInfo;
  settings: BookingSettings;
  timeZone: string;
  /** `Mon–Fri 08:00–15:00`. */
  hoursText: string;
  closed: { reason: DayClosedReason; message: string } | null;
  slots: SlotTime[];
}

/** The service (or `unknown_service` naming `field`), its settings, and whether `day` takes bookings and why not. */
export function bookingDay(tx: QueueTx, serviceId: string, day: string, field = 'serviceId'): BookingDay {
  const service = activeService(tx, serviceId, field);
  const settings = bookingSettings(tx, serviceId);
  const { timeZone } = hallSettings(tx);
  const hours = bookingHours(service.openingHours);
  const hoursText = describeOpeningHours(hours);
  const today = serviceDay(tx.at, timeZone);
  const ahead = daysBetween(today, day);
  const holiday = holidayOn(tx, day);
  const close = (reason: DayClosedReason, message: string): BookingDay => ({
    service,
    settings,
    timeZone,
    hoursText,
    closed: { reason, message },
    slots: [],
  });
  if (!settings.enabled) {
    return close('booking_disabled', `${service.name} does not take online bookings. Take a ticket at the kiosk in the hall.`);
  }
  if (ahead < 0) return close('past_day', `${day} has passed (today is ${today} in the hall). Choose today or a later day.`);
  if (ahead > BOOKING_HORIZON_DAYS) {
    return close('beyond_horizon', `Bookings open ${BOOKING_HORIZON_DAYS} days ahead; ${day} is ${ahead} days away. Choose a day up to ${BOOKING_HORIZON_DAYS} days from today.`);
  }
  if (holiday !== null) return close('holiday', `${day} is a holiday (${holiday}): the hall is closed. Choose another day.`);
  const slots = slotTimes(day, hours, settings.slotMinutes, timeZone);
  if (slots.length === 0) {
    return close('closed_day', `${service.name} is served ${hoursText}; ${day} is a ${WEEKDAYS[weekdayOf(day)] ?? 'closed day'}. Choose another day.`);
  }
  return { service, settings, timeZone, hoursText, closed: null, slots };
}

/**
 * Active bookings per slot start: checked in, or booked with the check-in window still open (a
 * booking past its window is released, whether or not the sweep has stored that).
 */
export function activeBookingsPerSlot(tx: QueueTx, serviceId: string, day: string): Map<number, number> {
  const rows = tx
    .sql(
      `SELECT slot_start, COUNT(*) AS n FROM bookings
       WHERE service_id = ? AND service_day = ? AND status IN ('booked', 'checked_in')
         AND (status = 'checked_in' OR slot_start >= ?)
       GROUP BY slot_start`,
    )
    .all(serviceId, day, tx.at - CHECK_IN_CLOSES_AFTER_MS) as { slot_start: number; n: number }[];
  return new Map(rows.map((r) => [r.slot_start, r.n]));
}

/** `GET /public/services/:id/slots?date=`: every slot of the day with what is left. */
export function slotsResponse(tx: QueueTx, serviceId: string, day: string): SlotsResponse {
  const d = bookingDay(tx, serviceId, day, 'id');
  const perSlot = d.closed === null ? activeBookingsPerSlot(tx, serviceId, day) : new Map<number, number>();
  let booked = 0;
  for (const n of perSlot.values()) booked += n;
  const quotaReached = d.settings.dailyQuota !== null && booked >= d.settings.dailyQuota;
  const slots: Slot[] = d.slots.map((s) => {
    const capacity = d.settings.capacityPerSlot;
    const remaining = Math.max(0, capacity - (perSlot.get(s.start) ?? 0));
    const unavailableReason = s.start <= tx.at ? 'past' : remaining === 0 ? 'full' : quotaReached ? 'daily_quota_reached' : null;
    return { start: s.start, end: s.end, time: s.time, capacity, remaining, available: unavailableReason === null, unavailableReason };
  });
  return {
    serviceId,
    date: day,
    timeZone: d.timeZone,
    hours: d.hoursText,
    closed: d.closed,
    dailyQuota: d.settings.dailyQuota,
    bookedThatDay: booked,
    slots,
  };
}

/**
 * The slot a booking asks for, checked: the day takes bookings, the slot is one of its slots, it has
 * not started, it has room, and the day's online quota is not used up. Each refusal says what to do.
 */
export function checkSlot(tx: QueueTx, serviceId: string, day: string, slotStart: number): { day: BookingDay; slot: SlotTime } {
  const d = bookingDay(tx, serviceId, day);
  if (d.closed !== null) throw new LoketError('booking_closed', d.closed.message, d.closed.reason === 'booking_disabled' ? 'serviceId' : 'date');
  const slot = d.slots.find((s) => s.start === slotStart);
  if (slot === undefined) {
    throw new LoketError(
      'invalid_request',
      `The request field "slotStart" is wrong: ${slotStart} is not a slot of ${d.service.name} on ${day}. Choose a slot from the slot list of that day and send its "start".`,
      'slotStart',
    );
  }
  if (slot.start <= tx.at) {
    throw new LoketError('slot_passed', `The ${slot.time} slot on ${day} has already started. Choose a later slot.`, 'slotStart');
  }
  const perSlot = activeBookingsPerSlot(tx, serviceId, day);
  if ((perSlot.get(slot.start) ?? 0) >= d.settings.capacityPerSlot) {
    throw new LoketError('slot_full', `The ${slot.time} slot on ${day} is full (${d.settings.capacityPerSlot} visitors). Choose another slot.`, 'slotStart');
  }
  let booked = 0;
  for (const n of perSlot.values()) booked += n;
  if (d.settings.dailyQuota !== null && booked >= d.settings.dailyQuota) {
    throw new LoketError(
      'booking_quota_reached',
      `All ${d.settings.dailyQuota} online bookings for ${d.service.name} on ${day} are taken. Choose another day, or take a ticket at the kiosk.`,
      'date',
    );
  }
  return { day: d, slot };
}

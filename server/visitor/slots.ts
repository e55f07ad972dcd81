import type { OpeningHours } from '../../core/domain.ts';
import { serviceDayBounds } from '../../core/service-day.ts';
import { BOOKING_DEFAULT_HOURS } from '../../core/visitor-api.ts';
import { localClock } from '../queue/opening-hours.ts';

/**
 * Booking slots of one service on one day: from its opening hours (the usual MPP hours when it has
 * none), in steps of the slot length, each ending by closing time. Pure: the hall's time zone comes in.
 */

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

export interface SlotTime {
  /** Epoch ms of the slot's hall-local start and end. */
  start: number;
  end: number;
  /** Hall-local `HH:MM`. */
  time: string;
}

export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const clockText = (minutes: number): string =>
  `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** 0 = Sunday … 6 = Saturday of a calendar date (the date's own weekday, in any zone). */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The instant the hall's clock shows `minutes` past midnight on `day` (a clock change that day is followed). */
export function hallLocalInstant(day: string, minutes: number, timeZone: string): number {
  const guess = serviceDayBounds(day, timeZone).start + minutes * MINUTE_MS;
  if (minutes >= DAY_MINUTES) return guess;
  const shown = localClock(guess, timeZone).minutes;
  const drift = minutes - shown;
  // A clock change moves the local time by at most a few hours; anything else is the day boundary.
  return Math.abs(drift) <= 180 ? guess + drift * MINUTE_MS : guess;
}

/** The hours bookings are made in: the service's own, or the usual MPP hours for a service open all day. */
export function bookingHours(openingHours: OpeningHours | null): OpeningHours {
  return openingHours ?? BOOKING_DEFAULT_HOURS;
}

/**
 * Every slot of a day, in order. Hours that run past midnight are booked up to midnight (a slot
 * belongs to the day it starts on). No slots on a day the hours do not include.
 */
export function slotTimes(day: string, hours: OpeningHours, slotMinutes: number, timeZone: string): SlotTime[] {
  if (!hours.days.includes(weekdayOf(day))) return [];
  const open = minutesOf(hours.open);
  const closeAt = minutesOf(hours.close);
  const close = closeAt <= open ? DAY_MINUTES : closeAt;
  const slots: SlotTime[] = [];
  for (let m = open; m + slotMinutes <= close; m += slotMinutes) {
    slots.push({ start: hallLocalInstant(day, m, timeZone), end: hallLocalInstant(day, m + slotMinutes, timeZone), time: clockText(m) });
  }
  return slots;
}

/** `HH:MM` of an instant on the hall's clock. */
export function hallTimeText(instantMs: number, timeZone: string): string {
  return clockText(localClock(instantMs, timeZone).minutes);
}

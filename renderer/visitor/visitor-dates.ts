import { DEFAULT_TIME_ZONE } from '../shared/format.ts';

/**
 * Calendar days (`YYYY-MM-DD`) and clock times (`HH:MM`) as the booking and tracking pages show
 * them. A day is the hall's day: "today" is read in the hall's time zone, never the phone's.
 */

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an instant in a time zone (the hall's default zone when the name is unknown). */
export function dayIn(instantMs: number, timeZone: string): string {
  const format = (zone: string): string =>
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instantMs);
  try {
    return format(timeZone);
  } catch {
    return format(DEFAULT_TIME_ZONE);
  }
}

const utcOf = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** The day `n` days after `day` (calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  return new Date(utcOf(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** `count` days from `first`, in order. */
export function daysFrom(first: string, count: number): string[] {
  return Array.from({ length: Math.max(0, count) }, (_, i) => addDays(first, i));
}

const locale = (language: string): string => (language === 'en' ? 'en-GB' : 'id-ID');

/** `Senin, 6 Januari 2025` / `Monday, 6 January 2025`. */
export function formatDayLong(day: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utcOf(day));
}

/** The two lines of a day chip: `Sen` and `6 Jan`. */
export function formatDayChip(day: string, language: string): { weekday: string; date: string } {
  const at = utcOf(day);
  return {
    weekday: new Intl.DateTimeFormat(locale(language), { weekday: 'short', timeZone: 'UTC' }).format(at),
    date: new Intl.DateTimeFormat(locale(language), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(at),
  };
}

/** `HH:MM` moved by `minutes` (wrapping at midnight): the check-in window from the slot's hall-local time. */
export function shiftClock(clock: string, minutes: number): string {
  const [h, m] = clock.split(':').map(Number);
  const total = ((((h ?? 0) * 60 + (m ?? 0) + Math.round(minutes)) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** Whole minutes from `from` to `to` (epoch ms). */
export const minutesBetween = (from: number, to: number): number => Math.round((to - from) / 60_000);

/** `HH:MM:SS` of an instant on this device's clock: when this phone last heard from the server. */
export function deviceClock(instantMs: number): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(instantMs);
}

/** `Sen–Jum 08:00–15:00` / `Mon–Fri 08:00–15:00`: runs of consecutive weekdays (0 = Sunday) joined. */
export function formatOpeningHours(hours: { days: readonly number[]; open: string; close: string }, language: string): string {
  const name = (d: number): string =>
    new Intl.DateTimeFormat(locale(language), { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 7 + d)); // 2024-01-07 was a Sunday
  // Monday first, as a week is read in Indonesia; Sunday last.
  const order = [1, 2, 3, 4, 5, 6, 0].filter((d) => hours.days.includes(d));
  const runs: number[][] = [];
  for (const d of order) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last !== undefined && (last + 1) % 7 === d && last !== 0) run.push(d);
    else runs.push([d]);
  }
  const days = runs.map((r) => (r.length > 2 ? `${name(r[0] ?? 0)}–${name(r.at(-1) ?? 0)}` : r.map(name).join(', '))).join(', ');
  return `${days} ${hours.open}–${hours.close}`;
}

/**
 * A booking's check-in window in the hall's clock, from the slot's own `HH:MM` and the window's
 * instants (no time zone needed): opens `before` minutes ahead of the slot, closes `after` minutes past it.
 */
export function checkInWindow(booking: { slotTime: string; slotStart: number; checkInOpensAt: number; checkInClosesAt: number }): {
  before: number;
  after: number;
  from: string;
  to: string;
} {
  const before = minutesBetween(booking.checkInOpensAt, booking.slotStart);
  const after = minutesBetween(booking.slotStart, booking.checkInClosesAt);
  return { before, after, from: shiftClock(booking.slotTime, -before), to: shiftClock(booking.slotTime, after) };
}

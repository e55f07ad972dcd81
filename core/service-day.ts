/**
 * The service day (YYYY-MM-DD) an instant belongs to in the hall's time zone: ticket numbers and
 * daily summaries reset at the hall's midnight, not the PC's or UTC's.
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Building a DateTimeFormat costs far more than using one; the hall uses one zone all day. */
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format;
}

function formatDay(instantMs: number, timeZone: string): string {
  const parts = dayFormat(timeZone).formatToParts(new Date(instantMs));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const HOUR_MS = 3_600_000;
/** Beyond this, the hour around an instant may leave the range a Date can hold: no caching there. */
const CACHE_RANGE_MS = 8e15;

/**
 * Per zone, the last UTC hour whose every instant is known to fall on one service day: both its
 * ends do, at one UTC offset, so no clock change happens inside it (clock changes are hours apart).
 */
const dayHours = new Map<string, { start: number; end: number; day: string }>();

export function serviceDay(instantMs: number, timeZone: string): string {
  const hour = dayHours.get(timeZone);
  if (hour !== undefined && instantMs >= hour.start && instantMs < hour.end) return hour.day;
  const day = formatDay(instantMs, timeZone);
  if (Math.abs(instantMs) < CACHE_RANGE_MS) {
    const start = Math.floor(instantMs / HOUR_MS) * HOUR_MS;
    const last = start + HOUR_MS - 1;
    if (
      formatDay(start, timeZone) === day &&
      formatDay(last, timeZone) === day &&
      zoneOffsetMs(start, timeZone) === zoneOffsetMs(last - 999, timeZone)
    ) {
      dayHours.set(timeZone, { start, end: start + HOUR_MS, day });
    }
  }
  return day;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * One formatter per time zone giving a local date and 24-hour time in parts: building one costs
 * far more than using it (the counter asks for day bounds on every status change).
 */
export function zoneDateTimeFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormats.set(timeZone, format);
  }
  return format;
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const format = zoneDateTimeFormat(timeZone);
  const parts = format.formatToParts(new Date(instantMs));
  const n = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

const dayBounds = new Map<string, { start: number; end: number }>();
/** Days whose bounds are kept: a counter asks for today's (and yesterday's) on every status change. */
const DAY_BOUNDS_KEPT = 64;

/** [start, end) in epoch ms of a service day in the hall's time zone. */
export function serviceDayBounds(day: string, timeZone: string): { start: number; end: number } {
  const key = `${timeZone} ${day}`;
  const known = dayBounds.get(key);
  if (known !== undefined) return { ...known };
  const bounds = computeDayBounds(day, timeZone);
  if (dayBounds.size >= DAY_BOUNDS_KEPT) dayBounds.clear();
  dayBounds.set(key, bounds);
  return { ...bounds };
}

function computeDayBounds(day: string, timeZone: string): { start: number; end: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`a service day is written YYYY-MM-DD, got ${JSON.stringify(day)}`);
  const midnight = (y: number, mo: number, d: number): number => {
    const guess = Date.UTC(y, mo - 1, d);
    const first = guess - zoneOffsetMs(guess, timeZone);
    return guess - zoneOffsetMs(first, timeZone);
  };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`${day} is not a calendar day; write an existing date as YYYY-MM-DD`);
  }
  return { start: midnight(y, mo, d), end: midnight(y, mo, d + 1) };
}

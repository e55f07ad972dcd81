import type { OpeningHours } from './domain.ts';

/**
 * A service's opening hours against the hall's clock: the rule the hall server issues tickets by
 * (server/queue/issuing.ts) and the kiosk shows a closed service by, so both always agree.
 */

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** The hall-local weekday (0 = Sunday) and minutes since midnight of an instant. */
export function localClock(instantMs: number, timeZone: string): { weekday: number; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(new Date(instantMs));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = DAY_NAMES.indexOf(get('weekday') as (typeof DAY_NAMES)[number]);
  return { weekday, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether a service takes tickets at an instant: on one of its days, from `open` (inclusive) to
 * `close` (exclusive), hall time. A `close` not after `open` means the hours run past midnight
 * (the part after midnight belongs to the day the hours started).
 */
export function isOpenAt(hours: OpeningHours, instantMs: number, timeZone: string): boolean {
  const { weekday, minutes } = localClock(instantMs, timeZone);
  const open = minutesOf(hours.open);
  const close = minutesOf(hours.close);
  if (open < close) return hours.days.includes(weekday) && minutes >= open && minutes < close;
  const yesterday = (weekday + 6) % 7;
  return (hours.days.includes(weekday) && minutes >= open) || (hours.days.includes(yesterday) && minutes < close);
}

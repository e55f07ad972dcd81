import type { OpeningHours } from '../../core/domain.ts';

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
const clockText = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

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

/** `Mon–Fri 08:00–15:00`, `Mon, Wed, Sat 08:00–12:00`. */
export function describeOpeningHours(hours: OpeningHours): string {
  const days = [...new Set(hours.days)].sort((a, b) => a - b);
  const consecutive = days.length > 2 && days.every((d, i) => i === 0 || d === (days[i - 1] ?? -2) + 1);
  const first = days[0];
  const last = days[days.length - 1];
  const dayText =
    days.length === 0
      ? 'no day'
      : consecutive && first !== undefined && last !== undefined
        ? `${DAY_NAMES[first]}–${DAY_NAMES[last]}`
        : days.map((d) => DAY_NAMES[d]).join(', ');
  return `${dayText} ${hours.open}–${hours.close}`;
}

/** `Sat 16:20`: the hall-local time, for messages. */
export function describeLocalTime(instantMs: number, timeZone: string): string {
  const { weekday, minutes } = localClock(instantMs, timeZone);
  return `${DAY_NAMES[weekday] ?? '?'} ${clockText(minutes)}`;
}

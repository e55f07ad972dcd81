import type { OpeningHours } from '../../core/domain.ts';
import { localClock } from '../../core/opening-hours.ts';

// The rule itself is shared with the kiosk (core/opening-hours.ts).
export { isOpenAt, localClock } from '../../core/opening-hours.ts';

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

const clockText = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

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

/** Times and durations as the counter shows them. Pure functions: no DOM, no i18n instance. */

export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

function timeParts(instantMs: number, timeZone: string): Intl.DateTimeFormatPart[] {
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone }).formatToParts(instantMs);
  } catch {
    // an unknown zone name: show the hall's default rather than nothing
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: DEFAULT_TIME_ZONE }).formatToParts(instantMs);
  }
}

/** `HH:mm` (24-hour, always a colon) of an instant in the hall's time zone. */
export function formatTime(instantMs: number, timeZone: string): string {
  const parts = timeParts(instantMs, timeZone);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('hour')}:${get('minute')}`;
}

/** Whole seconds of a duration; negative (clock skew) and non-finite durations count as zero. */
function seconds(ms: number, round: (n: number) => number): number {
  return Number.isFinite(ms) && ms > 0 ? round(ms / 1000) : 0;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** A ticking duration: `mm:ss`, or `h:mm:ss` from one hour on. Counts whole elapsed seconds. */
export function formatDurationClock(ms: number): string {
  const total = seconds(ms, Math.floor);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${pad2(m)}:${pad2(s)}`;
}

/** Unit words in the screen's language, e.g. `{ hour: 'j', minute: 'mnt', second: 'dtk' }`. */
export interface DurationUnits {
  hour: string;
  minute: string;
  second: string;
}

/**
 * A duration in words, rounded to the second: `3 mnt 20 dtk`, `45 dtk`, `2 mnt`; from one hour on
 * to the minute: `1 j 5 mnt`.
 */
export function formatDurationWords(ms: number, units: DurationUnits): string {
  const total = seconds(ms, Math.round);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m > 0 ? `${h} ${units.hour} ${m} ${units.minute}` : `${h} ${units.hour}`;
  if (m > 0) return s > 0 ? `${m} ${units.minute} ${s} ${units.second}` : `${m} ${units.minute}`;
  return `${s} ${units.second}`;
}

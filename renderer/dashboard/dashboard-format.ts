import { DEFAULT_TIME_ZONE, formatDurationWords, type DurationUnits } from '../shared/format.ts';
import type { Language } from '../shared/i18n.ts';

/**
 * Numbers, days and times as the dashboard shows them: Indonesian conventions in Bahasa Indonesia
 * (`1.234,5`, `Sen, 3 Mar 2025`), British English ones in English (`1,234.5`). Pure functions.
 */

export const localeOf = (language: Language): string => (language === 'id' ? 'id-ID' : 'en-GB');

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A figure as the table shows it: grouped thousands, at most `maxFractionDigits` decimals. */
export function formatNumber(value: number, language: Language, maxFractionDigits = 2): string {
  const key = `${language}:${maxFractionDigits}`;
  let format = numberFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: maxFractionDigits });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** A percentage with its sign (`12,5%` / `12.5%`). */
export function formatPercent(value: number, language: Language): string {
  return `${formatNumber(value, language, 1)}%`;
}

/** Seconds as words (`12 mnt 5 dtk`, `1 j 5 mnt`). */
export function formatSeconds(seconds: number, units: DurationUnits): string {
  return formatDurationWords(seconds * 1000, units);
}

function withZone(timeZone: string, run: (zone: string) => string): string {
  try {
    return run(timeZone);
  } catch {
    return run(DEFAULT_TIME_ZONE); // an unknown zone name: the hall's default rather than nothing
  }
}

/** `HH:mm:ss` of an instant in the hall's time zone. */
export function formatClock(instantMs: number, timeZone: string): string {
  return withZone(timeZone, (zone) =>
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: zone }).format(instantMs),
  );
}

/** A calendar day (`YYYY-MM-DD`) in words: `3 Maret 2025` / `3 March 2025`; `withWeekday` adds `Sen,` / `Mon`. */
export function formatDay(day: string, language: Language, style: 'long' | 'short' = 'long', withWeekday = false): string {
  const instant = Date.parse(`${day}T12:00:00Z`);
  if (Number.isNaN(instant)) return day;
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: style, year: 'numeric', timeZone: 'UTC' };
  if (withWeekday) options.weekday = 'short';
  return new Intl.DateTimeFormat(localeOf(language), options).format(instant);
}

/** The short weekday name of a day of the week (0 = Sunday … 6 = Saturday). */
export function weekdayName(weekday: number, language: Language): string {
  // 2025-01-05 was a Sunday.
  return new Intl.DateTimeFormat(localeOf(language), { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2025, 0, 5 + weekday, 12));
}

/** Day of the week (0 = Sunday) of a calendar day `YYYY-MM-DD`. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T12:00:00Z`).getUTCDay();
}

/** `09` for hour 9: the hour axis and the heat map's columns. */
export const hourLabel = (hour: number): string => String(hour).padStart(2, '0');

/** A day in a few letters, for the heat map's rows: `Sen 3 Mar` / `Mon 3 Mar`. */
export function formatDayBrief(day: string, language: Language): string {
  const instant = Date.parse(`${day}T12:00:00Z`);
  if (Number.isNaN(instant)) return day;
  return new Intl.DateTimeFormat(localeOf(language), { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(instant).replace(',', '');
}

import type { CSSProperties } from 'react';

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

// ── hall pages (kiosk, display board) ────────────────────────────────────────────────────────────

/** The date words of the hall pages: `Senin, 6 Januari 2025` / `Monday, 6 January 2025`. */
export function formatDate(instantMs: number, timeZone: string, language: 'id' | 'en'): string {
  const options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
  const locale = language === 'id' ? 'id-ID' : 'en-GB';
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(instantMs);
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: DEFAULT_TIME_ZONE }).format(instantMs);
  }
}

/** An agency without a colour of its own is shown in the hall's navy. */
export const DEFAULT_AGENCY_COLOR = '#0f2544';

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/**
 * An agency colour (`#rrggbb`) and the text colour to write on it: black or white, whichever has
 * the higher WCAG contrast. Anything that is not `#rrggbb` becomes the default navy.
 */
export function agencyColors(color: string | undefined): { background: string; ink: string } {
  const background = color !== undefined && /^#[0-9a-fA-F]{6}$/.test(color) ? color.toLowerCase() : DEFAULT_AGENCY_COLOR;
  const [r, g, b] = [1, 3, 5].map((at) => channel(Number.parseInt(background.slice(at, at + 2), 16)));
  const luminance = 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  const onWhite = 1.05 / (luminance + 0.05);
  const onBlack = (luminance + 0.05) / 0.05;
  return { background, ink: onBlack >= onWhite ? '#000000' : '#ffffff' };
}

/**
 * An agency's colours as the CSS variables `--agency` and `--agency-ink` for a `style` prop. React
 * sets them through the CSSOM, which a CSP without 'unsafe-inline' styles allows.
 */
export function agencyStyle(color: string | undefined): CSSProperties {
  const { background, ink } = agencyColors(color);
  return { '--agency': background, '--agency-ink': ink } as CSSProperties;
}

/** The first non-empty line of a text, cut at a word to at most `maxChars` (with `…` when cut). */
export function summarize(text: string, maxChars: number): string {
  const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '') ?? '';
  const more = line.length > maxChars || text.trim() !== line;
  if (line.length <= maxChars) return more && line !== '' ? `${line} …` : line;
  const cut = line.slice(0, maxChars);
  const atSpace = cut.lastIndexOf(' ');
  return `${(atSpace > maxChars / 2 ? cut.slice(0, atSpace) : cut).trimEnd()}…`;
}

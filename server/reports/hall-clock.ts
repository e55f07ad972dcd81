import { zoneDateTimeFormat } from '../../core/service-day.ts';

/**
 * Hall time for reports: which service day (YYYY-MM-DD), month (YYYY-MM) and hour of day (0–23)
 * an instant belongs to in the hall's time zone, and an interval cut at the hall's hour
 * boundaries (so also at its midnights). Offsets are read with Intl once per UTC hour and cached,
 * which keeps a year's rebuild (millions of instants) cheap.
 */
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface HallTime {
  day: string;
  month: string;
  hour: number;
}

export class HallClock {
  private readonly format: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();
  private readonly days = new Map<number, string>();
  /** The last local hour asked for (instants come in runs). */
  private lastHour = Number.NaN;
  private lastTime: HallTime = { day: '', month: '', hour: 0 };

  constructor(readonly timeZone: string) {
    this.format = zoneDateTimeFormat(timeZone);
  }

  /** Milliseconds the hall's zone is ahead of UTC at an instant. */
  offsetAt(ms: number): number {
    const utcHour = Math.floor(ms / HOUR_MS);
    let offset = this.offsets.get(utcHour);
    if (offset === undefined) {
      const parts = this.format.formatToParts(new Date(utcHour * HOUR_MS));
      const n = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
      offset = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - utcHour * HOUR_MS;
      if (this.offsets.size > 100_000) this.offsets.clear();
      this.offsets.set(utcHour, offset);
    }
    return offset;
  }

  /** The service day, month and hour of an instant. */
  at(ms: number): HallTime {
    const local = ms + this.offsetAt(ms);
    const localHour = Math.floor(local / HOUR_MS);
    if (localHour === this.lastHour) return this.lastTime;
    const dayIndex = Math.floor(local / DAY_MS);
    let day = this.days.get(dayIndex);
    if (day === undefined) {
      day = new Date(dayIndex * DAY_MS).toISOString().slice(0, 10);
      this.days.set(dayIndex, day);
    }
    this.lastHour = localHour;
    this.lastTime = { day, month: day.slice(0, 7), hour: localHour - dayIndex * 24 };
    return this.lastTime;
  }

  /**
   * Cuts [start, end) at the hall's hour boundaries and calls `piece` for each part with its hall
   * time and length. Nothing for an empty or reversed interval.
   */
  split(start: number, end: number, piece: (time: HallTime, ms: number) => void): void {
    let s = start;
    while (s < end) {
      const offset = this.offsetAt(s);
      const hourEnd = (Math.floor((s + offset) / HOUR_MS) + 1) * HOUR_MS - offset;
      const e = Math.min(end, hourEnd);
      piece(this.at(s), e - s);
      s = e;
    }
  }
}

const clocks = new Map<string, HallClock>();

/** One clock per zone, kept: its caches are what makes it fast. */
export function hallClock(timeZone: string): HallClock {
  let clock = clocks.get(timeZone);
  if (clock === undefined) {
    clock = new HallClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

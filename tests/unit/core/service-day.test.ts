import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceDay, serviceDayBounds } from '../../../core/service-day.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The three Indonesian time zones: WIB, WITA, WIT. None has daylight saving time. */
const INDONESIA = [
  { zone: 'Asia/Jakarta', offsetHours: 7 },
  { zone: 'Asia/Makassar', offsetHours: 8 },
  { zone: 'Asia/Jayapura', offsetHours: 9 },
] as const;

/** Epoch ms of a local wall-clock time in a zone with a fixed offset. */
const local = (offsetHours: number, y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetHours * HOUR;

describe('serviceDay', () => {
  describe.each(INDONESIA)('$zone (UTC+$offsetHours)', ({ zone, offsetHours }) => {
    it('puts 23:59:59.999 local on that day and 00:00 local on the next', () => {
      expect(serviceDay(local(offsetHours, 2025, 3, 14, 23, 59, 59, 999), zone)).toBe('2025-03-14');
      expect(serviceDay(local(offsetHours, 2025, 3, 15, 0, 0, 0, 0), zone)).toBe('2025-03-15');
    });

    it('turns the year at local midnight, not at UTC midnight', () => {
      const newYear = local(offsetHours, 2026, 1, 1);
      expect(serviceDay(newYear - 1, zone)).toBe('2025-12-31');
      expect(serviceDay(newYear, zone)).toBe('2026-01-01');
      // At UTC midnight on 1 January it has long been New Year in Indonesia.
      expect(serviceDay(Date.UTC(2025, 11, 31, 23, 0), zone)).toBe('2026-01-01');
    });

    it('handles 29 February', () => {
      expect(serviceDay(local(offsetHours, 2024, 2, 29, 12), zone)).toBe('2024-02-29');
      expect(serviceDay(local(offsetHours, 2024, 3, 1), zone)).toBe('2024-03-01');
    });
  });

  it('gives different days for the same instant in different zones', () => {
    const instant = Date.UTC(2025, 2, 14, 16, 30); // 23:30 WIB, 00:30 WITA, 01:30 WIT
    expect(INDONESIA.map(({ zone }) => serviceDay(instant, zone))).toEqual(['2025-03-14', '2025-03-15', '2025-03-15']);
  });

  it('rejects an unknown time zone', () => {
    expect(() => serviceDay(0, 'Asia/Atlantis')).toThrow(RangeError);
  });
});

describe('serviceDayBounds', () => {
  describe.each(INDONESIA)('$zone (UTC+$offsetHours)', ({ zone, offsetHours }) => {
    it('spans local midnight to local midnight, exactly 24 hours', () => {
      const { start, end } = serviceDayBounds('2025-03-15', zone);
      expect(start).toBe(local(offsetHours, 2025, 3, 15));
      expect(end).toBe(local(offsetHours, 2025, 3, 16));
      expect(end - start).toBe(DAY);
    });

    it('crosses month and year ends', () => {
      expect(serviceDayBounds('2025-12-31', zone)).toEqual({ start: local(offsetHours, 2025, 12, 31), end: local(offsetHours, 2026, 1, 1) });
      expect(serviceDayBounds('2024-02-29', zone)).toEqual({ start: local(offsetHours, 2024, 2, 29), end: local(offsetHours, 2024, 3, 1) });
    });

    it('agrees with serviceDay at both edges, for any day', () => {
      const days = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });
      fc.assert(
        fc.property(days, (date) => {
          const day = date.toISOString().slice(0, 10);
          const { start, end } = serviceDayBounds(day, zone);
          expect(end - start).toBe(DAY);
          expect(serviceDay(start, zone)).toBe(day);
          expect(serviceDay(end - 1, zone)).toBe(day);
          expect(serviceDay(start - 1, zone)).not.toBe(day);
          expect(serviceDay(end, zone)).not.toBe(day);
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('Europe/Berlin, where daylight saving time changes', () => {
    it('gives a 23-hour day when clocks go forward (30 March 2025)', () => {
      const { start, end } = serviceDayBounds('2025-03-30', 'Europe/Berlin');
      expect(start).toBe(Date.UTC(2025, 2, 29, 23)); // 00:00 CET
      expect(end).toBe(Date.UTC(2025, 2, 30, 22)); // 00:00 CEST
      expect(end - start).toBe(23 * HOUR);
    });

    it('gives a 25-hour day when clocks go back (26 October 2025)', () => {
      const { start, end } = serviceDayBounds('2025-10-26', 'Europe/Berlin');
      expect(start).toBe(Date.UTC(2025, 9, 25, 22)); // 00:00 CEST
      expect(end).toBe(Date.UTC(2025, 9, 26, 23)); // 00:00 CET
      expect(end - start).toBe(25 * HOUR);
    });

    it('gives 24 hours on the days around the changes', () => {
      for (const day of ['2025-03-29', '2025-03-31', '2025-10-25', '2025-10-27']) {
        const { start, end } = serviceDayBounds(day, 'Europe/Berlin');
        expect(end - start, day).toBe(DAY);
      }
    });
  });

  it('answers the same bounds again, whatever a caller did with the last answer', () => {
    const first = serviceDayBounds('2025-03-15', 'Asia/Jakarta');
    first.start = 0;
    expect(serviceDayBounds('2025-03-15', 'Asia/Jakarta')).toEqual({ start: local(7, 2025, 3, 15), end: local(7, 2025, 3, 16) });
  });

  it('rejects a day not written YYYY-MM-DD with a RangeError that shows it', () => {
    for (const bad of ['', '2025-3-15', '15-03-2025', '2025/03/15', '2025-03-15T00:00', ' 2025-03-15', 'today']) {
      expect(() => serviceDayBounds(bad, 'Asia/Jakarta'), JSON.stringify(bad)).toThrow(RangeError);
    }
    expect(() => serviceDayBounds('2025/03/15', 'Asia/Jakarta')).toThrow(/YYYY-MM-DD.*2025\/03\/15/);
  });

  // Date.UTC rolls impossible days over ('2025-02-30' → 2025-03-02); they must be refused instead.
  it('rejects a well-formed day that does not exist (2025-02-30, 2025-13-01, 2025-04-00)', () => {
    for (const bad of ['2025-02-30', '2025-13-01', '2025-04-00']) {
      expect(() => serviceDayBounds(bad, 'Asia/Jakarta'), bad).toThrow(RangeError);
    }
  });
});

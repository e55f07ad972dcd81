import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from '../../../server/visitor/rate-limits.ts';
import { bookingHours, hallLocalInstant, slotTimes } from '../../../server/visitor/slots.ts';
import { WEBHOOK_MAX_ATTEMPTS, webhookRetryDelayMs } from '../../../server/visitor/webhook-backoff.ts';

const MON_0800_WIB = Date.UTC(2025, 2, 10, 1, 0);

describe('booking slots', () => {
  it('are the opening hours in steps of the slot length, each ending by closing time, hall time', () => {
    const slots = slotTimes('2025-03-10', { days: [1, 2, 3, 4, 5], open: '08:00', close: '10:10' }, 30, 'Asia/Jakarta');
    expect(slots.map((s) => s.time)).toEqual(['08:00', '08:30', '09:00', '09:30']);
    expect(slots[0]).toEqual({ start: MON_0800_WIB, end: MON_0800_WIB + 30 * 60_000, time: '08:00' });
  });

  it('follow the hall time zone (Asia/Jayapura is UTC+9)', () => {
    expect(hallLocalInstant('2025-03-10', 8 * 60, 'Asia/Jayapura')).toBe(Date.UTC(2025, 2, 9, 23, 0));
  });

  it('are none on a day the hours leave out', () => {
    expect(slotTimes('2025-03-09', { days: [1, 2, 3, 4, 5], open: '08:00', close: '15:00' }, 30, 'Asia/Jakarta')).toEqual([]);
  });

  it('follow a clock change (Europe/Berlin, 30 March 2025: 02:00 → 03:00)', () => {
    const [first] = slotTimes('2025-03-30', { days: [0], open: '08:00', close: '09:00' }, 60, 'Europe/Berlin');
    expect(first?.start).toBe(Date.UTC(2025, 2, 30, 6, 0));
  });

  it('of a service open all day are the usual MPP hours, Mon–Fri 08:00–15:00', () => {
    expect(bookingHours(null)).toEqual({ days: [1, 2, 3, 4, 5], open: '08:00', close: '15:00' });
    expect(slotTimes('2025-03-10', bookingHours(null), 60, 'Asia/Jakarta').map((s) => s.time)).toEqual([
      '08:00', '09:00', '10:00', '11:00', '12:00', '13:00', '14:00',
    ]);
  });

  it('of hours past midnight run up to midnight', () => {
    expect(slotTimes('2025-03-10', { days: [1], open: '22:00', close: '02:00' }, 60, 'Asia/Jakarta').map((s) => s.time)).toEqual(['22:00', '23:00']);
  });
});

describe('webhook backoff', () => {
  it('waits 5 s, then doubles, capped at 5 minutes, and gives up after 12 attempts', () => {
    const waits = Array.from({ length: WEBHOOK_MAX_ATTEMPTS }, (_, i) => webhookRetryDelayMs(i + 1));
    expect(waits).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000, 300_000, 300_000, null]);
    expect(() => webhookRetryDelayMs(0)).toThrow(RangeError);
  });
});

describe('attempt limiter', () => {
  it('allows max failures per key in the window, then says how long to wait', () => {
    let t = 0;
    const limiter = new AttemptLimiter({ max: 2, windowMs: 60_000 }, () => t);
    limiter.fail('A');
    expect(limiter.waitSeconds('A')).toBe(0);
    t = 10_000;
    limiter.fail('A');
    expect(limiter.waitSeconds('A')).toBe(50);
    expect(limiter.waitSeconds('B')).toBe(0);
    t = 60_001;
    expect(limiter.waitSeconds('A')).toBe(0);
  });
});

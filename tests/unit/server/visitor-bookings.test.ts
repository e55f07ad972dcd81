import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoketError } from '../../../core/errors.ts';
import type { CreateBookingRequest } from '../../../core/visitor-api.ts';
import type { QueueTx } from '../../../server/queue/context.ts';
import { RateLimitedError } from '../../../server/visitor/rate-limits.ts';
import { checkInBooking } from '../../../server/visitor/booking-check-in.ts';
import { releaseExpiredBookings } from '../../../server/visitor/booking-release.ts';
import { cancelBooking, createBooking, getBooking } from '../../../server/visitor/bookings.ts';
import { enqueueNearlyTurn } from '../../../server/visitor/nearly-turn.ts';
import { writeBookingSettings } from '../../../server/visitor/service-info-store.ts';
import { dumpQueue, makeHall, MINUTE, MONDAY_0800_WIB, type TestHall } from './fixtures.ts';

let hall: TestHall;
beforeEach(() => {
  hall = makeHall();
  const q = { sql: (s: string) => hall.db.prepare(s) };
  writeBookingSettings(q, 'ktp', { enabled: true, slotMinutes: 30, capacityPerSlot: 2, dailyQuota: 5 }, 0);
});
afterEach(() => hall.close());

const at = (hhmm: string): number => MONDAY_0800_WIB + ((Number(hhmm.slice(0, 2)) - 8) * 60 + Number(hhmm.slice(3))) * MINUTE;
const request = (over: Partial<CreateBookingRequest> = {}): CreateBookingRequest => ({
  serviceId: 'ktp',
  date: '2025-03-10',
  slotStart: at('09:00'),
  name: 'Siti Aminah',
  phone: '+6281234567890',
  ...over,
});
const w = <T>(work: (tx: QueueTx) => T): T => hall.queue.transact(work);
const book = (over: Partial<CreateBookingRequest> = {}, address = '10.0.0.1') => w((tx) => createBooking(tx, request(over), address));
const dump = () => ({ queue: dumpQueue(hall.db), bookings: hall.db.prepare('SELECT * FROM bookings ORDER BY code').all(), settings: hall.db.prepare('SELECT * FROM settings').all() });

function refusal(fn: () => unknown): LoketError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LoketError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('online bookings on the queue authority', () => {
  it('check in within the window and queue at the slot time, behind earlier arrivals and ahead of later ones', () => {
    const booking = book({ slotStart: at('09:00') });
    expect(booking).toMatchObject({ status: 'booked', slotTime: '09:00', phoneMasked: '+62812****7890', trackingCode: booking.code, ticket: null });

    hall.clock.t = at('08:50');
    const early = hall.queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' });
    hall.clock.t = at('09:05');
    const late = hall.queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' });
    hall.clock.t = at('09:10');
    const { ticket, booking: after, visitorName } = w((tx) => checkInBooking(tx, booking.code, 'normal'));

    expect(ticket).toMatchObject({ channel: 'online', status: 'waiting', trackingCode: booking.code, peopleAhead: 1, issuedAt: at('09:10') });
    expect(after).toMatchObject({ status: 'checked_in', ticket: { number: ticket.number, status: 'waiting' } });
    expect(visitorName).toBe('Siti Aminah');
    const waiting = hall.queue.queue().waiting.filter((e) => e.serviceId === 'ktp');
    expect(waiting.map((e) => [e.number, e.queuedAt])).toEqual([
      [early.number, at('08:50')],
      [ticket.number, at('09:00')],
      [late.number, at('09:05')],
    ]);
    expect(hall.queue.track(booking.code)).toMatchObject({ number: ticket.number, peopleAhead: 1 });
  });

  it('refuses a check-in before the window, after it, and twice, changing nothing', () => {
    const { code } = book();
    hall.clock.t = at('08:29');
    let before = dump();
    expect(refusal(() => w((tx) => checkInBooking(tx, code, 'normal'))).code).toBe('check_in_not_open');
    expect(dump()).toEqual(before);

    hall.clock.t = at('08:30');
    w((tx) => checkInBooking(tx, code, 'normal'));
    before = dump();
    expect(refusal(() => w((tx) => checkInBooking(tx, code, 'normal'))).code).toBe('already_checked_in');
    expect(dump()).toEqual(before);

    const other = book({ phone: '+6281311112222' });
    hall.clock.t = at('09:15') + 1;
    before = dump();
    const expired = refusal(() => w((tx) => checkInBooking(tx, other.code, 'normal')));
    expect(expired.code).toBe('booking_expired');
    expect(expired.message).toMatch(/09:15/);
    expect(dump()).toEqual(before);
  });

  it('releases bookings not checked in: at once on read, stored by the sweep', () => {
    const kept = book({ slotStart: at('09:00') });
    const later = book({ slotStart: at('10:00'), phone: '+6281311112222' });
    hall.clock.t = at('09:15');
    expect(w((tx) => releaseExpiredBookings(tx))).toBe(0);
    hall.clock.t = at('09:16');
    expect(w((tx) => getBooking(tx, kept.code)).status).toBe('released');
    expect(hall.db.prepare('SELECT status FROM bookings WHERE code = ?').pluck().get(kept.code)).toBe('booked');
    expect(w((tx) => releaseExpiredBookings(tx))).toBe(1);
    expect(hall.db.prepare('SELECT status, released_at FROM bookings WHERE code = ?').get(kept.code)).toEqual({ status: 'released', released_at: at('09:16') });
    expect(w((tx) => getBooking(tx, later.code)).status).toBe('booked');
  });

  it('holds slot capacity, the daily quota and the per-phone and per-address limits, storing nothing when refusing', () => {
    book({ phone: '+6281200000001' });
    book({ phone: '+6281200000002' });
    let before = dump();
    expect(refusal(() => book({ phone: '+6281200000003' })).code).toBe('slot_full');
    expect(dump()).toEqual(before);

    book({ slotStart: at('09:30'), phone: '+6281200000001' });
    book({ slotStart: at('09:30'), phone: '+6281200000001' });
    before = dump();
    const phone = refusal(() => book({ slotStart: at('10:00'), phone: '+6281200000001' }));
    expect([phone.code, phone.field]).toEqual(['rate_limited', 'phone']);
    expect(dump()).toEqual(before);

    const fifth = book({ slotStart: at('10:00'), phone: '+6281200000009' });
    before = dump();
    expect(refusal(() => book({ slotStart: at('10:30'), phone: '+6281200000008' })).code).toBe('booking_quota_reached');
    expect(dump()).toEqual(before);

    // A cancelled booking frees its place.
    w((tx) => cancelBooking(tx, fifth.code, '0009'));
    expect(book({ slotStart: at('10:30'), phone: '+6281200000008' }).status).toBe('booked');
  });

  it('takes at most 10 bookings from one address in 10 minutes, and says when to try again', () => {
    writeBookingSettings({ sql: (s: string) => hall.db.prepare(s) }, 'ktp', { enabled: true, slotMinutes: 30, capacityPerSlot: 50, dailyQuota: null }, 0);
    for (let i = 0; i < 10; i++) {
      hall.clock.t = MONDAY_0800_WIB + i * MINUTE;
      book({ phone: `+62812000000${String(i).padStart(2, '0')}` });
    }
    const before = dump();
    const limited = refusal(() => book({ phone: '+6281299999999' }));
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterSeconds).toBe(60);
    expect(dump()).toEqual(before);
    expect(book({ phone: '+6281299999999' }, '10.0.0.2').status).toBe('booked');
    hall.clock.t = MONDAY_0800_WIB + 10 * MINUTE + 1;
    expect(book({ phone: '+6281299999998' }).status).toBe('booked');
  });

  it('cancels with the last 4 digits of the phone only', () => {
    const { code } = book();
    expect(refusal(() => w((tx) => cancelBooking(tx, code, '0000'))).code).toBe('phone_mismatch');
    expect(w((tx) => cancelBooking(tx, code, '7890')).status).toBe('cancelled');
    expect(refusal(() => w((tx) => cancelBooking(tx, code, '7890'))).code).toBe('booking_cancelled');
    expect(refusal(() => w((tx) => checkInBooking(tx, code, 'normal'))).code).toBe('booking_cancelled');
  });

  it('explains a closed day: a holiday, a weekend, the past, too far ahead, a service without booking', () => {
    hall.db.prepare(`INSERT INTO holidays (day, name) VALUES ('2025-03-11', 'Hari Raya Nyepi')`).run();
    expect(refusal(() => book({ date: '2025-03-11', slotStart: at('09:00') + 24 * 60 * MINUTE })).message).toMatch(/Nyepi/);
    expect(refusal(() => book({ date: '2025-03-09' })).message).toMatch(/has passed/);
    expect(refusal(() => book({ date: '2025-03-15' })).message).toMatch(/Saturday/);
    expect(refusal(() => book({ date: '2025-05-10' })).message).toMatch(/30 days/);
    expect(refusal(() => book({ serviceId: 'kk' })).code).toBe('booking_closed');
    expect(refusal(() => book({ slotStart: at('09:10') })).field).toBe('slotStart');
  });
});

describe('"nearly your turn" detection', () => {
  it('queues one message per ticket the first time it has N or fewer ahead, with the phone of a booking', () => {
    const config = { url: 'http://127.0.0.1:9/hook', nearlyTurnAhead: 1, enabled: true, secret: null };
    const { code } = book({ slotStart: at('08:30') });
    hall.clock.t = at('08:35');
    w((tx) => checkInBooking(tx, code, 'normal'));
    for (let i = 0; i < 3; i++) hall.queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' });
    expect(w((tx) => enqueueNearlyTurn(tx, ['ktp'], config))).toBe(2);
    expect(w((tx) => enqueueNearlyTurn(tx, ['ktp'], config))).toBe(0);
    const rows = hall.db.prepare('SELECT payload FROM webhook_outbox ORDER BY id').pluck().all() as string[];
    expect(rows.map((r) => JSON.parse(r) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ kind: 'nearly_your_turn', ticketNumber: 'A-001', trackingCode: code, peopleAhead: 0, phone: '+6281234567890' }),
      expect.objectContaining({ ticketNumber: 'A-002', peopleAhead: 1, phone: null, serviceName: 'Perekaman KTP-el' }),
    ]);
    expect(w((tx) => enqueueNearlyTurn(tx, ['ktp'], { ...config, enabled: false, nearlyTurnAhead: 5 }))).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, QueueSnapshot } from '../../../core/api.ts';
import type { CheckInResponse, CreateBookingResponse, PublicBooking, PublicServicesResponse, SlotsResponse } from '../../../core/visitor-api.ts';
import { dumpDatabase, startTestHall, type TestHall } from '../../support/hall-server.ts';

type Err = { error: { code: string; message: string; field?: string } };

/** Monday 10 March 2025, 08:00 in Jakarta; the test moves the hall's clock forward through the morning. */
const MON_0800 = Date.UTC(2025, 2, 10, 1, 0);
const MINUTE = 60_000;
const at = (hhmm: string): number => MON_0800 + ((Number(hhmm.slice(0, 2)) - 8) * 60 + Number(hhmm.slice(3))) * MINUTE;

describe('online booking and check-in over HTTP', () => {
  let hall: TestHall;
  let clock = MON_0800;
  let kiosk: string;
  let officer: string;
  let admin: string;
  const booked: Record<string, CreateBookingResponse> = {};

  const book = (body: Record<string, unknown>) => hall.api<CreateBookingResponse & Err>('POST', '/public/bookings', { body });
  const bookSlot = (time: string, phone: string, date = '2025-03-10') =>
    book({ serviceId: 'ktp-el', date, slotStart: at(time) + (Date.parse(date) - Date.parse('2025-03-10')), name: 'Siti Aminah', phone });
  const checkIn = (code: string, body: unknown = {}, token: string | null = kiosk) =>
    hall.api<CheckInResponse & Err>('POST', `/bookings/${code}/check-in`, { token, body });
  const expectRefusedUnchanged = async (send: () => Promise<{ status: number; body: unknown }>, status: number, code: string, field?: string) => {
    const before = dumpDatabase(hall);
    const res = (await send()) as { status: number; body: Err };
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message.length).toBeGreaterThan(20);
    if (field !== undefined) expect(res.body.error.field).toBe(field);
    expect(dumpDatabase(hall)).toEqual(before);
    return res.body.error;
  };

  beforeAll(async () => {
    hall = await startTestHall({ now: () => clock });
    kiosk = await hall.enroll('kiosk');
    officer = await hall.login('petugas01', await hall.enroll('counter', 'loket-1'));
    admin = await hall.login('admin');
  });
  afterAll(() => hall.close());

  it('lists every service with its information and booking settings, for anyone', async () => {
    const res = await hall.api<PublicServicesResponse>('GET', '/public/services');
    expect(res.status).toBe(200);
    const ktp = res.body.agencies.flatMap((a) => a.services).find((s) => s.id === 'ktp-el');
    expect(ktp).toMatchObject({
      cost: 'Gratis',
      timeStandard: '15 menit',
      legalBasis: expect.stringContaining('UU No. 24 Tahun 2013'),
      requirements: expect.stringContaining('Kartu Keluarga'),
      booking: { enabled: true, slotMinutes: 30, capacityPerSlot: 4, dailyQuota: 40 },
    });
    expect(res.body.rules).toEqual({ checkInOpensBeforeMinutes: 30, checkInClosesAfterMinutes: 15, horizonDays: 30, maxBookingsPerPhonePerDay: 3 });
  });

  it('shows the slots of a day with what is left, and explains a day without slots', async () => {
    const day = await hall.api<SlotsResponse>('GET', '/public/services/ktp-el/slots?date=2025-03-10');
    expect(day.status).toBe(200);
    expect(day.body).toMatchObject({ closed: null, hours: 'Mon–Fri 08:00–15:00', dailyQuota: 40, bookedThatDay: 0 });
    expect(day.body.slots.slice(0, 2)).toEqual([
      { start: at('08:00'), end: at('08:30'), time: '08:00', capacity: 4, remaining: 4, available: false, unavailableReason: 'past' },
      { start: at('08:30'), end: at('09:00'), time: '08:30', capacity: 4, remaining: 4, available: true, unavailableReason: null },
    ]);
    const sunday = await hall.api<SlotsResponse>('GET', '/public/services/ktp-el/slots?date=2025-03-16');
    expect(sunday.body.closed).toEqual({ reason: 'closed_day', message: expect.stringContaining('Sunday') });
    const nkb = await hall.api<SlotsResponse>('GET', '/public/services/nib/slots?date=2025-03-11');
    expect(nkb.body.closed?.reason).toBe('booking_disabled');
    expect((await hall.api<Err>('GET', '/public/services/ktp-el/slots?date=kemarin')).body.error.field).toBe('date');
  });

  it('refuses bad bookings clearly, storing nothing', async () => {
    const good = { serviceId: 'ktp-el', date: '2025-03-10', slotStart: at('09:00'), name: 'Siti Aminah', phone: '081234567890' };
    const { phone: _phone, ...noPhone } = good;
    await expectRefusedUnchanged(() => book(noPhone), 400, 'invalid_request', 'phone');
    await expectRefusedUnchanged(() => book({ ...good, phone: '021 555 1234' }), 400, 'invalid_request', 'phone');
    await expectRefusedUnchanged(() => book({ ...good, date: '2025-02-30' }), 400, 'invalid_request', 'date');
    await expectRefusedUnchanged(() => book({ ...good, name: '' }), 400, 'invalid_request', 'name');
    await expectRefusedUnchanged(() => book({ ...good, slotStart: at('09:10') }), 400, 'invalid_request', 'slotStart');
    await expectRefusedUnchanged(() => book({ ...good, slotStart: at('08:00') }), 409, 'slot_passed', 'slotStart');
    await expectRefusedUnchanged(() => book({ ...good, serviceId: 'no-such' }), 404, 'unknown_service', 'serviceId');
    await expectRefusedUnchanged(() => book({ ...good, serviceId: 'nib' }), 409, 'booking_closed', 'serviceId');
    await expectRefusedUnchanged(() => book({ ...good, date: '2025-03-09' }), 409, 'booking_closed', 'date');
    await expectRefusedUnchanged(() => book({ ...good, vip: true }), 400, 'invalid_request');
  });

  it('books a slot, checks it in at the kiosk and queues it at the slot time', async () => {
    const res = await bookSlot('09:00', '0812 3456 7890');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const b = res.body;
    expect(b).toMatchObject({ status: 'booked', serviceId: 'ktp-el', date: '2025-03-10', slotStart: at('09:00'), slotTime: '09:00', phoneMasked: '+62812****7890' });
    expect(b.qrPayload).toBe(b.code);
    expect(b.trackingCode).toBe(b.code);
    expect(b.trackingUrl).toBe(`${hall.server.url}/visitor/track/?code=${b.code}`);
    expect(b).toMatchObject({ checkInOpensAt: at('08:30'), checkInClosesAt: at('09:15') });
    booked['main'] = b;
    const read = await hall.api<PublicBooking>('GET', `/public/bookings/${b.code.toLowerCase()}`);
    expect(read.body.status).toBe('booked');
    expect(JSON.stringify(read.body)).not.toMatch(/Siti|81234567890/);

    clock = at('08:50');
    const early = (await hall.api<IssuedTicket>('POST', '/tickets', { token: kiosk, body: { serviceId: 'ktp-el' } })).body;
    clock = at('09:05');
    const late = (await hall.api<IssuedTicket>('POST', '/tickets', { token: kiosk, body: { serviceId: 'ktp-el' } })).body;
    clock = at('09:10');
    const checked = await checkIn(b.code);
    expect(checked.status, JSON.stringify(checked.body)).toBe(201);
    expect(checked.body.ticket).toMatchObject({ channel: 'online', status: 'waiting', trackingCode: b.code, peopleAhead: 1 });
    expect(checked.body.booking).toMatchObject({ status: 'checked_in', ticket: { number: checked.body.ticket.number } });
    expect(checked.body.visitorName).toBe('Siti Aminah');

    const queue = await hall.api<QueueSnapshot>('GET', '/queue', { token: officer });
    const ktp = queue.body.waiting.filter((w) => w.serviceId === 'ktp-el');
    expect(ktp.map((w) => [w.number, w.channel, w.queuedAt, w.position])).toEqual([
      [early.number, 'kiosk', at('08:50'), 1],
      [checked.body.ticket.number, 'online', at('09:00'), 2],
      [late.number, 'kiosk', at('09:05'), 3],
    ]);
    const track = await hall.api<{ number: string; peopleAhead: number }>('GET', `/track/${b.code}`);
    expect(track.body).toMatchObject({ number: checked.body.ticket.number, peopleAhead: 1 });
  });

  it('refuses a bad check-in clearly, storing nothing', async () => {
    const code = booked['main']?.code as string;
    await expectRefusedUnchanged(() => checkIn(code), 409, 'already_checked_in', 'code');
    await expectRefusedUnchanged(() => checkIn('nope'), 400, 'invalid_request', 'code');
    await expectRefusedUnchanged(() => checkIn('ZZZZZZZZ'), 404, 'not_found', 'code');
    await expectRefusedUnchanged(() => checkIn(code, {}, null), 401, 'unauthorized');
    await expectRefusedUnchanged(() => checkIn(code, { priority: 'vip' }), 400, 'invalid_request', 'priority');
  });

  it('answers 410 for an expired booking, shows it released at once, and stores the release with the sweep', async () => {
    clock = at('08:00');
    const res = await bookSlot('08:30', '0813 1111 2222');
    expect(res.status).toBe(201);
    const code = res.body.code;
    clock = at('09:10');
    const error = await expectRefusedUnchanged(() => checkIn(code), 410, 'booking_expired', 'code');
    expect(error.message).toMatch(/08:45/);
    expect((await hall.api<PublicBooking>('GET', `/public/bookings/${code}`)).body.status).toBe('released');
    const stored = () => hall.server.ctx.db.prepare('SELECT status, released_at FROM bookings WHERE code = ?').get(code);
    // The sweep runs when the server starts and every minute after.
    await hall.restart();
    await expect.poll(stored).toEqual({ status: 'released', released_at: at('09:10') });
    await expectRefusedUnchanged(() => checkIn(code), 410, 'booking_expired', 'code');
  });

  it('holds one phone to 3 bookings a day: the 4th gets 429 and stores nothing', async () => {
    for (const time of ['10:00', '10:30', '11:00']) expect((await bookSlot(time, '+62 857 0000 1111')).status).toBe(201);
    const error = await expectRefusedUnchanged(() => bookSlot('11:30', '085700001111'), 429, 'rate_limited', 'phone');
    expect(error.message).toMatch(/at most 3/);
    // Another day is fine.
    expect((await bookSlot('10:00', '6285700001111', '2025-03-11')).status).toBe(201);
  });

  it('closes a holiday set by the admin, with its name', async () => {
    const put = await hall.api<{ activeBookingsOnHolidays: number }>('PUT', '/admin/holidays', {
      token: admin,
      body: { holidays: [{ date: '2025-03-11', name: 'Hari Suci Nyepi' }] },
    });
    expect(put.status).toBe(200);
    expect(put.body.activeBookingsOnHolidays).toBe(1);
    const slots = await hall.api<SlotsResponse>('GET', '/public/services/ktp-el/slots?date=2025-03-11');
    expect(slots.body.closed).toEqual({ reason: 'holiday', message: expect.stringContaining('Hari Suci Nyepi') });
    await expectRefusedUnchanged(() => bookSlot('10:00', '081390001111', '2025-03-11'), 409, 'booking_closed', 'date');
  });

  it('cancels with the last 4 phone digits only, and pauses guessing', async () => {
    clock = at('09:12');
    const { code } = (await bookSlot('13:00', '0812 7777 4321')).body;
    const cancel = (phoneLast4: string) => hall.api<PublicBooking & Err>('POST', `/public/bookings/${code}/cancel`, { body: { phoneLast4 } });
    await expectRefusedUnchanged(() => cancel('1234'), 403, 'phone_mismatch', 'phoneLast4');
    await expectRefusedUnchanged(() => cancel('12'), 400, 'invalid_request', 'phoneLast4');
    const done = await cancel('4321');
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('cancelled');
    await expectRefusedUnchanged(() => cancel('4321'), 410, 'booking_cancelled', 'code');
    await expectRefusedUnchanged(() => checkIn(code), 410, 'booking_cancelled', 'code');

    const other = (await bookSlot('13:30', '0812 7777 9876')).body.code;
    for (let i = 0; i < 5; i++) expect((await hall.api('POST', `/public/bookings/${other}/cancel`, { body: { phoneLast4: '0000' } })).status).toBe(403);
    const paused = await hall.api<Err>('POST', `/public/bookings/${other}/cancel`, { body: { phoneLast4: '9876' } });
    expect(paused.status).toBe(429);
  });

  it('takes 10 bookings from one address in 10 minutes; the 11th gets 429 with Retry-After and stores nothing', async () => {
    clock = at('09:30');
    const slots = ['11:30', '11:30', '11:30', '11:30', '12:00', '12:00', '12:00', '12:00', '12:30', '12:30'];
    for (const [i, time] of slots.entries()) {
      clock = at('09:30') + i * 1000;
      expect((await bookSlot(time, `08138000000${i}`)).status).toBe(201);
    }
    const before = dumpDatabase(hall);
    const res = await fetch(`${hall.server.url}/api/v1/public/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 'ktp-el', date: '2025-03-10', slotStart: at('12:30'), name: 'Budi', phone: '081380000099' }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe(String(600 - 9));
    expect(((await res.json()) as Err).error.code).toBe('rate_limited');
    expect(dumpDatabase(hall)).toEqual(before);
    clock = at('09:40') + 1;
    expect((await bookSlot('12:30', '081380000099')).status).toBe(201);
  });

  it('lets the admin edit the service information and booking settings', async () => {
    const body = {
      requirements: 'Fotokopi KK',
      cost: 'Gratis',
      timeStandard: '10 menit',
      legalBasis: 'UU No. 24 Tahun 2013 tentang Administrasi Kependudukan',
      booking: { enabled: false, slotMinutes: 20, capacityPerSlot: 3, dailyQuota: null },
    };
    const bad = await hall.api<Err>('PUT', '/admin/services/ktp-el/info', { token: admin, body: { ...body, booking: { ...body.booking, slotMinutes: 2 } } });
    expect([bad.status, bad.body.error.field]).toEqual([400, 'booking.slotMinutes']);
    const put = await hall.api('PUT', '/admin/services/ktp-el/info', { token: admin, body });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ serviceId: 'ktp-el', ...body });
    const services = await hall.api<PublicServicesResponse>('GET', '/public/services');
    expect(services.body.agencies[0]?.services[0]).toMatchObject({ id: 'ktp-el', timeStandard: '10 menit', booking: { enabled: false } });
    const config = await hall.api<{ services: { id: string; timeStandard?: string }[] }>('GET', '/config', { token: kiosk });
    expect(config.body.services.find((s) => s.id === 'ktp-el')?.timeStandard).toBe('10 menit');
  });
});

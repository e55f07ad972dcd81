import { afterEach, describe, expect, it } from 'vitest';
import { TRACKING_CODE_PATTERN } from '../../../core/api.ts';
import { LoketError } from '../../../core/errors.ts';
import { QueueAuthority } from '../../../server/queue/queue-authority.ts';
import { TRACKING_CODE_ALPHABET, randomTrackingCode } from '../../../server/queue/tracking-code.ts';
import { dumpQueue, hallConfig, makeHall, MINUTE, PRIORITY_FIRST, type TestHall } from './fixtures.ts';

let hall: TestHall | undefined;
afterEach(() => hall?.close());

function refusal(fn: () => unknown): LoketError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LoketError) return e;
    throw e;
  }
  throw new Error('not refused');
}

const issue = (h: TestHall, serviceId = 'ktp') => h.queue.issueTicket({ serviceId, channel: 'kiosk', priority: 'normal' });

describe('ticket numbers', () => {
  it('count per service from 001 and reset at the hall\'s midnight, not UTC\'s', () => {
    // 23:58 in Jakarta on Monday = 16:58 UTC.
    hall = makeHall(hallConfig(), Date.UTC(2025, 2, 10, 16, 58));
    const h = hall;
    expect([issue(h), issue(h), issue(h, 'kk'), issue(h, 'pkb'), issue(h)].map((t) => [t.number, t.serviceDay])).toEqual([
      ['A-001', '2025-03-10'],
      ['A-002', '2025-03-10'],
      ['B-001', '2025-03-10'],
      ['4K-001', '2025-03-10'],
      ['A-003', '2025-03-10'],
    ]);
    h.clock.t = Date.UTC(2025, 2, 10, 16, 59, 59, 999); // 23:59:59.999 WIB
    expect(issue(h).number).toBe('A-004');
    h.clock.t = Date.UTC(2025, 2, 10, 17, 0); // 00:00 WIB Tuesday, still Monday in UTC
    expect([issue(h), issue(h, 'kk'), issue(h)].map((t) => [t.number, t.serviceDay])).toEqual([
      ['A-001', '2025-03-11'],
      ['B-001', '2025-03-11'],
      ['A-002', '2025-03-11'],
    ]);
    // Yesterday's waiting tickets keep their numbers and place.
    expect(h.queue.queue().waiting.filter((w) => w.serviceId === 'ktp').map((w) => w.number)).toEqual(['A-001', 'A-002', 'A-003', 'A-004', 'A-001', 'A-002']);
  });

  it('follows the hall\'s time zone (Asia/Jayapura is UTC+9)', () => {
    const config = hallConfig();
    config.hall.timeZone = 'Asia/Jayapura';
    hall = makeHall(config, Date.UTC(2025, 2, 10, 14, 59));
    expect(issue(hall).serviceDay).toBe('2025-03-10');
    hall.clock.t = Date.UTC(2025, 2, 10, 15, 0);
    expect(issue(hall)).toMatchObject({ number: 'A-001', serviceDay: '2025-03-11' });
  });

  it('go past 999 without breaking the order', () => {
    hall = makeHall();
    hall.db.prepare(`INSERT INTO daily_sequences VALUES ('ktp', '2025-03-10', 998)`).run();
    expect([issue(hall), issue(hall)].map((t) => t.number)).toEqual(['A-999', 'A-1000']);
    expect(hall.queue.queue().waiting.map((w) => [w.number, w.position])).toEqual([['A-999', 1], ['A-1000', 2]]);
  });

  it('people ahead count those called before the new ticket in its service', () => {
    hall = makeHall();
    expect(issue(hall).peopleAhead).toBe(0);
    expect(issue(hall, 'kk').peopleAhead).toBe(0);
    expect(issue(hall).peopleAhead).toBe(1);
    // priority-first: a priority visitor goes before the two normal ones.
    expect(hall.queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'priority' }).peopleAhead).toBe(0);
    expect(issue(hall).peopleAhead).toBe(3);
  });
});

describe('daily quota', () => {
  it('refuses the ticket after the quota, saying the quota and that tomorrow resets; changes nothing', () => {
    hall = makeHall(hallConfig(PRIORITY_FIRST, { kk: { dailyQuota: 2 } }));
    const h = hall;
    issue(h, 'kk');
    issue(h, 'kk');
    const before = dumpQueue(h.db);
    const e = refusal(() => issue(h, 'kk'));
    expect(e).toMatchObject({ code: 'quota_reached', field: 'serviceId' });
    expect(e.message).toMatch(/All 2 tickets for Kartu Keluarga today/);
    expect(e.message).toMatch(/resets at midnight; come back tomorrow/);
    expect(dumpQueue(h.db)).toEqual(before);
    // Other services are not affected; the next day starts afresh.
    expect(issue(h).number).toBe('A-001');
    h.clock.t += 24 * 60 * MINUTE;
    expect(issue(h, 'kk').number).toBe('B-001');
  });

  it('does not count transfers into the service', () => {
    hall = makeHall(hallConfig(PRIORITY_FIRST, { kk: { dailyQuota: 1 } }));
    const h = hall;
    issue(h, 'kk');
    const a = issue(h);
    h.queue.openCounter('loket-2', { id: 'p2', name: 'P2' }, ['ktp']);
    const c = h.queue.callTicket('loket-2', 'p2', a.id);
    expect(h.queue.transfer(a.id, 'loket-2', c.leaseEpoch, { toServiceId: 'kk', reason: 'juga urus KK' }).newTicket.serviceId).toBe('kk');
  });
});

describe('opening hours', () => {
  const hours = { days: [1, 2, 3, 4, 5], open: '08:00', close: '15:00' };

  it('issues within the hours (hall time) and refuses outside them, saying the hours', () => {
    hall = makeHall(hallConfig(PRIORITY_FIRST, { pkb: { openingHours: hours } }), Date.UTC(2025, 2, 10, 0, 59)); // Mon 07:59 WIB
    const h = hall;
    let e = refusal(() => issue(h, 'pkb'));
    expect(e).toMatchObject({ code: 'service_closed', field: 'serviceId' });
    expect(e.message).toContain('Pajak Kendaraan takes tickets Mon–Fri 08:00–15:00 (hall time, Asia/Jakarta); it is now Mon 07:59');
    expect(issue(h).number).toBe('A-001'); // KTP has no hours
    h.clock.t = Date.UTC(2025, 2, 10, 1, 0); // 08:00
    expect(issue(h, 'pkb').number).toBe('4K-001');
    h.clock.t = Date.UTC(2025, 2, 10, 7, 59); // 14:59
    expect(issue(h, 'pkb').number).toBe('4K-002');
    h.clock.t = Date.UTC(2025, 2, 10, 8, 0); // 15:00
    expect(refusal(() => issue(h, 'pkb')).code).toBe('service_closed');
    h.clock.t = Date.UTC(2025, 2, 15, 3, 0); // Saturday 10:00
    e = refusal(() => issue(h, 'pkb'));
    expect(e.message).toContain('it is now Sat 10:00');
  });

  it('handles hours past midnight', () => {
    hall = makeHall(hallConfig(PRIORITY_FIRST, { pkb: { openingHours: { days: [5], open: '20:00', close: '02:00' } } }), Date.UTC(2025, 2, 14, 13, 30)); // Fri 20:30
    const h = hall;
    expect(issue(h, 'pkb').number).toBe('4K-001');
    h.clock.t = Date.UTC(2025, 2, 14, 18, 30); // Sat 01:30, still Friday's evening hours
    expect(issue(h, 'pkb').number).toBe('4K-001'); // a new service day
    h.clock.t = Date.UTC(2025, 2, 15, 13, 30); // Sat 20:30
    expect(refusal(() => issue(h, 'pkb')).code).toBe('service_closed');
  });
});

describe('tracking codes', () => {
  it('are 8 characters of 2-9A-HJ-NP-Z from a cryptographic source', () => {
    expect(TRACKING_CODE_ALPHABET).toHaveLength(32);
    expect(TRACKING_CODE_ALPHABET).not.toMatch(/[01IO]/);
    const codes = new Set(Array.from({ length: 2000 }, randomTrackingCode));
    for (const c of codes) expect(c).toMatch(TRACKING_CODE_PATTERN);
    expect(codes.size).toBe(2000);
  });

  it('are unique: a code already used is drawn again', () => {
    hall = makeHall();
    const h = hall;
    const drawn = ['AAAA2222', 'AAAA2222', 'AAAA2222', 'BBBB3333'];
    const queue = new QueueAuthority({ db: h.db, now: () => h.clock.t, publish: () => {}, randomCode: () => drawn.shift() ?? 'CCCC4444' });
    expect(queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' }).trackingCode).toBe('AAAA2222');
    expect(queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' }).trackingCode).toBe('BBBB3333');
  });

  it('refuses a code source that gives no valid or no unused codes, issuing nothing', () => {
    hall = makeHall();
    const h = hall;
    const bad = new QueueAuthority({ db: h.db, now: () => h.clock.t, publish: () => {}, randomCode: () => 'O0O0O0O0' });
    expect(() => bad.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' })).toThrow(/not 8 of 2-9A-HJ-NP-Z/);
    const stuck = new QueueAuthority({ db: h.db, now: () => h.clock.t, publish: () => {}, randomCode: () => 'AAAA2222' });
    stuck.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' });
    const before = dumpQueue(h.db);
    expect(() => stuck.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' })).toThrow(/no unused tracking code/);
    expect(dumpQueue(h.db)).toEqual(before);
  });
});

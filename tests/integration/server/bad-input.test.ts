import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpDatabase, startTestHall, type TestHall } from '../../support/hall-server.ts';

type Err = { error: { code: string; message: string; field?: string } };

/** Bad input on every route gets a clear 4xx naming the field, and the database does not change. */
describe('bad input is refused clearly and changes nothing', () => {
  let hall: TestHall;
  const t: Record<string, string> = {};
  let held: { id: string; lease: number };

  beforeAll(async () => {
    hall = await startTestHall();
    t['kiosk'] = await hall.enroll('kiosk');
    t['officer'] = await hall.login('petugas01', await hall.enroll('counter', 'loket-1'));
    t['supervisor'] = await hall.login('supervisor');
    t['admin'] = await hall.login('admin');
    await hall.api('POST', '/counters/loket-1/open', { token: t['officer'], body: { serviceIds: ['ktp-el'] } });
    await hall.api('POST', '/tickets', { token: t['kiosk'], body: { serviceId: 'ktp-el' } });
    const call = await hall.api<{ ticket: { id: string }; leaseEpoch: number }>('POST', '/counters/loket-1/call-next', { token: t['officer'] });
    held = { id: call.body.ticket.id, lease: call.body.leaseEpoch };
  });
  afterAll(() => hall.close());

  const big = 'x'.repeat(70 * 1024);
  const cases: [string, () => { method: string; path: string; token?: string; body?: unknown; raw?: string; headers?: Record<string, string> }, number, string, string | undefined][] = [
    ['malformed JSON', () => ({ method: 'POST', path: '/tickets', token: t['kiosk'], raw: '{"serviceId": ' }), 400, 'invalid_json', 'body'],
    ['a JSON array instead of an object', () => ({ method: 'POST', path: '/tickets', token: t['kiosk'], raw: '[1,2]' }), 400, 'invalid_request', undefined],
    ['a wrong type', () => ({ method: 'POST', path: '/tickets', token: t['kiosk'], body: { serviceId: 7 } }), 400, 'invalid_request', 'serviceId'],
    ['an unknown service', () => ({ method: 'POST', path: '/tickets', token: t['kiosk'], body: { serviceId: 'no-such' } }), 404, 'unknown_service', 'serviceId'],
    ['a bad priority', () => ({ method: 'POST', path: '/tickets', token: t['kiosk'], body: { serviceId: 'ktp-el', priority: 'vip' } }), 400, 'invalid_request', 'priority'],
    ['an oversized body', () => ({ method: 'POST', path: '/tickets', token: t['kiosk'], raw: JSON.stringify({ serviceId: 'ktp-el', pad: big }) }), 413, 'body_too_large', undefined],
    ['a body that is not JSON', () => ({ method: 'POST', path: '/tickets', token: t['kiosk'], raw: 'serviceId=ktp-el', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type', undefined],
    ['no auth', () => ({ method: 'POST', path: '/tickets', body: { serviceId: 'ktp-el' } }), 401, 'unauthorized', undefined],
    ['a forged token', () => ({ method: 'POST', path: '/tickets', token: 'ldv_forged', body: { serviceId: 'ktp-el' } }), 401, 'unauthorized', undefined],
    ['an unknown route', () => ({ method: 'GET', path: '/nope', token: t['kiosk'] }), 404, 'no_such_route', undefined],
    ['a bad enrollment code', () => ({ method: 'POST', path: '/devices/enroll', body: { code: 'nope', name: 'pc' } }), 400, 'invalid_request', 'code'],
    ['an unknown enrollment code', () => ({ method: 'POST', path: '/devices/enroll', body: { code: 'AAAA-BBBB', name: 'pc' } }), 403, 'enroll_code_invalid', 'code'],
    ['a PIN with letters', () => ({ method: 'POST', path: '/sessions', body: { username: 'supervisor', pin: '12ab' } }), 400, 'invalid_request', 'pin'],
    ['a counter without services', () => ({ method: 'POST', path: '/counters/loket-1/open', token: t['officer'], body: { serviceIds: [] } }), 400, 'invalid_request', 'serviceIds'],
    ['a bad pause reason', () => ({ method: 'POST', path: '/counters/loket-1/pause', token: t['officer'], body: { reason: 'nap' } }), 400, 'invalid_request', 'reason'],
    ['a ticket id that is not a UUID', () => ({ method: 'POST', path: '/tickets/123/start', token: t['officer'], body: { leaseEpoch: 1 } }), 400, 'invalid_request', 'id'],
    ['an unknown ticket', () => ({ method: 'POST', path: '/tickets/00000000-0000-4000-8000-000000000000/start', token: t['officer'], body: { leaseEpoch: 1 } }), 404, 'not_found', undefined],
    ['a missing lease epoch', () => ({ method: 'POST', path: `/tickets/${held.id}/start`, token: t['officer'], body: {} }), 400, 'invalid_request', 'leaseEpoch'],
    ['a bad outcome', () => ({ method: 'POST', path: `/tickets/${held.id}/finish`, token: t['officer'], body: { leaseEpoch: held.lease, outcome: 'great' } }), 400, 'invalid_request', 'outcome'],
    ['a note over 500 characters', () => ({ method: 'POST', path: `/tickets/${held.id}/finish`, token: t['officer'], body: { leaseEpoch: held.lease, outcome: 'served', note: 'x'.repeat(501) } }), 400, 'invalid_request', 'note'],
    ['a transfer with two targets', () => ({ method: 'POST', path: `/tickets/${held.id}/transfer`, token: t['officer'], body: { leaseEpoch: held.lease, toServiceId: 'kk', toCounterId: 'loket-2', reason: 'x' } }), 400, 'invalid_request', 'toServiceId'],
    ['a transfer to an unknown service', () => ({ method: 'POST', path: `/tickets/${held.id}/transfer`, token: t['officer'], body: { leaseEpoch: held.lease, toServiceId: 'no-such', reason: 'x' } }), 404, 'unknown_service', 'toServiceId'],
    ['an unknown counter', () => ({ method: 'POST', path: '/admin/enroll-codes', token: t['admin'], body: { kind: 'counter', counterId: 'loket-99' } }), 404, 'unknown_counter', 'counterId'],
    ['a bad tracking code', () => ({ method: 'GET', path: '/track/abc' }), 400, 'invalid_request', 'code'],
    ['an unknown tracking code', () => ({ method: 'GET', path: '/track/ABCDEFGH' }), 404, 'not_found', 'code'],
    ['a bad username', () => ({ method: 'POST', path: '/admin/users', token: t['admin'], body: { username: 'A B', name: 'x', role: 'officer', pin: '1234' } }), 400, 'invalid_request', 'username'],
    ['a bad role', () => ({ method: 'POST', path: '/admin/users', token: t['admin'], body: { username: 'ab', name: 'x', role: 'king', pin: '1234' } }), 400, 'invalid_request', 'role'],
  ];

  it.each(cases)('%s → %i %s', async (_what, make, status, code, field) => {
    const before = dumpDatabase(hall);
    const r = make();
    const res = await hall.api<Err>(r.method, r.path, { token: r.token ?? null, body: r.body, ...(r.raw !== undefined ? { raw: r.raw } : {}), ...(r.headers ? { headers: r.headers } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message.length).toBeGreaterThan(15);
    if (field) expect(res.body.error.field).toBe(field);
    expect(dumpDatabase(hall)).toEqual(before);
  });
});

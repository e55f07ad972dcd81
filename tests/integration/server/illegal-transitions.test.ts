import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpDatabase, startTestHall, type TestHall } from '../../support/hall-server.ts';

type Ticket = { id: string; status: string };
type Held = { ticket: Ticket; leaseEpoch: number };

// DESIGN.md §4, written out here: the only legal (state, action) pairs. Everything else must be 409.
const LEGAL: Record<string, string[]> = {
  waiting: ['call', 'cancel'],
  called: ['recall', 'start', 'no_show', 'transfer', 'return'],
  serving: ['finish', 'transfer'],
  done: [],
  no_show: ['reactivate'],
  transferred: [],
  cancelled: [],
};
const ACTIONS = ['call', 'recall', 'start', 'finish', 'no_show', 'reactivate', 'transfer', 'return', 'cancel'];

describe('every illegal transition answers 409 naming the state and the action, and changes nothing', () => {
  let hall: TestHall;
  let kiosk: string;
  let supervisor: string;
  const officers: Record<string, string> = {};
  const tickets: Record<string, { id: string; counter: string; lease: number }> = {};

  beforeAll(async () => {
    hall = await startTestHall();
    kiosk = await hall.enroll('kiosk');
    supervisor = await hall.login('supervisor');
    for (const n of [1, 2, 3, 4]) {
      const counter = `loket-${n}`;
      officers[counter] = await hall.login(`petugas0${n}`, await hall.enroll('counter', counter));
      await hall.api('POST', `/counters/${counter}/open`, { token: officers[counter], body: { serviceIds: ['ktp-el', 'kk'] } });
    }
    const issue = async () => (await hall.api<Ticket>('POST', '/tickets', { token: kiosk, body: { serviceId: 'ktp-el' } })).body.id;
    const call = async (counter: string, id: string) =>
      (await hall.api<Held>('POST', `/counters/${counter}/call`, { token: officers[counter], body: { ticketId: id } })).body.leaseEpoch;
    const act = (counter: string, id: string, action: string, body: object) =>
      hall.api('POST', `/tickets/${id}/${action}`, { token: officers[counter], body });

    tickets['waiting'] = { id: await issue(), counter: 'loket-1', lease: 1 };
    for (const state of ['done', 'no_show', 'transferred', 'cancelled'] as const) {
      const id = await issue();
      if (state === 'cancelled') {
        await hall.api('POST', `/tickets/${id}/cancel`, { token: supervisor });
      } else {
        const lease = await call('loket-4', id);
        if (state === 'done') {
          await act('loket-4', id, 'start', { leaseEpoch: lease });
          await act('loket-4', id, 'finish', { leaseEpoch: lease, outcome: 'served' });
        } else if (state === 'no_show') {
          await act('loket-4', id, 'no-show', { leaseEpoch: lease });
        } else {
          await act('loket-4', id, 'transfer', { leaseEpoch: lease, toServiceId: 'kk', reason: 'uji' });
        }
        tickets[state] = { id, counter: 'loket-4', lease };
        continue;
      }
      tickets[state] = { id, counter: 'loket-4', lease: 1 };
    }
    const calledId = await issue();
    tickets['called'] = { id: calledId, counter: 'loket-1', lease: await call('loket-1', calledId) };
    const servingId = await issue();
    const servingLease = await call('loket-3', servingId);
    await act('loket-3', servingId, 'start', { leaseEpoch: servingLease });
    tickets['serving'] = { id: servingId, counter: 'loket-3', lease: servingLease };

    const states = await Promise.all(
      Object.entries(tickets).map(async ([state, t]) => [state, hall.server.ctx.db.prepare('SELECT status FROM tickets WHERE id = ?').pluck().get(t.id)]),
    );
    expect(Object.fromEntries(states)).toEqual(Object.fromEntries(Object.keys(LEGAL).map((s) => [s, s])));
  });
  afterAll(() => hall.close());

  const request = (state: string, action: string) => {
    const t = tickets[state]!;
    const officer = officers[t.counter]!;
    switch (action) {
      case 'call':
        return hall.api('POST', `/counters/${t.counter}/call`, { token: officer, body: { ticketId: t.id } });
      case 'reactivate':
      case 'cancel':
        return hall.api('POST', `/tickets/${t.id}/${action}`, { token: supervisor });
      case 'finish':
        return hall.api('POST', `/tickets/${t.id}/finish`, { token: officer, body: { leaseEpoch: t.lease, outcome: 'served' } });
      case 'transfer':
        return hall.api('POST', `/tickets/${t.id}/transfer`, { token: officer, body: { leaseEpoch: t.lease, toServiceId: 'kk', reason: 'uji' } });
      default:
        return hall.api('POST', `/tickets/${t.id}/${action.replace('_', '-')}`, { token: officer, body: { leaseEpoch: t.lease } });
    }
  };

  const illegal = Object.entries(LEGAL).flatMap(([state, legal]) => ACTIONS.filter((a) => !legal.includes(a)).map((a) => [state, a] as const));
  it('covers all 53 illegal pairs', () => expect(illegal).toHaveLength(53));

  it.each(illegal)('%s + %s → 409', async (state, action) => {
    const before = dumpDatabase(hall);
    const res = await request(state, action);
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    const error = (res.body as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('illegal_transition');
    expect(error.message).toContain(state.replace('_', '-'));
    expect(error.message).toContain(action.replace('_', '-'));
    expect(dumpDatabase(hall)).toEqual(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHall, type TestHall } from '../../support/hall-server.ts';

type Ticket = { id: string; number: string; status: string; callCount: number; serviceId: string; priority: string; issuedAt: number };
type Err = { error: { code: string; message: string; field?: string } };

describe('a ticket through every state, over HTTP against the real hall server', () => {
  let hall: TestHall;
  let kiosk: string;
  let officer1: string;
  let officer2: string;
  let supervisor: string;

  beforeAll(async () => {
    hall = await startTestHall();
    kiosk = await hall.enroll('kiosk');
    officer1 = await hall.login('petugas01', await hall.enroll('counter', 'loket-1'));
    officer2 = await hall.login('petugas02', await hall.enroll('counter', 'loket-2'));
    supervisor = await hall.login('supervisor');
    expect((await hall.api('POST', '/counters/loket-1/open', { token: officer1, body: { serviceIds: ['ktp-el', 'kk', 'akta-lahir'] } })).status).toBe(200);
    expect((await hall.api('POST', '/counters/loket-2/open', { token: officer2, body: { serviceIds: ['kk'] } })).status).toBe(200);
  });
  afterAll(() => hall.close());

  const issue = async (serviceId: string, priority = 'normal') => {
    const res = await hall.api<Ticket & { trackingCode: string; peopleAhead: number }>('POST', '/tickets', { token: kiosk, body: { serviceId, priority } });
    expect(res.status).toBe(201);
    return res.body;
  };
  const callNext = async (token: string, counter: string) => {
    const res = await hall.api<{ ticket: Ticket; leaseEpoch: number }>('POST', `/counters/${counter}/call-next`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };
  const act = (token: string, id: string, action: string, body: object) => hall.api<{ ticket: Ticket; newTicket?: Ticket } & Err>('POST', `/tickets/${id}/${action}`, { token, body });

  it('issues numbered tickets with a tracking code', async () => {
    const t = await issue('ktp-el');
    expect(t.number).toBe('A-001');
    expect(t.status).toBe('waiting');
    expect(t.trackingCode).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    const track = await hall.api<{ number: string; status: string; peopleAhead: number }>('GET', `/track/${t.trackingCode}`);
    expect(track.body).toMatchObject({ number: 'A-001', status: 'waiting', peopleAhead: 0 });
  });

  it('waiting → called → recalled → serving → done (served)', async () => {
    const { ticket, leaseEpoch } = await callNext(officer1, 'loket-1');
    expect(ticket).toMatchObject({ number: 'A-001', status: 'called', callCount: 1, counterId: 'loket-1' });
    expect((await act(officer1, ticket.id, 'recall', { leaseEpoch })).body.ticket).toMatchObject({ status: 'called', callCount: 2 });
    expect((await act(officer1, ticket.id, 'start', { leaseEpoch })).body.ticket.status).toBe('serving');
    const done = await act(officer1, ticket.id, 'finish', { leaseEpoch, outcome: 'served', note: 'KTP-el dicetak' });
    expect(done.body.ticket).toMatchObject({ status: 'done', outcome: 'served', note: 'KTP-el dicetak' });
  });

  it('called → no_show, reactivated by a supervisor → waiting, called → returned → waiting, cancelled', async () => {
    const t = await issue('ktp-el');
    let call = await callNext(officer1, 'loket-1');
    expect(call.ticket.id).toBe(t.id);
    expect((await act(officer1, t.id, 'no-show', { leaseEpoch: call.leaseEpoch })).body.ticket.status).toBe('no_show');
    const re = await hall.api<{ ticket: Ticket }>('POST', `/tickets/${t.id}/reactivate`, { token: supervisor });
    expect(re.body.ticket.status).toBe('waiting');
    call = await callNext(officer1, 'loket-1');
    expect(call.ticket.id).toBe(t.id);
    expect((await act(officer1, t.id, 'return', { leaseEpoch: call.leaseEpoch })).body.ticket.status).toBe('waiting');
    const cancelled = await hall.api<{ ticket: Ticket }>('POST', `/tickets/${t.id}/cancel`, { token: supervisor });
    expect(cancelled.body.ticket.status).toBe('cancelled');
  });

  it('serving → transferred to another service keeps arrival time and priority; the other counter calls it', async () => {
    const t = await issue('ktp-el', 'priority');
    const call = await callNext(officer1, 'loket-1');
    expect(call.ticket.id).toBe(t.id);
    await act(officer1, t.id, 'start', { leaseEpoch: call.leaseEpoch });
    const moved = await act(officer1, t.id, 'transfer', { leaseEpoch: call.leaseEpoch, toServiceId: 'kk', reason: 'perlu perubahan KK dulu' });
    expect(moved.status).toBe(200);
    expect(moved.body.ticket.status).toBe('transferred');
    expect(moved.body.newTicket).toMatchObject({ status: 'waiting', serviceId: 'kk', number: t.number, priority: 'priority', issuedAt: t.issuedAt });
    const other = await callNext(officer2, 'loket-2');
    expect(other.ticket.id).toBe(moved.body.newTicket?.id);
    await act(officer2, other.ticket.id, 'no-show', { leaseEpoch: other.leaseEpoch });
  });

  it('refuses an action with a stale lease epoch', async () => {
    const t = await issue('kk');
    const first = await callNext(officer2, 'loket-2');
    expect(first.ticket.id).toBe(t.id);
    await act(officer2, t.id, 'return', { leaseEpoch: first.leaseEpoch });
    const second = await callNext(officer2, 'loket-2');
    expect(second.leaseEpoch).toBeGreaterThan(first.leaseEpoch);
    const stale = await act(officer2, t.id, 'start', { leaseEpoch: first.leaseEpoch });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_lease');
    await act(officer2, t.id, 'no-show', { leaseEpoch: second.leaseEpoch });
  });

  it('answers 204 when nobody waits', async () => {
    const res = await hall.api('POST', '/counters/loket-2/call-next', { token: officer2 });
    expect(res.status).toBe(204);
  });
});

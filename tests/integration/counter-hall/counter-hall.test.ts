import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WaitingEntry } from '../../../core/api.ts';
import type { Ticket } from '../../../core/domain.ts';
import type { ConnectionState, CounterContext, Today } from '../../../core/ipc.ts';
import type { HeadlessHost } from '../../../main/headless/host.ts';
import { ENROLLMENT_KEY } from '../../../main/sync/enrollment-store.ts';
import { connectBridge, startCounterHost, type BridgeClient, type BridgeResult } from '../../support/counter-host.ts';
import { startTestHall, type TestHall } from '../../support/hall-server.ts';
import { eventually } from '../../support/counter-services.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

/**
 * The counter app against a real hall server: a real headless counter host (real ledger, browser
 * bridge) and the real hall server on 127.0.0.1 (plain http is allowed on loopback). The page's
 * calls and pushes travel over the bridge exactly as window.loket's do.
 */

const QUIET = { warn: () => undefined };
const HALL_TUNING = { feed: { backoff: { initialMs: 50, maxMs: 400 } }, log: QUIET };

function value<T>(result: BridgeResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function failure(result: BridgeResult): { code: string; message: string; field?: string } {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  expect(result.error.message.length).toBeGreaterThan(20);
  return result.error;
}

describe('counter app ↔ hall server (enrollment, sign-in, the shared queue, ticket actions)', () => {
  const dir = makeTempDir('loket-counter-');
  let hall: TestHall;
  let host: HeadlessHost;
  let page: BridgeClient;
  let kiosk: string;

  const issue = async (serviceId: string): Promise<Ticket> => {
    const res = await hall.api<Ticket>('POST', '/tickets', { token: kiosk, body: { serviceId } });
    expect(res.status).toBe(201);
    return res.body;
  };
  // Ticket actions answer once in the ledger; the outbox delivers them right after.
  const delivered = (): Promise<void> => eventually('the outbox to drain', () => host.services.link.connection().sync.pending === 0);
  const ledgerTypes = (ticketId: string): string[] => host.services.ledger.ticketEvents(ticketId).map((e) => e.type);
  const serverLease = (ticketId: string): number | null =>
    (hall.server.ctx.db.prepare('SELECT lease_epoch FROM tickets WHERE id = ?').get(ticketId) as { lease_epoch: number | null }).lease_epoch;

  beforeAll(async () => {
    hall = await startTestHall();
    host = await startCounterHost(dir.path, 'loket-1', 0, HALL_TUNING);
    page = await connectBridge(host);
    kiosk = await hall.enroll('kiosk');
  });
  afterAll(async () => {
    page.close();
    await host.close();
    await hall.close();
    dir.remove();
  });

  it('before enrollment: not enrolled, the starter hall is the context, hall actions say not_enrolled', async () => {
    const c = value(await page.call<ConnectionState>('getConnection'));
    expect(c).toMatchObject({ enrolled: false, online: false, serverUrl: null, officer: null, counter: null });
    expect(value(await page.call<CounterContext>('getCounterContext')).counter.id).toBe('loket-1');
    for (const name of ['callNext', 'getQueue', 'recallTicket']) expect(failure(await page.call(name)).code).toBe('not_enrolled');
    expect(failure(await page.call('signIn', { username: 'petugas01', pin: '1234' })).code).toBe('not_enrolled');
  });

  it('probes a loopback server over plain http (no certificate) and refuses plain http to a LAN address', async () => {
    expect(value(await page.call('probeServer', { url: hall.server.url }))).toEqual({ url: hall.server.url, fingerprint256: null, version: 'test' });
    const lan = failure(await page.call('probeServer', { url: 'http://192.168.1.10:7420' }));
    expect(lan).toMatchObject({ code: 'invalid_request', field: 'url' });
    expect(failure(await page.call('probeServer', { url: 'http://127.0.0.1:1' })).code).toBe('server_unreachable');
  });

  it('refuses an unknown enrollment code with the server’s enroll_code_invalid and stores nothing', async () => {
    const bad = failure(await page.call('enrollDevice', { url: hall.server.url, code: 'K7QX-4M2P', name: 'PC Loket 1', fingerprint256: null }));
    expect(bad).toMatchObject({ code: 'enroll_code_invalid', field: 'code' });
    expect(host.services.ledger.getSetting(ENROLLMENT_KEY)).toBeNull();
  });

  it('enrolls with a fresh code, pulls the hall configuration and goes online', async () => {
    const code = hall.server.ctx.auth.createEnrollCode({ kind: 'counter', counterId: 'loket-1', ttlMinutes: 10 });
    const online = page.nextPush<ConnectionState>('connectionChanged', (c) => c.online);
    const c = value(await page.call<ConnectionState>('enrollDevice', { url: hall.server.url, code: code.code, name: 'PC Loket 1', fingerprint256: null }));
    expect(c).toMatchObject({ enrolled: true, serverUrl: hall.server.url, fingerprint256: null, counterId: 'loket-1', hallName: 'MPP Kabupaten Lebong' });
    expect(await online).toMatchObject({ online: true, enrolled: true });
    // The counter now knows the hall's own services (the demo hall has more than the starter file).
    const ctx = value(await page.call<CounterContext>('getCounterContext'));
    expect(ctx.counter).toEqual({ id: 'loket-1', number: 1 });
    expect(ctx.services.map((s) => s.id)).toEqual(['ktp-el', 'kk', 'akta-lahir', 'akta-mati', 'pindah']);
    expect(host.services.ledger.getSetting(ENROLLMENT_KEY)).toContain('"counterId":"loket-1"');
  });

  it('refuses every officer action before sign-in with not_signed_in', async () => {
    for (const [name, request] of [
      ['callNext', {}],
      ['openCounter', { serviceIds: ['ktp-el'] }],
      ['recallTicket', {}],
      ['callTicket', { ticketId: crypto.randomUUID() }],
    ] as const) {
      expect(failure(await page.call(name, request)).code).toBe('not_signed_in');
    }
  });

  it('a wrong PIN gives login_failed', async () => {
    expect(failure(await page.call('signIn', { username: 'petugas01', pin: '0000' }))).toMatchObject({ code: 'login_failed', field: 'pin' });
    expect(value(await page.call<ConnectionState>('getConnection')).officer).toBeNull();
  });

  it('signs petugas01 in and opens the counter with chosen services', async () => {
    const signedIn = value(await page.call<ConnectionState>('signIn', { username: 'petugas01', pin: '1234' }));
    expect(signedIn.officer).toMatchObject({ name: 'Rina Marlina' });
    expect(signedIn.counter).toMatchObject({ counterId: 'loket-1', status: 'closed' });
    expect(failure(await page.call('callNext')).code).toBe('counter_not_open');
    const opened = value(await page.call<ConnectionState>('openCounter', { serviceIds: ['ktp-el', 'kk'] }));
    expect(opened.counter).toMatchObject({ status: 'open', serviceIds: ['ktp-el', 'kk'], officer: { name: 'Rina Marlina' } });
    const last = host.services.ledger.eventsAfter(0, 100).at(-1);
    expect(last).toMatchObject({ type: 'session.opened', counterId: 'loket-1', officerId: signedIn.officer?.id, data: { serviceIds: ['ktp-el', 'kk'] } });
  });

  let first: Ticket;

  it('a ticket issued at the kiosk shows in getQueue and a queueChanged push arrives; other services do not', async () => {
    const pushed = page.nextPush('queueChanged');
    first = await issue('ktp-el');
    await pushed;
    const other = await issue('akta-lahir'); // configured for loket-1, but not opened now
    const elsewhere = await issue('skck');
    const queue = value(await page.call<WaitingEntry[]>('getQueue'));
    const ids = queue.map((w) => w.ticketId);
    expect(ids).toContain(first.id);
    expect(ids).not.toContain(other.id);
    expect(ids).not.toContain(elsewhere.id);
    expect(queue.find((w) => w.ticketId === first.id)).toMatchObject({ number: first.number, serviceId: 'ktp-el', position: 1 });
  });

  it('callNext returns it, and the ledger holds ticket.called with the server’s lease epoch', async () => {
    const ticket = value(await page.call<Ticket>('callNext'));
    expect(ticket).toMatchObject({ id: first.id, number: first.number, status: 'called', counterId: 'loket-1', callCount: 1 });
    const [called] = host.services.ledger.ticketEvents(first.id);
    expect(called).toMatchObject({ type: 'ticket.called', counterId: 'loket-1', data: { serviceId: 'ktp-el', number: first.number } });
    expect(called?.leaseEpoch).toBe(serverLease(first.id));
    expect(called?.leaseEpoch).toBeGreaterThan(0);
    // Stamped close to the server's own call time (same machine here, so within a second).
    expect(Math.abs((called?.serverAt ?? 0) - (ticket.calledAt ?? 0))).toBeLessThan(1000);
    expect(value(await page.call<Ticket | null>('getCurrentTicket'))?.id).toBe(first.id);
    expect(value(await page.call<WaitingEntry[]>('getQueue')).map((w) => w.ticketId)).not.toContain(first.id);
    expect(failure(await page.call('callNext')).code).toBe('counter_busy');
  });

  it('recall → start → finish: in the ledger under the call’s lease, and on the server once delivered', async () => {
    expect(value(await page.call<Ticket>('recallTicket'))).toMatchObject({ status: 'called', callCount: 2 });
    expect(value(await page.call<Ticket>('startServing')).status).toBe('serving');
    const done = value(await page.call<Ticket>('finishTicket', { ticketId: first.id, outcome: 'served', note: 'KTP-el dicetak' }));
    expect(done).toMatchObject({ status: 'done', outcome: 'served', note: 'KTP-el dicetak' });
    await delivered();
    expect(hall.server.ctx.queue.ticket(first.id)).toMatchObject({ status: 'done', outcome: 'served' });
    const events = host.services.ledger.ticketEvents(first.id);
    expect(events.map((e) => e.type)).toEqual(['ticket.called', 'ticket.recalled', 'ticket.started', 'ticket.finished']);
    expect(new Set(events.map((e) => e.leaseEpoch))).toEqual(new Set([serverLease(first.id)]));
    expect(value(await page.call<Ticket | null>('getCurrentTicket'))).toBeNull();
    const today = value(await page.call<Today>('getToday'));
    expect(today.served.map((v) => v.ticketId)).toContain(first.id);
  });

  it('actions need a held ticket: ticket_not_held when the counter holds none', async () => {
    expect(failure(await page.call('recallTicket')).code).toBe('ticket_not_held');
    expect(failure(await page.call('finishTicket', { ticketId: first.id, outcome: 'served', note: null }))).toMatchObject({ code: 'ticket_not_held', field: 'ticketId' });
  });

  it('no-show, return to the queue and transfer go to the server and the ledger', async () => {
    const a = await issue('kk');
    expect(value(await page.call<Ticket>('callTicket', { ticketId: a.id })).id).toBe(a.id);
    expect(value(await page.call<Ticket>('markNoShow')).status).toBe('no_show');
    expect(ledgerTypes(a.id)).toEqual(['ticket.called', 'ticket.no_show']);

    const b = await issue('kk');
    expect(value(await page.call<Ticket>('callNext')).id).toBe(b.id);
    expect(value(await page.call<Ticket>('returnToQueue')).status).toBe('waiting');
    await delivered();
    expect(hall.server.ctx.queue.ticket(b.id)?.status).toBe('waiting');
    // Called again: a new lease, and the ledger follows the newest call.
    expect(value(await page.call<Ticket>('callNext')).id).toBe(b.id);
    value(await page.call('startServing'));
    const moved = value(await page.call<Ticket>('transferTicket', { toServiceId: 'akta-lahir', toCounterId: null, reason: 'perlu akta lahir dulu' }));
    expect(moved.status).toBe('transferred');
    expect(ledgerTypes(b.id)).toEqual(['ticket.called', 'ticket.returned', 'ticket.called', 'ticket.started', 'ticket.transferred']);
    const calls = host.services.ledger.ticketEvents(b.id).filter((e) => e.type === 'ticket.called');
    expect(calls[1]?.leaseEpoch).toBeGreaterThan(calls[0]?.leaseEpoch ?? Infinity);
    expect(value(await page.call<Ticket | null>('getCurrentTicket'))).toBeNull();
    // Nobody waits for ktp-el or kk now (the transfer went to akta-lahir, not opened here).
    expect(value(await page.call<Ticket | null>('callNext'))).toBeNull();
  });

  it('a walk-in gets a number from the block the server leased, and reaches the server through the outbox', async () => {
    const walkIn = value(await page.call<Ticket>('startWalkIn', { serviceId: 'kk' }));
    expect(walkIn.status).toBe('serving');
    expect(walkIn.number).toMatch(/^L1-\d{3}$/);
    expect(failure(await page.call('callNext')).code).toBe('counter_busy');
    expect(failure(await page.call('transferTicket', { toServiceId: 'ktp-el', toCounterId: null, reason: 'salah loket' })).code).toBe('illegal_transition');
    const done = value(await page.call<Ticket>('finishTicket', { ticketId: walkIn.id, outcome: 'pending', note: null }));
    expect(done).toMatchObject({ status: 'done', outcome: 'pending' });
    await delivered();
    expect(hall.server.ctx.queue.ticket(walkIn.id)).toMatchObject({ status: 'done', outcome: 'pending', channel: 'counter', number: walkIn.number, counterId: 'loket-1' });
    const [started] = host.services.ledger.ticketEvents(walkIn.id);
    expect(started?.officerId).not.toBeNull(); // walk-ins carry the signed-in officer
    expect(value(await page.call<ConnectionState>('getConnection')).sync).toMatchObject({ pending: 0, rejected: [] });
  });

  it('a double key press calls one visitor and recalls in turn', async () => {
    const t = await issue('ktp-el');
    const [a, b] = await Promise.all([page.call<Ticket>('callNext'), page.call<Ticket>('callNext')]);
    const results = [a, b];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.map((r) => (r.ok ? r.value.id : r.error.code)).sort()).toEqual([t.id, 'counter_busy'].sort());
    const recalls = await Promise.all([page.call<Ticket>('recallTicket'), page.call<Ticket>('recallTicket')]);
    expect(recalls.map((r) => value(r).callCount)).toEqual([2, 3]);
    expect(ledgerTypes(t.id)).toEqual(['ticket.called', 'ticket.recalled', 'ticket.recalled']);
    // The second recall ran after the first had been recorded, so the ledger counts like the server.
    const counted = host.services.ledger.ticketEvents(t.id).filter((e) => e.type === 'ticket.recalled').map((e) => (e.data as { callCount: number }).callCount);
    expect(counted).toEqual([2, 3]);
    value(await page.call('startServing'));
    value(await page.call('finishTicket', { ticketId: t.id, outcome: 'served', note: null }));
  });

  it('signing out closes the counter on the server and ends the session', async () => {
    const c = value(await page.call<ConnectionState>('signOut'));
    expect(c.officer).toBeNull();
    expect(c.counter?.status).toBe('closed');
    expect(host.services.ledger.eventsAfter(0, 1000).at(-1)?.type).toBe('session.closed');
    expect(failure(await page.call('callNext')).code).toBe('not_signed_in');
  });

  it('after a restart the enrollment and the hall configuration are kept; the officer signs in again', async () => {
    page.close();
    await host.close();
    host = await startCounterHost(dir.path, 'loket-1', 0, HALL_TUNING);
    page = await connectBridge(host);
    const online = page.nextPush<ConnectionState>('connectionChanged', (c) => c.online);
    const c = value(await page.call<ConnectionState>('getConnection'));
    expect(c).toMatchObject({ enrolled: true, counterId: 'loket-1', officer: null });
    if (!c.online) await online;
    expect(failure(await page.call('callNext')).code).toBe('not_signed_in');
    expect(value(await page.call<CounterContext>('getCounterContext')).services).toHaveLength(5);
  });

  it('offline: the cached configuration still serves, walk-ins are recorded and wait in the outbox, and drain once the link is back', async () => {
    value(await page.call('signIn', { username: 'petugas01', pin: '1234' }));
    value(await page.call('openCounter', { serviceIds: ['ktp-el', 'kk'] }));
    const offline = page.nextPush<ConnectionState>('connectionChanged', (c) => !c.online);
    await hall.server.close();
    await offline;
    expect(value(await page.call<CounterContext>('getCounterContext')).counter.id).toBe('loket-1');
    const down = failure(await page.call('getQueue'));
    expect(down.code).toBe('server_unreachable');
    expect(down.message).toContain(hall.server.url);
    expect(failure(await page.call('callNext')).code).toBe('offline');
    const walkIn = value(await page.call<Ticket>('startWalkIn', { serviceId: 'ktp-el' }));
    value(await page.call('finishTicket', { ticketId: walkIn.id, outcome: 'served', note: null }));
    const waiting = value(await page.call<ConnectionState>('getConnection'));
    expect(waiting.sync.pending).toBe(2);

    const drained = page.nextPush<ConnectionState>('connectionChanged', (c) => c.online && c.sync.pending === 0, 15_000);
    await hall.restart();
    await drained;
    expect(hall.server.ctx.queue.ticket(walkIn.id)).toMatchObject({ status: 'done', outcome: 'served', channel: 'counter' });
    expect(value(await page.call<WaitingEntry[]>('getQueue'))).toBeInstanceOf(Array);
  });
});

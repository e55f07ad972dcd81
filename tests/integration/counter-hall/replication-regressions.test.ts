import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { Ticket } from '../../../core/domain.ts';
import type { Result } from '../../../core/errors.ts';
import type { HardwareState } from '../../../core/hardware-ipc.ts';
import { LiveFeed, type FeedState, type WebSocketFactory } from '../../../main/sync/live-feed.ts';
import {
  counterAt as counterAtWith,
  eventually,
  hallWithKiosk as hallWithKioskWith,
  type ServicesCounter,
  type ServicesCounterOptions,
} from '../../support/counter-services.ts';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.ts';
import type { TestHall } from '../../support/hall-server.ts';

/**
 * Regressions of three replication bugs the fault suite (tests/fault, `npm run test:fault`) found,
 * against the real hall server and the real counter services, with the network broken by the fault
 * proxy where it matters (one feed test runs the LiveFeed alone against a server that never says
 * hello). Every test fails at c550a47, before the fix (9fd406c), and states what a person at the
 * counter (or a supervisor) would have noticed:
 *
 * A. The answer to a call was lost after the server had called a visitor: the counter held nothing
 *    in its own eyes while the server held the visitor at it, and every later call was refused
 *    with counter_busy, for good. Now the counter keeps the call under a request id and asks again;
 *    the server answers a repeated id with the same ticket.
 * B. The live feed's socket opened but the server's hello never came: pings were answered, so the
 *    feed stayed `connecting` for good and the counter showed itself offline. Now it gives up on
 *    such a socket after the handshake timeout and reconnects.
 * C. An action recorded while the reconnect's cursor request was on its way was pushed past it:
 *    the server saw the PC behind what it had acknowledged and raised a false restored_copy alarm.
 */

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const counterAt = (hall: TestHall, url: string, options: ServicesCounterOptions = {}): Promise<ServicesCounter> => counterAtWith(cleanup, hall, url, options);
const hallWithKiosk = (): ReturnType<typeof hallWithKioskWith> => hallWithKioskWith(cleanup);

async function proxyTo(hall: TestHall, seed: number): Promise<FaultProxy> {
  const proxy = await startFaultProxy({ targetPort: hall.server.port, seed });
  cleanup.push(() => proxy.close());
  return proxy;
}

/** The hall server's own view: which ticket loket-1 holds, and a ticket's status and lease. */
const serverHolds = (hall: TestHall): string | null =>
  (hall.server.ctx.db.prepare(`SELECT current_ticket_id AS id FROM counter_state WHERE counter_id = 'loket-1'`).get() as { id: string | null }).id;
const serverTicket = (hall: TestHall, id: string): { status: string; counterId: string | null; leaseEpoch: number | null } =>
  hall.server.ctx.db.prepare('SELECT status, counter_id AS counterId, lease_epoch AS leaseEpoch FROM tickets WHERE id = ?').get(id) as never;

/** The leases under which the counter's ledger recorded calls of a ticket. */
const recordedCalls = (counter: ServicesCounter, ticketId: string): (number | null)[] =>
  counter.services.ledger
    .ticketEvents(ticketId)
    .filter((e) => e.type === 'ticket.called')
    .map((e) => e.leaseEpoch);

/**
 * Loses the answer to one call-next: the server calls the first waiting visitor, the counter never
 * hears whom. Returns the ticket the server holds at loket-1 afterwards.
 */
async function loseCallAnswer(hall: TestHall, proxy: FaultProxy, counter: ServicesCounter): Promise<string> {
  const lostBefore = proxy.stats.repliesLost;
  proxy.set({ replyLostProbability: 1 });
  const lost = await counter.act('callNext');
  proxy.clear();
  expect(proxy.stats.repliesLost).toBeGreaterThan(lostBefore);
  // The officer is told the call did not get through (not that nobody waits).
  expect(lost.ok ? 'answered' : lost.error.code).toMatch(/^(offline|server_unreachable)$/);
  // What made this a trap: the server called a visitor at loket-1, the counter holds none.
  const held = serverHolds(hall);
  expect(held).not.toBeNull();
  expect(await counter.must('getCurrentTicket')).toBeNull();
  return held as string;
}

describe('A: a call whose answer was lost', () => {
  it('the next call-next returns the visitor the server called, held under its lease, and the counter can go on', async () => {
    const { hall, issue } = await hallWithKiosk();
    const first = await issue();
    const second = await issue();
    const proxy = await proxyTo(hall, 1);
    // No feed pings meanwhile: only the call's own answer is lost and the feed stays up, so the
    // counter learns of the call at the officer's next key press, not at a reconnect (test below).
    const counter = await counterAt(hall, proxy.url, { heartbeatMs: 60_000 });

    const calledByServer = await loseCallAnswer(hall, proxy, counter);
    expect(calledByServer).toBe(first.id);
    expect(counter.connection().online).toBe(true);

    const again = await counter.act<Ticket | null>('callNext');
    if (!again.ok) throw new Error(`call-next after the lost answer was refused: ${again.error.code}: ${again.error.message}`);
    expect(again.value).toMatchObject({ id: first.id, number: first.number, status: 'called', counterId: 'loket-1' });
    // The ledger holds it under the lease the server gave, recorded once; nobody else was called.
    const lease = serverTicket(hall, first.id).leaseEpoch;
    expect(recordedCalls(counter, first.id)).toEqual([lease]);
    expect(await counter.must<Ticket | null>('getCurrentTicket')).toMatchObject({ id: first.id });
    expect(serverTicket(hall, second.id).status).toBe('waiting');
    expect(serverHolds(hall)).toBe(first.id);

    // Actions on it go through, under that lease: the server takes the visitor back.
    expect(await counter.must<Ticket>('returnToQueue')).toMatchObject({ id: first.id, status: 'waiting' });
    await eventually('the outbox to drain', () => counter.connection().sync.pending === 0);
    expect(counter.connection().sync.rejected).toEqual([]);
    expect(serverTicket(hall, first.id).status).toBe('waiting');
    expect(serverHolds(hall)).toBeNull();
    expect(await counter.must('getCurrentTicket')).toBeNull();
  });

  it('when the connection comes back, the counter learns by itself whom it called', async () => {
    const { hall, issue } = await hallWithKiosk();
    const first = await issue();
    await issue();
    const proxy = await proxyTo(hall, 2);
    const counter = await counterAt(hall, proxy.url, { heartbeatMs: 60_000 });

    expect(await loseCallAnswer(hall, proxy, counter)).toBe(first.id);
    // The network drops and comes back: the live feed reconnects. The officer presses nothing.
    proxy.down();
    await proxy.up();

    await eventually('the counter to record the call the server made', () => recordedCalls(counter, first.id).length > 0);
    expect(await counter.must<Ticket | null>('getCurrentTicket')).toMatchObject({ id: first.id, status: 'called' });
    expect(recordedCalls(counter, first.id)).toEqual([serverTicket(hall, first.id).leaseEpoch]);
    expect(await counter.must<Ticket>('returnToQueue')).toMatchObject({ id: first.id, status: 'waiting' });
    await eventually('the outbox to drain', () => counter.connection().online && counter.connection().sync.pending === 0);
    expect(counter.connection().sync.rejected).toEqual([]);
    expect(serverTicket(hall, first.id).status).toBe('waiting');
    expect(serverHolds(hall)).toBeNull();
  });
});

describe('A: the hall server answers a repeated call request id with the same answer (HTTP)', () => {
  type Called = { ticket: Ticket; leaseEpoch: number };

  async function officerAtLoket1(): Promise<{ hall: TestHall; officer: string; issue: () => Promise<Ticket> }> {
    const { hall, issue } = await hallWithKiosk();
    const officer = await hall.login('petugas01', await hall.enroll('counter', 'loket-1'));
    expect((await hall.api('POST', '/counters/loket-1/open', { token: officer, body: { serviceIds: ['ktp-el'] } })).status).toBe(200);
    return { hall, officer, issue };
  }

  it('call-next: the same ticket and lease again, no second visitor called, also after a server restart', async () => {
    const { hall, officer, issue } = await officerAtLoket1();
    const first = await issue();
    const second = await issue();
    const requestId = randomUUID();
    const callNext = (id: string) => hall.api<Called & { error: { code: string } }>('POST', '/counters/loket-1/call-next', { token: officer, body: { requestId: id } });

    const answer = await callNext(requestId);
    expect(answer.status).toBe(200);
    expect(answer.body.ticket.id).toBe(first.id);

    const repeated = await callNext(requestId);
    expect(repeated.status).toBe(200);
    expect(repeated.body).toEqual(answer.body);
    expect(serverTicket(hall, second.id).status).toBe('waiting');
    expect(serverTicket(hall, first.id)).toMatchObject({ status: 'called', counterId: 'loket-1', leaseEpoch: answer.body.leaseEpoch });

    // A new call while the visitor is held is still refused: the id replays, it does not bypass.
    const other = await callNext(randomUUID());
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('counter_busy');

    // Kept in the hall database: a restarted server answers the same. (fetch may first try a
    // kept-alive socket of the old server, which fails before the request is sent: once more then.)
    await hall.restart();
    const afterRestart = await callNext(requestId).catch(() => callNext(requestId));
    expect(afterRestart.status).toBe(200);
    expect(afterRestart.body).toEqual(answer.body);
    expect(serverTicket(hall, second.id).status).toBe('waiting');
  });

  it('call (a chosen ticket): the same ticket and lease again', async () => {
    const { hall, officer, issue } = await officerAtLoket1();
    await issue();
    const chosen = await issue();
    const requestId = randomUUID();
    const call = () => hall.api<Called>('POST', '/counters/loket-1/call', { token: officer, body: { ticketId: chosen.id, requestId } });

    const answer = await call();
    expect(answer.status).toBe(200);
    expect(answer.body.ticket.id).toBe(chosen.id);
    const repeated = await call();
    expect(repeated.status).toBe(200);
    expect(repeated.body).toEqual(answer.body);
  });
});

describe('B: a live feed whose server never says hello', () => {
  /** A WebSocket server that accepts, answers pings (ws does) and never says hello. */
  async function silentFeedServer(): Promise<{ url: string; connections: () => number; lifetimesMs: number[] }> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(server, 'listening');
    let connections = 0;
    const lifetimesMs: number[] = [];
    server.on('connection', (socket) => {
      connections += 1;
      const opened = performance.now();
      socket.on('close', () => lifetimesMs.push(performance.now() - opened));
    });
    cleanup.push(async () => {
      for (const client of server.clients) client.terminate();
      await new Promise((resolve) => server.close(resolve));
    });
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections, lifetimesMs };
  }

  it('gives the socket up within the handshake timeout and connects again', async () => {
    const silent = await silentFeedServer();
    const states: { state: FeedState; at: number }[] = [];
    const handshakeTimeoutMs = 300;
    const feed = new LiveFeed({
      serverUrl: silent.url,
      token: 'ldv_test',
      onMessage: () => undefined,
      onState: (state) => states.push({ state, at: performance.now() }),
      heartbeatMs: 50, // pings answered: the heartbeat alone never ends this socket
      handshakeTimeoutMs,
      backoff: { initialMs: 50, maxMs: 100 },
    });
    cleanup.push(() => feed.close());
    feed.start();

    await eventually('a second connection attempt', () => silent.connections() >= 2, 5000);
    const left = states.findIndex((s) => s.state !== 'connecting');
    expect(states[0]?.state).toBe('connecting');
    expect(states[left]?.state).toBe('waiting');
    // It waited for hello no longer than the handshake timeout (plus a scheduling margin).
    expect(silent.lifetimesMs[0]).toBeLessThan(handshakeTimeoutMs + 1000);
    expect(feed.state).not.toBe('online');
  });

  it('the counter comes online with the real hall server after a socket that stayed silent', async () => {
    const { hall } = await hallWithKiosk();
    const silent = await silentFeedServer();
    // The first feed socket goes to the silent server (a hello lost on the way, or a server stuck
    // after authenticating); HTTP and every later socket reach the hall server.
    let sockets = 0;
    const webSocket: WebSocketFactory = (url, options) => {
      sockets += 1;
      return new WebSocket(sockets === 1 ? `${silent.url.replace(/^http/, 'ws')}${new URL(url).pathname}` : url, options);
    };
    const counter = await counterAt(hall, hall.server.url, { open: false, heartbeatMs: 100, webSocket });
    await eventually('the silent socket to open', () => silent.connections() === 1, 5000);
    expect(counter.connection().online).toBe(false);

    // The default handshake timeout (5 s) applies to the hello, then it reconnects.
    await eventually('the counter to come online', () => counter.connection().online, 12_000);
    expect(silent.connections()).toBe(1);
    expect(silent.lifetimesMs[0]).toBeLessThan(5000 + 2000);
    await counter.must('signIn', { username: 'petugas01', pin: '1234' });
  });
});

describe('C: an action recorded while the reconnect asks for the cursor', () => {
  it('is pushed after the cursor, and no false restored_copy alarm is raised', async () => {
    const { hall } = await hallWithKiosk();
    const counter = await counterAt(hall, hall.server.url);
    await eventually('the outbox to drain', () => counter.connection().sync.pending === 0);
    const ledgerId = counter.services.ledger.deviceId;
    const storedThrough = (): number =>
      (hall.server.ctx.db.prepare('SELECT max(seq) AS seq FROM sync_events WHERE ledger_id = ?').get(ledgerId) as { seq: number | null }).seq ?? 0;

    // The reconnect's cursor request is slow on the network; the officer starts a walk-in meanwhile.
    // The cursor is let through once the walk-in's push reached the server (what the bug did) or,
    // as it should be, after a second in which nothing was pushed.
    const link = counter.services.link;
    const request = link.request.bind(link);
    const race: { walkIn: Promise<Result<Ticket>> | null; cursorLastSeq: number } = { walkIn: null, cursorLastSeq: 0 };
    link.request = (async (caller, method, path, schema, body) => {
      if (path.startsWith('/sync/cursor') && race.walkIn === null) {
        race.cursorLastSeq = Number(new URLSearchParams(path.split('?')[1]).get('lastSeq'));
        race.walkIn = counter.act<Ticket>('startWalkIn', { serviceId: 'ktp-el' });
        await race.walkIn;
        const until = Date.now() + 1000;
        while (storedThrough() <= race.cursorLastSeq && Date.now() < until) await sleep(20);
      }
      return request(caller, method, path, schema, body);
    }) as typeof link.request;

    await hall.restart(); // the live feed reconnects, and the replicator asks for the cursor
    await eventually('the reconnect to ask for the cursor', () => race.walkIn !== null);
    const started = await race.walkIn;
    expect(started?.ok).toBe(true);
    await eventually('the walk-in to be acknowledged', () => counter.connection().online && counter.connection().sync.pending === 0);

    expect(storedThrough()).toBe(counter.services.ledger.lastSeq());
    expect(storedThrough()).toBeGreaterThan(race.cursorLastSeq);
    // Supervisors see no alarm: this PC was never restored from an old copy.
    expect(hall.server.ctx.db.prepare('SELECT kind, seq, detail FROM sync_alarms').all()).toEqual([]);
    const supervisor = await hall.login('supervisor');
    expect((await hall.api<unknown[]>('GET', '/sync/alarms', { token: supervisor })).body).toEqual([]);
  });
});

/**
 * D. A call whose answer was lost, then a walk-in (fault suite seeds 22, 67, 100): the counter
 * started walk-ins while the hall held a visitor called at it; when the call settled, the ledger
 * held two visitors and the hall (whose walk-in finishes had freed the counter) held another one.
 */
describe('D: a walk-in while a call’s answer is lost', () => {
  it('online: the lost call settles first, so the called visitor is at the counter and the walk-in waits', async () => {
    const { hall, issue } = await hallWithKiosk();
    const first = await issue();
    const proxy = await proxyTo(hall, 4);
    const counter = await counterAt(hall, proxy.url, { heartbeatMs: 60_000 });
    const calledByServer = await loseCallAnswer(hall, proxy, counter);
    expect(calledByServer).toBe(first.id);

    const walkIn = await counter.act('startWalkIn', { serviceId: 'ktp-el' });
    expect(walkIn.ok ? 'started' : walkIn.error.code).toBe('counter_busy');
    expect(walkIn.ok ? '' : walkIn.error.message).toContain(first.number);
    expect(await counter.must<Ticket | null>('getCurrentTicket')).toMatchObject({ id: first.id, status: 'called' });
    expect(counter.services.ledger.eventsAfter(0, 1000).filter((e) => e.type === 'walkin.served')).toEqual([]);
    expect(serverHolds(hall)).toBe(first.id);
  });

  it('offline: the walk-in is served; when the call settles its visitor goes back to the queue, and both sides agree', async () => {
    const { hall, issue } = await hallWithKiosk();
    const first = await issue();
    const proxy = await proxyTo(hall, 5);
    const counter = await counterAt(hall, proxy.url);
    await loseCallAnswer(hall, proxy, counter);
    proxy.set({ blackhole: true });
    await eventually('the counter to notice it is offline', () => !counter.connection().online, 5000);

    const walkIn = await counter.must<Ticket>('startWalkIn', { serviceId: 'kk' });
    proxy.clear();
    await eventually('the call to settle and the outbox to drain', () => {
      const c = counter.connection();
      return c.online && c.sync.pending === 0 && recordedCalls(counter, first.id).length === 1;
    }, 15_000);

    const types = counter.services.ledger.ticketEvents(first.id).map((e) => e.type);
    expect(types).toEqual(['ticket.called', 'ticket.returned']);
    expect(counter.connection().sync.rejected).toEqual([]);
    expect(await counter.must<Ticket | null>('getCurrentTicket')).toMatchObject({ id: walkIn.id, status: 'serving' });
    // The number display never showed the visitor who went back: the walk-in is still up there.
    expect(await counter.must<HardwareState>('getHardware')).toMatchObject({ display: walkIn.number });
    expect(serverTicket(hall, first.id).status).toBe('waiting');
    expect(serverHolds(hall)).toBe(walkIn.id);

    // The day goes on: the walk-in is finished, and the returned visitor is the next one called.
    await counter.must('finishTicket', { ticketId: walkIn.id, outcome: 'served', note: null });
    expect((await counter.must<Ticket>('callNext')).id).toBe(first.id);
    expect(serverHolds(hall)).toBe(first.id);
  });
});

describe('D: a walk-in served and finished while a call’s answer is lost (fault suite seed 84)', () => {
  it('the visitor called meanwhile is held by the counter and by the hall once the call settles', async () => {
    const { hall, issue } = await hallWithKiosk();
    const first = await issue();
    const proxy = await proxyTo(hall, 6);
    const counter = await counterAt(hall, proxy.url);
    await loseCallAnswer(hall, proxy, counter);
    proxy.set({ blackhole: true });
    await eventually('the counter to notice it is offline', () => !counter.connection().online, 5000);
    const walkIn = await counter.must<Ticket>('startWalkIn', { serviceId: 'kk' });
    await counter.must('finishTicket', { ticketId: walkIn.id, outcome: 'served', note: null });
    proxy.clear();
    await eventually('the call to settle and the outbox to drain', () => {
      const c = counter.connection();
      return c.online && c.sync.pending === 0 && recordedCalls(counter, first.id).length === 1;
    }, 15_000);
    expect(await counter.must<Ticket | null>('getCurrentTicket')).toMatchObject({ id: first.id, status: 'called' });
    expect(serverTicket(hall, first.id)).toMatchObject({ status: 'called', counterId: 'loket-1' });
    expect(serverHolds(hall)).toBe(first.id);
  });
});

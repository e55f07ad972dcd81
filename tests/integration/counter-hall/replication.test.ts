import { afterEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../core/domain.ts';
import type { ConnectionState } from '../../../core/ipc.ts';
import { createAppServices, type AppServices } from '../../../main/app-services.ts';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.ts';
import { starterHall } from '../../support/counter-host.ts';
import { startTestHall, type TestHall } from '../../support/hall-server.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

/**
 * The counter's outbox against the real hall server, through the fault proxy where the network
 * misbehaves: events reach the server exactly once, and times come out in server time whatever
 * the PC's clock says.
 */
const QUIET = { warn: () => undefined };

interface Counter {
  services: AppServices;
  connection: () => ConnectionState;
  until: (match: (c: ConnectionState) => boolean, timeoutMs?: number) => Promise<ConnectionState>;
}

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function counterAt(hall: TestHall, url: string, options: { now?: () => number } = {}): Promise<Counter> {
  const dir = makeTempDir('loket-repl-');
  let latest: ConnectionState | null = null;
  const waiters = new Set<{ match: (c: ConnectionState) => boolean; resolve: (c: ConnectionState) => void }>();
  const services = createAppServices({
    dataDir: dir.path,
    hallConfig: starterHall(),
    counterId: 'loket-1',
    runtime: 'headless',
    version: 'test',
    push: (name, payload) => {
      if (name !== 'connectionChanged') return;
      latest = payload as ConnectionState;
      for (const w of [...waiters]) {
        if (!w.match(latest)) continue;
        waiters.delete(w);
        w.resolve(latest);
      }
    },
    ...(options.now ? { now: options.now } : {}),
    hall: { feed: { backoff: { initialMs: 50, maxMs: 300 } }, log: QUIET, timeoutMs: 2000 },
    sync: { backoff: { initialMs: 50, maxMs: 300 } },
  });
  cleanup.push(() => {
    services.close();
    dir.remove();
  });
  const code = hall.server.ctx.auth.createEnrollCode({ kind: 'counter', counterId: 'loket-1', ttlMinutes: 10 }).code;
  await services.handlers.enrollDevice({ url, code, name: 'PC Loket 1', fingerprint256: null });
  const connection = (): ConnectionState => services.link.connection();
  const until = (match: (c: ConnectionState) => boolean, timeoutMs = 10_000): Promise<ConnectionState> => {
    const now = connection();
    if (match(now)) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; last state ${JSON.stringify(latest)}`)), timeoutMs);
      waiters.add({ match, resolve: (c) => (clearTimeout(timer), resolve(c)) });
    });
  };
  await until((c) => c.online);
  await services.handlers.signIn({ username: 'petugas01', pin: '1234' });
  await services.handlers.openCounter({ serviceIds: ['ktp-el', 'kk'] });
  return { services, connection, until };
}

async function hallWithKiosk(): Promise<{ hall: TestHall; issue: (serviceId: string) => Promise<Ticket> }> {
  const hall = await startTestHall();
  cleanup.push(() => hall.close());
  const kiosk = await hall.enroll('kiosk');
  return {
    hall,
    issue: async (serviceId) => (await hall.api<Ticket>('POST', '/tickets', { token: kiosk, body: { serviceId } })).body,
  };
}

const serverEvents = (hall: TestHall, ledgerId: string): { seq: number; hash: string; outcome: string }[] =>
  hall.server.ctx.db.prepare('SELECT seq, hash, outcome FROM sync_events WHERE ledger_id = ? ORDER BY seq').all(ledgerId) as never;

describe('the outbox through a misbehaving network', () => {
  it('a lost answer is harmless: the retry stores nothing twice, and the counter is acknowledged once the server says so', async () => {
    const { hall } = await hallWithKiosk();
    const proxy: FaultProxy = await startFaultProxy({ targetPort: hall.server.port, seed: 7 });
    cleanup.push(() => proxy.close());
    const counter = await counterAt(hall, proxy.url);
    const ledger = counter.services.ledger;
    const before = serverEvents(hall, ledger.deviceId).length;

    proxy.set({ replyLostProbability: 1 });
    const walkIn = await counter.services.handlers.startWalkIn({ serviceId: 'kk' });
    // Recorded (the officer's action is done); the server stores it, but its answers never arrive.
    const deadline = Date.now() + 5000;
    while (serverEvents(hall, ledger.deviceId).length < before + 1 || proxy.stats.repliesLost < 2) {
      if (Date.now() > deadline) throw new Error('the push never reached the server');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(counter.connection().sync.pending).toBe(1);
    proxy.clear();
    await counter.services.handlers.finishTicket({ ticketId: walkIn.id, outcome: 'served', note: '' });
    await counter.until((c) => c.sync.pending === 0);

    const stored = serverEvents(hall, ledger.deviceId);
    const local = ledger.eventsAfter(0, 100);
    expect(stored.map((e) => [e.seq, e.hash])).toEqual(local.map((e) => [e.seq, e.hash]));
    expect(stored.every((e) => e.outcome === 'applied')).toBe(true);
    expect(hall.server.ctx.queue.ticket(walkIn.id)).toMatchObject({ status: 'done', outcome: 'served' });
    expect(proxy.stats.repliesLost).toBeGreaterThan(0);
  });

  it('a blackholed server: the counter goes offline within 3 s, keeps working, and drains when the network heals', async () => {
    const { hall } = await hallWithKiosk();
    const proxy = await startFaultProxy({ targetPort: hall.server.port, seed: 11 });
    cleanup.push(() => proxy.close());
    const counter = await counterAt(hall, proxy.url);
    proxy.set({ blackhole: true });
    const cut = performance.now();
    await counter.until((c) => !c.online, 3000);
    expect(performance.now() - cut).toBeLessThan(3000);
    const walkIn = await counter.services.handlers.startWalkIn({ serviceId: 'ktp-el' });
    await counter.services.handlers.finishTicket({ ticketId: walkIn.id, outcome: 'pending', note: 'KK asli tertinggal' });
    expect(counter.connection().sync.pending).toBeGreaterThanOrEqual(2);
    proxy.clear();
    await counter.until((c) => c.online && c.sync.pending === 0, 15_000);
    expect(hall.server.ctx.queue.ticket(walkIn.id)).toMatchObject({ status: 'done', outcome: 'pending', note: 'KK asli tertinggal' });
  });
});

describe('clocks', () => {
  it('a counter PC whose clock is 10 minutes fast still yields the right service time, in server time', async () => {
    const { hall, issue } = await hallWithKiosk();
    const tenMinutes = 10 * 60_000;
    const counter = await counterAt(hall, hall.server.url, { now: () => Date.now() + tenMinutes });
    const ticket = await issue('ktp-el');
    const called = await counter.services.handlers.callNext({});
    expect(called?.id).toBe(ticket.id);
    await counter.services.handlers.startServing({});
    const startedReal = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 400));
    await counter.services.handlers.finishTicket({ ticketId: ticket.id, outcome: 'served', note: '' });
    const finishedReal = Date.now();
    await counter.until((c) => c.sync.pending === 0);

    const row = hall.server.ctx.db.prepare('SELECT called_at, started_at, finished_at FROM tickets WHERE id = ?').get(ticket.id) as {
      called_at: number;
      started_at: number;
      finished_at: number;
    };
    // Server time, not the PC's: within a second of the real moments, not ten minutes off.
    expect(Math.abs(row.started_at - startedReal)).toBeLessThan(1000);
    expect(Math.abs(row.finished_at - finishedReal)).toBeLessThan(1000);
    const serviceMs = row.finished_at - row.started_at;
    expect(serviceMs).toBeGreaterThanOrEqual(300);
    expect(serviceMs).toBeLessThan(1500);
    // The ledger keeps both: the PC's own clock and its estimate of the server's.
    const finish = counter.services.ledger.ticketEvents(ticket.id).at(-1);
    expect((finish?.at ?? 0) - (finish?.serverAt ?? 0)).toBeGreaterThan(tenMinutes - 1000);
  });
});

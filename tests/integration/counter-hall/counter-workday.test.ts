import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../core/ipc.ts';
import { startFaultProxy } from '../../support/fault-proxy.ts';
import { counterAt, eventually, hallWithKiosk, type Cleanup } from '../../support/counter-services.ts';

/**
 * Pausing, resuming and closing the counter from the counter app, against the real hall server:
 * what the officer does is in the ledger first, the hall server (and so the board) follows, and
 * offline the counter itself shows the pause at once and the server learns it on reconnect.
 */

let cleanup: Cleanup = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const serverCounter = (hall: Awaited<ReturnType<typeof hallWithKiosk>>['hall']) =>
  hall.server.ctx.queue.counterStates().find((c) => c.counterId === 'loket-1');

describe('the counter’s day: pause, resume, close', () => {
  it('a pause with a reason stops calls until resumed; the hall server and the ledger agree', async () => {
    const { hall, issue } = await hallWithKiosk(cleanup);
    const counter = await counterAt(cleanup, hall, hall.server.url);
    const waiting = await issue();

    const paused = await counter.must<ConnectionState>('pauseCounter', { reason: 'prayer' });
    expect(paused.counter).toMatchObject({ status: 'paused', pauseReason: 'prayer' });
    expect(serverCounter(hall)).toMatchObject({ status: 'paused', pauseReason: 'prayer' });
    const refused = await counter.act('callNext');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'counter_not_open' });
    expect(refused.ok ? '' : refused.error.message).toMatch(/paused.*Resume/);

    const resumed = await counter.must<ConnectionState>('resumeCounter');
    expect(resumed.counter).toMatchObject({ status: 'open', pauseReason: null });
    expect((await counter.must<{ id: string }>('callNext')).id).toBe(waiting.id);
    const types = counter.services.ledger.eventsAfter(0, 100).map((e) => e.type);
    expect(types.filter((t) => t.startsWith('counter.'))).toEqual(['counter.paused', 'counter.resumed']);
  });

  it('bad input changes nothing: an unknown reason names the field; pausing a closed counter says to open it', async () => {
    const { hall } = await hallWithKiosk(cleanup);
    const counter = await counterAt(cleanup, hall, hall.server.url, { open: false });
    await eventually('online', () => counter.connection().online);
    await counter.must('signIn', { username: 'petugas01', pin: '1234' });
    const before = counter.services.ledger.eventsAfter(0, 100).length;
    const bad = await counter.act('pauseCounter', { reason: 'lunch' });
    expect(bad.ok ? null : bad.error).toMatchObject({ code: 'invalid_request', field: 'reason' });
    const closed = await counter.act('pauseCounter', { reason: 'break' });
    expect(closed.ok ? null : closed.error).toMatchObject({ code: 'counter_not_open' });
    expect(closed.ok ? '' : closed.error.message).toContain('Open it');
    expect(counter.services.ledger.eventsAfter(0, 100)).toHaveLength(before);
  });

  it('closing is refused while a visitor is held, and closes the counter once they are finished', async () => {
    const { hall, issue } = await hallWithKiosk(cleanup);
    const counter = await counterAt(cleanup, hall, hall.server.url);
    const ticket = await issue();
    await counter.must('callNext');
    const refused = await counter.act('closeCounter');
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'counter_busy' });
    expect(refused.ok ? '' : refused.error.message).toContain(ticket.number);
    await counter.must('startServing');
    await counter.must('finishTicket', { ticketId: ticket.id, outcome: 'served', note: null });
    const closed = await counter.must<ConnectionState>('closeCounter');
    expect(closed.counter?.status).toBe('closed');
    expect(closed.officer).not.toBeNull(); // still signed in: the officer may open again or sign out
    await eventually('the server to close the counter', () => serverCounter(hall)?.status === 'closed');
  });

  it('offline, the pause shows at once and reaches the hall server when the network heals', async () => {
    const { hall } = await hallWithKiosk(cleanup);
    const proxy = await startFaultProxy({ targetPort: hall.server.port, seed: 5 });
    cleanup.push(() => proxy.close());
    const counter = await counterAt(cleanup, hall, proxy.url);
    proxy.set({ blackhole: true });
    await eventually('the counter to notice it is offline', () => !counter.connection().online, 5000);

    const paused = await counter.must<ConnectionState>('pauseCounter', { reason: 'system' });
    expect(paused.counter).toMatchObject({ status: 'paused', pauseReason: 'system' });
    expect(paused.sync.pending).toBeGreaterThanOrEqual(1);
    expect(serverCounter(hall)?.status).toBe('open');

    proxy.clear();
    await eventually('the backlog to drain', () => counter.connection().online && counter.connection().sync.pending === 0, 15_000);
    await eventually('the server to see the pause', () => serverCounter(hall)?.status === 'paused');
    expect(serverCounter(hall)?.pauseReason).toBe('system');
  });
});

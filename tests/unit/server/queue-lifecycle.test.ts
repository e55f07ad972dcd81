import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallNextResponseSchema, CounterStateSchema, IssuedTicketSchema, QueueSnapshotSchema, RecentCallSchema, TRACKING_CODE_PATTERN, TrackResponseSchema } from '../../../core/api.ts';
import { LoketError } from '../../../core/errors.ts';
import { StreamMessageSchema } from '../../../core/stream.ts';
import { QueueAuthority, ServerBusyError } from '../../../server/queue/queue-authority.ts';
import { openHallStore } from '../../../server/store/open-store.ts';
import { makeHall, MINUTE, officer, type TestHall } from './fixtures.ts';

let hall: TestHall;
beforeEach(() => {
  hall = makeHall();
});
afterEach(() => hall.close());

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    if (e instanceof LoketError) return e.code;
    throw e;
  }
  return undefined;
};

describe('a ticket through its whole life', () => {
  it('issues, calls, recalls, starts, finishes, with the times of DESIGN.md §4 and a log entry for each step', () => {
    const { queue, clock, db } = hall;
    const t0 = clock.t;
    const issued = queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' });
    expect(IssuedTicketSchema.parse(issued)).toEqual(issued);
    expect(issued).toMatchObject({ number: 'A-001', serviceDay: '2025-03-10', status: 'waiting', peopleAhead: 0, issuedAt: t0, callCount: 0 });
    expect(issued.trackingCode).toMatch(TRACKING_CODE_PATTERN);

    queue.openCounter('loket-2', officer(2), ['ktp']);
    clock.advance(12);
    const called = queue.callNext('loket-2', 'petugas-2');
    expect(called).not.toBeNull();
    if (called === null) return;
    expect(CallNextResponseSchema.parse(called)).toEqual(called);
    expect(called.ticket).toMatchObject({ id: issued.id, status: 'called', counterId: 'loket-2', officerId: 'petugas-2', callCount: 1, calledAt: t0 + 12 * MINUTE });
    expect(called.leaseEpoch).toBe(1);
    expect(queue.counterStates().find((c) => c.counterId === 'loket-2')?.current).toEqual({ ticketId: issued.id, number: 'A-001', status: 'called' });

    clock.advance(1);
    const recalled = queue.recall(issued.id, 'loket-2', called.leaseEpoch);
    // If called again, the last call counts.
    expect(recalled).toMatchObject({ status: 'called', callCount: 2, calledAt: t0 + 13 * MINUTE });
    clock.advance(1);
    const started = queue.start(issued.id, 'loket-2', called.leaseEpoch);
    expect(started).toMatchObject({ status: 'serving', startedAt: t0 + 14 * MINUTE });
    clock.advance(9);
    const done = queue.finish(issued.id, 'loket-2', called.leaseEpoch, 'served', '  berkas lengkap ');
    expect(done).toMatchObject({ status: 'done', outcome: 'served', note: 'berkas lengkap', finishedAt: t0 + 23 * MINUTE });
    // wait = called − issued; walk = started − called; service = finished − started; total = finished − issued.
    expect({
      wait: (done.calledAt ?? 0) - done.issuedAt,
      walk: (done.startedAt ?? 0) - (done.calledAt ?? 0),
      service: (done.finishedAt ?? 0) - (done.startedAt ?? 0),
      total: (done.finishedAt ?? 0) - done.issuedAt,
    }).toEqual({ wait: 13 * MINUTE, walk: 1 * MINUTE, service: 9 * MINUTE, total: 23 * MINUTE });
    expect(queue.counterStates().find((c) => c.counterId === 'loket-2')?.current).toBeNull();

    const log = db.prepare('SELECT action, counter_id, lease_epoch FROM ticket_log WHERE ticket_id = ? ORDER BY id').all(issued.id);
    expect(log).toEqual([
      { action: 'ticket.issued', counter_id: null, lease_epoch: null },
      { action: 'ticket.called', counter_id: 'loket-2', lease_epoch: 1 },
      { action: 'ticket.recalled', counter_id: 'loket-2', lease_epoch: 1 },
      { action: 'ticket.started', counter_id: 'loket-2', lease_epoch: 1 },
      { action: 'ticket.finished', counter_id: 'loket-2', lease_epoch: 1 },
    ]);
  });

  it('publishes valid feed messages, after each change, in order', () => {
    const { queue, messages } = hall;
    const t = queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'priority' });
    queue.openCounter('loket-2', officer(2), ['ktp']);
    const c = queue.callNext('loket-2', 'petugas-2');
    if (c === null) throw new Error('nobody called');
    queue.start(t.id, 'loket-2', c.leaseEpoch);
    queue.finish(t.id, 'loket-2', c.leaseEpoch, 'pending', null);
    queue.pauseCounter('loket-2', 'prayer');
    queue.resumeCounter('loket-2');
    queue.closeCounter('loket-2');
    for (const m of messages) expect(StreamMessageSchema.parse(m)).toEqual(m);
    expect(messages.map((m) => (m.type === 'hello' ? 'hello' : `${m.type}.${m.event}`))).toEqual([
      'ticket.issued',
      'counter.opened',
      'ticket.called',
      'counter.updated',
      'ticket.started',
      'counter.updated',
      'ticket.finished',
      'counter.updated',
      'counter.paused',
      'counter.resumed',
      'counter.closed',
    ]);
    const calledMsg = messages[2];
    expect(calledMsg?.type === 'ticket' && calledMsg.ticket).toMatchObject({ number: 'A-001', agencyId: 'disdukcapil', counterNumber: 2, priority: 'priority', callCount: 1 });
  });

  it('publishes nothing when a call is refused, and a throwing feed does not undo a committed change', () => {
    const errors: unknown[] = [];
    expect(codeOf(() => hall.queue.callNext('loket-2', 'petugas-2'))).toBe('counter_not_open');
    expect(hall.messages).toEqual([]);

    const failing = new QueueAuthority({
      db: hall.db,
      now: () => hall.clock.t,
      publish: () => {
        throw new Error('socket gone');
      },
      onPublishError: (e) => errors.push(e),
    });
    const t = failing.issueTicket({ serviceId: 'kk', channel: 'counter', priority: 'normal' });
    expect(errors).toHaveLength(1);
    expect(hall.queue.ticket(t.id)?.status).toBe('waiting');
  });

  it('answers server_busy, changing nothing, when another connection keeps the write lock', () => {
    const other = openHallStore(hall.file);
    try {
      hall.db.pragma('busy_timeout = 50');
      other.prepare('BEGIN IMMEDIATE').run();
      let error: unknown;
      try {
        hall.queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ServerBusyError);
      expect(error).toMatchObject({ code: 'server_busy' });
      other.prepare('ROLLBACK').run();
      expect(hall.messages).toEqual([]);
      expect(hall.queue.queue().waiting).toEqual([]);
      expect(hall.queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' }).number).toBe('A-001');
    } finally {
      other.close();
    }
  });

  it('no-show, reactivate (back in its place), return to queue (keeps queuedAt), cancel', () => {
    const { queue, clock } = hall;
    const a1 = queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' });
    clock.advance(1);
    const a2 = queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' });
    clock.advance(1);
    const a3 = queue.issueTicket({ serviceId: 'ktp', channel: 'online', priority: 'normal' });
    queue.openCounter('loket-2', officer(2), ['ktp']);

    const c1 = queue.callNext('loket-2', 'petugas-2');
    expect(c1?.ticket.id).toBe(a1.id);
    if (!c1) return;
    const ns = queue.noShow(a1.id, 'loket-2', c1.leaseEpoch);
    expect(ns).toMatchObject({ status: 'no_show', counterId: 'loket-2' });
    expect(queue.counterStates().find((c) => c.counterId === 'loket-2')?.current).toBeNull();

    const back = queue.reactivate(a1.id, 'supervisor-1');
    expect(back).toMatchObject({ status: 'waiting', counterId: null, officerId: null, calledAt: null });
    // Back in its original place: first again.
    expect(queue.queue().waiting.map((w) => [w.number, w.position])).toEqual([['A-001', 1], ['A-002', 2], ['A-003', 3]]);

    const c2 = queue.callNext('loket-2', 'petugas-2');
    expect(c2?.ticket.id).toBe(a1.id);
    expect(c2?.leaseEpoch).toBe(2);
    if (!c2) return;
    const returned = queue.returnToQueue(a1.id, 'loket-2', c2.leaseEpoch);
    expect(returned).toMatchObject({ status: 'waiting', counterId: null, calledAt: null });
    const snapshot = queue.queue();
    expect(QueueSnapshotSchema.parse(snapshot)).toEqual(snapshot);
    expect(snapshot.waiting[0]).toMatchObject({ ticketId: a1.id, position: 1, queuedAt: a1.issuedAt });

    const cancelled = queue.cancel(a3.id, 'supervisor-1');
    expect(cancelled.status).toBe('cancelled');
    expect(queue.queue().waiting.map((w) => w.number)).toEqual(['A-001', 'A-002']);
    void a2;
  });
});

describe('counters', () => {
  it('open with chosen services, pause with a reason, resume, close; states match the API schema', () => {
    const { queue, clock } = hall;
    expect(queue.counterStates().map((c) => [c.number, c.status, c.since])).toEqual([
      [1, 'closed', 0],
      [2, 'closed', 0],
      [3, 'closed', 0],
      [4, 'closed', 0],
      [5, 'closed', 0],
    ]);
    const opened = queue.openCounter('loket-1', officer(1), ['kk']);
    expect(CounterStateSchema.parse(opened)).toEqual(opened);
    expect(opened).toMatchObject({ status: 'open', officer: { id: 'petugas-1', name: 'Petugas 1' }, serviceIds: ['kk'], since: clock.t, current: null });
    clock.advance(5);
    expect(queue.pauseCounter('loket-1', 'break')).toMatchObject({ status: 'paused', pauseReason: 'break', since: clock.t });
    expect(codeOf(() => queue.callNext('loket-1', 'petugas-1'))).toBe('counter_not_open');
    clock.advance(15);
    expect(queue.resumeCounter('loket-1')).toMatchObject({ status: 'open', pauseReason: null, since: clock.t });
    // Changing services in place keeps the counter open.
    expect(queue.openCounter('loket-1', officer(1), ['ktp', 'kk'])).toMatchObject({ status: 'open', serviceIds: ['ktp', 'kk'] });
    expect(queue.closeCounter('loket-1')).toMatchObject({ status: 'closed', officer: null, serviceIds: [] });
    expect(hall.db.prepare(`SELECT action FROM ticket_log WHERE counter_id = 'loket-1' ORDER BY id`).pluck().all()).toEqual([
      'counter.opened',
      'counter.paused',
      'counter.resumed',
      'counter.updated',
      'counter.closed',
    ]);
  });

  it('refuses unknown counters and services it is not set up for, naming the field', () => {
    const { queue } = hall;
    const err = (fn: () => unknown): LoketError => {
      try {
        fn();
      } catch (e) {
        return e as LoketError;
      }
      throw new Error('did not throw');
    };
    expect(err(() => queue.openCounter('loket-99', officer(1), ['ktp']))).toMatchObject({ code: 'unknown_counter', field: 'counterId' });
    expect(err(() => queue.openCounter('loket-3', officer(1), ['ktp']))).toMatchObject({ code: 'unknown_service', field: 'serviceIds.0' });
    expect(err(() => queue.openCounter('loket-3', officer(1), ['pkb', 'nope']))).toMatchObject({ code: 'unknown_service', field: 'serviceIds.1' });
    expect(err(() => queue.issueTicket({ serviceId: 'nope', channel: 'kiosk', priority: 'normal' }))).toMatchObject({ code: 'unknown_service', field: 'serviceId' });
    expect(err(() => queue.pauseCounter('loket-3', 'break'))).toMatchObject({ code: 'counter_not_open' });
    expect(err(() => queue.resumeCounter('loket-3'))).toMatchObject({ code: 'counter_not_open' });
  });

  it('refuses to close or call again while holding a ticket (counter_busy names it)', () => {
    const { queue } = hall;
    queue.issueTicket({ serviceId: 'pkb', channel: 'kiosk', priority: 'normal' });
    queue.issueTicket({ serviceId: 'pkb', channel: 'kiosk', priority: 'normal' });
    queue.openCounter('loket-3', officer(3), ['pkb']);
    const c = queue.callNext('loket-3', 'petugas-3');
    expect(c?.ticket.number).toBe('4K-001');
    const before = JSON.stringify(queue.counterStates());
    for (const fn of [() => queue.closeCounter('loket-3'), () => queue.callNext('loket-3', 'petugas-3')]) {
      try {
        fn();
        throw new Error('not refused');
      } catch (e) {
        expect(e).toBeInstanceOf(LoketError);
        expect((e as LoketError).code).toBe('counter_busy');
        expect((e as LoketError).message).toContain('4K-001 (called)');
      }
    }
    expect(JSON.stringify(queue.counterStates())).toBe(before);
    // Pausing while serving is allowed: the counter only stops calling.
    expect(queue.pauseCounter('loket-3', 'system').current?.number).toBe('4K-001');
  });

  it('returns null from call-next when nobody waits for the counter, changing nothing', () => {
    const { queue, db } = hall;
    queue.issueTicket({ serviceId: 'pkb', channel: 'kiosk', priority: 'normal' });
    queue.openCounter('loket-2', officer(2), ['ktp']);
    const epoch = db.prepare('SELECT last_epoch FROM fencing').pluck().get();
    expect(queue.callNext('loket-2', 'petugas-2')).toBeNull();
    expect(db.prepare('SELECT last_epoch FROM fencing').pluck().get()).toBe(epoch);
  });
});

describe('visitors and boards', () => {
  it('tracks a ticket: people ahead, estimated wait from today\'s service times, counter once called', () => {
    const { queue, clock } = hall;
    queue.openCounter('loket-2', officer(2), ['ktp']);
    queue.openCounter('loket-4', officer(4), ['ktp']);
    // Two finished today, taking 6 and 10 minutes: 8 on average.
    for (const minutes of [6, 10]) {
      queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' });
      const c = queue.callNext('loket-2', 'petugas-2');
      if (!c) throw new Error('nobody called');
      queue.start(c.ticket.id, 'loket-2', c.leaseEpoch);
      clock.advance(minutes);
      queue.finish(c.ticket.id, 'loket-2', c.leaseEpoch, 'served', null);
    }
    const mine = [1, 2, 3, 4, 5].map(() => queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' }));
    const last = mine[4];
    if (!last) throw new Error('no ticket');
    expect(last.peopleAhead).toBe(4);
    const tracked = queue.track(last.trackingCode.toLowerCase());
    expect(TrackResponseSchema.parse(tracked)).toEqual(tracked);
    // 8 minutes × 4 people ÷ 2 open counters.
    expect(tracked).toMatchObject({ number: 'A-007', status: 'waiting', peopleAhead: 4, estimatedWaitMinutes: 16, counterNumber: null, serviceName: 'Perekaman KTP-el', agencyName: 'Dinas Kependudukan dan Pencatatan Sipil' });

    queue.closeCounter('loket-4');
    expect(queue.track(last.trackingCode)?.estimatedWaitMinutes).toBe(32);
    queue.closeCounter('loket-2');
    expect(queue.track(last.trackingCode)?.estimatedWaitMinutes).toBeNull();

    queue.openCounter('loket-2', officer(2), ['ktp']);
    const c = queue.callTicket('loket-2', 'petugas-2', last.id);
    expect(queue.track(last.trackingCode)).toMatchObject({ status: 'called', peopleAhead: null, estimatedWaitMinutes: null, counterNumber: 2 });
    void c;
    expect(queue.track('ZZZZZZZZ')).toBeNull();
    expect(queue.track('not a code')).toBeNull();
  });

  it('knows no estimate before anything finished today', () => {
    hall.queue.openCounter('loket-2', officer(2), ['ktp']);
    const t = hall.queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' });
    expect(hall.queue.track(t.trackingCode)).toMatchObject({ peopleAhead: 0, estimatedWaitMinutes: null });
  });

  it('lists recent calls newest first, with counter numbers and call counts', () => {
    const { queue, clock } = hall;
    queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' });
    queue.issueTicket({ serviceId: 'pkb', channel: 'kiosk', priority: 'normal' });
    queue.openCounter('loket-2', officer(2), ['ktp']);
    queue.openCounter('loket-3', officer(3), ['pkb']);
    const a = queue.callNext('loket-2', 'petugas-2');
    clock.advance(1);
    queue.callNext('loket-3', 'petugas-3');
    clock.advance(1);
    if (a) queue.recall(a.ticket.id, 'loket-2', a.leaseEpoch);
    const calls = queue.recentCalls(10);
    for (const c of calls) expect(RecentCallSchema.parse(c)).toEqual(c);
    expect(calls.map((c) => [c.number, c.counterNumber, c.callCount])).toEqual([
      ['A-001', 2, 2],
      ['4K-001', 3, 1],
    ]);
    expect(queue.recentCalls(1)).toHaveLength(1);
  });
});

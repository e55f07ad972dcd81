import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoketError } from '../../../core/errors.ts';
import { dumpQueue, makeHall, officer, type TestHall } from './fixtures.ts';

let hall: TestHall;
beforeEach(() => {
  hall = makeHall();
});
afterEach(() => hall.close());

function refusal(fn: () => unknown): LoketError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LoketError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('transfers', () => {
  it('to another service: a new waiting ticket with the same number, code, arrival and priority, in its arrival place', () => {
    const { queue, clock, db } = hall;
    const a = queue.issueTicket({ serviceId: 'ktp', channel: 'online', priority: 'priority' });
    clock.advance(5);
    queue.issueTicket({ serviceId: 'kk', channel: 'kiosk', priority: 'normal' });
    queue.issueTicket({ serviceId: 'kk', channel: 'kiosk', priority: 'priority' });
    queue.openCounter('loket-2', officer(2), ['ktp']);
    const c = queue.callNext('loket-2', 'petugas-2');
    if (!c) throw new Error('nobody called');
    queue.start(a.id, 'loket-2', c.leaseEpoch);
    clock.advance(3);
    const { ticket, newTicket } = queue.transfer(a.id, 'loket-2', c.leaseEpoch, { toServiceId: 'kk', reason: 'perlu KK baru dulu' });

    expect(ticket).toMatchObject({ id: a.id, status: 'transferred', finishedAt: clock.t, counterId: 'loket-2' });
    expect(newTicket).toMatchObject({ serviceId: 'kk', number: 'A-001', status: 'waiting', priority: 'priority', channel: 'online', counterId: null, callCount: 0, issuedAt: a.issuedAt });
    expect(newTicket.id).not.toBe(a.id);
    const row = db.prepare('SELECT queued_at, tracking_code, transferred_from, transfer_reason, target_counter_id FROM tickets WHERE id = ?').get(newTicket.id);
    expect(row).toEqual({ queued_at: a.issuedAt, tracking_code: a.trackingCode, transferred_from: a.id, transfer_reason: 'perlu KK baru dulu', target_counter_id: null });
    // It arrived before both KK tickets and is a priority ticket: first in KK.
    expect(queue.queue().waiting.filter((w) => w.serviceId === 'kk').map((w) => [w.number, w.position])).toEqual([
      ['A-001', 1],
      ['B-002', 2],
      ['B-001', 3],
    ]);
    expect(queue.counterStates().find((s) => s.counterId === 'loket-2')?.current).toBeNull();
    // The visitor's tracking code follows the transfer.
    expect(queue.track(a.trackingCode)).toMatchObject({ status: 'waiting', serviceId: 'kk', serviceName: 'Kartu Keluarga', peopleAhead: 0, issuedAt: a.issuedAt });
    // Logged on both tickets; the new ticket's entry says when the transfer happened.
    expect(db.prepare(`SELECT at FROM ticket_log WHERE ticket_id = ? AND action = 'ticket.issued'`).pluck().get(newTicket.id)).toBe(clock.t);
    expect(db.prepare('SELECT ticket_id, action FROM ticket_log WHERE ticket_id IN (?, ?) ORDER BY id').all(a.id, newTicket.id).slice(-2)).toEqual([
      { ticket_id: a.id, action: 'ticket.transferred' },
      { ticket_id: newTicket.id, action: 'ticket.issued' },
    ]);
  });

  it('to a counter: only that counter calls it, before anything else, even a service it was not opened for', () => {
    const { queue, clock } = hall;
    const a = queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' });
    clock.advance(1);
    queue.issueTicket({ serviceId: 'kk', channel: 'kiosk', priority: 'priority' });
    queue.openCounter('loket-2', officer(2), ['ktp']);
    queue.openCounter('loket-4', officer(4), ['ktp']);
    queue.openCounter('loket-5', officer(5), ['kk']);
    const c = queue.callNext('loket-2', 'petugas-2');
    if (!c) throw new Error('nobody called');
    const { newTicket } = queue.transfer(a.id, 'loket-2', c.leaseEpoch, { toCounterId: 'loket-5', reason: 'berkas khusus' });
    expect(newTicket).toMatchObject({ serviceId: 'ktp', number: 'A-001', status: 'waiting' });
    expect(queue.queue().waiting.find((w) => w.ticketId === newTicket.id)?.targetCounterId).toBe('loket-5');

    // Counter 4 serves KTP but the ticket is not for it.
    expect(queue.callNext('loket-4', 'petugas-4')).toBeNull();
    expect(refusal(() => queue.callTicket('loket-4', 'petugas-4', newTicket.id))).toMatchObject({ code: 'not_your_ticket' });
    // Counter 5 (opened for KK, with a priority KK ticket waiting) calls it first.
    const mine = queue.callNext('loket-5', 'petugas-5');
    expect(mine?.ticket.id).toBe(newTicket.id);
  });

  it('refuses a transfer without exactly one target, to an unknown place, or without a reason, changing nothing', () => {
    const { queue } = hall;
    const a = queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' });
    queue.openCounter('loket-2', officer(2), ['ktp']);
    const c = queue.callNext('loket-2', 'petugas-2');
    if (!c) throw new Error('nobody called');
    const before = dumpQueue(hall.db);
    const cases: [Parameters<typeof queue.transfer>[3], string, string][] = [
      [{ reason: 'x' }, 'invalid_request', 'toServiceId'],
      [{ toServiceId: 'kk', toCounterId: 'loket-4', reason: 'x' }, 'invalid_request', 'toServiceId'],
      [{ toServiceId: 'nope', reason: 'x' }, 'unknown_service', 'toServiceId'],
      [{ toCounterId: 'loket-42', reason: 'x' }, 'unknown_counter', 'toCounterId'],
      [{ toServiceId: 'kk', reason: '   ' }, 'invalid_request', 'reason'],
    ];
    for (const [target, code, field] of cases) {
      expect(refusal(() => queue.transfer(a.id, 'loket-2', c.leaseEpoch, target))).toMatchObject({ code, field });
    }
    expect(dumpQueue(hall.db)).toEqual(before);
  });

  it('chains: a transferred visitor can be transferred again, and tracking shows the newest ticket', () => {
    const { queue } = hall;
    const a = queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' });
    queue.openCounter('loket-2', officer(2), ['ktp']);
    queue.openCounter('loket-5', officer(5), ['kk']);
    queue.openCounter('loket-3', officer(3), ['pkb']);
    const c1 = queue.callNext('loket-2', 'p');
    if (!c1) throw new Error('nobody called');
    queue.transfer(a.id, 'loket-2', c1.leaseEpoch, { toServiceId: 'kk', reason: 'KK' });
    const c2 = queue.callNext('loket-5', 'p');
    if (!c2) throw new Error('nobody called');
    expect(c2.ticket.number).toBe('A-001');
    queue.start(c2.ticket.id, 'loket-5', c2.leaseEpoch);
    queue.transfer(c2.ticket.id, 'loket-5', c2.leaseEpoch, { toServiceId: 'pkb', reason: 'pajak' });
    expect(queue.track(a.trackingCode)).toMatchObject({ serviceId: 'pkb', status: 'waiting', number: 'A-001' });
    const c3 = queue.callNext('loket-3', 'p');
    expect(c3?.ticket.number).toBe('A-001');
    expect(queue.track(a.trackingCode)).toMatchObject({ status: 'called', counterNumber: 3 });
  });
});

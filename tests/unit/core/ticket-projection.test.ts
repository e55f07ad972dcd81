import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../../core/domain.ts';
import type { EventType, LedgerEvent } from '../../../core/events.ts';
import { applyTicketEvent } from '../../../core/ticket-projection.ts';
import { IllegalTransitionError } from '../../../core/ticket-state.ts';

type TicketEvent = Pick<LedgerEvent, 'type' | 'ticketId' | 'counterId' | 'officerId' | 'serverAt' | 'data'>;

const TICKET_ID = '5f1b3e5a-0c55-4b53-8e57-2f1b7f7d9a01';
const ZONE = 'Asia/Jakarta';
/** 14 March 2025, 08:00 WIB */
const T0 = Date.UTC(2025, 2, 14, 1, 0);
const MIN = 60_000;

const event = (type: EventType, serverAt: number, data: unknown = {}): TicketEvent => ({
  type,
  ticketId: TICKET_ID,
  counterId: 'loket-3',
  officerId: 'officer-7',
  serverAt,
  data,
});

const fold = (events: TicketEvent[]): Ticket =>
  events.reduce<Ticket | null>((ticket, e) => applyTicketEvent(ticket, e, ZONE), null) as Ticket;

describe('applyTicketEvent', () => {
  it('walk-in: enters serving at once, then finishes', () => {
    const serving = applyTicketEvent(null, event('walkin.served', T0, { serviceId: 'ktp-el', number: 'W-001' }), ZONE);
    expect(serving).toMatchObject({
      id: TICKET_ID,
      serviceId: 'ktp-el',
      number: 'W-001',
      serviceDay: '2025-03-14',
      channel: 'counter',
      status: 'serving',
      counterId: 'loket-3',
      officerId: 'officer-7',
      issuedAt: T0,
      startedAt: T0,
      finishedAt: null,
      outcome: null,
    });
    const done = applyTicketEvent(serving, event('ticket.finished', T0 + 7 * MIN, { outcome: 'served', note: 'KTP-el dicetak' }), ZONE);
    expect(done).toMatchObject({ status: 'done', outcome: 'served', note: 'KTP-el dicetak', startedAt: T0, finishedAt: T0 + 7 * MIN });
    expect(done.finishedAt! - done.startedAt!).toBe(7 * MIN); // service time
  });

  it('called → recalled → started → finished: the last call counts', () => {
    const calledAt = T0;
    const recalledAt = T0 + 2 * MIN;
    const startedAt = T0 + 3 * MIN;
    const finishedAt = T0 + 15 * MIN;
    const steps = [
      event('ticket.called', calledAt, { serviceId: 'ktp-el', number: 'A-012' }),
      event('ticket.recalled', recalledAt, { callCount: 2 }),
      event('ticket.started', startedAt),
      event('ticket.finished', finishedAt, { outcome: 'pending', note: 'kurang fotokopi KK' }),
    ];
    const called = fold(steps.slice(0, 1));
    expect(called).toMatchObject({ status: 'called', number: 'A-012', serviceId: 'ktp-el', callCount: 1, calledAt, counterId: 'loket-3', officerId: 'officer-7' });
    const recalled = fold(steps.slice(0, 2));
    expect(recalled).toMatchObject({ status: 'called', callCount: 2, calledAt: recalledAt });
    const started = fold(steps.slice(0, 3));
    expect(started).toMatchObject({ status: 'serving', callCount: 2, calledAt: recalledAt, startedAt });
    const done = fold(steps);
    expect(done).toMatchObject({
      status: 'done',
      outcome: 'pending',
      note: 'kurang fotokopi KK',
      callCount: 2,
      calledAt: recalledAt,
      startedAt,
      finishedAt,
      serviceDay: '2025-03-14',
    });
    // walk = started − (last) called; service = finished − started (DESIGN.md §4)
    expect(done.startedAt! - done.calledAt!).toBe(1 * MIN);
    expect(done.finishedAt! - done.startedAt!).toBe(12 * MIN);
  });

  it('does not change the ticket it is given', () => {
    const called = fold([event('ticket.called', T0, { serviceId: 'ktp-el', number: 'A-012' })]);
    const copy = structuredClone(called);
    applyTicketEvent(called, event('ticket.recalled', T0 + MIN, { callCount: 2 }), ZONE);
    expect(called).toEqual(copy);
  });

  it.each([
    ['no_show', 'ticket.no_show', 'no_show'],
    ['returned to the queue', 'ticket.returned', 'waiting'],
    ['transferred before service', 'ticket.transferred', 'transferred'],
  ] as const)('called → %s', (_what, type, status) => {
    const data = type === 'ticket.transferred' ? { toServiceId: 'kk', toCounterId: null, reason: '' } : {};
    const t = fold([event('ticket.called', T0, { serviceId: 'ktp-el', number: 'A-012' }), event(type, T0 + MIN, data)]);
    expect(t.status).toBe(status);
  });

  it('refuses finish before start with an IllegalTransitionError naming state and action', () => {
    const called = fold([event('ticket.called', T0, { serviceId: 'ktp-el', number: 'A-012' })]);
    const finish = event('ticket.finished', T0 + MIN, { outcome: 'served', note: null });
    let thrown: unknown;
    try {
      applyTicketEvent(called, finish, ZONE);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(IllegalTransitionError);
    expect(thrown).toMatchObject({ state: 'called', action: 'finish' });
  });

  it('refuses anything after the end, and a start twice', () => {
    const done = fold([
      event('walkin.served', T0, { serviceId: 'ktp-el', number: 'W-001' }),
      event('ticket.finished', T0 + MIN, { outcome: 'served', note: null }),
    ]);
    expect(() => applyTicketEvent(done, event('ticket.recalled', T0 + 2 * MIN, { callCount: 1 }), ZONE)).toThrow(IllegalTransitionError);
    const serving = fold([event('ticket.called', T0, { serviceId: 'ktp-el', number: 'A-012' }), event('ticket.started', T0 + MIN)]);
    expect(() => applyTicketEvent(serving, event('ticket.started', T0 + 2 * MIN), ZONE)).toThrow(IllegalTransitionError);
  });

  it('refuses events for a ticket this counter never called, events without a ticket, and non-ticket events', () => {
    expect(() => applyTicketEvent(null, event('ticket.started', T0), ZONE)).toThrow(/never called/);
    expect(() => applyTicketEvent(null, { ...event('ticket.called', T0, { serviceId: 'ktp-el', number: 'A-012' }), ticketId: null }, ZONE)).toThrow(/no ticket id/);
    expect(() => applyTicketEvent(null, event('counter.paused', T0, { reason: 'prayer' }), ZONE)).toThrow(/not a ticket event/);
  });

  it('refuses a finish whose payload is wrong', () => {
    const serving = fold([event('walkin.served', T0, { serviceId: 'ktp-el', number: 'W-001' })]);
    expect(() => applyTicketEvent(serving, event('ticket.finished', T0 + MIN, { outcome: 'great' }), ZONE)).toThrow();
  });

  it('dates the ticket by the hall’s day, not UTC’s', () => {
    // 23:30 UTC on 13 March is 06:30 on 14 March in Jakarta.
    const t = applyTicketEvent(null, event('walkin.served', Date.UTC(2025, 2, 13, 23, 30), { serviceId: 'ktp-el', number: 'W-001' }), ZONE);
    expect(t.serviceDay).toBe('2025-03-14');
  });
});

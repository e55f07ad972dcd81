import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TICKET_STATUSES, type TicketStatus } from '../../../core/domain.ts';
import { IllegalTransitionError, TICKET_ACTIONS, canTransition, transition, type TicketAction } from '../../../core/ticket-state.ts';
import type { QueueAuthority } from '../../../server/queue/queue-authority.ts';
import { dumpQueue, makeHall, officer, type TestHall } from './fixtures.ts';

/**
 * Every (state, action) pair through the queue authority: the legal ones lead where
 * core/ticket-state.ts says, every illegal one raises IllegalTransitionError naming the state and
 * the action and leaves the database exactly as it was.
 */
let hall: TestHall;
beforeEach(() => {
  hall = makeHall();
  // loket-2 holds the tickets under test; loket-4 stays idle to try `call` on them.
  hall.queue.openCounter('loket-2', officer(2), ['ktp']);
  hall.queue.openCounter('loket-4', officer(4), ['ktp', 'kk']);
});
afterEach(() => hall.close());

interface Held {
  ticketId: string;
  counterId: string;
  leaseEpoch: number;
}

/** A KTP ticket brought into `state` by the authority itself. */
function ticketIn(queue: QueueAuthority, state: TicketStatus): Held {
  const t = queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' });
  if (state === 'waiting') return { ticketId: t.id, counterId: 'loket-2', leaseEpoch: 1 };
  if (state === 'cancelled') {
    queue.cancel(t.id);
    return { ticketId: t.id, counterId: 'loket-2', leaseEpoch: 1 };
  }
  const c = queue.callTicket('loket-2', 'petugas-2', t.id);
  const held = { ticketId: t.id, counterId: 'loket-2', leaseEpoch: c.leaseEpoch };
  switch (state) {
    case 'called':
      return held;
    case 'no_show':
      queue.noShow(t.id, 'loket-2', c.leaseEpoch);
      return held;
    case 'transferred':
      queue.transfer(t.id, 'loket-2', c.leaseEpoch, { toServiceId: 'kk', reason: 'salah layanan' });
      return held;
    default:
      break;
  }
  queue.start(t.id, 'loket-2', c.leaseEpoch);
  if (state === 'serving') return held;
  queue.finish(t.id, 'loket-2', c.leaseEpoch, 'served', null);
  return held;
}

/** Performs `action` on the ticket the way the HTTP routes do; `call` from `caller`. */
function act(queue: QueueAuthority, action: TicketAction, h: Held, caller = 'loket-4'): unknown {
  switch (action) {
    case 'call':
      return queue.callTicket(caller, 'petugas', h.ticketId);
    case 'recall':
      return queue.recall(h.ticketId, h.counterId, h.leaseEpoch);
    case 'start':
      return queue.start(h.ticketId, h.counterId, h.leaseEpoch);
    case 'finish':
      return queue.finish(h.ticketId, h.counterId, h.leaseEpoch, 'served', 'catatan');
    case 'no_show':
      return queue.noShow(h.ticketId, h.counterId, h.leaseEpoch);
    case 'reactivate':
      return queue.reactivate(h.ticketId, 'supervisor-1');
    case 'transfer':
      return queue.transfer(h.ticketId, h.counterId, h.leaseEpoch, { toCounterId: 'loket-5', reason: 'loket khusus' });
    case 'return':
      return queue.returnToQueue(h.ticketId, h.counterId, h.leaseEpoch);
    case 'cancel':
      return queue.cancel(h.ticketId, 'supervisor-1');
  }
}

const PAIRS = TICKET_STATUSES.flatMap((state) => TICKET_ACTIONS.map((action) => [state, action] as const));
const ILLEGAL = PAIRS.filter(([s, a]) => !canTransition(s, a));
const LEGAL = PAIRS.filter(([s, a]) => canTransition(s, a));

describe('illegal transitions through the queue authority', () => {
  it('covers every pair the state machine refuses', () => {
    expect(ILLEGAL.length + LEGAL.length).toBe(TICKET_STATUSES.length * TICKET_ACTIONS.length);
    expect(ILLEGAL.length).toBe(53);
  });

  type Case = [TicketStatus, TicketAction, string, string];
  const cases = ILLEGAL.flatMap(([state, action]): Case[] =>
    action === 'call'
      ? [
          [state, action, 'an idle counter', 'loket-4'],
          [state, action, 'the counter that called it', 'loket-2'],
        ]
      : [[state, action, 'its counter', 'loket-2']],
  );
  it.each(cases)('%s + %s (by %s) raises IllegalTransitionError and changes nothing', (state, action, _who, caller) => {
    const held = ticketIn(hall.queue, state);
    expect(hall.queue.ticket(held.ticketId)?.status).toBe(state);
    const before = dumpQueue(hall.db);
    const published = hall.messages.length;
    let error: unknown;
    try {
      act(hall.queue, action, held, caller);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IllegalTransitionError);
    const ite = error as IllegalTransitionError;
    expect({ state: ite.state, action: ite.action, code: ite.code }).toEqual({ state, action, code: 'illegal_transition' });
    expect(ite.message).toContain(state.replace('_', '-'));
    expect(ite.message).toContain(action.replace('_', '-'));
    expect(dumpQueue(hall.db)).toEqual(before);
    expect(hall.messages.length).toBe(published);
  });
});

describe('legal transitions through the queue authority', () => {
  it.each(LEGAL)('%s + %s leads where the state machine says', (state, action) => {
    const held = ticketIn(hall.queue, state);
    act(hall.queue, action, held);
    expect(hall.queue.ticket(held.ticketId)?.status).toBe(transition(state, action));
  });
});

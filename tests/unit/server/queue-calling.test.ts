import { afterEach, describe, expect, it } from 'vitest';
import type { PriorityClass, QueuePolicy } from '../../../core/domain.ts';
import type { LoketError } from '../../../core/errors.ts';
import { hallConfig, makeHall, officer, PRIORITY_FIRST, type TestHall } from './fixtures.ts';

let hall: TestHall | undefined;
afterEach(() => hall?.close());

/** Issues tickets a minute apart: `N` normal, `P` priority. */
function issueLine(h: TestHall, serviceId: string, pattern: string): void {
  for (const ch of pattern) {
    const priority: PriorityClass = ch === 'P' ? 'priority' : 'normal';
    h.queue.issueTicket({ serviceId, channel: 'kiosk', priority });
    h.clock.advance(1);
  }
}

/** Calls and finishes `count` tickets at a counter; returns `number/priority` in call order. */
function serve(h: TestHall, counterId: string, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const c = h.queue.callNext(counterId, 'petugas');
    if (c === null) break;
    out.push(`${c.ticket.number}${c.ticket.priority === 'priority' ? '*' : ''}`);
    h.queue.start(c.ticket.id, counterId, c.leaseEpoch);
    h.queue.finish(c.ticket.id, counterId, c.leaseEpoch, 'served', null);
  }
  return out;
}

const RATIO_2_1: QueuePolicy = { mode: 'ratio', normalPerPriority: 2, agingMinutes: null };

describe('priority policy', () => {
  it('priority-first: every waiting priority ticket goes first, oldest first', () => {
    hall = makeHall(hallConfig(PRIORITY_FIRST));
    issueLine(hall, 'ktp', 'NNPNPN');
    hall.queue.openCounter('loket-2', officer(2), ['ktp']);
    expect(serve(hall, 'loket-2', 10)).toEqual(['A-003*', 'A-005*', 'A-001', 'A-002', 'A-004', 'A-006']);
  });

  it('ratio 2:1: one priority after every two normal ones, priorities when no normal waits', () => {
    hall = makeHall(hallConfig(RATIO_2_1));
    issueLine(hall, 'ktp', 'PPPNNNNN');
    hall.queue.openCounter('loket-2', officer(2), ['ktp']);
    expect(serve(hall, 'loket-2', 10)).toEqual(['A-004', 'A-005', 'A-001*', 'A-006', 'A-007', 'A-002*', 'A-008', 'A-003*']);
  });

  it('ratio: the count survives between calls and restarts when the counter reopens', () => {
    hall = makeHall(hallConfig(RATIO_2_1));
    issueLine(hall, 'ktp', 'NNNP');
    hall.queue.openCounter('loket-2', officer(2), ['ktp']);
    expect(serve(hall, 'loket-2', 2)).toEqual(['A-001', 'A-002']);
    hall.queue.closeCounter('loket-2');
    hall.queue.openCounter('loket-2', officer(2), ['ktp']);
    expect(serve(hall, 'loket-2', 1)).toEqual(['A-003']);
  });

  it('aging: a normal ticket waiting agingMinutes or more goes before priority tickets', () => {
    hall = makeHall(hallConfig({ mode: 'priority-first', normalPerPriority: 2, agingMinutes: 30 }));
    issueLine(hall, 'ktp', 'N'); // A-001 at 08:00
    hall.clock.advance(20);
    issueLine(hall, 'ktp', 'PP'); // 08:21, 08:22
    hall.queue.openCounter('loket-2', officer(2), ['ktp']);
    // 08:23: A-001 has waited 23 minutes: priority first.
    expect(serve(hall, 'loket-2', 1)).toEqual(['A-002*']);
    hall.clock.t += 7 * 60_000; // 08:30: A-001 has waited 30 minutes
    expect(serve(hall, 'loket-2', 2)).toEqual(['A-001', 'A-003*']);
  });
});

describe('a counter serving several services by weight', () => {
  it('calls ~2:1 with weights 2:1, each service in arrival order', () => {
    hall = makeHall();
    for (let i = 0; i < 40; i++) {
      hall.queue.issueTicket({ serviceId: i % 2 ? 'kk' : 'ktp', channel: 'kiosk', priority: 'normal' });
      hall.clock.advance(0.5);
    }
    hall.queue.openCounter('loket-1', officer(1), ['ktp', 'kk']); // ktp weight 2, kk weight 1
    const called = serve(hall, 'loket-1', 30);
    const ktp = called.filter((n) => n.startsWith('A-'));
    const kk = called.filter((n) => n.startsWith('B-'));
    expect(ktp).toHaveLength(20);
    expect(kk).toHaveLength(10);
    // Arrival order within each service.
    expect(ktp).toEqual(ktp.map((_, i) => `A-${String(i + 1).padStart(3, '0')}`));
    expect(kk).toEqual(kk.map((_, i) => `B-${String(i + 1).padStart(3, '0')}`));
    // Every prefix stays close to 2:1.
    let a = 0;
    let b = 0;
    for (const n of called) {
      if (n.startsWith('A-')) a++;
      else b++;
      expect(Math.abs(a - 2 * b)).toBeLessThanOrEqual(2);
    }
  });

  it('serves only the services chosen when opening', () => {
    hall = makeHall();
    issueLine(hall, 'ktp', 'NN');
    issueLine(hall, 'kk', 'N');
    hall.queue.openCounter('loket-1', officer(1), ['kk']);
    expect(serve(hall, 'loket-1', 5)).toEqual(['B-001']);
  });
});

describe('calling a specific ticket', () => {
  it('calls any waiting ticket of a service the counter serves, out of order', () => {
    hall = makeHall();
    issueLine(hall, 'ktp', 'NNN');
    const third = hall.queue.queue().waiting[2];
    hall.queue.openCounter('loket-2', officer(2), ['ktp']);
    const c = hall.queue.callTicket('loket-2', 'petugas-2', third?.ticketId ?? '');
    expect(c.ticket).toMatchObject({ number: 'A-003', status: 'called', counterId: 'loket-2' });
    expect(c.leaseEpoch).toBe(1);
  });

  it('refuses a ticket of a service the counter does not serve, or one that does not exist', () => {
    hall = makeHall();
    issueLine(hall, 'pkb', 'N');
    const pkb = hall.queue.queue().waiting[0]?.ticketId ?? '';
    hall.queue.openCounter('loket-2', officer(2), ['ktp']);
    const refused = (fn: () => unknown): LoketError => {
      try {
        fn();
      } catch (e) {
        return e as LoketError;
      }
      throw new Error('not refused');
    };
    expect(refused(() => hall?.queue.callTicket('loket-2', 'petugas-2', pkb))).toMatchObject({ code: 'not_your_ticket', field: 'ticketId' });
    expect(refused(() => hall?.queue.callTicket('loket-2', 'petugas-2', '00000000-0000-4000-8000-000000000000'))).toMatchObject({ code: 'not_found', field: 'ticketId' });
    expect(refused(() => hall?.queue.callTicket('loket-3', 'petugas-3', pkb))).toMatchObject({ code: 'counter_not_open' });
    expect(refused(() => hall?.queue.callNext('loket-77', 'petugas-3'))).toMatchObject({ code: 'unknown_counter', field: 'counterId' });
  });
});

describe('lease epochs', () => {
  it('only grow, across counters, calls and re-calls', () => {
    hall = makeHall();
    issueLine(hall, 'ktp', 'NNNN');
    hall.queue.openCounter('loket-2', officer(2), ['ktp']);
    hall.queue.openCounter('loket-4', officer(4), ['ktp']);
    const epochs: number[] = [];
    for (let i = 0; i < 2; i++) {
      for (const counter of ['loket-2', 'loket-4']) {
        const c = hall.queue.callNext(counter, 'p');
        if (!c) throw new Error('nobody called');
        epochs.push(c.leaseEpoch);
        hall.queue.returnToQueue(c.ticket.id, counter, c.leaseEpoch);
      }
    }
    expect(epochs).toEqual([1, 2, 3, 4]);
    expect(() => hall?.db.prepare('UPDATE fencing SET last_epoch = 2').run()).toThrow(/lease epochs only grow/);
  });

  it('an action with an old lease is refused as stale once the ticket was called again elsewhere', () => {
    hall = makeHall();
    const h = hall;
    issueLine(h, 'ktp', 'N');
    h.queue.openCounter('loket-2', officer(2), ['ktp']);
    h.queue.openCounter('loket-4', officer(4), ['ktp']);
    const first = h.queue.callNext('loket-2', 'p2');
    if (!first) throw new Error('nobody called');
    h.queue.returnToQueue(first.ticket.id, 'loket-2', first.leaseEpoch);
    const second = h.queue.callNext('loket-4', 'p4');
    expect(second?.ticket.id).toBe(first.ticket.id);
    if (!second) return;
    const err = (fn: () => unknown): LoketError => {
      try {
        fn();
      } catch (e) {
        return e as LoketError;
      }
      throw new Error('not refused');
    };
    // loket-2 still thinks it holds the ticket under lease 1.
    const stale = err(() => h.queue.start(first.ticket.id, 'loket-2', first.leaseEpoch));
    expect(stale).toMatchObject({ code: 'stale_lease', field: 'leaseEpoch' });
    expect(stale.message).toMatch(/called again elsewhere/);
    // The holder with the wrong epoch is stale too; a counter that never held it is not its holder.
    expect(err(() => h.queue.start(first.ticket.id, 'loket-4', second.leaseEpoch + 5)).code).toBe('stale_lease');
    expect(err(() => h.queue.start(first.ticket.id, 'loket-5', second.leaseEpoch)).code).toBe('not_your_ticket');
    expect(err(() => h.queue.start(first.ticket.id, 'loket-99', second.leaseEpoch)).code).toBe('unknown_counter');
    expect(h.queue.start(first.ticket.id, 'loket-4', second.leaseEpoch).status).toBe('serving');
  });
});

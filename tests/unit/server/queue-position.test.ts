import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { QueuePolicy } from '../../../core/domain.ts';
import { orderWaiting } from '../../../core/queue-order.ts';
import { positionOf, waitingInService } from '../../../server/queue/queries.ts';
import { hallConfig, makeHall, MINUTE, type TestHall } from './fixtures.ts';

/**
 * `positionOf` counts a ticket's place in the `tickets_waiting` index instead of ordering the whole
 * line; it must give exactly the position `orderWaiting` gives (the one `GET /queue` shows), for
 * every policy, with transfers to counters, aged tickets and tickets that arrived in one millisecond.
 */
const POLICIES: QueuePolicy[] = [
  { mode: 'priority-first', normalPerPriority: 2, agingMinutes: null },
  { mode: 'ratio', normalPerPriority: 2, agingMinutes: null },
  { mode: 'ratio', normalPerPriority: 3, agingMinutes: 30 },
  { mode: 'priority-first', normalPerPriority: 2, agingMinutes: 45 },
];

const ticketArb = fc.record({
  serviceId: fc.constantFrom('ktp', 'kk'),
  priority: fc.constantFrom('normal', 'priority'),
  // Few distinct minutes, so that many tickets share one arrival instant and the tie-break decides.
  minutesAgo: fc.integer({ min: 0, max: 8 }).map((m) => m * 10),
  target: fc.constantFrom(null, null, null, 'loket-1', 'loket-2'),
  numbered: fc.integer({ min: 1, max: 999 }),
});

let hall: TestHall | null = null;
afterEach(() => {
  hall?.close();
  hall = null;
});

describe('positionOf', () => {
  it('agrees with orderWaiting for every waiting ticket', () => {
    fc.assert(
      fc.property(fc.constantFrom(...POLICIES), fc.array(ticketArb, { minLength: 1, maxLength: 40 }), (policy, tickets) => {
        hall?.close();
        hall = makeHall(hallConfig(policy));
        const now = hall.clock.t;
        const insert = hall.db.prepare(
          `INSERT INTO tickets (id, service_id, number, seq_no, service_day, channel, priority, tracking_code, status, queued_at, issued_at, call_count, target_counter_id)
           VALUES (?, ?, ?, ?, '2025-03-10', 'kiosk', ?, 'CODE2222', 'waiting', ?, ?, 0, ?)`,
        );
        tickets.forEach((t, i) => {
          const queuedAt = now - t.minutesAgo * MINUTE;
          insert.run(`t-${String(i).padStart(3, '0')}`, t.serviceId, `A-${String(t.numbered).padStart(3, '0')}`, i + 1, t.priority, queuedAt, queuedAt, t.target);
        });
        hall.queue.snapshot((tx) => {
          for (const serviceId of ['ktp', 'kk']) {
            for (const expected of orderWaiting(waitingInService(tx, serviceId), policy, tx.at)) {
              expect(positionOf(tx, serviceId, expected.id, policy), `${expected.id} (${expected.priority}, ${expected.targetCounterId ?? 'untargeted'})`).toBe(expected.position);
            }
          }
        });
      }),
      { numRuns: 60 },
    );
  });

  it('is null for a ticket that is not waiting in that service', () => {
    hall = makeHall();
    const issued = hall.queue.issueTicket({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' });
    hall.queue.snapshot((tx) => {
      expect(positionOf(tx, 'kk', issued.id, { mode: 'priority-first', normalPerPriority: 2, agingMinutes: null })).toBeNull();
      expect(positionOf(tx, 'ktp', 'no-such-ticket', { mode: 'priority-first', normalPerPriority: 2, agingMinutes: null })).toBeNull();
    });
  });
});

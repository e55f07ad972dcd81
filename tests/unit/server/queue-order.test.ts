import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QueuePolicy } from '../../../core/domain.ts';
import { compareArrival, orderWaiting, pickNext, type PickContext, type QueueCandidate } from '../../../core/queue-order.ts';

const MIN = 60_000;
const T0 = Date.UTC(2025, 2, 10, 1, 0);
const PRIORITY_FIRST: QueuePolicy = { mode: 'priority-first', normalPerPriority: 2, agingMinutes: null };
const RATIO_2: QueuePolicy = { mode: 'ratio', normalPerPriority: 2, agingMinutes: null };

let serial = 0;
/** A waiting ticket that arrived `minute` minutes after T0. */
function t(serviceId: string, minute: number, opts: Partial<QueueCandidate> = {}): QueueCandidate {
  serial++;
  return { id: `t${String(serial).padStart(4, '0')}`, serviceId, priority: 'normal', queuedAt: T0 + minute * MIN, targetCounterId: null, ...opts };
}

const ctx = (over: Partial<PickContext> = {}): PickContext => ({
  counterId: 'loket-1',
  weights: { ktp: 1 },
  calledToday: {},
  normalsSincePriority: 0,
  policy: PRIORITY_FIRST,
  now: T0 + 60 * MIN,
  ...over,
});

describe('pickNext', () => {
  it('returns null when nothing waits', () => {
    expect(pickNext([], ctx())).toBeNull();
  });

  describe('rule 1: transfers to this counter first; to another counter never', () => {
    it('takes a ticket transferred here before older and priority tickets, oldest transfer first', () => {
      const old = t('ktp', 0, { priority: 'priority' });
      const mineLate = t('kk', 30, { targetCounterId: 'loket-1' });
      const mineEarly = t('kk', 20, { targetCounterId: 'loket-1' });
      // A transfer keeps arrival time: even a service the counter was not opened for.
      expect(pickNext([old, mineLate, mineEarly], ctx())).toBe(mineEarly);
    });

    it('never takes a ticket transferred to another counter', () => {
      const theirs = t('ktp', 0, { targetCounterId: 'loket-9' });
      expect(pickNext([theirs], ctx())).toBeNull();
      const mine = t('ktp', 10);
      expect(pickNext([theirs, mine], ctx())).toBe(mine);
    });
  });

  describe('rule 2: only the services the counter serves', () => {
    it('skips other services, and services with no positive weight', () => {
      const other = t('pkb', 0);
      const zero = t('kk', 1);
      const mine = t('ktp', 5);
      expect(pickNext([other, zero, mine], ctx({ weights: { ktp: 1, kk: 0 } }))).toBe(mine);
      expect(pickNext([other, zero], ctx({ weights: { ktp: 1, kk: 0 } }))).toBeNull();
    });
  });

  describe('rule 3: aging', () => {
    const aging: QueuePolicy = { mode: 'priority-first', normalPerPriority: 2, agingMinutes: 30 };
    it('an old enough normal ticket goes before priority tickets', () => {
      const normal = t('ktp', 0);
      const prio = t('ktp', 10, { priority: 'priority' });
      expect(pickNext([normal, prio], ctx({ policy: aging, now: T0 + 29 * MIN }))).toBe(prio);
      expect(pickNext([normal, prio], ctx({ policy: aging, now: T0 + 30 * MIN }))).toBe(normal);
    });

    it('takes the oldest aged normal ticket, across services, whatever the weights', () => {
      const kk = t('kk', 0);
      const ktp = t('ktp', 5);
      const c = ctx({ policy: aging, weights: { ktp: 10, kk: 1 }, calledToday: { kk: 50 }, now: T0 + 40 * MIN });
      expect(pickNext([ktp, kk], c)).toBe(kk);
    });

    it('in ratio mode too, even when a priority ticket is due', () => {
      const normal = t('ktp', 0);
      const prio = t('ktp', 1, { priority: 'priority' });
      const ratioAging: QueuePolicy = { ...RATIO_2, agingMinutes: 30 };
      expect(pickNext([normal, prio], ctx({ policy: ratioAging, normalsSincePriority: 5, now: T0 + 31 * MIN }))).toBe(normal);
      expect(pickNext([normal, prio], ctx({ policy: ratioAging, normalsSincePriority: 5, now: T0 + 29 * MIN }))).toBe(prio);
    });
  });

  describe('rule 4: priority class', () => {
    it('priority-first: a waiting priority ticket goes before older normal ones', () => {
      const normal = t('ktp', 0);
      const prio = t('ktp', 20, { priority: 'priority' });
      expect(pickNext([normal, prio], ctx())).toBe(prio);
    });

    it('ratio: priority once normalsSincePriority reaches normalPerPriority, else normal', () => {
      const normal = t('ktp', 10);
      const prio = t('ktp', 0, { priority: 'priority' });
      expect(pickNext([normal, prio], ctx({ policy: RATIO_2, normalsSincePriority: 0 }))).toBe(normal);
      expect(pickNext([normal, prio], ctx({ policy: RATIO_2, normalsSincePriority: 1 }))).toBe(normal);
      expect(pickNext([normal, prio], ctx({ policy: RATIO_2, normalsSincePriority: 2 }))).toBe(prio);
      expect(pickNext([normal, prio], ctx({ policy: { ...RATIO_2, normalPerPriority: 3 }, normalsSincePriority: 2 }))).toBe(normal);
    });

    it('ratio: priority when no normal ticket waits; normal when no priority one does', () => {
      const prio = t('ktp', 0, { priority: 'priority' });
      const normal = t('ktp', 0);
      expect(pickNext([prio], ctx({ policy: RATIO_2, normalsSincePriority: 0 }))).toBe(prio);
      expect(pickNext([normal], ctx({ policy: RATIO_2, normalsSincePriority: 9 }))).toBe(normal);
    });
  });

  describe('rule 5: services by weighted fair share, tickets by arrival', () => {
    it('picks the service with the lowest (calledToday + 1) / weight', () => {
      const ktp = t('ktp', 10);
      const kk = t('kk', 0);
      const weights = { ktp: 2, kk: 1 };
      // 1/2 < 1/1: KTP, although KK's ticket is older.
      expect(pickNext([ktp, kk], ctx({ weights }))).toBe(ktp);
      // KTP 2 called: 3/2 > 1/1: KK.
      expect(pickNext([ktp, kk], ctx({ weights, calledToday: { ktp: 2 } }))).toBe(kk);
      // KTP 3, KK 1: 4/2 = 2/1: a tie goes to the older head (KK).
      expect(pickNext([ktp, kk], ctx({ weights, calledToday: { ktp: 3, kk: 1 } }))).toBe(kk);
      expect(pickNext([t('ktp', 0), t('kk', 10)], ctx({ weights, calledToday: { ktp: 3, kk: 1 } }))?.serviceId).toBe('ktp');
    });

    it('applies among priority tickets too', () => {
      const ktp = t('ktp', 10, { priority: 'priority' });
      const kk = t('kk', 0, { priority: 'priority' });
      const normal = t('ktp', 0);
      expect(pickNext([ktp, kk, normal], ctx({ weights: { ktp: 1, kk: 1 }, calledToday: { ktp: 5 } }))).toBe(kk);
      expect(pickNext([ktp, kk, normal], ctx({ weights: { ktp: 1, kk: 1 }, calledToday: { kk: 5 } }))).toBe(ktp);
    });

    it('within a service: oldest queuedAt, ties by ticket number order, then id', () => {
      const a10 = t('ktp', 5, { number: 'A-010' });
      const a9 = t('ktp', 5, { number: 'A-009' });
      const a1000 = t('ktp', 5, { number: 'A-1000' });
      const older = t('ktp', 4, { number: 'A-011' });
      expect(pickNext([a10, a1000, a9, older], ctx())).toBe(older);
      expect(pickNext([a10, a1000, a9], ctx())).toBe(a9);
      expect(pickNext([a1000, a10], ctx())).toBe(a10);
      expect([a1000, a10, a9].sort(compareArrival)).toEqual([a9, a10, a1000]);
    });

    it('over many calls, shares ~2:1 for weights 2:1', () => {
      const waiting = [...Array.from({ length: 60 }, (_, i) => t('ktp', i)), ...Array.from({ length: 60 }, (_, i) => t('kk', i))];
      const calledToday = { ktp: 0, kk: 0 };
      const order: string[] = [];
      for (let i = 0; i < 30; i++) {
        const next = pickNext(waiting, ctx({ weights: { ktp: 2, kk: 1 }, calledToday }));
        if (!next) throw new Error('nothing picked');
        waiting.splice(waiting.indexOf(next), 1);
        calledToday[next.serviceId as 'ktp' | 'kk']++;
        order.push(next.serviceId);
      }
      expect(calledToday).toEqual({ ktp: 20, kk: 10 });
    });
  });
});

describe('orderWaiting', () => {
  it('numbers each service from 1 in the order the hall would call, services apart', () => {
    const list = [t('ktp', 0), t('ktp', 1, { priority: 'priority' }), t('kk', 2), t('ktp', 3), t('ktp', 4, { targetCounterId: 'loket-3' })];
    const ordered = orderWaiting(list, PRIORITY_FIRST, T0 + 10 * MIN);
    expect(ordered.map((o) => [o.serviceId, o.position, o.id])).toEqual([
      ['kk', 1, list[2]?.id],
      ['ktp', 1, list[4]?.id],
      ['ktp', 2, list[1]?.id],
      ['ktp', 3, list[0]?.id],
      ['ktp', 4, list[3]?.id],
    ]);
  });

  it('interleaves by the ratio, and lets aged normal tickets go first', () => {
    const list = [t('ktp', 0, { priority: 'priority' }), t('ktp', 1, { priority: 'priority' }), t('ktp', 2), t('ktp', 3), t('ktp', 4), t('ktp', 5)];
    const ids = (policy: QueuePolicy, now: number): number[] => orderWaiting(list, policy, now).map((o) => list.indexOf(list.find((l) => l.id === o.id) as QueueCandidate));
    expect(ids(RATIO_2, T0 + 10 * MIN)).toEqual([2, 3, 0, 4, 5, 1]);
    expect(ids({ ...RATIO_2, normalPerPriority: 1 }, T0 + 10 * MIN)).toEqual([2, 0, 3, 1, 4, 5]);
    // At 08:33 the normal tickets of 08:02 and 08:03 have waited 30 minutes.
    expect(ids({ mode: 'priority-first', normalPerPriority: 2, agingMinutes: 30 }, T0 + 33 * MIN)).toEqual([2, 3, 0, 1, 4, 5]);
  });

  it('keeps the callers\' extra fields', () => {
    const [o] = orderWaiting([{ ...t('ktp', 0), channel: 'kiosk' as const }], PRIORITY_FIRST, T0);
    expect(o?.channel).toBe('kiosk');
  });
});

// ── properties ──────────────────────────────────────────────────────────────────────────────────
const SERVICES = ['ktp', 'kk', 'pkb', 'akta'] as const;
const COUNTERS = ['loket-1', 'loket-2', 'loket-3'] as const;

const candidateArb = fc.record({
  serviceId: fc.constantFrom(...SERVICES),
  priority: fc.constantFrom('normal' as const, 'priority' as const),
  minute: fc.integer({ min: 0, max: 240 }),
  targetCounterId: fc.option(fc.constantFrom(...COUNTERS), { freq: 4 }),
});
const policyArb: fc.Arbitrary<QueuePolicy> = fc.record({
  mode: fc.constantFrom('priority-first' as const, 'ratio' as const),
  normalPerPriority: fc.integer({ min: 1, max: 5 }),
  agingMinutes: fc.option(fc.integer({ min: 1, max: 120 })),
});
const weightsArb = fc.dictionary(fc.constantFrom(...SERVICES), fc.integer({ min: 1, max: 4 }));
const calledArb = fc.dictionary(fc.constantFrom(...SERVICES), fc.integer({ min: 0, max: 30 }));

type RawCandidate = { serviceId: string; priority: 'normal' | 'priority'; minute: number; targetCounterId: string | null };
const build = (raw: readonly RawCandidate[]): QueueCandidate[] =>
  raw.map((r, i) => ({ id: `id-${i}`, serviceId: r.serviceId, priority: r.priority, queuedAt: T0 + r.minute * MIN, targetCounterId: r.targetCounterId, number: `X-${String(i + 1).padStart(3, '0')}` }));

describe('pickNext properties', () => {
  it('never picks a service the counter does not serve or a ticket for another counter, and picks whenever one is eligible', () => {
    fc.assert(
      fc.property(
        fc.array(candidateArb, { maxLength: 40 }),
        fc.constantFrom(...COUNTERS),
        weightsArb,
        calledArb,
        fc.integer({ min: 0, max: 10 }),
        policyArb,
        fc.integer({ min: 0, max: 300 }),
        (raw, counterId, weights, calledToday, normalsSincePriority, policy, nowMinute) => {
          const candidates = build(raw);
          const picked = pickNext(candidates, { counterId, weights, calledToday, normalsSincePriority, policy, now: T0 + nowMinute * MIN });
          const eligible = candidates.filter((c) => c.targetCounterId === counterId || (c.targetCounterId === null && (weights[c.serviceId] ?? 0) > 0));
          if (eligible.length === 0) {
            expect(picked).toBeNull();
            return;
          }
          expect(picked).not.toBeNull();
          if (picked === null) return;
          expect(candidates).toContain(picked);
          expect(picked.targetCounterId === null || picked.targetCounterId === counterId).toBe(true);
          if (picked.targetCounterId === null) expect(weights[picked.serviceId] ?? 0).toBeGreaterThan(0);
          // A transfer to this counter always goes first.
          if (eligible.some((c) => c.targetCounterId === counterId)) expect(picked.targetCounterId).toBe(counterId);
          // Within its service and class, the pick is the first in arrival order.
          const line = eligible.filter((c) => c.serviceId === picked.serviceId && c.priority === picked.priority && c.targetCounterId === picked.targetCounterId);
          expect([...line].sort(compareArrival)[0]).toBe(picked);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order of the candidates', () => {
    fc.assert(
      fc.property(fc.array(candidateArb, { maxLength: 30 }), weightsArb, calledArb, policyArb, fc.integer({ min: 0, max: 6 }), (raw, weights, calledToday, policy, n) => {
        const candidates = build(raw);
        const c: PickContext = { counterId: 'loket-1', weights, calledToday, normalsSincePriority: n, policy, now: T0 + 200 * MIN };
        expect(pickNext([...candidates].reverse(), c)).toBe(pickNext(candidates, c));
      }),
      { numRuns: 300 },
    );
  });

  it('orderWaiting gives the order a counter serving one service calls in, starting fresh', () => {
    fc.assert(
      fc.property(fc.array(candidateArb, { maxLength: 30 }), policyArb, (raw, policy) => {
        const candidates = build(raw.map((r) => ({ ...r, serviceId: 'ktp', targetCounterId: null })));
        const now = T0 + 100 * MIN;
        const expected: string[] = [];
        const left = [...candidates];
        let normalsSincePriority = 0;
        for (;;) {
          const next = pickNext(left, { counterId: 'loket-1', weights: { ktp: 1 }, calledToday: {}, normalsSincePriority, policy, now });
          if (next === null) break;
          expected.push(next.id);
          left.splice(left.indexOf(next), 1);
          normalsSincePriority = next.priority === 'priority' ? 0 : normalsSincePriority + 1;
        }
        const ordered = orderWaiting(candidates, policy, now);
        expect(ordered.map((o) => o.id)).toEqual(expected);
        expect(ordered.map((o) => o.position)).toEqual(expected.map((_, i) => i + 1));
      }),
      { numRuns: 300 },
    );
  });
});

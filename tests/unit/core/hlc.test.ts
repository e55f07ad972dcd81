import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HybridLogicalClock, decodeHlc, encodeHlc, type HlcTimestamp } from '../../../core/hlc.ts';

/** A wall clock a test sets by hand. */
function manualClock(start: number) {
  let now = start;
  return { now: () => now, set: (ms: number) => void (now = ms) };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const cmpNumbers = (a: number, b: number): number => Math.sign(a - b);

const timestamp = fc.record({
  ms: fc.integer({ min: 0, max: 999_999_999_999_999 }),
  counter: fc.integer({ min: 0, max: 99_999 }),
  node: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,35}$/),
});

describe('hybrid logical clock', () => {
  it('keeps going forward when the wall clock steps back (NTP correction, wrong BIOS time)', () => {
    const clock = manualClock(1_700_000_000_000);
    const hlc = new HybridLogicalClock('pc-1', clock.now);
    const a = hlc.tick();
    clock.set(1_700_000_000_000 - 60_000); // one minute back
    const b = hlc.tick();
    const c = hlc.tick();
    clock.set(1_700_000_000_000 + 5);
    const d = hlc.tick();
    expect([a, b, c, d]).toEqual([...[a, b, c, d]].sort());
    expect(new Set([a, b, c, d]).size).toBe(4);
    // While the wall clock is behind, time stays at the highest ms seen and the counter counts.
    expect(decodeHlc(b)).toEqual({ ms: 1_700_000_000_000, counter: 1, node: 'pc-1' });
    expect(decodeHlc(c)).toEqual({ ms: 1_700_000_000_000, counter: 2, node: 'pc-1' });
    // Once the wall clock is ahead again it is used and the counter resets.
    expect(decodeHlc(d)).toEqual({ ms: 1_700_000_000_005, counter: 0, node: 'pc-1' });
  });

  it('is strictly increasing for any sequence of wall-clock readings, ticks and receives', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('tick' as const), wall: fc.integer({ min: 0, max: 10_000 }) }),
      fc.record({
        kind: fc.constant('receive' as const),
        wall: fc.integer({ min: 0, max: 10_000 }),
        remote: fc.record({ ms: fc.integer({ min: 0, max: 10_000 }), counter: fc.integer({ min: 0, max: 50 }) }),
      }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        let wall = 0;
        const hlc = new HybridLogicalClock('pc-1', () => wall);
        let previous = '';
        for (const s of steps) {
          wall = s.wall;
          const remote = s.kind === 'receive' ? encodeHlc({ ...s.remote, node: 'pc-2' }) : null;
          const next = remote === null ? hlc.tick() : hlc.receive(remote);
          expect(next > previous).toBe(true);
          if (remote !== null) expect(next > remote).toBe(true);
          expect(decodeHlc(next).ms).toBeGreaterThanOrEqual(wall);
          previous = next;
        }
      }),
    );
  });

  it('moves past a remote timestamp that is ahead of it, and stays past it', () => {
    const clock = manualClock(1_000);
    const hlc = new HybridLogicalClock('pc-1', clock.now);
    hlc.tick();
    const remote = encodeHlc({ ms: 5_000, counter: 3, node: 'server' });
    const merged = hlc.receive(remote);
    expect(decodeHlc(merged)).toEqual({ ms: 5_000, counter: 4, node: 'pc-1' });
    expect(merged > remote).toBe(true);
    const after = hlc.tick(); // the wall clock is still at 1 000
    expect(decodeHlc(after)).toEqual({ ms: 5_000, counter: 5, node: 'pc-1' });
    expect(after > merged).toBe(true);
  });

  it('moves past its own last timestamp when the remote one is behind', () => {
    const clock = manualClock(9_000);
    const hlc = new HybridLogicalClock('pc-1', clock.now);
    const own = hlc.tick();
    clock.set(8_000);
    const merged = hlc.receive(encodeHlc({ ms: 2_000, counter: 7, node: 'pc-2' }));
    expect(decodeHlc(merged)).toEqual({ ms: 9_000, counter: 1, node: 'pc-1' });
    expect(merged > own).toBe(true);
  });

  it('takes the higher counter when the remote and the last timestamp share the same ms', () => {
    const clock = manualClock(4_000);
    const hlc = new HybridLogicalClock('pc-1', clock.now);
    hlc.tick(); // 4000/0
    hlc.tick(); // 4000/1
    clock.set(3_000);
    expect(decodeHlc(hlc.receive(encodeHlc({ ms: 4_000, counter: 9, node: 'pc-2' })))).toMatchObject({ ms: 4_000, counter: 10 });
  });

  it('uses the wall clock when it is ahead of both', () => {
    const clock = manualClock(10_000);
    const hlc = new HybridLogicalClock('pc-1', clock.now);
    expect(decodeHlc(hlc.receive(encodeHlc({ ms: 9_000, counter: 3, node: 'pc-2' })))).toEqual({ ms: 10_000, counter: 0, node: 'pc-1' });
  });

  it('continues above a value restored from the ledger after a restart', () => {
    const restored = encodeHlc({ ms: 50_000, counter: 12, node: 'pc-1' });
    const hlc = new HybridLogicalClock('pc-1', () => 40_000, restored);
    const next = hlc.tick();
    expect(decodeHlc(next)).toEqual({ ms: 50_000, counter: 13, node: 'pc-1' });
    expect(next > restored).toBe(true);
  });

  it('refuses to overflow its counter rather than produce an out-of-order value', () => {
    const hlc = new HybridLogicalClock('pc-1', () => 0, encodeHlc({ ms: 1_000, counter: 99_999, node: 'pc-1' }));
    expect(() => hlc.tick()).toThrow(/overflow/);
  });

  it('refuses text that is not a clock value', () => {
    for (const bad of ['', 'hello', '123-45-pc', '000000000001000-00001-', `${'9'.repeat(16)}-00000-pc`]) {
      expect(() => decodeHlc(bad), bad).toThrow(/not a hybrid logical clock value/);
    }
    expect(() => new HybridLogicalClock('pc-1', () => 0).receive('garbage')).toThrow();
  });

  it('round-trips through its text form', () => {
    fc.assert(
      fc.property(timestamp, (t: HlcTimestamp) => {
        expect(decodeHlc(encodeHlc(t))).toEqual(t);
      }),
    );
    expect(encodeHlc({ ms: 1_700_000_000_123, counter: 42, node: 'pc-1' })).toBe('001700000000123-00042-pc-1');
  });

  it('sorts as text exactly as (ms, counter) sort as numbers', () => {
    fc.assert(
      fc.property(timestamp, timestamp, (a, b) => {
        const byNumbers = cmpNumbers(a.ms, b.ms) || cmpNumbers(a.counter, b.counter);
        const byText = cmp(encodeHlc(a), encodeHlc(b));
        if (byNumbers !== 0) expect(byText).toBe(byNumbers);
        else expect(byText).toBe(cmp(a.node, b.node)); // ties are broken by the node id, deterministically
      }),
      { numRuns: 2_000 },
    );
  });
});

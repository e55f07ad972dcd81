import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { uuidv7 } from '../../../core/uuid7.ts';

describe('uuidv7', () => {
  it('is a valid RFC 9562 version 7 UUID carrying the time', () => {
    const id = uuidv7(0x0189_0a5d_ac96, new Uint8Array(10).fill(0xff));
    expect(id).toBe('01890a5d-ac96-7fff-bfff-ffffffffffff');
    expect(z.uuid().safeParse(uuidv7()).success).toBe(true);
  });

  it('sorts by creation time (string order = time order)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.integer({ min: 1, max: 2 ** 40 }), (t, dt) => {
        expect(uuidv7(t) < uuidv7(t + dt)).toBe(true);
      }),
    );
  });

  it('differs between ids of the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uuidv7(1_800_000_000_000)));
    expect(ids.size).toBe(1000);
  });
});

import { describe, expect, it } from 'vitest';
import { TicketPrefixSchema, formatTicketNumber } from '../../../core/domain.ts';

describe('formatTicketNumber', () => {
  it.each([
    ['A', 12, 'A-012'],
    ['4K', 7, '4K-007'],
    ['A', 1, 'A-001'],
    ['B', 999, 'B-999'],
    ['A', 1000, 'A-1000'],
    ['ZZ9', 12345, 'ZZ9-12345'],
  ])('%s + %i → %s', (prefix, sequence, expected) => {
    expect(formatTicketNumber(prefix, sequence)).toBe(expected);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses sequence %s with a RangeError', (sequence) => {
    expect(() => formatTicketNumber('A', sequence)).toThrow(RangeError);
    expect(() => formatTicketNumber('A', sequence)).toThrow(String(sequence));
  });
});

describe('TicketPrefixSchema', () => {
  it('accepts the prefixes halls use and refuses the rest', () => {
    for (const ok of ['A', '4K', 'B12']) expect(TicketPrefixSchema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['', 'a', 'A-', 'ABCD', 'A B']) expect(TicketPrefixSchema.safeParse(bad).success, bad).toBe(false);
  });
});

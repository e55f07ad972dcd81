import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedgerEventSchema, EVENT_TYPES } from '../../../core/events.ts';
import { hashProblem, ledgerEventProblem } from '../../../core/ledger-event-check.ts';

const valid = {
  deviceId: '0f8e2a52-7f7e-4a54-9d57-2f3c4b5a6d7e',
  seq: 12,
  eventId: '3b241101-e2bb-4255-8caf-4136c566a962',
  type: 'ticket.finished',
  at: 1_764_000_000_000,
  serverAt: 1_764_000_000_120,
  hlc: '001764000000120-00000-0f8e2a52',
  ticketId: '019a1b2c-3d4e-7f60-8a1b-2c3d4e5f6a7b',
  counterId: 'loket-3',
  officerId: 'petugas03',
  leaseEpoch: 41,
  data: { outcome: 'served', note: null },
  hash: 'a'.repeat(64),
};
const FIELDS = Object.keys(valid) as (keyof typeof valid)[];

/** Values near the edges of what each field allows, and plainly wrong ones. */
const candidate = fc.oneof(
  fc.constantFrom(null, undefined, '', 'x', 'x'.repeat(64), 'x'.repeat(65), 0, -1, 1, 1.5, Number.NaN, Infinity, 2 ** 53, -(2 ** 53), true, [], {}),
  fc.constantFrom(...EVENT_TYPES, 'ticket.unknown'),
  fc.uuid().map(String),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '3B241101-E2BB-4255-8CAF-4136C566A962', '3b241101-e2bb-9255-8caf-4136c566a962'),
  fc.constantFrom('a'.repeat(64), 'A'.repeat(64), 'a'.repeat(63), 'g'.repeat(64)),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.anything(),
);

describe('ledgerEventProblem: LedgerEventSchema by hand', () => {
  it('accepts a valid event and returns the same event a parse would', () => {
    expect(ledgerEventProblem(valid)).toBeNull();
  });

  it('agrees with the schema on every single-field change (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), candidate, fc.boolean(), (field, value, drop) => {
        const e: Record<string, unknown> = { ...valid };
        if (drop) delete e[field];
        else e[field] = value;
        const byHand = ledgerEventProblem(e);
        const bySchema = LedgerEventSchema.safeParse(e);
        expect(byHand === null).toBe(bySchema.success);
        if (byHand !== null && !bySchema.success) expect(byHand.field).toBe(String(bySchema.error.issues[0]?.path[0] ?? ''));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on whole random values', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        expect(ledgerEventProblem(v) === null).toBe(LedgerEventSchema.safeParse(v).success);
      }),
    );
  });

  it('leaves the hash format to a caller that recomputes the hash, and words both refusals', () => {
    expect(ledgerEventProblem({ ...valid, hash: 'not hex' })).toMatchObject({ field: 'hash' });
    expect(ledgerEventProblem({ ...valid, hash: 'not hex' }, { hashRecomputed: true })).toBeNull();
    expect(ledgerEventProblem({ ...valid, hash: 42 }, { hashRecomputed: true })).toMatchObject({ field: 'hash' });
    expect(hashProblem('not hex').problem).toBe('must be 64 lowercase hex digits');
    expect(hashProblem('a'.repeat(64)).problem).toMatch(/does not match/);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEventData, fastEventData } from '../../../core/event-data-fast.ts';
import { canonicalJson, EVENT_TYPES, EventDataSchemas, type EventType } from '../../../core/events.ts';

/** One valid payload per type, the start of every variation below. */
const VALID: Record<EventType, Record<string, unknown>> = {
  'session.opened': { serviceIds: ['ktp-el', 'kk'] },
  'session.closed': {},
  'counter.paused': { reason: 'prayer' },
  'counter.resumed': {},
  'ticket.called': { serviceId: 'ktp-el', number: 'A-001' },
  'ticket.recalled': { callCount: 2 },
  'ticket.started': {},
  'ticket.finished': { outcome: 'served', note: null },
  'ticket.no_show': {},
  'ticket.transferred': { toServiceId: null, toCounterId: 'loket-2', reason: 'salah loket' },
  'ticket.returned': {},
  'walkin.served': { serviceId: 'ktp-el', number: 'L3-001' },
};

/** Values at and past the edges of every field's rule, and plainly wrong ones. */
const value = fc.oneof(
  fc.constantFrom(null, undefined, '', 'x', 'x'.repeat(16), 'x'.repeat(17), 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(200)),
  fc.constantFrom('x'.repeat(201), 'x'.repeat(500), 'x'.repeat(501), 'served', 'pending', 'break', 'prayer', 'system', 'other'),
  fc.constantFrom(0, -0, 1, -1, 1.5, Number.NaN, Infinity, 2 ** 53, 2 ** 53 - 1, true, [], ['a'], [''], {}, 'É🙂"\\\n'),
  fc.string(),
  fc.integer(),
  fc.array(fc.string({ maxLength: 70 }), { maxLength: 3 }),
  fc.anything(),
);

/** The fast path may decline (null); when it answers, it must give exactly what the schema gives. */
function agrees(type: EventType, data: unknown): void {
  const fast = fastEventData(type, data);
  const schema = EventDataSchemas[type].safeParse(data);
  if (fast === null) return;
  expect(schema.success).toBe(true);
  expect(fast.data).toEqual(schema.data);
  expect(fast.text).toBe(canonicalJson(schema.data));
  // The hall server hashes the data as pushed: the fast path only answers when that is the same text.
  expect(fast.text).toBe(canonicalJson(data));
}

describe('fastEventData: the event data schemas by hand', () => {
  it('answers for every valid payload, with the data and canonical text the schema gives', () => {
    for (const type of EVENT_TYPES) {
      expect(fastEventData(type, VALID[type]), type).not.toBeNull();
      agrees(type, VALID[type]);
    }
  });

  it('agrees with the schema on every single-field change, added key and removed key (property)', () => {
    const field = fc.constantFrom('serviceIds', 'reason', 'serviceId', 'number', 'callCount', 'outcome', 'note', 'toServiceId', 'toCounterId', 'extra');
    fc.assert(
      fc.property(fc.constantFrom(...EVENT_TYPES), field, value, fc.boolean(), (type, key, v, drop) => {
        const data: Record<string, unknown> = { ...VALID[type] };
        if (drop) delete data[key];
        else data[key] = v;
        agrees(type, data);
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees on whole random values', () => {
    fc.assert(fc.property(fc.constantFrom(...EVENT_TYPES), fc.anything(), (type, v) => agrees(type, v)), { numRuns: 2000 });
  });

  it('declines what it does not plainly accept, so the schema words the error', () => {
    expect(fastEventData('ticket.finished', { outcome: 'served' })).toBeNull();
    expect(fastEventData('ticket.finished', { outcome: 'served', note: null, extra: 1 })).toBeNull();
    expect(fastEventData('ticket.called', Object.assign(Object.create(null) as object, VALID['ticket.called']))).toBeNull();
    expect(() => checkEventData('ticket.finished', { outcome: 'gone', note: null })).toThrow(/outcome|option|expected/i);
  });

  it('checkEventData drops unknown keys like the schema does', () => {
    const checked = checkEventData('ticket.finished', { note: 'ok', outcome: 'pending', extra: 1 });
    expect(checked).toEqual({ data: { outcome: 'pending', note: 'ok' }, text: '{"note":"ok","outcome":"pending"}' });
  });
});

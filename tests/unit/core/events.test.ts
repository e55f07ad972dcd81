import { describe, expect, it } from 'vitest';
import {
  EVENT_TYPES,
  canonicalEventText,
  canonicalJson,
  parseEventData,
  type EventType,
  type LedgerEvent,
} from '../../../core/events.ts';

describe('canonicalJson', () => {
  it('gives the same text whatever order the keys were written in, at every depth', () => {
    const a = { toServiceId: 'kk', reason: 'salah loket', nested: { z: 1, a: [{ y: 2, b: 3 }], m: null } };
    const b = { nested: { m: null, a: [{ b: 3, y: 2 }], z: 1 }, reason: 'salah loket', toServiceId: 'kk' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"nested":{"a":[{"b":3,"y":2}],"m":null,"z":1},"reason":"salah loket","toServiceId":"kk"}');
  });

  it('keeps array order, which is meaningful', () => {
    expect(canonicalJson({ serviceIds: ['a', 'b'] })).not.toBe(canonicalJson({ serviceIds: ['b', 'a'] }));
  });

  it('gives different text for different values', () => {
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
    expect(canonicalJson({ a: { b: 1 } })).not.toBe(canonicalJson({ a: { b: 2 } }));
  });

  it('writes plain values as JSON does', () => {
    for (const v of [null, 0, -1.5, 'teks "kutip"', true, [], [1, [2, { c: 3 }]]]) expect(canonicalJson(v)).toBe(JSON.stringify(v));
  });
});

/** For every event type of DESIGN.md §5: a payload that must pass and payloads that must not. */
const PAYLOADS: Record<EventType, { valid: unknown; invalid: unknown[] }> = {
  'session.opened': { valid: { serviceIds: ['ktp-el', 'kk'] }, invalid: [{}, { serviceIds: 'ktp-el' }, { serviceIds: [''] }, null] },
  'session.closed': { valid: {}, invalid: [null, 'closed', 1] },
  'counter.paused': { valid: { reason: 'prayer' }, invalid: [{}, { reason: 'lunch' }, { reason: null }] },
  'counter.resumed': { valid: {}, invalid: [null, 'resumed'] },
  'ticket.called': {
    valid: { serviceId: 'ktp-el', number: 'A-012' },
    invalid: [{ serviceId: 'ktp-el' }, { serviceId: 'ktp-el', number: '' }, { serviceId: '', number: 'A-012' }, { serviceId: 'ktp-el', number: 12 }],
  },
  'ticket.recalled': { valid: { callCount: 2 }, invalid: [{}, { callCount: 0 }, { callCount: 1.5 }, { callCount: '2' }] },
  'ticket.started': { valid: {}, invalid: [null, []] },
  'ticket.finished': {
    valid: { outcome: 'served', note: null },
    invalid: [
      { outcome: 'served' },
      { outcome: 'done', note: null },
      { outcome: 'pending', note: 'x'.repeat(501) },
      { note: null },
    ],
  },
  'ticket.no_show': { valid: {}, invalid: [null, 'no_show'] },
  'ticket.transferred': {
    valid: { toServiceId: 'kk', toCounterId: null, reason: 'berkas lengkap, lanjut cetak' },
    invalid: [
      { toServiceId: 'kk', toCounterId: null },
      { toServiceId: 'kk', toCounterId: null, reason: 'x'.repeat(201) },
      { toServiceId: '', toCounterId: null, reason: '' },
      { toServiceId: 1, toCounterId: null, reason: '' },
    ],
  },
  'ticket.returned': { valid: {}, invalid: [null, 0] },
  'walkin.served': {
    valid: { serviceId: 'ktp-el', number: 'W-001' },
    invalid: [{ serviceId: 'ktp-el' }, { number: 'W-001' }, { serviceId: 'ktp-el', number: 'W-'.repeat(9) }],
  },
};

describe('parseEventData', () => {
  it('knows exactly the event types of DESIGN.md §5', () => {
    expect([...EVENT_TYPES].sort()).toEqual(Object.keys(PAYLOADS).sort());
  });

  describe.each(Object.entries(PAYLOADS) as [EventType, (typeof PAYLOADS)[EventType]][])('%s', (type, { valid, invalid }) => {
    it('accepts a correct payload', () => {
      expect(parseEventData(type, valid)).toEqual(valid);
    });

    it.each(invalid.map((data) => [JSON.stringify(data)?.slice(0, 60) ?? String(data), data]))('rejects %s', (_label, data) => {
      expect(() => parseEventData(type, data)).toThrow();
    });
  });

  it('does not accept one type’s payload as another’s', () => {
    expect(() => parseEventData('ticket.finished', PAYLOADS['ticket.called'].valid)).toThrow();
    expect(() => parseEventData('counter.paused', PAYLOADS['ticket.finished'].valid)).toThrow();
  });
});

describe('canonicalEventText', () => {
  const base: Omit<LedgerEvent, 'hash'> = {
    deviceId: 'pc-loket-3',
    seq: 41,
    eventId: '0b6b1f0e-3c1a-4a57-9a43-5d7c0a9e1c11',
    type: 'ticket.finished',
    at: 1_741_950_000_000,
    serverAt: 1_741_950_000_250,
    hlc: '001741950000250-00000-pc-loket-3',
    ticketId: '5f1b3e5a-0c55-4b53-8e57-2f1b7f7d9a01',
    counterId: 'loket-3',
    officerId: 'officer-7',
    leaseEpoch: 12,
    data: { outcome: 'served', note: 'KTP-el dicetak' },
  };

  /** Another value for every field: each must change the text (and so the hash). */
  const CHANGES: { [K in keyof typeof base]-?: (typeof base)[K] } = {
    deviceId: 'pc-loket-4',
    seq: 42,
    eventId: '0b6b1f0e-3c1a-4a57-9a43-5d7c0a9e1c12',
    type: 'ticket.no_show',
    at: 1_741_950_000_001,
    serverAt: 1_741_950_000_251,
    hlc: '001741950000250-00001-pc-loket-3',
    ticketId: null,
    counterId: 'loket-4',
    officerId: null,
    leaseEpoch: 13,
    data: { outcome: 'served', note: 'KTP-el dicetak.' },
  };

  it('covers every field of an event but the hash', () => {
    expect(Object.keys(CHANGES).sort()).toEqual(Object.keys(base).sort());
  });

  it.each(Object.keys(CHANGES) as (keyof typeof CHANGES)[])('changes when %s changes', (field) => {
    const changed = { ...base, [field]: CHANGES[field] };
    expect(canonicalEventText(changed)).not.toBe(canonicalEventText(base));
  });

  it('does not change with the order of the keys in data, or of the event object', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as typeof base;
    expect(canonicalEventText({ ...reordered, data: { note: 'KTP-el dicetak', outcome: 'served' } })).toBe(canonicalEventText(base));
  });

  it('keeps fields apart: moving text between neighbouring fields changes it', () => {
    const a = canonicalEventText({ ...base, counterId: 'loket-3', officerId: 'officer-7' });
    const b = canonicalEventText({ ...base, counterId: 'loket-3officer', officerId: '-7' });
    expect(a).not.toBe(b);
  });

  it('distinguishes null data from empty data', () => {
    expect(canonicalEventText({ ...base, data: null })).not.toBe(canonicalEventText({ ...base, data: {} }));
  });
});

import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoketError } from '../../../core/errors.ts';
import { LedgerEventSchema, canonicalEventText, type LedgerEvent, type NewLedgerEvent } from '../../../core/events.ts';
import { decodeHlc } from '../../../core/hlc.ts';
import { Ledger, type LedgerOptions } from '../../../main/ledger/ledger.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

let dir: ReturnType<typeof makeTempDir>;
let file: string;
const open: Ledger[] = [];

function openLedger(opts: Partial<LedgerOptions> = {}): Ledger {
  const ledger = Ledger.open({ file, timeZone: 'Asia/Jakarta', ...opts });
  open.push(ledger);
  return ledger;
}

beforeEach(() => {
  dir = makeTempDir('loket-ledger-');
  file = join(dir.path, 'ledger.db');
});
afterEach(() => {
  for (const l of open.splice(0)) if (l.db.open) l.close();
  dir.remove();
});

const walkIn = (n = 1, ticketId = randomUUID()): NewLedgerEvent => ({
  type: 'walkin.served',
  ticketId,
  counterId: 'loket-4',
  officerId: 'petugas-2',
  leaseEpoch: null,
  data: { serviceId: 'bpjs', number: `W-${String(n).padStart(3, '0')}` },
});

const sha = (e: LedgerEvent): string => {
  const { hash: _hash, ...rest } = e;
  return createHash('sha256').update(canonicalEventText(rest)).digest('hex');
};

describe('Ledger.append', () => {
  it('assigns contiguous seq, ids, clocks and the hash, and returns what it stored', () => {
    let now = 1_741_571_200_000;
    const ledger = openLedger({ now: () => now, serverOffsetMs: () => 2_500 });
    expect(ledger.lastSeq()).toBe(0);
    const stored: LedgerEvent[] = [];
    for (let i = 1; i <= 5; i++) {
      now += 1_000;
      stored.push(ledger.append(walkIn(i)));
    }
    expect(stored.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(ledger.lastSeq()).toBe(5);
    for (const e of stored) {
      expect(LedgerEventSchema.parse(e)).toEqual(e);
      expect(e.deviceId).toBe(ledger.deviceId);
      expect(e.serverAt - e.at).toBe(2_500);
      expect(e.hash).toBe(sha(e));
      expect(decodeHlc(e.hlc)).toMatchObject({ ms: e.serverAt, node: ledger.deviceId });
    }
    expect(new Set(stored.map((e) => e.eventId)).size).toBe(5);
    expect(ledger.eventsAfter(0, 100)).toEqual(stored);
  });

  it('stores data as its schema reads it (unknown keys dropped), canonically', () => {
    const ledger = openLedger();
    const e = ledger.append({ ...walkIn(), data: { number: 'W-009', serviceId: 'bpjs', extra: 'dropped' } as never });
    expect(e.data).toEqual({ serviceId: 'bpjs', number: 'W-009' });
    expect(ledger.db.prepare('SELECT data FROM events WHERE seq = 1').get()).toEqual({ data: '{"number":"W-009","serviceId":"bpjs"}' });
    expect(ledger.eventsAfter(0, 1)[0]?.data).toEqual(e.data);
  });

  it.each<[string, unknown, string]>([
    ['bad outcome', { type: 'ticket.finished', ticketId: randomUUID(), counterId: 'loket-4', officerId: null, leaseEpoch: null, data: { outcome: 'bogus', note: null } }, 'data.outcome'],
    ['note too long', { type: 'ticket.finished', ticketId: randomUUID(), counterId: 'loket-4', officerId: null, leaseEpoch: null, data: { outcome: 'served', note: 'x'.repeat(501) } }, 'data.note'],
    ['missing data field', { type: 'counter.paused', ticketId: null, counterId: 'loket-4', officerId: null, leaseEpoch: null, data: {} }, 'data.reason'],
    ['unknown type', { type: 'ticket.teleported', ticketId: null, counterId: 'loket-4', officerId: null, leaseEpoch: null, data: {} }, 'type'],
    ['ticket id not a UUID', { ...walkIn(), ticketId: 'A-001' }, 'ticketId'],
    ['ticket event without ticket', { ...walkIn(), ticketId: null }, 'ticketId'],
    ['empty counter', { ...walkIn(), counterId: '' }, 'counterId'],
    ['negative lease epoch', { ...walkIn(), leaseEpoch: -1 }, 'leaseEpoch'],
  ])('refuses %s with LoketError invalid_event and stores nothing', (_what, event, field) => {
    const ledger = openLedger();
    ledger.append(walkIn());
    let error: unknown;
    try {
      ledger.append(event as NewLedgerEvent);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LoketError);
    expect((error as LoketError).toInfo()).toMatchObject({ code: 'invalid_event', field });
    expect(ledger.lastSeq()).toBe(1);
    expect(ledger.db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 1 });
  });

  it('keeps seq contiguous and hashes valid for any sequence of valid and invalid appends', () => {
    const ledger = openLedger();
    let expected = 0;
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 20 }), (valid) => {
        for (const ok of valid) {
          if (ok) {
            expect(ledger.append(walkIn()).seq).toBe(++expected);
          } else {
            expect(() => ledger.append({ type: 'walkin.served', ticketId: randomUUID(), counterId: 'loket-4', officerId: null, leaseEpoch: null, data: { serviceId: '', number: '' } })).toThrow(LoketError);
          }
        }
      }),
      { numRuns: 20 },
    );
    const all = ledger.eventsAfter(0, 10_000);
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    for (const e of all) expect(e.hash).toBe(sha(e));
  });
});

describe('reopening', () => {
  it('keeps the device id, continues seq and never moves the clock backwards', () => {
    let now = 1_741_600_000_000;
    const first = openLedger({ now: () => now });
    const a = [first.append(walkIn(1)), first.append(walkIn(2))];
    first.close();

    now -= 3_600_000; // the PC clock was set back an hour
    const second = openLedger({ now: () => now });
    expect(second.deviceId).toBe(first.deviceId);
    const b = [second.append(walkIn(3)), second.append(walkIn(4))];
    expect(b.map((e) => e.seq)).toEqual([3, 4]);
    expect(b[0]?.at).toBe(now);
    const hlcs = [...a, ...b].map((e) => e.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
    expect(new Set(hlcs).size).toBe(4);
  });

  it('the clock follows events another connection appended meanwhile', () => {
    const mine = openLedger({ now: () => 1_000 });
    const other = openLedger({ now: () => 9_000_000 });
    const late = other.append(walkIn(1));
    const next = mine.append(walkIn(2));
    expect(next.seq).toBe(2);
    expect(next.hlc > late.hlc).toBe(true);
  });
});

describe('Ledger.transaction', () => {
  it('commits appends and settings together', () => {
    const ledger = openLedger();
    const ids = ledger.transaction(() => {
      const t = randomUUID();
      ledger.append(walkIn(1, t));
      ledger.append({ type: 'ticket.finished', ticketId: t, counterId: 'loket-4', officerId: null, leaseEpoch: null, data: { outcome: 'served', note: null } });
      ledger.setSetting('walkin.next', '2');
      return t;
    });
    expect(ledger.ticketEvents(ids).map((e) => [e.seq, e.type])).toEqual([
      [1, 'walkin.served'],
      [2, 'ticket.finished'],
    ]);
    expect(ledger.getSetting('walkin.next')).toBe('2');
  });

  it('rolls everything back when the function throws, and seq continues without a gap', () => {
    const ledger = openLedger();
    ledger.append(walkIn(1));
    expect(() =>
      ledger.transaction(() => {
        ledger.append(walkIn(2));
        ledger.setSetting('x', 'y');
        throw new Error('printer jammed');
      }),
    ).toThrow('printer jammed');
    expect(ledger.lastSeq()).toBe(1);
    expect(ledger.getSetting('x')).toBeNull();
    expect(ledger.append(walkIn(3)).seq).toBe(2);
  });

  it('refuses an async function and stores nothing', () => {
    const ledger = openLedger();
    expect(() =>
      ledger.transaction(async () => {
        ledger.append(walkIn(1));
      }),
    ).toThrow(/synchronous/);
    expect(ledger.lastSeq()).toBe(0);
  });
});

describe('reading back', () => {
  it('eventsAfter pages in seq order; ticketEvents gives one ticket in seq order', () => {
    const ledger = openLedger();
    const t = randomUUID();
    ledger.append(walkIn(1, t));
    for (let i = 2; i <= 6; i++) ledger.append(walkIn(i));
    ledger.append({ type: 'ticket.finished', ticketId: t, counterId: 'loket-4', officerId: null, leaseEpoch: null, data: { outcome: 'pending', note: 'kembali besok' } });
    expect(ledger.eventsAfter(2, 3).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(ledger.eventsAfter(7, 10)).toEqual([]);
    expect(ledger.ticketEvents(t).map((e) => e.seq)).toEqual([1, 7]);
    expect(ledger.ticketEvents(randomUUID())).toEqual([]);
  });

  it('settings: null when absent, last write wins', () => {
    const ledger = openLedger();
    expect(ledger.getSetting('k')).toBeNull();
    ledger.setSetting('k', 'a');
    ledger.setSetting('k', 'b');
    expect(ledger.getSetting('k')).toBe('b');
  });

  it('a setting written without waiting for the disk is kept across a restart, and every later commit is durable again', () => {
    const ledger = openLedger();
    ledger.setSettingUnsynced('sync.acked_through', '41');
    expect(ledger.db.pragma('synchronous', { simple: true })).toBe(2); // FULL: events still wait for the disk
    ledger.append(walkIn(1));
    ledger.close();
    const reopened = openLedger();
    expect(reopened.getSetting('sync.acked_through')).toBe('41');
    expect(reopened.lastSeq()).toBe(1);
  });

  it('a setting written without waiting for the disk inside a transaction rolls back with it', () => {
    const ledger = openLedger();
    ledger.setSetting('sync.acked_through', '7');
    expect(() =>
      ledger.transaction(() => {
        ledger.setSettingUnsynced('sync.acked_through', '8');
        throw new Error('the append after it failed');
      }),
    ).toThrow('the append after it failed');
    expect(ledger.getSetting('sync.acked_through')).toBe('7');
    expect(ledger.db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('prepares a read-model statement once per connection', () => {
    const ledger = openLedger();
    const sql = 'SELECT COUNT(*) AS n FROM events';
    expect(ledger.sql(sql)).toBe(ledger.sql(sql));
    ledger.append(walkIn(1));
    expect(ledger.sql<[], { n: number }>(sql).get()).toEqual({ n: 1 });
  });

  it('refuses an unknown time zone', () => {
    expect(() => openLedger({ timeZone: 'Asia/Atlantis' })).toThrow(RangeError);
  });
});

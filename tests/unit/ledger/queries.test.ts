import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DaySummarySchema, ServedVisitSchema } from '../../../core/ipc.ts';
import type { NewLedgerEvent } from '../../../core/events.ts';
import { Ledger } from '../../../main/ledger/ledger.ts';
import { daySummary, heldTicket, servedOnDay, walkInsOnDay } from '../../../main/ledger/queries.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

/** Epoch ms of a wall-clock time in Asia/Jakarta (UTC+7, no daylight saving). */
const jkt = (date: string, time: string): number => Date.parse(`${date}T${time}:00+07:00`);
const MIN = 60_000;
const OFFSET = 90_000; // the server clock runs 1.5 minutes ahead of this PC

let dir: ReturnType<typeof makeTempDir>;
let ledger: Ledger;
let now = 0;

beforeEach(() => {
  dir = makeTempDir('loket-queries-');
  ledger = Ledger.open({ file: join(dir.path, 'ledger.db'), timeZone: 'Asia/Jakarta', now: () => now, serverOffsetMs: () => OFFSET });
});
afterEach(() => {
  ledger.close();
  dir.remove();
});

/** Appends an event whose server time is `serverAt`. */
function at(serverAt: number, e: NewLedgerEvent): void {
  now = serverAt - OFFSET;
  ledger.append(e);
}
const ev = (counterId: string, ticketId: string) => ({ ticketId, counterId, officerId: 'petugas-3', leaseEpoch: 4 });
const walkin = (c: string, t: string, number: string): NewLedgerEvent => ({ ...ev(c, t), type: 'walkin.served', data: { serviceId: 'ktp-el', number } });
const called = (c: string, t: string, number: string): NewLedgerEvent => ({ ...ev(c, t), type: 'ticket.called', data: { serviceId: 'kk', number } });
const recalled = (c: string, t: string): NewLedgerEvent => ({ ...ev(c, t), type: 'ticket.recalled', data: { callCount: 2 } });
const started = (c: string, t: string): NewLedgerEvent => ({ ...ev(c, t), type: 'ticket.started', data: {} });
const finished = (c: string, t: string, outcome: 'served' | 'pending', note: string | null = null): NewLedgerEvent => ({ ...ev(c, t), type: 'ticket.finished', data: { outcome, note } });
const noShow = (c: string, t: string): NewLedgerEvent => ({ ...ev(c, t), type: 'ticket.no_show', data: {} });
const returned = (c: string, t: string): NewLedgerEvent => ({ ...ev(c, t), type: 'ticket.returned', data: {} });
const transferred = (c: string, t: string): NewLedgerEvent => ({ ...ev(c, t), type: 'ticket.transferred', data: { toServiceId: 'akta', toCounterId: null, reason: 'salah layanan' } });

describe('a realistic day at loket-5, across the Asia/Jakarta midnight', () => {
  const PREV = '2025-03-09';
  const DAY = '2025-03-10';
  const L5 = 'loket-5';
  const t = Object.fromEntries(['t1', 't2', 't3', 'tLate', 't4', 't5', 't6', 't7', 't8', 't9'].map((k) => [k, randomUUID()])) as Record<string, string>;
  const id = (k: string): string => t[k] as string;

  beforeEach(() => {
    // The evening before: these must not count for DAY.
    at(jkt(PREV, '23:40'), walkin(L5, id('t1'), 'W-001'));
    at(jkt(PREV, '23:50'), finished(L5, id('t1'), 'served'));
    at(jkt(PREV, '23:52'), called(L5, id('t2'), 'A-050'));
    at(jkt(PREV, '23:55'), noShow(L5, id('t2')));
    // A walk-in started before midnight and finished after it counts on the day it finished.
    at(jkt(PREV, '23:56'), walkin(L5, id('t3'), 'W-002'));
    at(jkt(PREV, '23:58'), called(L5, id('tLate'), 'A-051'));
    // Local clock still reads 23:59:00 but server time is past midnight: it belongs to DAY.
    at(jkt(DAY, '00:00') + 30_000, noShow(L5, id('tLate')));
    at(jkt(DAY, '00:04'), finished(L5, id('t3'), 'served'));
    // The day itself.
    at(jkt(DAY, '08:00'), walkin(L5, id('t4'), 'W-001'));
    at(jkt(DAY, '08:12'), finished(L5, id('t4'), 'served'));
    at(jkt(DAY, '08:15'), called(L5, id('t5'), 'A-001'));
    at(jkt(DAY, '08:16'), recalled(L5, id('t5')));
    at(jkt(DAY, '08:17'), started(L5, id('t5')));
    at(jkt(DAY, '08:30'), finished(L5, id('t5'), 'pending', 'KK asli belum dibawa'));
    at(jkt(DAY, '08:31'), called(L5, id('t6'), 'A-002'));
    at(jkt(DAY, '08:36'), noShow(L5, id('t6')));
    at(jkt(DAY, '08:40'), called(L5, id('t7'), 'A-003'));
    at(jkt(DAY, '08:41'), started(L5, id('t7')));
    at(jkt(DAY, '08:56'), finished(L5, id('t7'), 'served'));
    at(jkt(DAY, '09:00'), walkin('loket-6', id('t8'), 'W-001'));
    at(jkt(DAY, '09:10'), walkin(L5, id('t9'), 'W-002'));
  });

  it('servedOnDay lists the finished visits newest first, with number, service and times', () => {
    const visits = servedOnDay(ledger, DAY);
    for (const v of visits) expect(ServedVisitSchema.parse(v)).toEqual(v);
    expect(visits).toEqual([
      { ticketId: id('t7'), number: 'A-003', serviceId: 'kk', outcome: 'served', note: null, startedAt: jkt(DAY, '08:41'), finishedAt: jkt(DAY, '08:56'), serviceMs: 15 * MIN },
      { ticketId: id('t5'), number: 'A-001', serviceId: 'kk', outcome: 'pending', note: 'KK asli belum dibawa', startedAt: jkt(DAY, '08:17'), finishedAt: jkt(DAY, '08:30'), serviceMs: 13 * MIN },
      { ticketId: id('t4'), number: 'W-001', serviceId: 'ktp-el', outcome: 'served', note: null, startedAt: jkt(DAY, '08:00'), finishedAt: jkt(DAY, '08:12'), serviceMs: 12 * MIN },
      { ticketId: id('t3'), number: 'W-002', serviceId: 'ktp-el', outcome: 'served', note: null, startedAt: jkt(PREV, '23:56'), finishedAt: jkt(DAY, '00:04'), serviceMs: 8 * MIN },
    ]);
    expect(servedOnDay(ledger, PREV).map((v) => v.ticketId)).toEqual([id('t1')]);
    expect(servedOnDay(ledger, '2025-03-11')).toEqual([]);
  });

  it('daySummary counts served, pending, no-shows and the average service time of the day only', () => {
    const summary = daySummary(ledger, DAY);
    expect(DaySummarySchema.parse(summary)).toEqual(summary);
    expect(summary).toEqual({ day: DAY, served: 3, pending: 1, noShow: 2, averageServiceMs: 12 * MIN });
    expect(daySummary(ledger, PREV)).toEqual({ day: PREV, served: 1, pending: 0, noShow: 1, averageServiceMs: 10 * MIN });
    expect(daySummary(ledger, '2025-03-11')).toEqual({ day: '2025-03-11', served: 0, pending: 0, noShow: 0, averageServiceMs: null });
  });

  it('walkInsOnDay counts the walk-ins of one counter on one day', () => {
    expect(walkInsOnDay(ledger, DAY, L5)).toBe(2);
    expect(walkInsOnDay(ledger, DAY, 'loket-6')).toBe(1);
    expect(walkInsOnDay(ledger, PREV, L5)).toBe(2);
    expect(walkInsOnDay(ledger, '2025-03-11', L5)).toBe(0);
  });

  it('heldTicket is the unfinished walk-in of each counter', () => {
    expect(heldTicket(ledger, L5)).toEqual({
      id: id('t9'),
      serviceId: 'ktp-el',
      number: 'W-002',
      serviceDay: DAY,
      channel: 'counter',
      priority: 'normal',
      status: 'serving',
      counterId: L5,
      officerId: 'petugas-3',
      callCount: 0,
      outcome: null,
      note: null,
      issuedAt: jkt(DAY, '09:10'),
      calledAt: jkt(DAY, '09:10'),
      startedAt: jkt(DAY, '09:10'),
      finishedAt: null,
    });
    expect(heldTicket(ledger, 'loket-6')?.id).toBe(id('t8'));
    expect(heldTicket(ledger, 'loket-9')).toBeNull();
  });
});

describe('heldTicket', () => {
  const C = 'loket-1';
  const base = jkt('2025-04-01', '10:00');

  it('is null once the called ticket is returned, marked no-show or transferred', () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    at(base, called(C, a, 'B-001'));
    at(base + MIN, returned(C, a));
    expect(heldTicket(ledger, C)).toBeNull();
    at(base + 2 * MIN, called(C, b, 'B-002'));
    expect(heldTicket(ledger, C)?.status).toBe('called');
    at(base + 3 * MIN, noShow(C, b));
    expect(heldTicket(ledger, C)).toBeNull();
    at(base + 4 * MIN, called(C, c, 'B-003'));
    at(base + 5 * MIN, started(C, c));
    at(base + 6 * MIN, transferred(C, c));
    expect(heldTicket(ledger, C)).toBeNull();
  });

  it('folds recalls and the start into the held ticket', () => {
    const a = randomUUID();
    at(base, called(C, a, 'B-010'));
    at(base + MIN, recalled(C, a));
    at(base + 2 * MIN, started(C, a));
    expect(heldTicket(ledger, C)).toMatchObject({ id: a, number: 'B-010', status: 'serving', callCount: 2, calledAt: base + MIN, startedAt: base + 2 * MIN });
  });

  it('holds a ticket called again after it was returned to the queue', () => {
    const a = randomUUID();
    at(base, called(C, a, 'B-020'));
    at(base + MIN, returned(C, a));
    at(base + 5 * MIN, called(C, a, 'B-020'));
    expect(heldTicket(ledger, C)).toMatchObject({ id: a, status: 'called', callCount: 1, calledAt: base + 5 * MIN });
  });

  it('holds a no-show the supervisor reactivated and this counter called again', () => {
    const a = randomUUID();
    at(base, called(C, a, 'B-030'));
    at(base + MIN, noShow(C, a));
    // Reactivation happens on the hall server; the ledger only sees the next call.
    at(base + 10 * MIN, called(C, a, 'B-030'));
    expect(heldTicket(ledger, C)).toMatchObject({ id: a, status: 'called', calledAt: base + 10 * MIN });
  });
});

describe('queries stay indexed on a big ledger', () => {
  it('answer quickly with 15 000 events', () => {
    const C = 'loket-2';
    const day = '2025-05-05';
    let s = jkt(day, '07:00');
    ledger.transaction(() => {
      for (let i = 0; i < 5_000; i++) {
        const tk = randomUUID();
        at((s += 1_000), called(C, tk, `A-${i}`));
        at((s += 1_000), started(C, tk));
        at((s += 1_000), finished(C, tk, i % 4 ? 'served' : 'pending'));
      }
    });
    const timed = <T>(fn: () => T): { value: T; ms: number } => {
      const t0 = performance.now();
      const value = fn();
      return { value, ms: performance.now() - t0 };
    };
    const served = timed(() => servedOnDay(ledger, day));
    const summary = timed(() => daySummary(ledger, day));
    const held = timed(() => heldTicket(ledger, C));
    const walkins = timed(() => walkInsOnDay(ledger, day, C));
    expect(served.value).toHaveLength(5_000);
    expect(summary.value).toMatchObject({ served: 3_750, pending: 1_250, averageServiceMs: 1_000 });
    expect(held.value).toBeNull();
    expect(walkins.value).toBe(0);
    // A plan that scanned the ledger once per ticket would take seconds here.
    for (const { ms } of [served, summary, held, walkins]) expect(ms).toBeLessThan(1_500);
  });
});

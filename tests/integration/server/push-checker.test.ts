import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../../core/events.ts';
import { uuidv7 } from '../../../core/uuid7.ts';
import { Ledger } from '../../../main/ledger/ledger.ts';
import { PushChecker } from '../../../server/sync/push-checker.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

/**
 * Large pushes are parsed and checked on a worker thread, small ones on the event loop: both must
 * give the counter the same answer, event for event and error for error.
 */
describe('PushChecker: the thread and the event loop check pushes alike', () => {
  const dir = makeTempDir('loket-push-check-');
  let ledger: Ledger;
  let events: LedgerEvent[];
  const onThread = new PushChecker(0);
  const inline = new PushChecker(Number.POSITIVE_INFINITY);
  const source = { counterId: 'loket-1' };
  const body = (value: unknown): Buffer => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

  beforeAll(() => {
    ledger = Ledger.open({ file: join(dir.path, 'ledger.db'), timeZone: 'Asia/Jakarta' });
    for (let i = 1; i <= 300; i++) {
      const base = { ticketId: uuidv7(), counterId: 'loket-1', officerId: 'petugas01', leaseEpoch: null };
      ledger.append({ ...base, type: 'walkin.served', data: { serviceId: 'ktp-el', number: `L1-${String(i).padStart(3, '0')}` } });
      ledger.append({ ...base, type: 'ticket.finished', data: { outcome: i % 2 ? 'served' : 'pending', note: i % 3 ? null : `catatan "${i}"\n` } });
    }
    events = ledger.eventsAfter(0, 1000);
  });
  afterAll(async () => {
    await onThread.close();
    ledger.close();
    dir.remove();
  });

  it('a valid backlog: the same events, with data as the canonical text the counter hashed', async () => {
    const push = { deviceId: ledger.deviceId, events };
    const fromThread = await onThread.check(body(push), source);
    expect(fromThread).toEqual(await inline.check(body(push), source));
    expect(fromThread.events).toHaveLength(600);
    expect(fromThread.events[5]).toMatchObject({ seq: 6, type: 'ticket.finished', dataText: '{"note":"catatan \\"3\\"\\n","outcome":"served"}', hash: events[5]?.hash });
    expect(onThread.threadFailed).toBe(false);
  });

  const refusals: [string, () => unknown][] = [
    ['a tampered event', () => ({ deviceId: ledger.deviceId, events: events.map((e, i) => (i === 250 ? { ...e, data: { outcome: 'served', note: 'diubah' } } : e)) })],
    ['an event of another counter', () => ({ deviceId: ledger.deviceId, events: events.map((e, i) => (i === 7 ? { ...e, counterId: 'loket-2' } : e)) })],
    ['a malformed event', () => ({ deviceId: ledger.deviceId, events: [...events.slice(0, 3), { seq: 'four' }] })],
    ['an empty push', () => ({ deviceId: ledger.deviceId, events: [] })],
    ['broken JSON', () => '{"deviceId": "x", "events": ['],
    ['a prototype-poisoning body', () => `{"deviceId":"x","events":[],"__proto__":{"admin":true}}`],
  ];

  it.each(refusals)('%s: refused with the same clear error either way', async (_name, make) => {
    const inlineError = await inline.check(body(make()), source).catch((e: unknown) => e);
    const threadError = await onThread.check(body(make()), source).catch((e: unknown) => e);
    expect(inlineError).toMatchObject({ name: 'LoketError', code: expect.stringMatching(/^invalid_/) });
    expect(threadError).toMatchObject({ name: 'LoketError', code: (inlineError as { code: string }).code, message: (inlineError as Error).message, field: (inlineError as { field?: string }).field });
  });
});

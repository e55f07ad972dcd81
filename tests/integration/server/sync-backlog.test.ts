import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../../core/events.ts';
import type { SyncPushResponse } from '../../../core/sync-api.ts';
import { uuidv7 } from '../../../core/uuid7.ts';
import { Ledger } from '../../../main/ledger/ledger.ts';
import { INLINE_APPLY_MAX } from '../../../server/sync/receive-push.ts';
import { startTestHall, type TestHall } from '../../support/hall-server.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

/**
 * A counter back from a long offline stretch: its backlog is acknowledged as soon as it is stored,
 * the live queue applies it in the background, and the counter's own next call waits for that.
 */
describe('a large backlog: acknowledged at once, applied in the background', () => {
  let hall: TestHall;
  let pc: string;
  let officer: string;
  let kiosk: string;
  const dir = makeTempDir('loket-backlog-');
  let ledger: Ledger;

  beforeAll(async () => {
    hall = await startTestHall();
    pc = await hall.enroll('counter', 'loket-1');
    kiosk = await hall.enroll('kiosk');
    officer = await hall.login('petugas01', pc);
    ledger = Ledger.open({ file: join(dir.path, 'l.db'), timeZone: 'Asia/Jakarta' });
  });
  afterAll(async () => {
    ledger.close();
    await hall.close();
    dir.remove();
  });

  const push = (events: LedgerEvent[]) => hall.api<SyncPushResponse>('POST', '/sync/push', { token: pc, body: { deviceId: ledger.deviceId, events } });
  const appliedThrough = (): number =>
    hall.server.ctx.db.prepare('SELECT applied_through FROM sync_ledgers WHERE ledger_id = ?').pluck().get(ledger.deviceId) as number;

  it('acknowledges every event stored, then applies them all; a call of that counter waits for them', async () => {
    const base = { counterId: 'loket-1', officerId: 'petugas01', leaseEpoch: null };
    ledger.append({ ...base, type: 'session.opened', ticketId: null, data: { serviceIds: ['ktp-el'] } });
    const walkIns = 2 * INLINE_APPLY_MAX;
    ledger.transaction(() => {
      for (let n = 1; n <= walkIns; n++) {
        const ticketId = uuidv7();
        ledger.append({ ...base, ticketId, type: 'walkin.served', data: { serviceId: 'ktp-el', number: `L1-${String(n).padStart(3, '0')}` } });
        ledger.append({ ...base, ticketId, type: 'ticket.finished', data: { outcome: 'served', note: null } });
      }
    });
    // The last walk-in is still at the counter when the backlog arrives.
    const last = uuidv7();
    ledger.append({ ...base, ticketId: last, type: 'walkin.served', data: { serviceId: 'ktp-el', number: 'L1-999' } });
    const events = ledger.eventsAfter(0, 10_000);
    const answer = await push(events);
    expect(answer.status).toBe(200);
    expect(answer.body.ackedThrough).toBe(events.length);

    // Finishing the last walk-in is a small push behind the backlog; then the counter calls.
    await push([ledger.append({ ...base, ticketId: last, type: 'ticket.finished', data: { outcome: 'served', note: null } })]);
    const waiting = await hall.api<{ id: string }>('POST', '/tickets', { token: kiosk, body: { serviceId: 'ktp-el' } });
    const call = await hall.api<{ ticket: { id: string } }>('POST', '/counters/loket-1/call-next', { token: officer });
    expect(call.status).toBe(200);
    expect(call.body.ticket.id).toBe(waiting.body.id);
    expect(appliedThrough()).toBe(events.length + 1);
    const done = hall.server.ctx.db.prepare(`SELECT COUNT(*) FROM tickets WHERE channel = 'counter' AND status = 'done'`).pluck().get();
    expect(done).toBe(walkIns + 1);
    const outcomes = hall.server.ctx.db.prepare('SELECT outcome, COUNT(*) AS n FROM sync_events WHERE ledger_id = ? GROUP BY outcome').all(ledger.deviceId);
    expect(outcomes).toEqual([{ outcome: 'applied', n: events.length + 1 }]);
  });
});

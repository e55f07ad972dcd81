import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEvent, NewLedgerEvent } from '../../../core/events.ts';
import { uuidv7 } from '../../../core/uuid7.ts';
import type { SyncPushResponse } from '../../../core/sync-api.ts';
import { Ledger } from '../../../main/ledger/ledger.ts';
import { dumpDatabase, startTestHall, type TestHall } from '../../support/hall-server.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

type Err = { error: { code: string; message: string; field?: string } };

describe('POST /sync/push: counter ledgers reach the hall server exactly once', () => {
  let hall: TestHall;
  let pc1: string;
  let pc2: string;
  let kiosk: string;
  let officer1: string;
  const dir = makeTempDir('loket-sync-');
  let ledger1: Ledger;
  let ledger2: Ledger;

  beforeAll(async () => {
    hall = await startTestHall();
    pc1 = await hall.enroll('counter', 'loket-1');
    pc2 = await hall.enroll('counter', 'loket-2');
    kiosk = await hall.enroll('kiosk');
    officer1 = await hall.login('petugas01', pc1);
    ledger1 = Ledger.open({ file: join(dir.path, 'l1.db'), timeZone: 'Asia/Jakarta' });
    ledger2 = Ledger.open({ file: join(dir.path, 'l2.db'), timeZone: 'Asia/Jakarta' });
  });
  afterAll(async () => {
    ledger1.close();
    ledger2.close();
    await hall.close();
    dir.remove();
  });

  const push = (token: string, deviceId: string, events: LedgerEvent[]) =>
    hall.api<SyncPushResponse & Err>('POST', '/sync/push', { token, body: { deviceId, events } });
  const record = (ledger: Ledger, e: Omit<NewLedgerEvent, 'counterId' | 'officerId'> & { counterId?: string }): LedgerEvent =>
    ledger.append({ counterId: 'loket-1', officerId: 'petugas01', ...e } as NewLedgerEvent);
  const count = (sql: string, ...params: unknown[]): number =>
    (hall.server.ctx.db.prepare(sql).get(...params) as { n: number }).n;

  it('stores and applies a walk-in and its finish, and a repeated push changes nothing', async () => {
    const ticketId = uuidv7();
    const a = record(ledger1, { type: 'walkin.served', ticketId, leaseEpoch: null, data: { serviceId: 'ktp-el', number: 'L1-001' } });
    const b = record(ledger1, { type: 'ticket.finished', ticketId, leaseEpoch: null, data: { outcome: 'served', note: null } });
    const first = await push(pc1, ledger1.deviceId, [a, b]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ackedThrough: 2, rejected: [] });
    const row = hall.server.ctx.db.prepare('SELECT status, outcome, channel, number FROM tickets WHERE id = ?').get(ticketId);
    expect(row).toEqual({ status: 'done', outcome: 'served', channel: 'counter', number: 'L1-001' });

    const before = dumpDatabase(hall);
    const again = await push(pc1, ledger1.deviceId, [a, b]);
    expect(again.body).toMatchObject({ ackedThrough: 2, rejected: [] });
    const after = dumpDatabase(hall);
    expect(after['tickets']).toEqual(before['tickets']);
    expect(after['sync_events']).toEqual(before['sync_events']);
    expect(count('SELECT COUNT(*) AS n FROM sync_events WHERE ledger_id = ?', ledger1.deviceId)).toBe(2);
  });

  it('holds events beyond a gap and applies them in order once the gap fills', async () => {
    const ticketId = uuidv7();
    const a = record(ledger1, { type: 'walkin.served', ticketId, leaseEpoch: null, data: { serviceId: 'ktp-el', number: 'L1-002' } });
    const b = record(ledger1, { type: 'ticket.finished', ticketId, leaseEpoch: null, data: { outcome: 'pending', note: 'KK asli kurang' } });
    const late = await push(pc1, ledger1.deviceId, [b]);
    expect(late.body.ackedThrough).toBe(2);
    expect(count('SELECT COUNT(*) AS n FROM tickets WHERE id = ?', ticketId)).toBe(0);
    const filled = await push(pc1, ledger1.deviceId, [a]);
    expect(filled.body).toMatchObject({ ackedThrough: 4, rejected: [] });
    expect(hall.server.ctx.db.prepare('SELECT status, outcome FROM tickets WHERE id = ?').get(ticketId)).toEqual({ status: 'done', outcome: 'pending' });
  });

  it('refuses malformed events, a ledger of another PC and a forged token, storing nothing', async () => {
    const e = record(ledger1, { type: 'session.opened', ticketId: null, leaseEpoch: null, data: { serviceIds: ['ktp-el'] } });
    const before = dumpDatabase(hall);

    const tampered = await push(pc1, ledger1.deviceId, [{ ...e, data: { serviceIds: ['kk'] } }]);
    expect(tampered.status).toBe(400);
    expect(tampered.body.error).toMatchObject({ code: 'invalid_event', field: 'events.0.hash' });

    const badData = await push(pc1, ledger1.deviceId, [{ ...e, data: { serviceIds: 'ktp-el' } }]);
    expect(badData.status).toBe(400);
    expect(badData.body.error.field).toBe('events.0.data.serviceIds');

    const notAnEvent = await push(pc1, ledger1.deviceId, [{ seq: 'x' } as unknown as LedgerEvent]);
    expect(notAnEvent.status).toBe(400);
    expect(notAnEvent.body.error.field).toMatch(/^events\.0\./);

    const mixed = await push(pc1, 'another-ledger', [e]);
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.field).toBe('events.0.deviceId');

    const otherPc = await push(pc2, ledger1.deviceId, [{ ...e }]);
    expect(otherPc.status).toBe(400); // counter loket-1's event from a PC of loket-2
    expect(otherPc.body.error.field).toBe('events.0.counterId');

    const e2 = record(ledger2, { type: 'session.opened', ticketId: null, counterId: 'loket-2', leaseEpoch: null, data: { serviceIds: ['kk'] } });
    const stolen = await push(pc1, ledger2.deviceId, [e2]);
    expect(stolen.status).toBe(400);
    const boundTo2 = await push(pc2, ledger2.deviceId, [e2]);
    expect(boundTo2.status).toBe(200);
    const beforeWrong = dumpDatabase(hall);
    const pc3 = await hall.enroll('counter', 'loket-2');
    const wrong = await push(pc3, ledger2.deviceId, [e2]);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('wrong_device');

    const forged = await push('ldv_forged-token-0000000000000000', ledger1.deviceId, [e]);
    expect(forged.status).toBe(401);
    const officerToken = await push(officer1, ledger1.deviceId, [e]);
    expect(officerToken.status).toBe(403);

    const after = dumpDatabase(hall);
    expect(after['sync_events']).toEqual(beforeWrong['sync_events']);
    expect(after['tickets']).toEqual(before['tickets']);
    expect((await push(pc1, ledger1.deviceId, [e])).body).toMatchObject({ ackedThrough: 5, rejected: [] });
  });

  it('same seq with another content: not stored, alarm for supervisors', async () => {
    const e = record(ledger1, { type: 'counter.paused', ticketId: null, leaseEpoch: null, data: { reason: 'prayer' } });
    expect((await push(pc1, ledger1.deviceId, [e])).body.ackedThrough).toBe(6);
    // Another event under the same seq (a copied ledger on a second PC would produce this).
    const forgedTwin = { ...e, data: { reason: 'break' } };
    const { hash } = await import('node:crypto');
    const { canonicalEventText, canonicalJson } = await import('../../../core/events.ts');
    const { hash: _old, ...unsigned } = forgedTwin;
    forgedTwin.hash = hash('sha256', canonicalEventText(unsigned, canonicalJson(forgedTwin.data)), 'hex');
    const res = await push(pc1, ledger1.deviceId, [forgedTwin]);
    expect(res.body.rejected).toEqual([expect.objectContaining({ seq: 6, code: 'hash_conflict' })]);
    const supervisor = await hall.login('supervisor');
    const alarms = await hall.api<{ kind: string; seq: number }[]>('GET', '/sync/alarms', { token: supervisor });
    expect(alarms.body).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'hash_conflict', seq: 6 })]));
    expect(hall.server.ctx.db.prepare('SELECT pause_reason FROM counter_state WHERE counter_id = ?').get('loket-1')).toEqual({ pause_reason: 'prayer' });
  });

  it('an action under a stale lease is stored and flagged, never applied', async () => {
    record(ledger1, { type: 'counter.resumed', ticketId: null, leaseEpoch: null, data: {} });
    await push(pc1, ledger1.deviceId, ledger1.eventsAfter(6, 10));
    const issued = await hall.api<{ id: string }>('POST', '/tickets', { token: kiosk, body: { serviceId: 'ktp-el' } });
    const call = await hall.api<{ ticket: { id: string; number: string }; leaseEpoch: number }>('POST', '/counters/loket-1/call-next', { token: officer1 });
    expect(call.body.ticket.id).toBe(issued.body.id);
    // The ticket goes back to the queue and is called again: the first lease is stale.
    await hall.api('POST', `/tickets/${issued.body.id}/return`, { token: officer1, body: { leaseEpoch: call.body.leaseEpoch } });
    const again = await hall.api<{ leaseEpoch: number }>('POST', '/counters/loket-1/call-next', { token: officer1 });
    expect(again.body.leaseEpoch).toBeGreaterThan(call.body.leaseEpoch);
    const stale = record(ledger1, { type: 'ticket.no_show', ticketId: issued.body.id, leaseEpoch: call.body.leaseEpoch, data: {} });
    const res = await push(pc1, ledger1.deviceId, [stale]);
    expect(res.body.ackedThrough).toBe(stale.seq);
    expect(res.body.rejected).toEqual([expect.objectContaining({ seq: stale.seq, code: 'stale_lease' })]);
    expect(hall.server.ctx.db.prepare('SELECT status FROM tickets WHERE id = ?').get(issued.body.id)).toEqual({ status: 'called' });
    expect(hall.server.ctx.db.prepare('SELECT outcome FROM sync_events WHERE ledger_id = ? AND seq = ?').get(ledger1.deviceId, stale.seq)).toEqual({ outcome: 'stale' });
  });

  it('the cursor tells where the server stands and raises an alarm for a PC restored from an old copy', async () => {
    const res = await hall.api<{ ackedThrough: number }>('GET', `/sync/cursor?deviceId=${ledger1.deviceId}&lastSeq=${ledger1.lastSeq()}`, { token: pc1 });
    expect(res.body.ackedThrough).toBe(ledger1.lastSeq());
    expect(count(`SELECT COUNT(*) AS n FROM sync_alarms WHERE kind = 'restored_copy'`)).toBe(0);
    await hall.api('GET', `/sync/cursor?deviceId=${ledger1.deviceId}&lastSeq=3`, { token: pc1 });
    expect(count(`SELECT COUNT(*) AS n FROM sync_alarms WHERE kind = 'restored_copy' AND seq = 3`)).toBe(1);
  });

  it('leases walk-in number blocks that never overlap, for the PC’s own counter only', async () => {
    const a = await hall.api<{ prefix: string; first: number; last: number }>('POST', '/counters/loket-1/walkin-blocks', { token: pc1, body: {} });
    const b = await hall.api<{ prefix: string; first: number; last: number }>('POST', '/counters/loket-1/walkin-blocks', { token: pc1, body: {} });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ prefix: 'L1', first: 1, last: 50 });
    expect(b.body).toMatchObject({ first: 51, last: 100 });
    expect((await hall.api('POST', '/counters/loket-2/walkin-blocks', { token: pc1, body: {} })).status).toBe(403);
  });
});

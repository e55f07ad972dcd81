import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import hall from '../../../server/store/migrations/0001-hall.ts';
import queue from '../../../server/store/migrations/0002-queue.ts';
import sync from '../../../server/store/migrations/0003-sync.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

let dir: ReturnType<typeof makeTempDir>;
let db: Database;

const ticket = (id: string, over: Record<string, unknown>) => ({
  id,
  service_id: 'ktp',
  number: 'A-001',
  seq_no: 1,
  service_day: '2025-03-10',
  channel: 'kiosk',
  priority: 'normal',
  tracking_code: 'CODE2222',
  status: 'waiting',
  queued_at: 1,
  issued_at: 1,
  counter_id: null,
  ...over,
});
const insertTicket = (row: Record<string, unknown>): void => {
  db.prepare(
    `INSERT INTO tickets (id, service_id, number, seq_no, service_day, channel, priority, tracking_code, status, queued_at, issued_at, counter_id)
     VALUES (@id, @service_id, @number, @seq_no, @service_day, @channel, @priority, @tracking_code, @status, @queued_at, @issued_at, @counter_id)`,
  ).run(row);
};

beforeEach(() => {
  dir = makeTempDir('loket-hm3-');
  db = new Sqlite(join(dir.path, 'v3.sqlite'));
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    hall.up(db);
    queue.up(db);
  })();
  db.exec(`
    INSERT INTO agencies VALUES ('dukcapil', 'Disdukcapil', 'Dukcapil', NULL);
    INSERT INTO services (id, agency_id, name, prefix, target_wait_minutes, target_service_minutes) VALUES ('ktp', 'dukcapil', 'KTP', 'A', 20, 10);
    INSERT INTO counters VALUES ('loket-1', 1, 'dukcapil');
  `);
  // A version-2 file with a ticket in it.
  insertTicket(ticket('t-1', {}));
  db.transaction(() => sync.up(db))();
});
afterEach(() => {
  db.close();
  dir.remove();
});

const event = (seq: number, over: Record<string, unknown> = {}) => ({
  ledger_id: 'L', seq, event_id: `e${seq}`, type: 'counter.paused', at: 1, server_at: 1, hlc: 'h', ticket_id: null, counter_id: 'loket-1',
  officer_id: null, lease_epoch: null, data: '{}', hash: 'x', received_at: 1, outcome: null, problem: null, ...over,
});
const insertEvent = (row: Record<string, unknown>): void => {
  db.prepare(
    `INSERT INTO sync_events VALUES (@ledger_id, @seq, @event_id, @type, @at, @server_at, @hlc, @ticket_id, @counter_id, @officer_id,
       @lease_epoch, @data, @hash, @received_at, @outcome, @problem)`,
  ).run(row);
};

describe('migration 0003 (sync)', () => {
  it('keeps the tickets of a version-2 file', () => {
    expect(db.prepare('SELECT id FROM tickets').pluck().all()).toEqual(['t-1']);
  });

  it('stores one event per (ledger, seq)', () => {
    insertEvent(event(1));
    expect(() => insertEvent(event(1, { hash: 'y' }))).toThrow(/UNIQUE/);
  });

  it('lets an event get its outcome once, and never be changed or removed', () => {
    insertEvent(event(1));
    db.prepare(`UPDATE sync_events SET outcome = 'applied' WHERE seq = 1`).run();
    expect(() => db.prepare(`UPDATE sync_events SET outcome = 'refused' WHERE seq = 1`).run()).toThrow(/append-only/);
    insertEvent(event(2));
    expect(() => db.prepare(`UPDATE sync_events SET data = '{"x":1}' WHERE seq = 2`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM sync_events').run()).toThrow(/append-only/);
  });

  it('numbers walk-ins per counter and day, apart from the services’ daily sequences', () => {
    insertTicket(ticket('w-1', { channel: 'counter', number: 'L1-001', counter_id: 'loket-1', tracking_code: '' }));
    // Same seq_no as the kiosk ticket A-001: allowed for a walk-in.
    insertTicket(ticket('w-2', { channel: 'counter', number: 'L1-002', counter_id: 'loket-1', tracking_code: '' }));
    expect(() => insertTicket(ticket('w-3', { channel: 'counter', number: 'L1-002', counter_id: 'loket-1', tracking_code: '' }))).toThrow(/UNIQUE/);
    expect(() => insertTicket(ticket('t-2', {}))).toThrow(/UNIQUE/);
  });

  it('records an alarm about one (kind, ledger, seq) once', () => {
    const raise = db.prepare(`INSERT INTO sync_alarms (at, kind, ledger_id, seq) VALUES (1, 'hash_conflict', 'L', 4) ON CONFLICT DO NOTHING`);
    raise.run();
    raise.run();
    expect(db.prepare('SELECT COUNT(*) FROM sync_alarms').pluck().get()).toBe(1);
  });
});

import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../../main/ledger/ledger.ts';
import events from '../../../main/ledger/migrations/0001-events.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

describe('migration 0001-events', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let db: Database;

  beforeEach(() => {
    dir = makeTempDir('loket-m1-');
    db = new Sqlite(join(dir.path, 'v1.db'));
    db.transaction(() => events.up(db))();
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('is version 1, named events', () => {
    expect({ version: events.version, name: events.name }).toEqual({ version: 1, name: 'events' });
  });

  it('creates the events table of DESIGN.md §5 with its key', () => {
    const cols = db.prepare('SELECT name, type, "notnull" AS not_null, pk FROM pragma_table_info(\'events\') ORDER BY cid').all();
    expect(cols).toEqual([
      { name: 'seq', type: 'INTEGER', not_null: 0, pk: 1 },
      { name: 'device_id', type: 'TEXT', not_null: 1, pk: 0 },
      { name: 'event_id', type: 'TEXT', not_null: 1, pk: 0 },
      { name: 'type', type: 'TEXT', not_null: 1, pk: 0 },
      { name: 'at', type: 'INTEGER', not_null: 1, pk: 0 },
      { name: 'server_at', type: 'INTEGER', not_null: 1, pk: 0 },
      { name: 'hlc', type: 'TEXT', not_null: 1, pk: 0 },
      { name: 'ticket_id', type: 'TEXT', not_null: 0, pk: 0 },
      { name: 'counter_id', type: 'TEXT', not_null: 1, pk: 0 },
      { name: 'officer_id', type: 'TEXT', not_null: 0, pk: 0 },
      { name: 'lease_epoch', type: 'INTEGER', not_null: 0, pk: 0 },
      { name: 'data', type: 'TEXT', not_null: 1, pk: 0 },
      { name: 'hash', type: 'TEXT', not_null: 1, pk: 0 },
    ]);
  });

  it('indexes ticket_id and server_at (seq is the rowid), and the planner uses them', () => {
    const indexes = db.prepare(`SELECT name, "unique" AS isUnique FROM pragma_index_list('events') ORDER BY name`).all() as { name: string; isUnique: number }[];
    const columns = (name: string): string[] =>
      (db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(name) as { name: string }[]).map((c) => c.name);
    const byColumns = Object.fromEntries(indexes.map((i) => [columns(i.name).join(','), i.isUnique]));
    expect(byColumns).toEqual({ ticket_id: 0, server_at: 0 });

    const plan = (sql: string): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan(`SELECT * FROM events WHERE ticket_id = 't' ORDER BY seq`)).toMatch(/events_ticket/);
    expect(plan(`SELECT * FROM events WHERE type = 'ticket.finished' AND server_at >= 1 AND server_at < 2`)).toMatch(/events_server_at/);
    expect(plan(`SELECT seq FROM events ORDER BY seq DESC LIMIT 1`)).not.toMatch(/TEMP B-TREE/);
  });

  it('creates the meta key/value table', () => {
    db.prepare(`INSERT INTO meta (key, value) VALUES ('device_id', 'pc-1')`).run();
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'device_id'`).get()).toEqual({ value: 'pc-1' });
  });

  it('refuses a duplicate seq', () => {
    const insert = db.prepare(`INSERT INTO events VALUES (?, 'd', ?, 'ticket.started', 1, 1, 'h', NULL, 'c', NULL, NULL, '{}', 'x')`);
    insert.run(1, 'e1');
    expect(() => insert.run(1, 'e2')).toThrow(/append-only/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 1 });
  });
});

describe('events are append-only, whatever SQL is run', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let ledger: Ledger;

  beforeEach(() => {
    dir = makeTempDir('loket-m1-ao-');
    ledger = Ledger.open({ file: join(dir.path, 'ledger.db'), timeZone: 'Asia/Jakarta' });
    const ticketId = randomUUID();
    ledger.append({ type: 'walkin.served', ticketId, counterId: 'loket-1', officerId: 'o-1', leaseEpoch: null, data: { serviceId: 'ktp', number: 'W-001' } });
    ledger.append({ type: 'ticket.finished', ticketId, counterId: 'loket-1', officerId: 'o-1', leaseEpoch: null, data: { outcome: 'served', note: null } });
  });
  afterEach(() => {
    ledger.close();
    dir.remove();
  });

  const snapshot = (): unknown[] => ledger.db.prepare('SELECT * FROM events ORDER BY seq').all();

  it.each([
    ['UPDATE one column', `UPDATE events SET data = '{"outcome":"pending","note":null}' WHERE seq = 2`, /append-only: an event cannot be changed/],
    ['UPDATE every row', `UPDATE events SET hash = 'x'`, /append-only: an event cannot be changed/],
    ['DELETE one row', `DELETE FROM events WHERE seq = 1`, /append-only: an event cannot be removed/],
    ['DELETE every row', `DELETE FROM events`, /append-only: an event cannot be removed/],
    ['INSERT OR REPLACE an existing key', `INSERT OR REPLACE INTO events SELECT seq, device_id, 'new-id', type, at, server_at, hlc, ticket_id, counter_id, officer_id, lease_epoch, data, 'x' FROM events WHERE seq = 1`, /append-only/],
    ['REPLACE INTO an existing key', `REPLACE INTO events SELECT seq, device_id, event_id, type, at, server_at, hlc, ticket_id, counter_id, officer_id, lease_epoch, data, 'x' FROM events WHERE seq = 2`, /append-only/],
    ['UPSERT', `INSERT INTO events SELECT * FROM events WHERE seq = 1 ON CONFLICT (seq) DO UPDATE SET hash = 'x'`, /append-only/],
  ])('%s throws and changes nothing', (_what, sql, message) => {
    const before = snapshot();
    expect(() => ledger.db.exec(sql)).toThrow(message);
    expect(snapshot()).toEqual(before);
  });
});

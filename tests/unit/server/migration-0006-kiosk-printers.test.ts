import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import hall from '../../../server/store/migrations/0001-hall.ts';
import queue from '../../../server/store/migrations/0002-queue.ts';
import sync from '../../../server/store/migrations/0003-sync.ts';
import reportRollups from '../../../server/store/migrations/0004-report-rollups.ts';
import visitor from '../../../server/store/migrations/0005-visitor.ts';
import kioskPrinters from '../../../server/store/migrations/0006-kiosk-printers.ts';
import { MIGRATIONS } from '../../../server/store/migrations/index.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

let dir: ReturnType<typeof makeTempDir>;
let db: Database;

beforeEach(() => {
  dir = makeTempDir('loket-hm6-');
  db = new Sqlite(join(dir.path, 'v5.sqlite'));
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    for (const m of [hall, queue, sync, reportRollups, visitor]) m.up(db);
  })();
  // A version-5 file with two kiosks (one revoked) and a board.
  db.exec(`
    INSERT INTO devices (id, name, kind, token_hash, enrolled_at) VALUES ('k-1', 'Kiosk pintu masuk', 'kiosk', 'h1', 1);
    INSERT INTO devices (id, name, kind, token_hash, enrolled_at, revoked_at) VALUES ('k-2', 'Kiosk lama', 'kiosk', 'h2', 1, 5);
    INSERT INTO devices (id, name, kind, token_hash, enrolled_at) VALUES ('b-1', 'TV aula', 'board', 'h3', 1);
  `);
  db.transaction(() => kioskPrinters.up(db))();
});
afterEach(() => {
  db.close();
  dir.remove();
});

const insert = (deviceId: string, setting: string, by = 'kiosk') =>
  db.prepare('INSERT INTO kiosk_printers (device_id, setting, updated_at, updated_by) VALUES (?, ?, 1, ?)').run(deviceId, setting, by);

describe('migration 0006 (kiosk printers)', () => {
  it('comes after 0005 as version 6, and keeps the devices as they were', () => {
    expect(MIGRATIONS.map((m) => m.version).slice(0, 6)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(MIGRATIONS[5]).toBe(kioskPrinters);
    expect(kioskPrinters.name).toBe('kiosk-printers');
    expect(db.prepare('SELECT id FROM devices ORDER BY id').pluck().all()).toEqual(['b-1', 'k-1', 'k-2']);
    expect(db.prepare('SELECT count(*) FROM kiosk_printers').pluck().get()).toBe(0);
  });

  it('stores one printer per enrolled device, as JSON of a known kind', () => {
    insert('k-1', JSON.stringify({ kind: 'network', host: '192.168.1.50', port: 9100, paper: 80 }));
    insert('k-2', JSON.stringify({ kind: 'browser', paper: 58 }), 'admin');
    expect(() => insert('k-1', JSON.stringify({ kind: 'none' }))).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert('nope', JSON.stringify({ kind: 'none' }))).toThrow(/FOREIGN KEY/);
    expect(() => insert('b-1', 'not json')).toThrow(/CHECK/);
    expect(() => insert('b-1', JSON.stringify({ kind: 'usb' }))).toThrow(/CHECK/);
    expect(() => insert('b-1', JSON.stringify({ kind: 'none' }), 'visitor')).toThrow(/CHECK/);
    expect(db.prepare(`SELECT device_id, json_extract(setting, '$.kind') AS kind, updated_by FROM kiosk_printers ORDER BY device_id`).all()).toEqual([
      { device_id: 'k-1', kind: 'network', updated_by: 'kiosk' },
      { device_id: 'k-2', kind: 'browser', updated_by: 'admin' },
    ]);
  });
});

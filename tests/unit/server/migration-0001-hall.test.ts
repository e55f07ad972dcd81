import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import hall from '../../../server/store/migrations/0001-hall.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

let dir: ReturnType<typeof makeTempDir>;
let db: Database;

beforeEach(() => {
  dir = makeTempDir('loket-hm1-');
  db = new Sqlite(join(dir.path, 'v1.sqlite'));
  db.pragma('foreign_keys = ON');
  db.transaction(() => hall.up(db))();
});
afterEach(() => {
  db.close();
  dir.remove();
});

type Column = { name: string; type: string; notnull: number; dflt_value: string | null; pk: number };
const columns = (table: string): Record<string, string> =>
  Object.fromEntries(
    (db.prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid`).all(table) as Column[]).map((c) => [
      c.name,
      [c.type, c.notnull ? 'NOT NULL' : 'NULL', c.pk ? `PK${c.pk}` : '', c.dflt_value === null ? '' : `DEFAULT ${c.dflt_value}`].filter(Boolean).join(' '),
    ]),
  );
const plan = (sql: string, ...params: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');

function seed(): void {
  db.exec(`
    INSERT INTO agencies VALUES ('dukcapil', 'Disdukcapil', 'Dukcapil', '#1f6feb');
    INSERT INTO services (id, agency_id, name, prefix, target_wait_minutes, target_service_minutes) VALUES ('ktp', 'dukcapil', 'KTP', 'A', 20, 10);
    INSERT INTO counters VALUES ('loket-1', 1, 'dukcapil');
    INSERT INTO users (id, username, name, role, pin_hash) VALUES ('u1', 'siti', 'Siti', 'officer', 'h');
  `);
}

describe('migration 0001-hall', () => {
  it('is version 1, named hall', () => {
    expect({ version: hall.version, name: hall.name }).toEqual({ version: 1, name: 'hall' });
  });

  it('creates every table with the columns the auth and queue code use', () => {
    expect(columns('hall')).toEqual({ id: 'TEXT NOT NULL PK1', name: 'TEXT NOT NULL', time_zone: "TEXT NOT NULL DEFAULT 'Asia/Jakarta'", queue_policy: 'TEXT NOT NULL' });
    expect(columns('agencies')).toEqual({ id: 'TEXT NOT NULL PK1', name: 'TEXT NOT NULL', short_name: 'TEXT NOT NULL', color: 'TEXT NULL' });
    expect(Object.keys(columns('services'))).toEqual([
      'id', 'agency_id', 'name', 'prefix', 'requirements', 'target_wait_minutes', 'target_service_minutes', 'daily_quota', 'opening_hours', 'active',
    ]);
    expect(columns('services').active).toBe('INTEGER NOT NULL DEFAULT 1');
    expect(columns('counters')).toEqual({ id: 'TEXT NOT NULL PK1', number: 'INTEGER NOT NULL', agency_id: 'TEXT NOT NULL' });
    expect(columns('counter_services')).toEqual({ counter_id: 'TEXT NOT NULL PK1', service_id: 'TEXT NOT NULL PK2', weight: 'INTEGER NOT NULL DEFAULT 1' });
    expect(columns('users')).toEqual({
      id: 'TEXT NOT NULL PK1',
      username: 'TEXT NOT NULL',
      name: 'TEXT NOT NULL',
      role: 'TEXT NOT NULL',
      pin_hash: 'TEXT NOT NULL',
      failed_attempts: 'INTEGER NOT NULL DEFAULT 0',
      locked_until: 'INTEGER NULL',
      active: 'INTEGER NOT NULL DEFAULT 1',
    });
    expect(columns('user_counters')).toEqual({ user_id: 'TEXT NOT NULL PK1', counter_id: 'TEXT NOT NULL PK2' });
    expect(columns('devices')).toEqual({
      id: 'TEXT NOT NULL PK1',
      name: 'TEXT NOT NULL',
      kind: 'TEXT NOT NULL',
      counter_id: 'TEXT NULL',
      token_hash: 'TEXT NOT NULL',
      enrolled_at: 'INTEGER NOT NULL',
      revoked_at: 'INTEGER NULL',
      last_seen_at: 'INTEGER NULL',
    });
    expect(columns('enroll_codes')).toEqual({
      code_hash: 'TEXT NOT NULL PK1',
      kind: 'TEXT NOT NULL',
      counter_id: 'TEXT NULL',
      expires_at: 'INTEGER NOT NULL',
      created_at: 'INTEGER NOT NULL',
      used_at: 'INTEGER NULL',
      device_id: 'TEXT NULL',
    });
    expect(columns('sessions')).toEqual({
      token_hash: 'TEXT NOT NULL PK1',
      user_id: 'TEXT NOT NULL',
      device_id: 'TEXT NULL',
      counter_id: 'TEXT NULL',
      created_at: 'INTEGER NOT NULL',
      expires_at: 'INTEGER NOT NULL',
      ended_at: 'INTEGER NULL',
    });
    expect(columns('settings')).toEqual({ key: 'TEXT NOT NULL PK1', value: 'TEXT NOT NULL' });
  });

  it('holds one hall only, with a valid JSON queue policy', () => {
    db.prepare(`INSERT INTO hall (id, name, queue_policy) VALUES ('mpp', 'MPP', '{"mode":"priority-first"}')`).run();
    expect(db.prepare('SELECT time_zone FROM hall').pluck().get()).toBe('Asia/Jakarta');
    expect(() => db.prepare(`INSERT INTO hall (id, name, queue_policy) VALUES ('other', 'Other', '{}')`).run()).toThrow(/one hall per hall.sqlite/);
    expect(() => db.prepare(`UPDATE hall SET queue_policy = 'not json'`).run()).toThrow(/CHECK/);
  });

  it('keeps references and values sound: unknown agency, duplicate prefix in use, bad role or kind, weight 0', () => {
    seed();
    expect(() => db.exec(`INSERT INTO services (id, agency_id, name, prefix, target_wait_minutes, target_service_minutes) VALUES ('x', 'nope', 'X', 'X', 1, 1)`)).toThrow(/FOREIGN KEY/);
    expect(() => db.exec(`INSERT INTO services (id, agency_id, name, prefix, target_wait_minutes, target_service_minutes) VALUES ('kk', 'dukcapil', 'KK', 'A', 1, 1)`)).toThrow(/UNIQUE/);
    // A retired service frees its prefix.
    db.exec(`UPDATE services SET active = 0 WHERE id = 'ktp'`);
    db.exec(`INSERT INTO services (id, agency_id, name, prefix, target_wait_minutes, target_service_minutes) VALUES ('kk', 'dukcapil', 'KK', 'A', 1, 1)`);
    expect(() => db.exec(`INSERT INTO counters VALUES ('loket-2', 1, 'dukcapil')`)).toThrow(/UNIQUE/);
    expect(() => db.exec(`INSERT INTO counter_services VALUES ('loket-1', 'kk', 0)`)).toThrow(/CHECK/);
    expect(() => db.exec(`INSERT INTO counter_services VALUES ('loket-1', 'nope', 1)`)).toThrow(/FOREIGN KEY/);
    expect(() => db.exec(`INSERT INTO users (id, username, name, role, pin_hash) VALUES ('u2', 'budi', 'Budi', 'boss', 'h')`)).toThrow(/CHECK/);
    expect(() => db.exec(`INSERT INTO users (id, username, name, role, pin_hash) VALUES ('u2', 'siti', 'Siti 2', 'officer', 'h')`)).toThrow(/UNIQUE/);
    expect(() => db.exec(`INSERT INTO devices (id, name, kind, token_hash, enrolled_at) VALUES ('d1', 'PC', 'phone', 't', 1)`)).toThrow(/CHECK/);
    db.exec(`INSERT INTO devices (id, name, kind, counter_id, token_hash, enrolled_at) VALUES ('d1', 'PC 1', 'counter', 'loket-1', 't1', 1)`);
    expect(() => db.exec(`INSERT INTO devices (id, name, kind, token_hash, enrolled_at) VALUES ('d2', 'PC 2', 'board', 't1', 1)`)).toThrow(/UNIQUE/);
    expect(() => db.exec(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('s', 'nobody', 1, 2)`)).toThrow(/FOREIGN KEY/);
    db.exec(`INSERT INTO sessions (token_hash, user_id, device_id, counter_id, created_at, expires_at) VALUES ('s', 'u1', 'd1', 'loket-1', 1, 2)`);
    db.exec(`INSERT INTO user_counters VALUES ('u1', 'loket-1')`);
    db.exec(`INSERT INTO enroll_codes (code_hash, kind, counter_id, expires_at, created_at) VALUES ('c', 'counter', 'loket-1', 2, 1)`);
  });

  it('indexes what the auth and config queries look up, and the planner uses the indexes', () => {
    expect(plan(`SELECT * FROM users WHERE username = ?`, 'siti')).toMatch(/USING INDEX sqlite_autoindex_users/);
    expect(plan(`SELECT * FROM devices WHERE token_hash = ?`, 't')).toMatch(/USING INDEX sqlite_autoindex_devices/);
    expect(plan(`SELECT * FROM sessions WHERE token_hash = ?`, 's')).toMatch(/PRIMARY KEY/);
    expect(plan(`SELECT * FROM enroll_codes WHERE code_hash = ?`, 'c')).toMatch(/PRIMARY KEY/);
    expect(plan(`SELECT * FROM sessions WHERE user_id = ? AND ended_at IS NULL`, 'u1')).toMatch(/sessions_user/);
    expect(plan(`SELECT * FROM sessions WHERE device_id = ?`, 'd1')).toMatch(/sessions_device/);
    expect(plan(`SELECT counter_id FROM counter_services WHERE service_id = ?`, 'ktp')).toMatch(/counter_services_service/);
    expect(plan(`SELECT service_id, weight FROM counter_services WHERE counter_id = ?`, 'loket-1')).toMatch(/(PRIMARY KEY|sqlite_autoindex_counter_services)/);
    expect(plan(`SELECT user_id FROM user_counters WHERE counter_id = ?`, 'loket-1')).toMatch(/user_counters_counter/);
    expect(plan(`SELECT * FROM services WHERE prefix = ? AND active = 1`, 'A')).toMatch(/services_prefix/);
  });
});

import Sqlite from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../core/durable-sqlite.ts';
import { saveHallConfig } from '../../../server/store/hall-config-store.ts';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../../server/store/migrations/index.ts';
import {
  HALL_STORE_FILE,
  HallStoreCorruptError,
  HallStoreTooNewError,
  hallStorePath,
  openHallStore,
  userVersion,
} from '../../../server/store/open-store.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { hallConfig } from './fixtures.ts';

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dir = makeTempDir('loket-store-');
});
afterEach(() => dir.remove());

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const tooNew = { tooNew: (f: number, a: number) => new Error(`too new ${f} > ${a}`) };

/** A hall database with a configuration and some padding rows, closed. */
function filledStore(file: string, rows = 0): void {
  const db = openHallStore(file);
  saveHallConfig(db, hallConfig());
  const insert = db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`padding-${i}`, 'x'.repeat(200));
  })();
  db.close();
}

describe('openHallStore', () => {
  it('lives as hall.sqlite in the data folder, created with its folders', () => {
    expect(HALL_STORE_FILE).toBe('hall.sqlite');
    const file = hallStorePath(join(dir.path, 'data', 'nested'));
    expect(file).toBe(join(dir.path, 'data', 'nested', 'hall.sqlite'));
    openHallStore(file).close();
    expect(existsSync(file)).toBe(true);
  });

  it('sets and verifies WAL, synchronous=FULL, foreign keys and busy timeout on every connection', () => {
    const file = hallStorePath(dir.path);
    openHallStore(file).close();
    const plain = new Sqlite(file);
    // What better-sqlite3 would run WAL with by itself: NORMAL (1), which can lose the last commits.
    expect(plain.pragma('synchronous', { simple: true })).toBe(1);
    plain.close();
    const a = openHallStore(file);
    const b = openHallStore(file);
    for (const db of [a, b]) {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(userVersion(db)).toBe(LATEST_VERSION);
    }
    a.close();
    b.close();
  });

  it('creates the schema of both migrations', () => {
    const db = openHallStore(hallStorePath(dir.path));
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
    expect(tables).toEqual([
      'agencies', 'bookings', 'counter_services', 'counter_state', 'counters', 'daily_sequences', 'devices', 'enroll_codes', 'fencing', 'hall',
      'holidays', 'kiosk_printers', 'quick_ratings', 'report_arrivals', 'report_open_spans', 'report_rollup', 'service_booking', 'services', 'sessions',
      'settings', 'skm_responses', 'sync_alarms', 'sync_events', 'sync_ledgers', 'ticket_log', 'tickets', 'user_counters', 'users',
      'walkin_blocks', 'webhook_config', 'webhook_outbox',
    ]);
    expect(LATEST_VERSION).toBe(8);
    db.close();
  });

  it('upgrades a version-1 file, keeping its data', () => {
    const file = hallStorePath(dir.path);
    const v1 = new Sqlite(file);
    migrate(v1, MIGRATIONS.slice(0, 1), tooNew);
    v1.exec(`INSERT INTO settings VALUES ('hall.name', 'MPP Lebong')`);
    expect(userVersion(v1)).toBe(1);
    v1.close();
    const db = openHallStore(file);
    expect(userVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare(`SELECT value FROM settings WHERE key = 'hall.name'`).pluck().get()).toBe('MPP Lebong');
    expect(db.prepare('SELECT last_epoch FROM fencing').pluck().get()).toBe(0);
    db.close();
  });
});

describe('a hall database from a newer Loket server', () => {
  it('is refused with a clear message and left exactly as it was', () => {
    const file = hallStorePath(dir.path);
    filledStore(file);
    const raw = new Sqlite(file);
    raw.pragma('user_version = 9');
    raw.close();
    const before = sha256(file);
    let error: unknown;
    try {
      openHallStore(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HallStoreTooNewError);
    const e = error as HallStoreTooNewError;
    expect(e.code).toBe('hall_store_too_new');
    expect(e.message).toContain(file);
    expect(e.message).toContain('newer Loket server (hall database version 9)');
    expect(e.message).toContain(`up to ${LATEST_VERSION}`);
    expect(e.message).toMatch(/Update the Loket hall server.*Do not downgrade/);
    expect(sha256(file)).toBe(before);
  });

  it('is refused even in rollback-journal mode, without switching it to WAL', () => {
    const file = hallStorePath(dir.path);
    const raw = new Sqlite(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.exec('CREATE TABLE future (x)');
    raw.close();
    const before = sha256(file);
    expect(() => openHallStore(file)).toThrow(HallStoreTooNewError);
    expect(sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});

describe('a damaged hall database', () => {
  function overwrite(file: string, offset: number, length: number): void {
    let x = 0x1badb002;
    const garbage = Buffer.alloc(length);
    for (let i = 0; i < length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      garbage[i] = x & 0xff;
    }
    const fd = openSync(file, 'r+');
    writeSync(fd, garbage, 0, length, offset);
    closeSync(fd);
  }

  function expectCorrupt(file: string): HallStoreCorruptError {
    let error: unknown;
    try {
      openHallStore(file).close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HallStoreCorruptError);
    const e = error as HallStoreCorruptError;
    expect(e.code).toBe('hall_store_corrupt');
    expect(e.message).toContain(file);
    expect(e.message).toMatch(/move the file aside/);
    expect(e.message).toMatch(/restore the latest backup of the hall database/);
    return e;
  }

  it('with garbage in the middle is refused, saying what to do', () => {
    const file = hallStorePath(dir.path);
    filledStore(file, 3000);
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(100 * 4096);
    overwrite(file, Math.floor(size / 2 / 4096) * 4096 + 100, 3 * 4096);
    expectCorrupt(file);
  });

  it('with a garbage header is refused, wrapping SQLite\'s error', () => {
    const file = hallStorePath(dir.path);
    filledStore(file);
    overwrite(file, 0, 100);
    expect(expectCorrupt(file).cause).toBeInstanceOf(Sqlite.SqliteError);
  });
});

describe('hall database migrations', () => {
  it('are applied in one transaction: a failing one leaves the file as it was', () => {
    const db = new Sqlite(hallStorePath(dir.path));
    const failing: Migration = {
      version: 2,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x)');
        throw new Error('disk full (simulated)');
      },
    };
    expect(() => migrate(db, [MIGRATIONS[0] as Migration, failing], tooNew)).toThrow(/simulated/);
    expect(userVersion(db)).toBe(0);
    expect(db.prepare(`SELECT name FROM sqlite_master`).all()).toEqual([]);
    db.close();
  });
});

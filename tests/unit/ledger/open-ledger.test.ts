import Sqlite from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../../main/ledger/ledger.ts';
import { MIGRATIONS, LATEST_VERSION, checkMigrationOrder, type Migration } from '../../../main/ledger/migrations/index.ts';
import { LedgerCorruptError, LedgerTooNewError, migrate, openLedgerDb, userVersion } from '../../../main/ledger/open-ledger.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dir = makeTempDir('loket-open-');
});
afterEach(() => dir.remove());

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

function fillLedger(file: string, count: number): void {
  const ledger = Ledger.open({ file, timeZone: 'Asia/Jakarta' });
  ledger.transaction(() => {
    for (let i = 0; i < count; i++) {
      ledger.append({ type: 'walkin.served', ticketId: randomUUID(), counterId: 'loket-2', officerId: 'o-9', leaseEpoch: 1, data: { serviceId: 'samsat', number: `W-${i % 900 + 1}` } });
    }
  });
  ledger.close();
}

describe('openLedgerDb pragmas', () => {
  it('creates the folder and sets WAL, synchronous=FULL, foreign keys and busy timeout on every open', () => {
    const file = join(dir.path, 'nested', 'deeper', 'ledger.db');
    openLedgerDb(file).close();
    // A plain connection to a WAL file runs synchronous=NORMAL in better-sqlite3: this is what we correct.
    const plain = new Sqlite(file);
    expect(plain.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(plain.pragma('synchronous', { simple: true })).toBe(1);
    plain.close();

    const second = openLedgerDb(file);
    expect(second.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(second.pragma('synchronous', { simple: true })).toBe(2);
    expect(second.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(second.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(userVersion(second)).toBe(LATEST_VERSION);
    second.close();
  });
});

describe('a ledger from a newer Loket', () => {
  it('is refused with a clear message and left unmodified', () => {
    const file = join(dir.path, 'ledger.db');
    fillLedger(file, 3);
    const raw = new Sqlite(file);
    raw.pragma('user_version = 999');
    raw.close();
    const before = sha256(file);

    let error: unknown;
    try {
      Ledger.open({ file, timeZone: 'Asia/Jakarta' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LedgerTooNewError);
    const tooNew = error as LedgerTooNewError;
    expect(tooNew.code).toBe('ledger_too_new');
    expect(tooNew.message).toContain(file);
    expect(tooNew.message).toContain('newer Loket version (ledger version 999)');
    expect(tooNew.message).toContain(`up to ${LATEST_VERSION}`);
    expect(tooNew.message).toMatch(/Update Loket.*Do not downgrade/);

    expect(sha256(file)).toBe(before);
    const check = new Sqlite(file, { readonly: true });
    expect(userVersion(check)).toBe(999);
    expect(check.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 3 });
    check.close();
  });

  it('is refused even if it is still in rollback-journal mode, without switching it to WAL', () => {
    const file = join(dir.path, 'old-mode.db');
    const raw = new Sqlite(file);
    raw.pragma('user_version = 7');
    raw.exec('CREATE TABLE x (y)');
    raw.close();
    const before = sha256(file);
    expect(() => openLedgerDb(file)).toThrow(LedgerTooNewError);
    expect(sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});

describe('a damaged ledger file', () => {
  function expectCorrupt(file: string): LedgerCorruptError {
    let error: unknown;
    try {
      Ledger.open({ file, timeZone: 'Asia/Jakarta' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LedgerCorruptError);
    const corrupt = error as LedgerCorruptError;
    expect(corrupt.code).toBe('ledger_corrupt');
    expect(corrupt.message).toContain(file);
    expect(corrupt.message).toMatch(/cannot record visits safely/);
    expect(corrupt.message).toMatch(/move the file aside/);
    expect(corrupt.message).toMatch(/restore the latest ledger backup/);
    expect(corrupt.message).toMatch(/re-enroll/);
    expect(corrupt.message).toMatch(/already sent to the hall server are safe/);
    return corrupt;
  }

  function overwrite(file: string, offset: number, length: number): void {
    let x = 0x2545f491;
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

  it('with garbage in the middle gives LedgerCorruptError with what to do', () => {
    const file = join(dir.path, 'ledger.db');
    fillLedger(file, 2000);
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(100 * 4096);
    overwrite(file, Math.floor(size / 2 / 4096) * 4096 + 100, 3 * 4096);
    expectCorrupt(file);
  });

  it('with a garbage header gives LedgerCorruptError wrapping SQLite\'s error', () => {
    const file = join(dir.path, 'ledger.db');
    fillLedger(file, 10);
    overwrite(file, 0, 100);
    const e = expectCorrupt(file);
    expect(e.cause).toBeInstanceOf(Sqlite.SqliteError);
  });
});

describe('migrations', () => {
  it('are numbered 1, 2, 3… in order and end at LATEST_VERSION', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
    const gap: Migration[] = [MIGRATIONS[0] as Migration, { version: 3, name: 'gap', up: () => undefined }];
    expect(() => checkMigrationOrder(gap)).toThrow(/version 3 but is number 2/);
  });

  it('are applied in one transaction: a failing one leaves the file as it was', () => {
    const db = new Sqlite(join(dir.path, 'ledger.db'));
    const failing: Migration = {
      version: 2,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x)');
        throw new Error('disk full (simulated)');
      },
    };
    expect(() => migrate(db, [MIGRATIONS[0] as Migration, failing])).toThrow(/simulated/);
    expect(userVersion(db)).toBe(0);
    expect(db.prepare(`SELECT name FROM sqlite_master`).all()).toEqual([]);

    migrate(db, MIGRATIONS);
    expect(userVersion(db)).toBe(LATEST_VERSION);
    const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(['events', 'meta', 'settings']);
    db.close();
  });

  it('applies only the pending ones', () => {
    const db = new Sqlite(join(dir.path, 'ledger.db'));
    const ran: number[] = [];
    const spy = (m: Migration): Migration => ({ ...m, up: (d) => (ran.push(m.version), m.up(d)) });
    migrate(db, [spy(MIGRATIONS[0] as Migration)]);
    migrate(db, MIGRATIONS.map(spy));
    expect(ran).toEqual([1, ...MIGRATIONS.slice(1).map((m) => m.version)]);
    migrate(db, MIGRATIONS.map(spy));
    expect(ran).toHaveLength(MIGRATIONS.length);
    db.close();
  });
});

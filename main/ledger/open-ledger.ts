import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { LoketError } from '../../core/errors.ts';
import { LATEST_VERSION, MIGRATIONS, checkMigrationOrder, type Migration } from './migrations/index.ts';

/** The ledger file is damaged: the counter must not record into it. */
export class LedgerCorruptError extends LoketError {
  constructor(
    readonly file: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      'ledger_corrupt',
      `The ledger file ${file} is damaged (${detail}). This counter cannot record visits safely until ` +
        'it is repaired. Close Loket, move the file aside (do not delete it: the technician may need it), ' +
        'then restore the latest ledger backup to that place, or let the technician re-enroll this PC. ' +
        'Events already sent to the hall server are safe there.',
    );
    this.name = 'LedgerCorruptError';
    if (options && 'cause' in options) this.cause = options.cause;
  }
}

/** The ledger file was written by a newer Loket than this one. */
export class LedgerTooNewError extends LoketError {
  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(
      'ledger_too_new',
      `The ledger file ${file} was written by a newer Loket version (ledger version ${fileVersion}); ` +
        `this app knows ledger versions up to ${appVersion}. Update Loket on this PC to the latest ` +
        'version. Do not downgrade and do not delete the file: it still holds this counter\'s events.',
    );
    this.name = 'LedgerTooNewError';
  }
}

const CORRUPT_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

type SqliteError = InstanceType<typeof Sqlite.SqliteError>;

function isCorruptionError(e: unknown): e is SqliteError {
  return e instanceof Sqlite.SqliteError && [...CORRUPT_CODES].some((c) => e.code.startsWith(c));
}

/**
 * Opens (creating if needed) the counter's ledger database: sets and verifies the durability
 * pragmas every connection needs (WAL, synchronous=FULL, foreign keys, busy timeout), refuses a
 * damaged file or one written by a newer app, and applies pending migrations in one transaction.
 */
export function openLedgerDb(file: string): Database {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Sqlite(file);
  try {
    prepare(db, file);
    return db;
  } catch (e) {
    db.close();
    if (isCorruptionError(e)) throw new LedgerCorruptError(file, e.message, { cause: e });
    throw e;
  }
}

function prepare(db: Database, file: string): void {
  db.pragma('busy_timeout = 5000');
  // Checked before anything writes (switching to WAL rewrites the header), so a file from a newer
  // app is left exactly as it was.
  const version = userVersion(db);
  if (version > LATEST_VERSION) throw new LedgerTooNewError(file, version, LATEST_VERSION);

  expectPragma(db, 'journal_mode = WAL', 'journal_mode', 'wal');
  // better-sqlite3 runs WAL with synchronous=NORMAL, which can lose the last commits on power loss.
  expectPragma(db, 'synchronous = FULL', 'synchronous', 2);
  expectPragma(db, 'foreign_keys = ON', 'foreign_keys', 1);
  expectPragma(db, 'busy_timeout = 5000', 'busy_timeout', 5000);

  const problems = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
  const report = problems.map((r) => r.integrity_check);
  if (report.length !== 1 || report[0] !== 'ok') {
    throw new LedgerCorruptError(file, `integrity check: ${report.slice(0, 3).join('; ')}`);
  }
  migrate(db, MIGRATIONS, file);
}

function expectPragma(db: Database, set: string, name: string, expected: string | number): void {
  db.pragma(set);
  const actual = db.pragma(name, { simple: true }) as unknown;
  const same = typeof expected === 'string' ? String(actual).toLowerCase() === expected : actual === expected;
  if (!same) {
    throw new Error(`The ledger database refused "PRAGMA ${set}" (it reports ${name}=${String(actual)}); it cannot record safely.`);
  }
}

export function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration above the database's `user_version`, all in one IMMEDIATE transaction:
 * either the file moves to the latest version or it stays exactly as it was.
 */
export function migrate(db: Database, migrations: readonly Migration[], file = db.name): void {
  checkMigrationOrder(migrations);
  const latest = migrations.length;
  if (userVersion(db) === latest) return;
  db.transaction(() => {
    // Read again under the write lock: another process may have migrated meanwhile.
    const current = userVersion(db);
    if (current > latest) throw new LedgerTooNewError(file, current, latest);
    for (const m of migrations.slice(current)) m.up(db);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
}

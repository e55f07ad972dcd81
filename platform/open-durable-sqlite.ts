import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { prepareDurable, type DurableOpenRules, type Migration } from '../core/durable-sqlite.ts';

const CORRUPT_CODES = ['SQLITE_CORRUPT', 'SQLITE_NOTADB'];

function isCorruptionError(e: unknown): e is InstanceType<typeof Sqlite.SqliteError> {
  return e instanceof Sqlite.SqliteError && CORRUPT_CODES.some((c) => e.code.startsWith(c));
}

/**
 * Opens (creating folder and file if needed) a database Loket writes, under the rules of
 * core/durable-sqlite.ts. A file SQLite itself finds damaged while opening is reported through
 * `rules.corrupt`, like a failed integrity check; the connection is closed on any failure.
 */
export function openDurableSqlite(file: string, migrations: readonly Migration<Database>[], rules: DurableOpenRules): Database {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Sqlite(file);
  try {
    prepareDurable(db, migrations, rules);
    return db;
  } catch (e) {
    db.close();
    if (isCorruptionError(e)) throw rules.corrupt(e.message, e);
    throw e;
  }
}

import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { userVersion } from '../../core/durable-sqlite.ts';
import { LoketError } from '../../core/errors.ts';
import { openDurableSqlite } from '../../platform/open-durable-sqlite.ts';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index.ts';

/** The hall database's file name inside the server's data folder. */
export const HALL_STORE_FILE = 'hall.sqlite';

/** Where the hall database lives in a data folder. */
export function hallStorePath(dataDir: string): string {
  return join(dataDir, HALL_STORE_FILE);
}

/** The hall database is damaged: the server must not run the queue from it. */
export class HallStoreCorruptError extends LoketError {
  constructor(
    readonly file: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      'hall_store_corrupt',
      `The hall database ${file} is damaged (${detail}). The hall server cannot run the queue from it. ` +
        'Stop the server, move the file aside (do not delete it: it holds the hall\'s configuration and ' +
        'today\'s tickets), then restore the latest backup of the hall database to that place and start ' +
        'the server again.',
    );
    this.name = 'HallStoreCorruptError';
    if (options && 'cause' in options) this.cause = options.cause;
  }
}

/** The hall database was written by a newer Loket server than this one. */
export class HallStoreTooNewError extends LoketError {
  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(
      'hall_store_too_new',
      `The hall database ${file} was written by a newer Loket server (hall database version ${fileVersion}); ` +
        `this server knows hall database versions up to ${appVersion}. Update the Loket hall server to the ` +
        'latest version. Do not downgrade and do not delete the file: it holds the hall\'s configuration, ' +
        'tickets and history.',
    );
    this.name = 'HallStoreTooNewError';
  }
}

const rules = (file: string) => ({
  tooNew: (fileVersion: number, appVersion: number) => new HallStoreTooNewError(file, fileVersion, appVersion),
  corrupt: (detail: string, cause?: unknown) => new HallStoreCorruptError(file, detail, cause === undefined ? undefined : { cause }),
});

/**
 * Opens (creating if needed) the hall server's own database: sets and verifies the durability
 * pragmas every connection needs (WAL, synchronous=FULL, foreign keys, busy timeout), refuses a
 * damaged file or one written by a newer server (leaving it untouched), and applies pending
 * migrations in one transaction. Every connection must be opened through here, so that each runs
 * with synchronous=FULL (better-sqlite3 would run WAL with NORMAL).
 */
export function openHallStore(file: string): Database {
  const db = openDurableSqlite(file, MIGRATIONS, rules(file));
  // The live queue's indexes and a day's log must stay in memory: with SQLite's default 2 MB cache a
  // busy hall reads its own pages back from the OS on every transaction.
  db.pragma(`cache_size = -${HALL_CACHE_KIB}`);
  return db;
}

/** Page cache per connection, KiB. */
export const HALL_CACHE_KIB = 64 * 1024;

export { LATEST_VERSION, userVersion };

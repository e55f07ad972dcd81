import type { Database } from 'better-sqlite3';
import { LoketError } from '../../core/errors.ts';
import { migrate as migrateDurable, userVersion } from '../../core/durable-sqlite.ts';
import { openDurableSqlite } from '../../platform/open-durable-sqlite.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

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

/**
 * Opens (creating if needed) the counter's ledger database: sets and verifies the durability
 * pragmas every connection needs (WAL, synchronous=FULL, foreign keys, busy timeout), refuses a
 * damaged file or one written by a newer app, and applies pending migrations in one transaction.
 */
export function openLedgerDb(file: string): Database {
  return openDurableSqlite(file, MIGRATIONS, rules(file));
}

const rules = (file: string) => ({
  tooNew: (fileVersion: number, appVersion: number) => new LedgerTooNewError(file, fileVersion, appVersion),
  corrupt: (detail: string, cause?: unknown) => new LedgerCorruptError(file, detail, cause === undefined ? undefined : { cause }),
});

export { userVersion };

/** Applies pending ledger migrations in one transaction (see core/durable-sqlite.ts). */
export function migrate(db: Database, migrations: readonly Migration[], file = db.name): void {
  migrateDurable(db, migrations, rules(file));
}

import type { Database } from 'better-sqlite3';
import { checkMigrationOrder, type Migration as DurableMigration } from '../../../core/durable-sqlite.ts';
import events from './0001-events.ts';
import settings from './0002-settings.ts';
import walkinIndex from './0003-walkin-index.ts';

/**
 * One schema change of the ledger database. Each lives in its own file `NNNN-name.ts`; `up` runs
 * inside the single transaction that applies every pending migration, so it must not manage
 * transactions itself. The version is stored with `PRAGMA user_version`.
 */
export type Migration = DurableMigration<Database>;

/** Every migration, in the order they are applied. Versions are 1, 2, 3… without gaps. */
export const MIGRATIONS: readonly Migration[] = [events, settings, walkinIndex];

/** The schema version this build of the app writes. */
export const LATEST_VERSION: number = MIGRATIONS.length === 0 ? 0 : (MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0);

export { checkMigrationOrder };

checkMigrationOrder(MIGRATIONS);

import type { Database } from 'better-sqlite3';
import { checkMigrationOrder, type Migration as DurableMigration } from '../../../core/durable-sqlite.ts';
import hall from './0001-hall.ts';
import queue from './0002-queue.ts';
import sync from './0003-sync.ts';
import reportRollups from './0004-report-rollups.ts';
import visitor from './0005-visitor.ts';
import kioskPrinters from './0006-kiosk-printers.ts';
import rollupsFollowLog from './0007-rollups-follow-log.ts';
import callIndexes from './0008-call-indexes.ts';

/**
 * One schema change of the hall database (`hall.sqlite`). Each lives in its own file
 * `NNNN-name.ts`; `up` runs inside the single transaction that applies every pending migration,
 * so it must not manage transactions itself. The version is stored with `PRAGMA user_version`.
 */
export type Migration = DurableMigration<Database>;

/** Every migration, in the order they are applied. Versions are 1, 2, 3… without gaps. */
export const MIGRATIONS: readonly Migration[] = [hall, queue, sync, reportRollups, visitor, kioskPrinters, rollupsFollowLog, callIndexes];

/** The schema version this build of the server writes. */
export const LATEST_VERSION: number = MIGRATIONS.length;

export { checkMigrationOrder };

checkMigrationOrder(MIGRATIONS);

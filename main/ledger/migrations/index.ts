import type { Database } from 'better-sqlite3';
import events from './0001-events.ts';
import settings from './0002-settings.ts';

/**
 * One schema change of the ledger database. Each lives in its own file `NNNN-name.ts`; `up` runs
 * inside the single transaction that applies every pending migration, so it must not manage
 * transactions itself. The version is stored with `PRAGMA user_version`.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}

/** Every migration, in the order they are applied. Versions are 1, 2, 3… without gaps. */
export const MIGRATIONS: readonly Migration[] = [events, settings];

/** The schema version this build of the app writes. */
export const LATEST_VERSION: number = MIGRATIONS.length === 0 ? 0 : (MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0);

/** Throws if the list is not numbered 1, 2, 3… in order (a mistake when adding a migration). */
export function checkMigrationOrder(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration "${m.name}" has version ${m.version} but is number ${i + 1} in the list`);
    }
  });
}

checkMigrationOrder(MIGRATIONS);

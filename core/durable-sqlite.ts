/**
 * Opening rules shared by every SQLite database Loket writes (the counter's ledger, the hall
 * server's store): durability pragmas set and verified on every connection, integrity checked,
 * a file from a newer app refused untouched, pending migrations applied in one transaction.
 * Pure: it works on the small part of better-sqlite3's API it needs, passed in.
 */
export interface SqliteConnection {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction(fn: () => void): { immediate(): void };
}

/** One schema change, in its own file `NNNN-name.ts`; `up` runs inside the migration transaction. */
export interface Migration<Db> {
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}

export interface DurableOpenRules {
  /** Says what a file from a newer app is, and what to do. */
  tooNew(fileVersion: number, appVersion: number): Error;
  /** Says the file is damaged, and what to do. */
  corrupt(detail: string, cause?: unknown): Error;
}

/** Throws if the list is not numbered 1, 2, 3… in order (a mistake when adding a migration). */
export function checkMigrationOrder(list: readonly Migration<unknown>[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration "${m.name}" has version ${m.version} but is number ${i + 1} in the list`);
    }
  });
}

export function userVersion(db: SqliteConnection): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function expectPragma(db: SqliteConnection, set: string, name: string, expected: string | number): void {
  db.pragma(set);
  const actual = db.pragma(name, { simple: true });
  const same = typeof expected === 'string' ? String(actual).toLowerCase() === expected : actual === expected;
  if (!same) {
    throw new Error(`The database refused "PRAGMA ${set}" (it reports ${name}=${String(actual)}); it cannot record safely.`);
  }
}

/**
 * Applies every migration above the database's `user_version`, all in one IMMEDIATE transaction:
 * either the file moves to the latest version or it stays exactly as it was.
 */
export function migrate<Db extends SqliteConnection>(db: Db, migrations: readonly Migration<Db>[], rules: Pick<DurableOpenRules, 'tooNew'>): void {
  checkMigrationOrder(migrations);
  const latest = migrations.length;
  if (userVersion(db) === latest) return;
  db.transaction(() => {
    // Read again under the write lock: another process may have migrated meanwhile.
    const current = userVersion(db);
    if (current > latest) throw rules.tooNew(current, latest);
    for (const m of migrations.slice(current)) m.up(db);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
}

/** Everything a connection needs before its first read or write. */
export function prepareDurable<Db extends SqliteConnection>(db: Db, migrations: readonly Migration<Db>[], rules: DurableOpenRules): void {
  db.pragma('busy_timeout = 5000');
  // Checked before anything writes (switching to WAL rewrites the header), so a file from a newer
  // app is left exactly as it was.
  const version = userVersion(db);
  if (version > migrations.length) throw rules.tooNew(version, migrations.length);

  expectPragma(db, 'journal_mode = WAL', 'journal_mode', 'wal');
  // better-sqlite3 runs WAL with synchronous=NORMAL, which can lose the last commits on power loss.
  expectPragma(db, 'synchronous = FULL', 'synchronous', 2);
  expectPragma(db, 'foreign_keys = ON', 'foreign_keys', 1);
  expectPragma(db, 'busy_timeout = 5000', 'busy_timeout', 5000);

  const problems = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
  const report = problems.map((r) => r.integrity_check);
  if (report.length !== 1 || report[0] !== 'ok') throw rules.corrupt(`integrity check: ${report.slice(0, 3).join('; ')}`);
  migrate(db, migrations, rules);
}

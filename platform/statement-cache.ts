import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepared statements of one connection, keyed by their SQL text: compiling a statement costs more
 * than running most of them, so each text is prepared once per connection.
 */
export class StatementCache {
  private readonly cache = new Map<string, Statement>();
  constructor(private readonly db: Database) {}

  get(source: string): Statement {
    let stmt = this.cache.get(source);
    if (stmt === undefined) {
      stmt = this.db.prepare(source);
      this.cache.set(source, stmt);
    }
    return stmt;
  }
}

const byConnection = new WeakMap<Database, StatementCache>();

/**
 * The statement cache of `db`, for modules of plain functions that are handed a connection on
 * every call (the cache goes with the connection when it is closed and dropped). Modes such as
 * `pluck()` stay with a statement, so callers of one text must want the same mode.
 */
export function statementsOf(db: Database): StatementCache {
  let cache = byConnection.get(db);
  if (cache === undefined) {
    cache = new StatementCache(db);
    byConnection.set(db, cache);
  }
  return cache;
}

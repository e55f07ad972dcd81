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

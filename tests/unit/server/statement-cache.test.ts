import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StatementCache, statementsOf } from '../../../platform/statement-cache.ts';

describe('statement caches', () => {
  let a: Sqlite.Database;
  let b: Sqlite.Database;

  beforeEach(() => {
    a = new Sqlite(':memory:');
    b = new Sqlite(':memory:');
    for (const db of [a, b]) db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT NOT NULL)');
    a.prepare('INSERT INTO t VALUES (?, ?)').run('x', 'from a');
    b.prepare('INSERT INTO t VALUES (?, ?)').run('x', 'from b');
  });
  afterEach(() => {
    a.close();
    b.close();
  });

  it('prepares each text once per cache', () => {
    const cache = new StatementCache(a);
    const sql = 'SELECT v FROM t WHERE k = ?';
    expect(cache.get(sql)).toBe(cache.get(sql));
    expect(cache.get(sql)).not.toBe(cache.get('SELECT k FROM t'));
  });

  it('statementsOf keeps one cache per connection, and each answers from its own database', () => {
    const sql = 'SELECT v FROM t WHERE k = ?';
    expect(statementsOf(a)).toBe(statementsOf(a));
    expect(statementsOf(a)).not.toBe(statementsOf(b));
    expect(statementsOf(a).get(sql).get('x')).toEqual({ v: 'from a' });
    expect(statementsOf(b).get(sql).get('x')).toEqual({ v: 'from b' });
  });
});

import Sqlite from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitWithoutSync } from '../../../platform/unsynced-commit.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const FULL = 2;
const NORMAL = 1;

describe('commitWithoutSync', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let db: Sqlite.Database;

  beforeEach(() => {
    dir = makeTempDir('loket-unsynced-');
    db = new Sqlite(join(dir.path, 'db.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT NOT NULL)');
  });
  afterEach(() => {
    if (db.open) db.close();
    dir.remove();
  });

  const put = (k: string, v: string) => (): void => void db.prepare('INSERT INTO t (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v').run(k, v);
  const read = (k: string): unknown => db.prepare('SELECT v FROM t WHERE k = ?').pluck().get(k);

  it('commits at synchronous=NORMAL and puts the connection back to FULL', () => {
    let during: unknown;
    const answer = commitWithoutSync(db, () => {
      during = db.pragma('synchronous', { simple: true });
      put('cursor', '41')();
      return 'stored';
    });
    expect({ answer, during, after: db.pragma('synchronous', { simple: true }) }).toEqual({ answer: 'stored', during: NORMAL, after: FULL });
    db.close();
    db = new Sqlite(join(dir.path, 'db.sqlite'));
    expect(read('cursor')).toBe('41');
  });

  it('puts the connection back to FULL when the write fails, and the write changes nothing', () => {
    expect(() =>
      commitWithoutSync(db, () =>
        db.transaction(() => {
          put('cursor', '42')();
          throw new Error('the roll-up of entry 7 failed');
        })(),
      ),
    ).toThrow('entry 7');
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    expect(read('cursor')).toBeUndefined();
  });

  it('inside a transaction is part of it: rolled back with it, and the durable commit is untouched', () => {
    put('cursor', '7')();
    expect(() =>
      db.transaction(() => {
        commitWithoutSync(db, put('cursor', '8'));
        expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
        throw new Error('the append after it failed');
      })(),
    ).toThrow('append after it');
    expect(read('cursor')).toBe('7');
  });
});

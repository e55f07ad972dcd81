import type { Database } from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHallServer } from '../../../server/http/hall-server.ts';
import { openHallStore } from '../../../server/store/open-store.ts';
import { SQLITE_AUTOCHECKPOINT_PAGES, WalCheckpointer } from '../../../server/store/wal-checkpointer.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

let dir: ReturnType<typeof makeTempDir>;
let file: string;
let db: Database;
let checkpointer: WalCheckpointer | null = null;
const errors: Error[] = [];

beforeEach(() => {
  dir = makeTempDir('loket-ckpt-');
  file = join(dir.path, 'hall.sqlite');
  db = openHallStore(file);
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
  errors.length = 0;
});
afterEach(async () => {
  await checkpointer?.close();
  checkpointer = null;
  db.close();
  dir.remove();
});

const until = async (done: () => boolean, what: string): Promise<void> => {
  for (let waited = 0; !done(); waited += 10) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Commits enough pages to pass SQLite's autocheckpoint threshold several times over (~12 MB). */
function writeManyPages(): void {
  const insert = db.prepare('INSERT INTO filler (payload) VALUES (?)');
  for (let i = 0; i < 3000; i++) insert.run('x'.repeat(4000));
}

const fileBytes = (): number => statSync(file).size;

describe('WAL checkpoints on their own thread', () => {
  it('leaves the server connection never checkpointing inside a commit, and copies the WAL into the database file itself', async () => {
    // An interval longer than the test: only an explicit checkpoint may touch the database file.
    checkpointer = new WalCheckpointer(db, file, (e) => errors.push(e), 3_600_000);
    await until(() => checkpointer?.running === true, 'the checkpoint thread');
    const before = fileBytes();
    writeManyPages();
    // With SQLite's default, the commit that filled 1000 pages would have copied them into the file.
    expect(fileBytes()).toBe(before);

    const result = await checkpointer.checkpointNow();
    expect(result.log).toBeGreaterThan(SQLITE_AUTOCHECKPOINT_PAGES);
    expect(result.checkpointed).toBe(result.log);
    expect(fileBytes()).toBeGreaterThan(before + 10_000_000);
    expect(db.prepare('SELECT COUNT(*) FROM filler').pluck().get()).toBe(3000);
    expect(errors).toEqual([]);
  });

  it('checkpoints every interval while the server writes', async () => {
    checkpointer = new WalCheckpointer(db, file, (e) => errors.push(e), 20);
    await until(() => checkpointer?.running === true, 'the checkpoint thread');
    const before = fileBytes();
    writeManyPages();
    await until(() => fileBytes() > before + 10_000_000, 'the thread to copy the WAL into the database file');
    expect(errors).toEqual([]);
  });

  it('lets the WAL start over while the server keeps committing, so it does not grow without bound', async () => {
    checkpointer = new WalCheckpointer(db, file, (e) => errors.push(e), 50);
    await until(() => checkpointer?.running === true, 'the checkpoint thread');
    const insert = db.prepare('INSERT INTO filler (payload) VALUES (?)');
    const commit = db.transaction(() => {
      for (let i = 0; i < 5; i++) insert.run('x'.repeat(1000));
    });
    let commits = 0;
    for (const end = Date.now() + 2000; Date.now() < end; commits++) {
      commit();
      await new Promise((r) => setImmediate(r));
    }
    // Frames in the WAL since it last started over: each commit wrote at least one.
    const [wal] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    expect(commits).toBeGreaterThan(200);
    expect(wal?.log).toBeLessThan(commits / 2);
    expect(errors).toEqual([]);
  });

  it('hands checkpointing back to the server connection when it stops', async () => {
    checkpointer = new WalCheckpointer(db, file, (e) => errors.push(e), 3_600_000);
    await until(() => checkpointer?.running === true, 'the checkpoint thread');
    await checkpointer.close();
    expect(checkpointer.running).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(SQLITE_AUTOCHECKPOINT_PAGES);
    const before = fileBytes();
    writeManyPages();
    expect(fileBytes()).toBeGreaterThan(before);
  });

  it('reports a thread that cannot start and leaves the server connection checkpointing', async () => {
    checkpointer = new WalCheckpointer(db, join(dir.path, 'missing.sqlite'), (e) => errors.push(e));
    await until(() => errors.length > 0, 'the failure report');
    expect(checkpointer.running).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(SQLITE_AUTOCHECKPOINT_PAGES);
    await expect(checkpointer.checkpointNow()).rejects.toThrow(/not running/);
  });
});

describe('the hall server', () => {
  it('runs its connection with the checkpoint thread, and hands back when it closes', async () => {
    const serverDir = makeTempDir('loket-ckpt-server-');
    try {
      const server = await startHallServer({ dataDir: serverDir.path, version: 'test', tls: null, logLevel: 'silent' });
      await until(() => server.ctx.db.pragma('wal_autocheckpoint', { simple: true }) === 0, 'the checkpoint thread');
      await server.close();
      await server.close();
    } finally {
      serverDir.remove();
    }
  });
});

import Sqlite from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';

/**
 * The floor every durable write is measured against: a bare table with the app's pragmas (WAL,
 * synchronous=FULL), one INSERT of `rowBytes` per commit.
 */
export function openBareTable(file: string, rowBytes: number): { insert: () => void; db: Database } {
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  if (db.pragma('synchronous', { simple: true }) !== 2) throw new Error('baseline is not synchronous=FULL');
  db.exec('CREATE TABLE bare (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
  const stmt = db.prepare('INSERT INTO bare (payload) VALUES (?)');
  const payload = 'x'.repeat(rowBytes);
  return { insert: () => void stmt.run(payload), db };
}

/** Durable single-row commits per second on a bare table, measured now. */
export function bareCommitsPerSecond(file: string, rowBytes: number, commits = 2000): number {
  const bare = openBareTable(file, rowBytes);
  try {
    for (let i = 0; i < 100; i++) bare.insert();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < commits; i++) bare.insert();
    return commits / (Number(process.hrtime.bigint() - t0) / 1e9);
  } finally {
    bare.db.close();
  }
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/** CPU time (user + system, ms) another process has used so far, from /proc; null where there is no /proc. */
export function processCpuMs(pid: number): number | null {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks (100 a second on Linux).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    const ms = (Number(fields[11]) + Number(fields[12])) * 10;
    return Number.isFinite(ms) ? ms : null;
  } catch {
    return null;
  }
}

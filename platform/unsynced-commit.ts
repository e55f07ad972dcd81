import type { Database } from 'better-sqlite3';

/**
 * Runs `write` with its commits not waiting for the disk (WAL with synchronous=NORMAL), then puts
 * the connection back to synchronous=FULL, which every Loket database runs at. For data that
 * another source can tell again (the hall's cursor of a ledger, report roll-ups that follow the
 * ticket log with their position in the same transaction): the event loop is not held for an
 * fsync that protects nothing. In WAL mode such a commit is never torn; power lost before the
 * next durable commit (whose fsync covers it too) brings back the state before it, whole. Inside
 * a transaction `write` is simply part of that one.
 */
export function commitWithoutSync<T>(db: Database, write: () => T): T {
  if (db.inTransaction) return write();
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = FULL');
  }
}

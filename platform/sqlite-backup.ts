import type { BackupMetadata } from 'better-sqlite3';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from 'better-sqlite3';

export type BackupProgress = BackupMetadata;

/** Pages copied per step while nothing else writes (4 MiB at the default page size). */
const PAGES_PER_STEP = 1024;
/** "All remaining pages" (better-sqlite3 clamps a negative count to 0). */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a live SQLite database (the counter's ledger, the hall server's store) to `destFile` with
 * SQLite's online backup API while the app keeps writing. The copy is written next to the destination and renamed into place when complete, so
 * `destFile` is always either the previous copy or a whole new one. `destFile` must not be open.
 *
 * SQLite restarts a backup when another connection writes to the source between steps; after the
 * first restart the rest is copied in one step (a read snapshot, which in WAL mode does not block
 * the writer), so a busy counter cannot keep the backup from finishing.
 */
export async function backupDatabase(
  db: Database,
  destFile: string,
  onProgress?: (p: BackupProgress) => void,
): Promise<void> {
  mkdirSync(dirname(destFile), { recursive: true });
  const partial = `${destFile}.partial`;
  removeDatabaseFiles(partial);
  let previousRemaining = Number.POSITIVE_INFINITY;
  let restarted = false;
  try {
    const done = await db.backup(partial, {
      progress: (p) => {
        // A step that did not shrink what remains means the copy started over.
        if (p.remainingPages >= previousRemaining) restarted = true;
        previousRemaining = p.remainingPages;
        onProgress?.(p);
        return restarted ? ALL_PAGES : PAGES_PER_STEP;
      },
    });
    onProgress?.(done);
  } catch (e) {
    removeDatabaseFiles(partial);
    throw e;
  }
  // A -wal or -shm left beside an older copy belongs to that copy and would damage the new one.
  rmSync(`${destFile}-wal`, { force: true });
  rmSync(`${destFile}-shm`, { force: true });
  renameSync(partial, destFile);
  syncFolder(dirname(destFile));
}

function removeDatabaseFiles(file: string): void {
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}

/** Makes the rename durable where the OS allows syncing a folder (not on Windows). */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Folders cannot be opened or synced on every platform; the copy itself is already synced.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

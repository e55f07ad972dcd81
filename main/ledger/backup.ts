import { backupDatabase, type BackupProgress } from '../../platform/sqlite-backup.ts';
import type { Ledger } from './ledger.ts';

export type { BackupProgress };

/** Copies the ledger to `destFile` while the counter keeps working (see platform/sqlite-backup.ts). */
export function backupLedger(ledger: Ledger, destFile: string, onProgress?: (p: BackupProgress) => void): Promise<void> {
  return backupDatabase(ledger.db, destFile, onProgress);
}

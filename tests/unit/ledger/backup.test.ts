import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewLedgerEvent } from '../../../core/events.ts';
import { backupLedger, type BackupProgress } from '../../../main/ledger/backup.ts';
import { Ledger } from '../../../main/ledger/ledger.ts';
import { openLedgerDb } from '../../../main/ledger/open-ledger.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const root = resolve(import.meta.dirname, '..', '..', '..');
const childScript = join(root, 'tests', 'support', 'ledger-append-child.ts');

let dir: ReturnType<typeof makeTempDir>;
let ledger: Ledger;
let file: string;

beforeEach(() => {
  dir = makeTempDir('loket-backup-');
  file = join(dir.path, 'ledger.db');
  ledger = Ledger.open({ file, timeZone: 'Asia/Jakarta' });
});
afterEach(() => {
  if (ledger.db.open) ledger.close();
  dir.remove();
});

const walkIn = (i: number): NewLedgerEvent => ({
  type: 'walkin.served',
  ticketId: randomUUID(),
  counterId: 'loket-8',
  officerId: 'petugas-4',
  leaseEpoch: 2,
  data: { serviceId: 'imigrasi', number: `W-${String((i % 999) + 1).padStart(3, '0')}` },
});

function fill(count: number): void {
  ledger.transaction(() => {
    for (let i = 0; i < count; i++) ledger.append(walkIn(i));
  });
}

/** Opens the copy the way the app would (integrity check included) and returns its events. */
function readCopy(copy: string): { deviceId: string; events: ReturnType<Ledger['eventsAfter']>; integrity: unknown } {
  const restored = Ledger.open({ file: copy, timeZone: 'Asia/Jakarta' });
  try {
    return {
      deviceId: restored.deviceId,
      events: restored.eventsAfter(0, 1_000_000),
      integrity: restored.db.pragma('integrity_check', { simple: true }),
    };
  } finally {
    restored.close();
  }
}

describe('backupLedger', () => {
  it('copies every event, reporting progress, into a file that opens and passes integrity_check', async () => {
    fill(3_000);
    const progress: BackupProgress[] = [];
    const copy = join(dir.path, 'backups', 'ledger-2025-03-10.db');
    await backupLedger(ledger, copy, (p) => progress.push(p));

    expect(progress.length).toBeGreaterThan(1);
    expect(progress[0]?.totalPages).toBeGreaterThan(0);
    expect(progress.at(-1)?.remainingPages).toBe(0);
    const restored = readCopy(copy);
    expect(restored.integrity).toBe('ok');
    expect(restored.deviceId).toBe(ledger.deviceId);
    expect(restored.events).toEqual(ledger.eventsAfter(0, 1_000_000));
    expect(existsSync(`${copy}.partial`)).toBe(false);
  });

  it('replaces an older copy, ignoring a stale -wal left beside it', async () => {
    fill(10);
    const copy = join(dir.path, 'ledger-copy.db');
    await backupLedger(ledger, copy);
    writeFileSync(`${copy}-wal`, 'stale wal from an older copy');
    fill(10);
    await backupLedger(ledger, copy);
    expect(readCopy(copy).events.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('runs while another process keeps appending to the same ledger', async () => {
    // Big enough (several MiB) that the copy takes several steps, between which the child writes.
    fill(20_000);
    const child: ChildProcessByStdio<null, Readable, Readable> = spawn(process.execPath, ['--import', 'tsx', childScript, file], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('close', (_code, signal) => r(signal)));
    try {
      const appended = (): number => out.split('\n').filter((l) => /^\d+$/.test(l)).length;
      const deadline = Date.now() + 20_000;
      while (appended() < 50) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the appending child did not start: ${stderr}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      const copy = join(dir.path, 'during-appends.db');
      const progress: BackupProgress[] = [];
      const startSeq = ledger.lastSeq();
      await backupLedger(ledger, copy, (p) => progress.push(p));
      const appendedDuring = ledger.lastSeq() - startSeq;
      expect(appendedDuring, 'the child kept appending while the backup ran').toBeGreaterThan(0);
      expect(progress.length).toBeGreaterThan(2);
      expect(progress.at(-1)?.remainingPages).toBe(0);

      const restored = readCopy(copy);
      expect(restored.integrity).toBe('ok');
      // Everything appended before the backup started is in the copy, exactly; seqs are contiguous.
      expect(restored.events.length).toBeGreaterThanOrEqual(startSeq);
      expect(restored.events.slice(0, startSeq)).toEqual(ledger.eventsAfter(0, startSeq));
      expect(restored.events.map((e) => e.seq)).toEqual(restored.events.map((_, i) => i + 1));
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    // The source is unharmed too.
    ledger.close();
    const db = openLedgerDb(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 60_000);
});

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalEventText } from '../../core/events.ts';
import { Ledger } from '../../main/ledger/ledger.ts';
import { makeTempDir } from '../support/temp-dir.ts';

/**
 * Acceptance: a child process appends to the ledger and is killed with SIGKILL at random moments,
 * many times. Every append that returned before the kill is there, seqs are contiguous, the
 * integrity check passes, hashes verify and the hybrid logical clock only goes forward.
 * Reproduce a run with LOKET_CRASH_SEED=<the printed seed>.
 */
const TRIALS = 30;
const MAX_DELAY_MS = 250;
const root = resolve(import.meta.dirname, '..', '..');
const child = join(root, 'tests', 'support', 'ledger-append-child.ts');

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Trial {
  reported: number[];
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Starts the child, waits for `ready`, kills it `delayMs` later; resolves with the seqs it printed. */
function runAndKill(file: string, delayMs: number): Promise<Trial> {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, file], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let armed = false;
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!armed && out.startsWith('ready\n')) {
        armed = true;
        setTimeout(() => proc.kill('SIGKILL'), delayMs);
      }
    });
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    proc.on('error', reject);
    proc.on('close', (_code, signal) => {
      const lines = out.split('\n');
      // The last line may be cut off by the kill: only whole lines count.
      const whole = lines.slice(1, -1);
      resolvePromise({ reported: whole.map(Number), signal, stderr });
    });
  });
}

describe('ledger survives SIGKILL at random moments', () => {
  const dir = makeTempDir('loket-crash-');
  afterAll(() => dir.remove());

  it(`keeps every returned append over ${TRIALS} kills`, async () => {
    const seed = Number(process.env['LOKET_CRASH_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`ledger-crash seed=${seed} (rerun with LOKET_CRASH_SEED=${seed})`);
    const random = mulberry32(seed);
    const file = join(dir.path, 'ledger.db');
    let checkedThrough = 0;
    let lastHlc = '';
    let totalReported = 0;

    for (let trial = 1; trial <= TRIALS; trial++) {
      const delayMs = Math.floor(random() * MAX_DELAY_MS);
      const { reported, signal, stderr } = await runAndKill(file, delayMs);
      const context = `seed=${seed} trial=${trial} delay=${delayMs}ms`;
      expect(signal, `${context}: child did not die by SIGKILL; stderr: ${stderr}`).toBe('SIGKILL');
      totalReported += reported.length;

      const ledger = Ledger.open({ file, timeZone: 'Asia/Jakarta' }); // runs integrity_check
      try {
        expect(ledger.db.pragma('integrity_check', { simple: true }), context).toBe('ok');
        const last = ledger.lastSeq();
        const stats = ledger.db
          .prepare('SELECT COUNT(*) AS n, MIN(seq) AS lo, MAX(seq) AS hi FROM events WHERE device_id = ?')
          .get(ledger.deviceId) as { n: number; lo: number | null; hi: number | null };
        if (last > 0) expect({ n: stats.n, lo: stats.lo, hi: stats.hi }, context).toEqual({ n: last, lo: 1, hi: last });
        for (const seq of reported) expect(seq, `${context}: reported seq ${seq} is missing`).toBeLessThanOrEqual(last);
        // Reported seqs are exactly the run of appends of this trial, continuing the ledger.
        if (reported.length > 0) {
          expect(reported[0], context).toBe(checkedThrough + 1);
          expect(reported, context).toEqual(reported.map((_, i) => checkedThrough + 1 + i));
        }
        for (const e of ledger.eventsAfter(checkedThrough, 1_000_000)) {
          const { hash, ...rest } = e;
          expect(hash, `${context}: seq ${e.seq}`).toBe(createHash('sha256').update(canonicalEventText(rest)).digest('hex'));
          expect(e.hlc > lastHlc, `${context}: hlc went backwards at seq ${e.seq}`).toBe(true);
          lastHlc = e.hlc;
        }
        checkedThrough = last;
      } finally {
        ledger.close();
      }
    }
    // The test must have exercised appends, not only killed children during start-up.
    expect(totalReported).toBeGreaterThan(TRIALS);
  }, 120_000);
});

import type { Database } from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { NewLedgerEvent } from '../../core/events.ts';
import { Ledger } from '../../main/ledger/ledger.ts';
import { openLedgerDb } from '../../main/ledger/open-ledger.ts';
import { uuidv7 } from '../../core/uuid7.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { openBareTable, percentile, round3 } from './baseline.ts';

/**
 * Ledger.append against the floor it cannot beat: a bare table with the same pragmas (WAL,
 * synchronous=FULL) committing one INSERT of a row of the same size per transaction. Target:
 * ratio >= 0.7. A third, diagnostic figure inserts prepared rows straight into the ledger's own
 * schema (indexes and triggers, no Ledger code), which splits the gap into "schema" and "code".
 * The three take turns write by write so that machine noise affects them alike.
 */
const ROUNDS = 8;
const PER_ROUND = 250;
const WARMUP = 100;

function sampleEvent(i: number): NewLedgerEvent {
  // Ticket ids are made as the app makes them (core/uuid7.ts: time-ordered).
  const ticketId = uuidv7();
  const base = { ticketId, counterId: 'loket-07', officerId: 'officer-12', leaseEpoch: 3 };
  return i % 2 === 0
    ? { ...base, type: 'walkin.served', data: { serviceId: 'ktp-el', number: `W-${String(i % 1000).padStart(3, '0')}` } }
    : { ...base, type: 'ticket.finished', data: { outcome: 'served', note: null } };
}

/** Raw INSERTs of ready-made rows into a database with the ledger's schema. */
function openSchemaOnly(file: string): { insert: (row: unknown[]) => void; row: (seq: number) => unknown[]; db: Database } {
  const db = openLedgerDb(file);
  const stmt = db.prepare(
    `INSERT INTO events (device_id, seq, event_id, type, at, server_at, hlc, ticket_id, counter_id, officer_id,
       lease_epoch, data, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const device = randomUUID();
  const row = (seq: number): unknown[] => {
    const t = Date.now();
    const hash = createHash('sha256').update(String(seq)).digest('hex');
    const data = seq % 2 ? '{"outcome":"served","note":null}' : '{"number":"W-001","serviceId":"ktp-el"}';
    const type = seq % 2 ? 'ticket.finished' : 'walkin.served';
    return [device, seq, uuidv7(t), type, t, t, `${String(t).padStart(15, '0')}-00000-${device}`, uuidv7(t), 'loket-07', 'officer-12', 3, data, hash];
  };
  return { insert: (r) => stmt.run(r), row, db };
}


function timed(times: number[], fn: () => void): void {
  const t0 = process.hrtime.bigint();
  fn();
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}

const perSecond = (ms: number[]): number => ms.length / (ms.reduce((a, b) => a + b, 0) / 1000);

export default async function ledgerBench(): Promise<Record<string, number | string>> {
  const dir = makeTempDir('loket-bench-');
  const ledger = Ledger.open({ file: join(dir.path, 'ledger.db'), timeZone: 'Asia/Jakarta' });
  try {
    const first = ledger.append(sampleEvent(0));
    const rowBytes = Object.values(first).reduce<number>((n, v) => n + String(typeof v === 'object' ? JSON.stringify(v) : v).length, 0);
    const bare = openBareTable(join(dir.path, 'bare.db'), rowBytes);
    const schema = openSchemaOnly(join(dir.path, 'schema.db'));
    let i = 1;
    let schemaSeq = 0;
    for (let w = 0; w < WARMUP; w++) {
      ledger.append(sampleEvent(i++));
      bare.insert();
      schema.insert(schema.row(++schemaSeq));
    }
    const appendMs: number[] = [];
    const bareMs: number[] = [];
    const schemaMs: number[] = [];
    // One append, one bare commit and one schema-only insert in turn, the order rotating, so that
    // a disk or CPU stall of this shared machine lands on all three alike.
    const steps: (() => void)[] = [
      () => { const e = sampleEvent(i++); timed(appendMs, () => ledger.append(e)); },
      () => timed(bareMs, bare.insert),
      () => { const r = schema.row(++schemaSeq); timed(schemaMs, () => schema.insert(r)); },
    ];
    for (let k = 0; k < ROUNDS * PER_ROUND; k++) for (let s = 0; s < steps.length; s++) steps[(k + s) % steps.length]!();
    bare.db.close();
    schema.db.close();

    const appendsPerS = perSecond(appendMs);
    const bareCommitsPerS = perSecond(bareMs);
    const schemaCommitsPerS = perSecond(schemaMs);
    const sortedAppend = [...appendMs].sort((a, b) => a - b);
    const sortedBare = [...bareMs].sort((a, b) => a - b);
    return {
      n: appendMs.length,
      row_bytes: rowBytes,
      append_p50_ms: round3(percentile(sortedAppend, 50)),
      append_p99_ms: round3(percentile(sortedAppend, 99)),
      appends_per_s: Math.round(appendsPerS),
      baseline_p50_ms: round3(percentile(sortedBare, 50)),
      baseline_p99_ms: round3(percentile(sortedBare, 99)),
      baseline_commits_per_s: Math.round(bareCommitsPerS),
      ratio: round3(appendsPerS / bareCommitsPerS),
      schema_only_commits_per_s: Math.round(schemaCommitsPerS),
      schema_ratio: round3(schemaCommitsPerS / bareCommitsPerS),
      code_ratio: round3(appendsPerS / schemaCommitsPerS),
    };
  } finally {
    ledger.close();
    dir.remove();
  }
}

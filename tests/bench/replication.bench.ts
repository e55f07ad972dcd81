import Sqlite from 'better-sqlite3';
import { join } from 'node:path';
import type { z } from 'zod';
import type { LedgerEvent } from '../../core/events.ts';
import { uuidv7 } from '../../core/uuid7.ts';
import { Ledger } from '../../main/ledger/ledger.ts';
import { HallHttp } from '../../main/sync/hall-http.ts';
import { Replicator } from '../../main/sync/replicator.ts';
import { ServerClock } from '../../main/sync/server-clock.ts';
import { AuthService } from '../../server/auth/auth-service.ts';
import { seedDemo } from '../../server/demo/seed-demo.ts';
import { HALL_DB_FILE } from '../../server/http/hall-server.ts';
import { openHallStore } from '../../server/store/open-store.ts';
import { startHallProcess } from '../support/hall-process.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { round3 } from './baseline.ts';

/**
 * A counter that worked offline with a backlog of 100 000 events (walk-ins served and finished)
 * catches up with the real hall server (its own process): the replicator pushes in batches until
 * the server has acknowledged the last one (`catchup_s`: every event stored once, durably). The
 * live queue applies them in the background; `applied_s` is when it has applied the last.
 *
 * Baseline, same run: the same rows bulk-inserted into a bare table of the same columns with the
 * server's pragmas (WAL, synchronous=FULL), one transaction per batch of the same size.
 */
const BACKLOG = 100_000;
const BATCH = 5000;
const COUNTER = 'loket-1';

function fillLedger(ledger: Ledger): void {
  const day = Date.now();
  for (let done = 0; done < BACKLOG; ) {
    ledger.transaction(() => {
      for (let k = 0; k < 1000 && done < BACKLOG; k += 2, done += 2) {
        const ticketId = uuidv7(day);
        const n = done / 2 + 1;
        const base = { ticketId, counterId: COUNTER, officerId: 'petugas01', leaseEpoch: null };
        ledger.append({ ...base, type: 'walkin.served', data: { serviceId: 'ktp-el', number: `L1-${String(n).padStart(5, '0')}` } });
        ledger.append({ ...base, type: 'ticket.finished', data: { outcome: n % 5 === 0 ? 'pending' : 'served', note: null } });
      }
    });
  }
}

/** Bulk inserts of the ledger's rows into a bare server-side table, per second. */
function baselineInsertsPerSecond(file: string, events: LedgerEvent[]): number {
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE bare (ledger_id TEXT NOT NULL, seq INTEGER NOT NULL, event_id TEXT, type TEXT, at INTEGER, server_at INTEGER,
    hlc TEXT, ticket_id TEXT, counter_id TEXT, officer_id TEXT, lease_epoch INTEGER, data TEXT, hash TEXT, received_at INTEGER,
    PRIMARY KEY (ledger_id, seq)) WITHOUT ROWID`);
  const insert = db.prepare('INSERT INTO bare VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const batch = db.transaction((rows: LedgerEvent[]) => {
    const now = Date.now();
    for (const e of rows) {
      insert.run(e.deviceId, e.seq, e.eventId, e.type, e.at, e.serverAt, e.hlc, e.ticketId, e.counterId, e.officerId, e.leaseEpoch, JSON.stringify(e.data), e.hash, now);
    }
  });
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += BATCH) batch(events.slice(i, i + BATCH));
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  return events.length / seconds;
}

export default async function replicationBench(): Promise<Record<string, number | string>> {
  const dir = makeTempDir('loket-bench-repl-');
  const hallDir = join(dir.path, 'hall');
  const db = openHallStore(join(hallDir, HALL_DB_FILE));
  const auth = new AuthService({ db, now: Date.now });
  await seedDemo(db, auth);
  const code = auth.createEnrollCode({ kind: 'counter', counterId: COUNTER, ttlMinutes: 60 }).code;
  db.close();

  const ledger = Ledger.open({ file: join(dir.path, 'ledger.sqlite'), timeZone: 'Asia/Jakarta' });
  fillLedger(ledger);
  const events = ledger.eventsAfter(0, BACKLOG);
  const server = await startHallProcess(hallDir);
  const http = new HallHttp({ url: server.url, pin: null });
  let replicator: Replicator | null = null;
  try {
    const enrolled = await http.request('POST', '/devices/enroll', {
      body: { code, name: 'bench', ledgerId: ledger.deviceId },
      schema: (await import('../../core/api.ts')).EnrollResponseSchema,
    });
    const token = enrolled?.token ?? '';
    const link = {
      clock: new ServerClock(),
      enrolled: true,
      request: <S extends z.ZodType>(_caller: unknown, method: string, path: string, schema: S, body?: unknown) =>
        http.request(method, path, { token, body, schema, timeoutMs: 60_000 }),
    };
    let done: () => void = () => undefined;
    const caughtUp = new Promise<void>((resolve) => (done = resolve));
    const r = new Replicator({
      ledger,
      link,
      now: Date.now,
      batchSize: BATCH,
      onStatus: (s) => {
        if (s.pending === 0 && s.ackedThrough >= BACKLOG) done();
      },
    });
    replicator = r;
    const t0 = performance.now();
    r.kick();
    await caughtUp;
    const catchupS = (performance.now() - t0) / 1000;
    const status = r.status();
    // The live queue follows in the background: how long until it has applied everything.
    const watch = new Sqlite(join(hallDir, HALL_DB_FILE), { readonly: true });
    const appliedThrough = watch.prepare('SELECT applied_through FROM sync_ledgers WHERE ledger_id = ?').pluck();
    while ((appliedThrough.get(ledger.deviceId) as number) < BACKLOG) await new Promise((resolve) => setTimeout(resolve, 50));
    const appliedS = (performance.now() - t0) / 1000;
    watch.close();
    await server.stop();

    const check = openHallStore(join(hallDir, HALL_DB_FILE));
    const stored = check.prepare('SELECT COUNT(*) FROM sync_events').pluck().get() as number;
    const applied = check.prepare(`SELECT COUNT(*) FROM sync_events WHERE outcome = 'applied'`).pluck().get() as number;
    const walkIns = check.prepare(`SELECT COUNT(*) FROM tickets WHERE channel = 'counter' AND status = 'done'`).pluck().get() as number;
    check.close();
    if (stored !== BACKLOG || applied !== BACKLOG || walkIns !== BACKLOG / 2) {
      throw new Error(`the server holds ${stored} events (${applied} applied, ${walkIns} walk-ins done); expected ${BACKLOG}`);
    }
    const baseline = baselineInsertsPerSecond(join(dir.path, 'bare.db'), events);
    const perSecond = BACKLOG / catchupS;
    return {
      backlog_events: BACKLOG,
      batch_events: BATCH,
      catchup_s: round3(catchupS),
      applied_s: round3(appliedS),
      events_per_s: Math.round(perSecond),
      baseline_inserts_per_s: Math.round(baseline),
      ratio: round3(perSecond / baseline),
      rejected: status.rejected.length,
    };
  } finally {
    replicator?.close();
    http.close();
    ledger.close();
    await server.stop();
    dir.remove();
  }
}

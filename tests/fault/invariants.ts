import Database from 'better-sqlite3';
import { PENDING_CALL_KEY } from '../../main/sync/delivery.ts';
import type { AckLine } from './driver-protocol.ts';

/** One counter's ledger file and what its driver processes acknowledged to the officer. */
export interface LedgerUnderTest {
  counterId: string;
  file: string;
  acks: readonly AckLine[];
}

/** What broke (empty when all holds) and how much was checked, so a pass is not a pass over nothing. */
export interface InvariantReport {
  violations: string[];
  counts: { events: number; tickets: number; acked: number; walkIns: number; finished: number };
}

interface LedgerRow {
  seq: number;
  hash: string;
  event_id: string;
  type: string;
  ticket_id: string | null;
  counter_id: string;
  lease_epoch: number | null;
  data: string;
}

interface ServerEventRow {
  seq: number;
  hash: string;
  outcome: string | null;
  problem: string | null;
}

/** The status `ticket_log` says a ticket has: its entries folded in order. */
const STATUS_AFTER: Readonly<Record<string, string>> = {
  'ticket.issued': 'waiting',
  'ticket.called': 'called',
  'ticket.recalled': 'called',
  'ticket.started': 'serving',
  'ticket.finished': 'done',
  'ticket.no_show': 'no_show',
  'ticket.returned': 'waiting',
  'ticket.transferred': 'transferred',
  'ticket.cancelled': 'cancelled',
  'ticket.reactivated': 'waiting',
};

/** Ledger event types after which the counter no longer holds the ticket. */
const RELEASING = new Set(['ticket.finished', 'ticket.no_show', 'ticket.returned', 'ticket.transferred']);

const readOnly = (file: string): Database.Database => new Database(file, { readonly: true, fileMustExist: true });

/** Per-counter totals as one side tells them. */
interface Totals {
  served: number;
  pending: number;
  noShow: number;
  walkIns: number;
}

function ledgerTotals(events: readonly LedgerRow[]): Totals {
  const totals: Totals = { served: 0, pending: 0, noShow: 0, walkIns: 0 };
  for (const e of events) {
    if (e.type === 'ticket.finished') {
      const outcome = (JSON.parse(e.data) as { outcome: 'served' | 'pending' }).outcome;
      totals[outcome] += 1;
    } else if (e.type === 'ticket.no_show') totals.noShow += 1;
    else if (e.type === 'walkin.served') totals.walkIns += 1;
  }
  return totals;
}

/**
 * The ticket a ledger holds at the end: its last call or walk-in, unless released after; a call
 * settled late over a walk-in (recorded with its return) leaves the walk-in held, as in
 * main/ledger/queries.ts `heldTicket`.
 */
function heldByLedger(events: readonly LedgerRow[]): string | null {
  let held: string | null = null;
  let under: string | null = null;
  for (const e of events) {
    if (e.type === 'ticket.called' || e.type === 'walkin.served') {
      under = held;
      held = e.ticket_id;
    } else if (RELEASING.has(e.type)) {
      if (e.ticket_id === held) {
        held = under;
        under = null;
      } else if (e.ticket_id === under) under = null;
    }
  }
  return held;
}

/**
 * The fault suite's invariants (issue 4, item 6), checked on the files once every process has
 * stopped: what the counters recorded against what the hall server stored and did with it. Each
 * violation is one sentence naming the ledger, seq or ticket, so a failing seed can be debugged
 * from the report alone.
 */
export function checkInvariants(hallFile: string, ledgers: readonly LedgerUnderTest[]): InvariantReport {
  const violations: string[] = [];
  const hall = readOnly(hallFile);
  const counts = { events: 0, tickets: 0, acked: 0, walkIns: 0, finished: 0 };
  const epochOwners = new Map<number, string>();
  const heldBy = new Map<string, string>();
  try {
    const serverEvents = hall.prepare<[string], ServerEventRow>('SELECT seq, hash, outcome, problem FROM sync_events WHERE ledger_id = ? ORDER BY seq');
    const ackedThrough = hall.prepare<[string], { acked_through: number }>('SELECT acked_through FROM sync_ledgers WHERE ledger_id = ?');
    const byEventId = hall.prepare<[string], { n: number }>('SELECT count(*) AS n FROM sync_events WHERE event_id = ?');
    const serverTotals = hall.prepare<[string], Totals>(
      `SELECT count(*) FILTER (WHERE status = 'done' AND outcome = 'served') AS served,
              count(*) FILTER (WHERE status = 'done' AND outcome = 'pending') AS pending,
              count(*) FILTER (WHERE status = 'no_show') AS noShow,
              count(*) FILTER (WHERE channel = 'counter') AS walkIns
       FROM tickets WHERE counter_id = ?`,
    );
    const ticketRow = hall.prepare<[string], { status: string; counter_id: string | null }>('SELECT status, counter_id FROM tickets WHERE id = ?');
    const serverLease = hall.prepare<[string], { number: string; status: string; lease_epoch: number | null }>('SELECT number, status, lease_epoch FROM tickets WHERE id = ?');
    const serverHeld = hall.prepare<[string], { current_ticket_id: string | null }>('SELECT current_ticket_id FROM counter_state WHERE counter_id = ?');

    for (const l of ledgers) {
      const db = readOnly(l.file);
      let events: LedgerRow[];
      let ledgerId: string;
      let pendingCall: string | null;
      try {
        ledgerId = (db.prepare(`SELECT value FROM meta WHERE key = 'device_id'`).get() as { value: string }).value;
        events = db.prepare('SELECT seq, hash, event_id, type, ticket_id, counter_id, lease_epoch, data FROM events ORDER BY seq').all() as LedgerRow[];
        const pending = (db.prepare('SELECT value FROM settings WHERE key = ?').get(PENDING_CALL_KEY) as { value: string } | undefined)?.value ?? '';
        pendingCall = pending === '' ? null : pending;
      } finally {
        db.close();
      }
      const where = `${l.counterId} (ledger ${ledgerId.slice(0, 8)})`;
      counts.events += events.length;
      const local = new Map(events.map((e) => [e.seq, e]));
      const stored = new Map(serverEvents.all(ledgerId).map((e) => [e.seq, e]));
      const last = events.at(-1)?.seq ?? 0;

      events.forEach((e, i) => {
        if (e.seq !== i + 1) violations.push(`${where}: ledger seq ${e.seq} at position ${i + 1} (the ledger has a gap)`);
        const s = stored.get(e.seq);
        if (s === undefined) return void violations.push(`${where}: event ${e.seq} (${e.type}) is not on the server`);
        if (s.hash !== e.hash) violations.push(`${where}: event ${e.seq} (${e.type}) is on the server with another hash`);
        if (s.outcome !== 'applied') violations.push(`${where}: event ${e.seq} (${e.type}, ticket ${e.ticket_id ?? '-'}) was ${s.outcome ?? 'never applied'}: ${s.problem ?? ''}`);
        const copies = byEventId.get(e.event_id)?.n ?? 0;
        if (copies !== 1) violations.push(`${where}: event ${e.seq} (${e.type}) is stored ${copies} times on the server`);
      });
      const serverSeqs = [...stored.keys()];
      serverSeqs.forEach((seq, i) => {
        if (seq !== i + 1) violations.push(`${where}: server seq ${seq} at position ${i + 1} (not contiguous)`);
        if (!local.has(seq)) violations.push(`${where}: the server holds event ${seq}, which the ledger does not`);
      });
      const acked = ackedThrough.get(ledgerId)?.acked_through ?? 0;
      if (acked !== (serverSeqs.at(-1) ?? 0)) violations.push(`${where}: sync_ledgers.acked_through is ${acked}, the highest stored seq ${serverSeqs.at(-1) ?? 0}`);
      if (acked !== last) violations.push(`${where}: the server acknowledged ${acked} of the ledger's ${last} events after draining`);

      for (const a of l.acks) {
        counts.acked += 1;
        const e = local.get(a.ack);
        if (e === undefined || e.hash !== a.hash) violations.push(`${where}: acknowledged ${a.type} (seq ${a.ack}) is ${e === undefined ? 'missing from' : 'different in'} the ledger`);
        else if (stored.get(a.ack)?.hash !== a.hash) violations.push(`${where}: acknowledged ${a.type} (seq ${a.ack}) is not on the server as recorded`);
      }

      for (const e of events) {
        if (e.lease_epoch === null || (e.type !== 'ticket.called' && e.type !== 'walkin.served')) continue;
        const owner = `${e.ticket_id ?? '-'}@${l.counterId}`;
        const previous = epochOwners.get(e.lease_epoch);
        if (previous !== undefined && previous !== owner) violations.push(`lease ${e.lease_epoch} was called in two ledgers: ${previous} and ${owner}`);
        epochOwners.set(e.lease_epoch, owner);
      }

      const mine = ledgerTotals(events);
      counts.walkIns += mine.walkIns;
      counts.finished += mine.served + mine.pending;
      const theirs = serverTotals.get(l.counterId) as Totals;
      for (const key of ['served', 'pending', 'noShow', 'walkIns'] as const) {
        if (mine[key] !== theirs[key]) violations.push(`${where}: ${key} is ${mine[key]} in the ledger, ${theirs[key]} on the server`);
      }

      const held = heldByLedger(events);
      const onServer = serverHeld.get(l.counterId)?.current_ticket_id ?? null;
      if (held !== null) {
        const other = heldBy.get(held);
        if (other !== undefined) violations.push(`ticket ${held} is held by two counters: ${other} and ${l.counterId}`);
        heldBy.set(held, l.counterId);
        const row = ticketRow.get(held);
        if (row?.counter_id !== l.counterId) violations.push(`${where}: holds ticket ${held}, which the server gives to ${row?.counter_id ?? 'nobody'}`);
      }
      if (onServer !== held) {
        const lease = onServer === null ? null : (serverLease.get(onServer) ?? null);
        const recorded = lease !== null && events.some((e) => e.ticket_id === onServer && e.lease_epoch === lease.lease_epoch);
        violations.push(
          `${where}: the ledger holds ${held ?? 'no ticket'}, the server says the counter holds ${onServer ?? 'none'}` +
            (lease === null ? '' : ` (${lease.number}, ${lease.status} under lease ${lease.lease_epoch}, ${recorded ? 'recorded' : 'never recorded'} in this ledger)`) +
            (pendingCall === null ? '' : `; a call whose answer was lost is still pending: ${pendingCall}`),
        );
      }
    }

    checkQueue(hall, violations);
    counts.tickets = (hall.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
    for (const a of hall.prepare('SELECT kind, ledger_id, seq, detail FROM sync_alarms').all() as { kind: string; ledger_id: string; seq: number | null; detail: string }[]) {
      violations.push(`alarm ${a.kind} on ledger ${a.ledger_id.slice(0, 8)} seq ${a.seq ?? '-'}: ${a.detail}`);
    }
  } finally {
    hall.close();
  }
  return { violations, counts };
}

/** The server's queue against its own audit log: one owner per lease, one counter per ticket, statuses rebuilt. */
function checkQueue(hall: Database.Database, violations: string[]): void {
  const leases = hall
    .prepare(
      `SELECT lease_epoch, group_concat(DISTINCT ticket_id || '@' || counter_id) AS owners FROM ticket_log
       WHERE lease_epoch IS NOT NULL GROUP BY lease_epoch HAVING count(DISTINCT ticket_id || '@' || counter_id) > 1`,
    )
    .all() as { lease_epoch: number; owners: string }[];
  for (const l of leases) violations.push(`lease ${l.lease_epoch} was given to several (ticket, counter) pairs: ${l.owners}`);

  const doubled = hall
    .prepare(`SELECT current_ticket_id AS id, group_concat(counter_id) AS counters FROM counter_state WHERE current_ticket_id IS NOT NULL GROUP BY current_ticket_id HAVING count(*) > 1`)
    .all() as { id: string; counters: string }[];
  for (const d of doubled) violations.push(`ticket ${d.id} is current at several counters: ${d.counters}`);

  const rebuilt = new Map<string, string>();
  for (const row of hall.prepare('SELECT ticket_id, action FROM ticket_log WHERE ticket_id IS NOT NULL ORDER BY id').iterate() as IterableIterator<{ ticket_id: string; action: string }>) {
    const next = STATUS_AFTER[row.action];
    if (next === undefined) violations.push(`ticket_log has an unknown action ${row.action} for ticket ${row.ticket_id}`);
    else rebuilt.set(row.ticket_id, next);
  }
  for (const t of hall.prepare('SELECT id, number, status FROM tickets').iterate() as IterableIterator<{ id: string; number: string; status: string }>) {
    const fromLog = rebuilt.get(t.id);
    if (fromLog !== t.status) violations.push(`ticket ${t.number} (${t.id}) is ${t.status} on the server, ${fromLog ?? 'absent'} rebuilt from ticket_log`);
  }
}

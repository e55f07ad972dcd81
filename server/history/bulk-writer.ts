import type { Database, Statement } from 'better-sqlite3';
import { HALL_CACHE_KIB } from '../store/open-store.ts';
import type { HistoryAction, PlannedTicket } from './history-actions.ts';

/**
 * Writes days of history straight into the tables, fast: the rows the queue functions
 * (server/queue/) would have written for the same actions, byte for byte (queue-writer.ts runs
 * those functions; a test holds the two equal). Each ticket is inserted once in its final state
 * (before its log entries, which refer to it), `ticket_log` gets every entry in order, and the
 * counters, daily sequences and lease fencing get their end-of-day state. Days are written in
 * batches of about BATCH_ROWS rows, one transaction each, with a larger page cache while loading.
 * The report roll-ups are not touched: rebuild them afterwards (rebuild-rollups.ts).
 */
const BATCH_ROWS = 300_000;
const LOADING_CACHE_KIB = 256 * 1024;
interface TicketRow {
  id: string;
  service_id: string;
  number: string;
  seq_no: number;
  service_day: string;
  channel: string;
  priority: string;
  tracking_code: string;
  status: string;
  queued_at: number;
  issued_at: number;
  called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  counter_id: string | null;
  officer_id: string | null;
  call_count: number;
  outcome: string | null;
  note: string | null;
  lease_epoch: number | null;
  target_counter_id: string | null;
  transferred_from: string | null;
  transfer_reason: string | null;
}

interface CounterRow {
  counter_id: string;
  status: 'closed' | 'open' | 'paused';
  pause_reason: string | null;
  officer_id: string | null;
  officer_name: string | null;
  service_ids: string;
  current_ticket_id: string | null;
  since: number;
  normals_since_priority: number;
  call_request_id: string | null;
  call_answer: string | null;
}

type LogRow = [ticketId: string | null, action: string, at: number, counterId: string | null, actorId: string | null, leaseEpoch: number | null, detail: string];

const TICKET_COLUMNS = [
  'id', 'service_id', 'number', 'seq_no', 'service_day', 'channel', 'priority', 'tracking_code', 'status', 'queued_at', 'issued_at',
  'called_at', 'started_at', 'finished_at', 'counter_id', 'officer_id', 'call_count', 'outcome', 'note', 'lease_epoch',
  'target_counter_id', 'transferred_from', 'transfer_reason',
] as const;
const COUNTER_COLUMNS = [
  'counter_id', 'status', 'pause_reason', 'officer_id', 'officer_name', 'service_ids', 'current_ticket_id', 'since',
  'normals_since_priority', 'call_request_id', 'call_answer',
] as const;

/** Inserts rows many per statement (a third cheaper than one INSERT each). */
class BatchInsert {
  private readonly statements = new Map<number, Statement>();
  constructor(
    private readonly db: Database,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly batch: number,
  ) {}

  private statement(rows: number): Statement {
    let stmt = this.statements.get(rows);
    if (stmt === undefined) {
      const one = `(${this.columns.map(() => '?').join(', ')})`;
      stmt = this.db.prepare(`INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => one).join(', ')}`);
      this.statements.set(rows, stmt);
    }
    return stmt;
  }

  run(rows: readonly (readonly unknown[])[]): void {
    for (let i = 0; i < rows.length; i += this.batch) {
      const part = rows.slice(i, i + this.batch);
      this.statement(part.length).run(part.flat());
    }
  }
}

export class BulkWriter {
  private readonly insertTicket: BatchInsert;
  private readonly insertLog: BatchInsert;
  private readonly saveCounter: Statement;
  private readonly saveSequence: Statement;
  private readonly counters = new Map<string, CounterRow>();
  private epoch: number;
  private pendingTickets: unknown[][] = [];
  private pendingLog: LogRow[] = [];
  private readonly pendingSequences = new Map<string, [string, string, number]>();
  private readonly pendingCounters = new Set<string>();

  constructor(private readonly db: Database) {
    this.insertTicket = new BatchInsert(db, 'tickets', TICKET_COLUMNS, 40);
    this.insertLog = new BatchInsert(db, 'ticket_log', ['ticket_id', 'action', 'at', 'counter_id', 'actor_id', 'lease_epoch', 'detail'], 100);
    this.saveCounter = db.prepare(
      `INSERT OR REPLACE INTO counter_state (${COUNTER_COLUMNS.join(', ')}) VALUES (${COUNTER_COLUMNS.map(() => '?').join(', ')})`,
    );
    this.saveSequence = db.prepare(
      `INSERT INTO daily_sequences (service_id, service_day, last_seq) VALUES (?, ?, ?)
       ON CONFLICT (service_id, service_day) DO UPDATE SET last_seq = excluded.last_seq`,
    );
    for (const row of db.prepare(`SELECT ${COUNTER_COLUMNS.join(', ')} FROM counter_state`).all() as CounterRow[]) this.counters.set(row.counter_id, row);
    this.epoch = db.prepare('SELECT last_epoch FROM fencing WHERE id = 1').pluck().get() as number;
    db.pragma(`cache_size = -${LOADING_CACHE_KIB}`);
  }

  writeDay(actions: readonly HistoryAction[]): void {
    const tickets = new Map<string, TicketRow>();
    const log = this.pendingLog;
    const sequences = this.pendingSequences;
    const touched = this.pendingCounters;
    const ticket = (id: string): TicketRow => {
      const row = tickets.get(id);
      if (row === undefined) throw new Error(`history action on a ticket not made this day: ${id}`);
      return row;
    };
    const counter = (id: string, at: number): CounterRow => {
      touched.add(id);
      let row = this.counters.get(id);
      if (row === undefined) {
        row = { counter_id: id, status: 'closed', pause_reason: null, officer_id: null, officer_name: null, service_ids: '[]', current_ticket_id: null, since: at, normals_since_priority: 0, call_request_id: null, call_answer: null };
        this.counters.set(id, row);
      }
      return row;
    };
    const entry = (row: TicketRow, action: string, at: number, counterId: string | null, detail: object = {}, actorId = row.officer_id): void =>
      void log.push([row.id, action, at, counterId, actorId, row.lease_epoch, JSON.stringify(detail)]);
    const counterEntry = (c: CounterRow, action: string, at: number, actorId: string | null, detail: object = {}): void =>
      void log.push([null, action, at, c.counter_id, actorId, null, JSON.stringify(detail)]);
    const release = (counterId: string, at: number): void => {
      const c = counter(counterId, at);
      c.current_ticket_id = null;
      c.since = at;
    };

    for (const a of actions) {
      const t = a.t;
      switch (a.kind) {
        case 'issue': {
          const row = newTicket(a.ticket, t);
          tickets.set(row.id, row);
          sequences.set(`${row.service_id}\u0001${row.service_day}`, [row.service_id, row.service_day, row.seq_no]);
          log.push([row.id, 'ticket.issued', t, null, null, null, JSON.stringify({ number: row.number, channel: row.channel, priority: row.priority })]);
          break;
        }
        case 'open':
        case 'update': {
          // As openCounter: a closed counter opens; an open or paused one changes officer and services in place.
          const c = counter(a.counterId, t);
          const serviceIds = [...new Set(a.serviceIds)];
          const opening = c.status === 'closed';
          if (opening) Object.assign(c, { status: 'open', pause_reason: null, since: t, normals_since_priority: 0 });
          Object.assign(c, { officer_id: a.officer.id, officer_name: a.officer.name, service_ids: JSON.stringify(serviceIds) });
          counterEntry(c, opening ? 'counter.opened' : 'counter.updated', t, a.officer.id, { serviceIds });
          break;
        }
        case 'pause': {
          const c = counter(a.counterId, t);
          Object.assign(c, { status: 'paused', pause_reason: a.reason, since: t });
          counterEntry(c, 'counter.paused', t, c.officer_id, { reason: a.reason });
          break;
        }
        case 'resume': {
          const c = counter(a.counterId, t);
          Object.assign(c, { status: 'open', pause_reason: null, since: t });
          counterEntry(c, 'counter.resumed', t, c.officer_id);
          break;
        }
        case 'close': {
          const c = counter(a.counterId, t);
          const officer = c.officer_id;
          Object.assign(c, { status: 'closed', pause_reason: null, officer_id: null, officer_name: null, service_ids: '[]', since: t, normals_since_priority: 0 });
          counterEntry(c, 'counter.closed', t, officer);
          break;
        }
        case 'call': {
          const row = ticket(a.ticketId);
          const c = counter(a.counterId, t);
          this.epoch += 1;
          Object.assign(row, { status: 'called', called_at: t, counter_id: a.counterId, officer_id: a.officerId, call_count: 1, lease_epoch: this.epoch });
          Object.assign(c, { current_ticket_id: row.id, since: t, normals_since_priority: row.priority === 'priority' ? 0 : c.normals_since_priority + 1 });
          entry(row, 'ticket.called', t, a.counterId, { serviceId: row.service_id, number: row.number }, a.officerId);
          break;
        }
        case 'recall': {
          const row = ticket(a.ticketId);
          Object.assign(row, { call_count: row.call_count + 1, called_at: t });
          entry(row, 'ticket.recalled', t, a.counterId, { callCount: row.call_count });
          break;
        }
        case 'start': {
          const row = ticket(a.ticketId);
          row.status = 'serving';
          row.started_at = t;
          entry(row, 'ticket.started', t, a.counterId);
          break;
        }
        case 'finish': {
          const row = ticket(a.ticketId);
          const note = a.note === null ? null : a.note.trim() || null;
          Object.assign(row, { status: 'done', finished_at: t, outcome: a.outcome, note });
          release(a.counterId, t);
          entry(row, 'ticket.finished', t, a.counterId, { outcome: a.outcome, note });
          break;
        }
        case 'no_show': {
          const row = ticket(a.ticketId);
          row.status = 'no_show';
          release(a.counterId, t);
          entry(row, 'ticket.no_show', t, a.counterId);
          break;
        }
        case 'return': {
          const row = ticket(a.ticketId);
          entry(row, 'ticket.returned', t, a.counterId);
          Object.assign(row, { status: 'waiting', called_at: null, counter_id: null, officer_id: null });
          release(a.counterId, t);
          break;
        }
        case 'transfer': {
          const row = ticket(a.ticketId);
          row.status = 'transferred';
          row.finished_at = t;
          release(a.counterId, t);
          const reason = a.reason.trim();
          const moved: TicketRow = {
            ...row,
            id: a.newTicketId,
            service_id: a.toServiceId ?? row.service_id,
            status: 'waiting',
            called_at: null,
            started_at: null,
            finished_at: null,
            counter_id: null,
            officer_id: null,
            call_count: 0,
            outcome: null,
            note: null,
            lease_epoch: null,
            target_counter_id: a.toCounterId,
            transferred_from: row.id,
            transfer_reason: reason,
          };
          tickets.set(moved.id, moved);
          entry(row, 'ticket.transferred', t, a.counterId, { toServiceId: a.toServiceId, toCounterId: a.toCounterId, reason, newTicketId: moved.id });
          log.push([moved.id, 'ticket.issued', t, a.counterId, row.officer_id, null, JSON.stringify({ transferredFrom: row.id, number: row.number, channel: row.channel, priority: row.priority })]);
          break;
        }
        case 'reactivate': {
          const row = ticket(a.ticketId);
          entry(row, 'ticket.reactivated', t, null, { noShowCounterId: row.counter_id }, a.actorId);
          Object.assign(row, { status: 'waiting', called_at: null, counter_id: null, officer_id: null });
          break;
        }
        case 'cancel': {
          const row = ticket(a.ticketId);
          row.status = 'cancelled';
          entry(row, 'ticket.cancelled', t, null, {}, a.actorId);
          break;
        }
      }
    }

    for (const row of tickets.values()) this.pendingTickets.push(TICKET_COLUMNS.map((k) => row[k]));
    if (this.pendingTickets.length + this.pendingLog.length >= BATCH_ROWS) this.flush();
  }

  /** Writes the days given so far, in one transaction. */
  flush(): void {
    if (this.pendingTickets.length === 0 && this.pendingLog.length === 0 && this.pendingCounters.size === 0) return;
    // The rows were made consistent above; checking every reference of a million rows again costs a third of the time.
    this.db.pragma('foreign_keys = OFF');
    try {
      this.db.transaction(() => {
        this.insertTicket.run(this.pendingTickets);
        this.insertLog.run(this.pendingLog);
        for (const s of this.pendingSequences.values()) this.saveSequence.run(...s);
        for (const id of this.pendingCounters) {
          const c = this.counters.get(id) as CounterRow;
          this.saveCounter.run(...COUNTER_COLUMNS.map((k) => c[k]));
        }
        this.db.prepare('UPDATE fencing SET last_epoch = ? WHERE id = 1 AND last_epoch < ?').run(this.epoch, this.epoch);
      }).immediate();
    } finally {
      this.db.pragma('foreign_keys = ON');
    }
    this.pendingTickets = [];
    this.pendingLog = [];
    this.pendingSequences.clear();
    this.pendingCounters.clear();
  }

  /** Writes what is left and gives the connection its usual page cache back. */
  finish(): void {
    this.flush();
    this.db.pragma(`cache_size = -${HALL_CACHE_KIB}`);
  }
}

function newTicket(p: PlannedTicket, issuedAt: number): TicketRow {
  return {
    id: p.id,
    service_id: p.serviceId,
    number: p.number,
    seq_no: p.seqNo,
    service_day: p.serviceDay,
    channel: p.channel,
    priority: p.priority,
    tracking_code: p.trackingCode,
    status: 'waiting',
    queued_at: p.queuedAt,
    issued_at: issuedAt,
    called_at: null,
    started_at: null,
    finished_at: null,
    counter_id: null,
    officer_id: null,
    call_count: 0,
    outcome: null,
    note: null,
    lease_epoch: null,
    target_counter_id: null,
    transferred_from: null,
    transfer_reason: null,
  };
}

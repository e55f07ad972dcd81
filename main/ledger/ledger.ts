import type { Database, Statement } from 'better-sqlite3';
import { hash as digest, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LoketError } from '../../core/errors.ts';
import { checkEventData, type CheckedData } from '../../core/event-data-fast.ts';
import { EVENT_TYPES, EventDataSchemas, canonicalEventText, type LedgerEvent, type NewLedgerEvent } from '../../core/events.ts';
import { HybridLogicalClock } from '../../core/hlc.ts';
import { StatementCache } from '../../platform/statement-cache.ts';
import { commitWithoutSync } from '../../platform/unsynced-commit.ts';
import { openLedgerDb } from './open-ledger.ts';

export interface LedgerOptions {
  file: string;
  /** Local wall clock, epoch ms. */
  now?: () => number;
  /** Current estimate of (server clock − local clock), ms. */
  serverOffsetMs?: () => number;
  /** The hall's IANA time zone; service days are counted in it. */
  timeZone: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isId = (v: unknown): boolean => typeof v === 'string' && v.length >= 1 && v.length <= 64;

/**
 * The envelope of a new event (type, ids, lease epoch), checked by hand: it is on the path of
 * every durable append, and plain comparisons cost a fraction of a schema parse. `data` is checked
 * against its type's zod schema.
 */
function envelopeProblem(e: NewLedgerEvent): { field: string; problem: string } | null {
  if (!Object.hasOwn(EventDataSchemas, e.type)) return { field: 'type', problem: `is not a ledger event type (${EVENT_TYPES.join(', ')})` };
  if (e.ticketId !== null && !(typeof e.ticketId === 'string' && UUID.test(e.ticketId))) return { field: 'ticketId', problem: 'must be a UUID' };
  if (!isId(e.counterId)) return { field: 'counterId', problem: 'must be 1–64 characters' };
  if (e.officerId !== null && !isId(e.officerId)) return { field: 'officerId', problem: 'must be null or 1–64 characters' };
  if (e.leaseEpoch !== null && !(Number.isInteger(e.leaseEpoch) && e.leaseEpoch >= 0)) return { field: 'leaseEpoch', problem: 'must be null or a whole number ≥ 0' };
  return null;
}

const SEQ_FLOOR_KEY = 'ledger.seq_floor';

/** Event types that concern one ticket and so must name it. */
const TICKET_TYPE = /^(ticket\.|walkin\.)/;

const COLUMNS = `device_id AS deviceId, seq, event_id AS eventId, type, at, server_at AS serverAt, hlc,
  ticket_id AS ticketId, counter_id AS counterId, officer_id AS officerId, lease_epoch AS leaseEpoch, data, hash`;

type EventRow = Omit<LedgerEvent, 'data'> & { data: string };

function rowToEvent(row: EventRow): LedgerEvent {
  return { ...row, data: JSON.parse(row.data) as unknown };
}

function isSeqCollision(err: unknown): boolean {
  return err instanceof Error && /append-only: an event with this seq|UNIQUE constraint failed: events\.seq/.test(err.message);
}

function invalid(error: z.ZodError, prefix: string, type: string): LoketError {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.');
  const field = path === '' ? undefined : path;
  const problem = issue?.message ?? 'is not valid';
  return new LoketError('invalid_event', `Cannot record ${type}: ${field ? `"${field}" ` : ''}${problem}.`, field);
}

/**
 * The counter's local ledger: an append-only list of events, numbered 1, 2, 3… per device, that is
 * also the outbox to the hall server (DESIGN.md §5). One instance owns one database connection.
 */
export class Ledger {
  readonly deviceId: string;
  readonly timeZone: string;
  readonly db: Database;

  private readonly now: () => number;
  private readonly serverOffsetMs: () => number;
  private readonly clock: { hlc: HybridLogicalClock; last: string };
  /** Server time of the append in progress; the HLC's physical clock reads it. */
  private tickMs = 0;
  /** The last event this connection stored by itself (autocommit), or null to read it afresh. */
  private tail: { seq: number; hlc: string } | null = null;
  /** New events are numbered above this (a PC restored from an old copy continues above the server's seq). */
  private seqFloor: number;

  private readonly stmt: {
    last: Statement<[], { seq: number; hlc: string }>;
    insert: Statement<unknown[]>;
    after: Statement<[number, number], EventRow>;
    ticket: Statement<[string], EventRow>;
    getSetting: Statement<[string], { value: string }>;
    setSetting: Statement<[string, string, number]>;
  };
  private readonly statements: StatementCache;

  static open(opts: LedgerOptions): Ledger {
    const db = openLedgerDb(opts.file);
    try {
      return new Ledger(db, opts);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  private constructor(db: Database, opts: LedgerOptions) {
    new Intl.DateTimeFormat('en', { timeZone: opts.timeZone }); // throws RangeError on an unknown zone
    this.db = db;
    this.timeZone = opts.timeZone;
    this.now = opts.now ?? Date.now;
    this.serverOffsetMs = opts.serverOffsetMs ?? (() => 0);

    const readId = db.prepare<[], { value: string }>(`SELECT value FROM meta WHERE key = 'device_id'`);
    if (readId.get() === undefined) {
      db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('device_id', ?)`).run(randomUUID());
    }
    const id = readId.get();
    if (id === undefined) throw new Error(`The ledger ${opts.file} has no device id and none could be stored.`);
    this.deviceId = id.value;

    this.stmt = {
      last: db.prepare(`SELECT seq, hlc FROM events ORDER BY seq DESC LIMIT 1`),
      insert: db.prepare(
        `INSERT INTO events (device_id, seq, event_id, type, at, server_at, hlc, ticket_id, counter_id,
           officer_id, lease_epoch, data, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      after: db.prepare(`SELECT ${COLUMNS} FROM events WHERE seq > ? ORDER BY seq LIMIT ?`),
      ticket: db.prepare(`SELECT ${COLUMNS} FROM events INDEXED BY events_ticket WHERE ticket_id = ? ORDER BY seq`),
      getSetting: db.prepare(`SELECT value FROM settings WHERE key = ?`),
      setSetting: db.prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ),
    };
    this.statements = new StatementCache(db);

    this.seqFloor = Number(this.stmt.getSetting.get(SEQ_FLOOR_KEY)?.value ?? 0);
    const lastHlc = this.stmt.last.get()?.hlc ?? '';
    this.clock = { hlc: this.makeClock(lastHlc), last: lastHlc };
  }

  /**
   * Records one event and returns it as stored; the ledger assigns seq, ids, clocks and the hash.
   * On its own it returns after the durable commit; inside `transaction` the event is durable
   * when that transaction commits.
   */
  append(e: NewLedgerEvent): LedgerEvent {
    const bad = envelopeProblem(e);
    if (bad) throw new LoketError('invalid_event', `Cannot record ${String(e.type)}: "${bad.field}" ${bad.problem}.`, bad.field);
    if (e.ticketId === null && TICKET_TYPE.test(e.type)) {
      throw new LoketError('invalid_event', `Cannot record ${e.type}: "ticketId" is missing.`, 'ticketId');
    }
    let data: CheckedData;
    try {
      data = checkEventData(e.type, e.data);
    } catch (err) {
      if (err instanceof z.ZodError) throw invalid(err, 'data', e.type);
      throw err;
    }
    if (this.db.inTransaction) {
      // The surrounding transaction may still roll back: number from what is stored, never cache.
      this.tail = null;
      return this.insert(e, data, this.readTail());
    }
    // On its own, the single INSERT is its own durable transaction, numbered after the last event
    // this connection wrote. If another connection appended meanwhile (it should not), the insert
    // collides on seq, and the event is numbered again from what is stored.
    for (let attempt = 1; ; attempt++) {
      try {
        const stored = this.insert(e, data, this.tail ?? this.readTail());
        this.tail = { seq: stored.seq, hlc: stored.hlc };
        return stored;
      } catch (err) {
        this.tail = null;
        if (attempt >= 3 || !isSeqCollision(err)) throw err;
      }
    }
  }

  private readTail(): { seq: number; hlc: string } {
    const last = this.stmt.last.get() ?? { seq: 0, hlc: '' };
    return last.seq >= this.seqFloor ? last : { seq: this.seqFloor, hlc: last.hlc };
  }

  /**
   * Numbers every later event above `seq`: the hall server already holds events of this ledger up
   * to there (this PC was restored from an old copy), so reusing those numbers would collide.
   */
  continueAbove(seq: number): void {
    if (!Number.isInteger(seq) || seq <= Math.max(this.seqFloor, this.lastSeq())) return;
    this.setSetting(SEQ_FLOOR_KEY, String(seq));
    this.seqFloor = seq;
    this.tail = null;
  }

  /**
   * Runs `fn` in one IMMEDIATE transaction; appends inside it join it, so the events and any other
   * writes commit together or not at all. `fn` must be synchronous.
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(() => {
      const result = fn();
      if (result instanceof Promise) throw new TypeError('Ledger.transaction takes a synchronous function');
      return result;
    }).immediate();
  }

  lastSeq(): number {
    return this.stmt.last.get()?.seq ?? 0;
  }

  /** This device's events with seq above `seq`, in order (the push backlog). */
  eventsAfter(seq: number, limit: number): LedgerEvent[] {
    return this.stmt.after.all(seq, limit).map(rowToEvent);
  }

  /** Every event this device recorded about one ticket, in seq order. */
  ticketEvents(ticketId: string): LedgerEvent[] {
    return this.stmt.ticket.all(ticketId).map(rowToEvent);
  }

  getSetting(key: string): string | null {
    return this.stmt.getSetting.get(key)?.value ?? null;
  }

  setSetting(key: string, value: string): void {
    this.stmt.setSetting.run(key, value, this.now());
  }

  /** A setting that another source can tell again, committed without waiting for the disk (see commitWithoutSync). */
  setSettingUnsynced(key: string, value: string): void {
    commitWithoutSync(this.db, () => this.setSetting(key, value));
  }

  /** A prepared statement for `source`, compiled once per connection (the read models in queries.ts). */
  sql<P extends unknown[] | object = unknown[], R = unknown>(source: string): P extends unknown[] ? Statement<P, R> : Statement<[P], R> {
    return this.statements.get(source) as unknown as P extends unknown[] ? Statement<P, R> : Statement<[P], R>;
  }

  close(): void {
    this.db.close();
  }

  /** Numbers the event after what is stored (seq and HLC) and inserts it. */
  private insert(e: NewLedgerEvent, data: CheckedData, last: { seq: number; hlc: string }): LedgerEvent {
    // Another connection to this file may have appended (it should not, but then the clock still
    // never goes backwards).
    if (last.hlc > this.clock.last) this.clock.hlc = this.makeClock(last.hlc);
    const at = this.now();
    const serverAt = at + this.serverOffsetMs();
    this.tickMs = serverAt;
    const hlc = this.clock.hlc.tick();
    this.clock.last = hlc;
    const event: LedgerEvent = {
      deviceId: this.deviceId,
      seq: last.seq + 1,
      eventId: randomUUID(),
      type: e.type,
      at,
      serverAt,
      hlc,
      ticketId: e.ticketId,
      counterId: e.counterId,
      officerId: e.officerId,
      leaseEpoch: e.leaseEpoch,
      data: data.data,
      hash: '',
    };
    event.hash = digest('sha256', canonicalEventText(event, data.text), 'hex');
    this.stmt.insert.run(
      event.deviceId,
      event.seq,
      event.eventId,
      event.type,
      at,
      serverAt,
      hlc,
      e.ticketId,
      e.counterId,
      e.officerId,
      e.leaseEpoch,
      data.text,
      event.hash,
    );
    return event;
  }

  /**
   * The HLC's physical time is the estimated server time of the event, so that counters whose
   * clocks disagree still order close to the hall's clock.
   */
  private makeClock(restoredFrom: string): HybridLogicalClock {
    return new HybridLogicalClock(this.deviceId, () => this.tickMs, restoredFrom === '' ? undefined : restoredFrom);
  }
}

import Sqlite from 'better-sqlite3';
import type { Database, Transaction } from 'better-sqlite3';
import type {
  CallNextResponse,
  CounterState,
  IssuedTicket,
  IssueTicketRequest,
  QueueSnapshot,
  RecentCall,
  TrackResponse,
} from '../../core/api.ts';
import type { Outcome, Ticket } from '../../core/domain.ts';
import { LoketError } from '../../core/errors.ts';
import type { PauseReason } from '../../core/events.ts';
import type { StreamMessage } from '../../core/stream.ts';
import { callOnce } from './call-replay.ts';
import * as calling from './calling.ts';
import { StatementCache } from '../../platform/statement-cache.ts';
import { ParseCache, type QueueAuthorityDeps, type QueueTx } from './context.ts';
import { GroupCommit } from './group-commit.ts';
import * as counters from './counter-state.ts';
import { issueTicket } from './issuing.ts';
import * as queries from './queries.ts';
import { findTicket, toTicket } from './rows.ts';
import * as actions from './ticket-actions.ts';
import { randomTrackingCode } from './tracking-code.ts';

export type { QueueAuthorityDeps } from './context.ts';

/** The hall database stayed locked by other writers past the busy timeout; nothing was changed. */
export class ServerBusyError extends LoketError {
  constructor(options?: { cause?: unknown }) {
    super('server_busy', 'The hall server is busy with other counters right now and changed nothing. Try again in a moment.');
    this.name = 'ServerBusyError';
    if (options && 'cause' in options) this.cause = options.cause;
  }
}
export type { TransferTarget } from './ticket-actions.ts';

function busyError(error: unknown): unknown {
  return error instanceof Sqlite.SqliteError && error.code.startsWith('SQLITE_BUSY') ? new ServerBusyError({ cause: error }) : error;
}

/**
 * The hall's authority over the live queue (DESIGN.md §4–5): issues tickets, assigns them to
 * counters, and applies every action on them.
 *
 * Every mutating method runs in ONE `BEGIN IMMEDIATE` transaction on the hall database: the write
 * lock is taken before anything is read, so any number of authorities (connections, processes)
 * on one file can never give one ticket to two counters. Each change is validated by the ticket
 * state machine (core/ticket-state.ts; IllegalTransitionError otherwise), appended to `ticket_log`,
 * and published to the live feed only after the commit. Failures are LoketErrors with the codes
 * the HTTP layer maps (server/http/http-errors.ts); a failed call changes nothing.
 */
export class QueueAuthority {
  private readonly db: Database;
  private readonly now: () => number;
  private readonly publish: (message: StreamMessage) => void;
  private readonly randomCode: () => string;
  private readonly onPublishError: (error: unknown, message: StreamMessage) => void;
  private readonly statements: StatementCache;
  private readonly group: GroupCommit;
  private readonly parsed = new ParseCache();
  /** One transaction wrapper, made once: better-sqlite3 builds a new one on every `db.transaction` call. */
  private readonly transaction: Transaction<(work: (tx: QueueTx) => unknown, messages: StreamMessage[] | null) => unknown>;

  constructor(deps: QueueAuthorityDeps) {
    this.db = deps.db;
    this.now = deps.now;
    this.publish = deps.publish;
    this.randomCode = deps.randomCode ?? randomTrackingCode;
    this.onPublishError =
      deps.onPublishError ??
      ((error, message) => {
        console.error(`Loket: the live feed failed to publish a ${message.type} message; the change itself is saved.`, error);
      });
    this.statements = new StatementCache(deps.db);
    this.group = new GroupCommit(deps.db, (messages) => this.publishAll(messages), busyError);
    this.transaction = deps.db.transaction((work: (tx: QueueTx) => unknown, messages: StreamMessage[] | null) => work(this.context(messages)));
  }

  /**
   * Runs writes on this authority in the next group commit (see group-commit.ts): what the HTTP
   * layer uses, so that simultaneous requests share one durable commit.
   */
  submit<T>(work: (authority: this) => T): Promise<T> {
    return this.group.submit(() => work(this));
  }

  // ── visitors and the queue ──────────────────────────────────────────────────────────────────────

  issueTicket(req: IssueTicketRequest): IssuedTicket {
    return this.write((tx) => issueTicket(tx, req));
  }

  queue(): QueueSnapshot {
    return this.read((tx) => queries.queueSnapshot(tx));
  }

  counterStates(): CounterState[] {
    return this.read((tx) => counters.allCounterStates(tx));
  }

  recentCalls(limit: number): RecentCall[] {
    return this.read((tx) => queries.recentCalls(tx, limit));
  }

  track(code: string): TrackResponse | null {
    return this.read((tx) => queries.track(tx, code));
  }

  /** One ticket as it is now, or null. */
  ticket(ticketId: string): Ticket | null {
    return this.read((tx) => {
      const row = findTicket(tx, ticketId);
      return row === undefined ? null : toTicket(row);
    });
  }

  // ── counters ────────────────────────────────────────────────────────────────────────────────────

  openCounter(counterId: string, officer: { id: string; name: string }, serviceIds: readonly string[]): CounterState {
    return this.write((tx) => counters.openCounter(tx, counterId, officer, serviceIds));
  }

  pauseCounter(counterId: string, reason: PauseReason): CounterState {
    return this.write((tx) => counters.pauseCounter(tx, counterId, reason));
  }

  resumeCounter(counterId: string): CounterState {
    return this.write((tx) => counters.resumeCounter(tx, counterId));
  }

  closeCounter(counterId: string): CounterState {
    return this.write((tx) => counters.closeCounter(tx, counterId));
  }

  // ── assignment ──────────────────────────────────────────────────────────────────────────────────

  /** `requestId`: the counter's id for this call; asked again with it, the same answer comes back (call-replay.ts). */
  callNext(counterId: string, officerId: string, requestId?: string): CallNextResponse | null {
    return this.write((tx) => callOnce(tx, counterId, requestId, () => calling.callNext(tx, counterId, officerId)));
  }

  callTicket(counterId: string, officerId: string, ticketId: string, requestId?: string): CallNextResponse {
    const answer = this.write((tx) => callOnce(tx, counterId, requestId, () => calling.callTicket(tx, counterId, officerId, ticketId)));
    if (answer === null) throw new Error('a call of one ticket always answers with it');
    return answer;
  }

  // ── actions on a called ticket, by the counter holding it under its lease ───────────────────────

  recall(ticketId: string, counterId: string, leaseEpoch: number): Ticket {
    return this.write((tx) => actions.recall(tx, ticketId, counterId, leaseEpoch));
  }

  start(ticketId: string, counterId: string, leaseEpoch: number): Ticket {
    return this.write((tx) => actions.start(tx, ticketId, counterId, leaseEpoch));
  }

  finish(ticketId: string, counterId: string, leaseEpoch: number, outcome: Outcome, note: string | null = null): Ticket {
    return this.write((tx) => actions.finish(tx, ticketId, counterId, leaseEpoch, outcome, note));
  }

  noShow(ticketId: string, counterId: string, leaseEpoch: number): Ticket {
    return this.write((tx) => actions.noShow(tx, ticketId, counterId, leaseEpoch));
  }

  returnToQueue(ticketId: string, counterId: string, leaseEpoch: number): Ticket {
    return this.write((tx) => actions.returnToQueue(tx, ticketId, counterId, leaseEpoch));
  }

  transfer(ticketId: string, counterId: string, leaseEpoch: number, target: actions.TransferTarget): { ticket: Ticket; newTicket: Ticket } {
    return this.write((tx) => actions.transfer(tx, ticketId, counterId, leaseEpoch, target));
  }

  // ── supervisors ─────────────────────────────────────────────────────────────────────────────────

  /** A no-show back to waiting, in its original place. `actorId`: the supervisor, for the log. */
  reactivate(ticketId: string, actorId: string | null = null): Ticket {
    return this.write((tx) => actions.reactivate(tx, ticketId, actorId));
  }

  /** A waiting ticket cancelled. `actorId`: the supervisor, for the log. */
  cancel(ticketId: string, actorId: string | null = null): Ticket {
    return this.write((tx) => actions.cancel(tx, ticketId, actorId));
  }

  // ── replication ─────────────────────────────────────────────────────────────────────────────────

  /**
   * Work of the replication module (server/sync/) that stores what counters push and applies it
   * to the queue: one write like every other change, published after the commit.
   */
  replicate<T>(work: (tx: QueueTx) => T): T {
    return this.write(work);
  }

  /** A consistent read for the replication module. */
  replicateRead<T>(work: (tx: QueueTx) => T): T {
    return this.read(work);
  }

  // ── the visitor's side (server/visitor/: bookings, surveys, webhooks) ─────────────────────────

  /** Work of another server module that commits with the queue (a check-in issues a ticket): one write like every other change. */
  transact<T>(work: (tx: QueueTx) => T): T {
    return this.write(work);
  }

  /** A consistent read for another server module. */
  snapshot<T>(work: (tx: QueueTx) => T): T {
    return this.read(work);
  }

  // ── transactions ────────────────────────────────────────────────────────────────────────────────

  /**
   * One IMMEDIATE transaction; its messages are published after the commit, none if it fails.
   * If other connections keep the write lock past the busy timeout, nothing has happened and the
   * caller gets `server_busy` (retry), never a half-done change.
   */
  private write<T>(work: (tx: QueueTx) => T): T {
    const messages: StreamMessage[] = [];
    const group = this.group.collecting;
    if (group !== null) {
      // Inside a group commit: a savepoint of the group's transaction, published with the group.
      const result = this.transaction(work, messages) as T;
      group.push(...messages);
      return result;
    }
    let result: T;
    try {
      result = this.transaction.immediate(work, messages) as T;
    } catch (error) {
      throw busyError(error);
    }
    this.publishAll(messages);
    return result;
  }

  private publishAll(messages: StreamMessage[]): void {
    for (const message of messages) {
      try {
        this.publish(message);
      } catch (error) {
        this.onPublishError(error, message);
      }
    }
  }

  /** A consistent read (one snapshot) that publishes nothing. */
  private read<T>(work: (tx: QueueTx) => T): T {
    return this.transaction.deferred(work, null) as T;
  }

  private context(messages: StreamMessage[] | null): QueueTx {
    const statements = this.statements;
    return {
      db: this.db,
      // Read inside the transaction: commit order and time order agree.
      at: this.now(),
      sql: (source) => statements.get(source),
      emit: (message) => {
        if (messages === null) throw new Error('a read-only query tried to publish a change');
        messages.push(message);
      },
      randomCode: this.randomCode,
      parsed: this.parsed,
    };
  }
}

import type { Database, Statement } from 'better-sqlite3';
import type { StreamMessage } from '../../core/stream.ts';

/** What the queue authority is built from: the hall database, a clock, and the live feed. */
export interface QueueAuthorityDeps {
  db: Database;
  /** Server time, epoch ms. Injected so tests can move through days and opening hours. */
  now: () => number;
  /** Called after each commit with every change it made, in order. */
  publish: (message: StreamMessage) => void;
  /** A fresh tracking code candidate (8 of `2-9A-HJ-NP-Z`); cryptographically random by default. */
  randomCode?: () => string;
  /** A `publish` that throws must not undo a committed change; it is reported here instead. */
  onPublishError?: (error: unknown, message: StreamMessage) => void;
}

/**
 * What every piece of the authority works with inside one transaction: the database, prepared
 * statements (cached per authority, never per module), the transaction's clock reading, and the
 * messages to publish once it commits.
 */
export interface QueueTx {
  readonly db: Database;
  /** The server time of this transaction: every timestamp it writes is this one instant. */
  readonly at: number;
  sql(source: string): Statement;
  emit(message: StreamMessage): void;
  randomCode(): string;
  /** Parsed forms of stored text, kept by the authority across transactions (see ParseCache). */
  readonly parsed: ParseCache;
}

/**
 * Values parsed from stored text (JSON columns), keyed by that exact text: the text is still read
 * in every transaction, so a change is seen at once, but unchanged text is not parsed again. One
 * per authority, never per module. Callers must not mutate what it hands out.
 */
export class ParseCache {
  private readonly maps = new Map<string, Map<string, unknown>>();
  /** Beyond this many texts of one kind the cache starts over (it only ever saves work). */
  private static readonly LIMIT = 4096;

  get<T>(kind: string, text: string, parse: (text: string) => T): T {
    let map = this.maps.get(kind);
    if (map === undefined) {
      map = new Map();
      this.maps.set(kind, map);
    }
    if (map.has(text)) return map.get(text) as T;
    const value = parse(text);
    if (map.size >= ParseCache.LIMIT) map.clear();
    map.set(text, value);
    return value;
  }
}

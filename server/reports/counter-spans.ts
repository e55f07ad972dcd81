import type { Statement } from 'better-sqlite3';
import type { PauseReason } from '../../core/events.ts';
import type { RollupAccumulator } from './rollup-facts.ts';

/**
 * Signed-in and paused time from the counter transitions of `ticket_log`, in log order:
 * a session runs from `counter.opened` or `counter.updated` (a new officer or services: a new
 * session under the new officer) to the next of those or `counter.closed`; a pause runs from
 * `counter.paused` to the next `counter.paused` (another reason), `counter.resumed` or
 * `counter.closed`. Each belongs to the officer who opened or paused it. A span is added to the
 * roll-ups when it ends; until then it is kept as open (the follower keeps it in
 * `report_open_spans`, the rebuild in memory).
 */
export type SpanKind = 'session' | 'pause';

export interface OpenSpan {
  officerId: string;
  reason: PauseReason | null;
  startedAt: number;
}

export interface SpanState {
  get(counterId: string, kind: SpanKind): OpenSpan | undefined;
  set(counterId: string, kind: SpanKind, span: OpenSpan): void;
  delete(counterId: string, kind: SpanKind): void;
}

export type CounterAction = 'counter.opened' | 'counter.updated' | 'counter.paused' | 'counter.resumed' | 'counter.closed';

export interface CounterEvent {
  action: CounterAction;
  at: number;
  counterId: string;
  actorId: string | null;
  /** For `counter.paused`. */
  reason: PauseReason | null;
}

export function applyCounterEvent(state: SpanState, acc: RollupAccumulator, e: CounterEvent): void {
  const end = (kind: SpanKind): void => {
    const span = state.get(e.counterId, kind);
    if (span === undefined) return;
    if (kind === 'session') acc.addSpan({ kind, counterId: e.counterId, officerId: span.officerId, start: span.startedAt, end: e.at });
    else acc.addSpan({ kind, reason: span.reason ?? 'other', counterId: e.counterId, officerId: span.officerId, start: span.startedAt, end: e.at });
    state.delete(e.counterId, kind);
  };
  const officerId = e.actorId ?? '';
  switch (e.action) {
    case 'counter.opened':
    case 'counter.updated':
      end('session');
      state.set(e.counterId, 'session', { officerId, reason: null, startedAt: e.at });
      return;
    case 'counter.paused':
      end('pause');
      state.set(e.counterId, 'pause', { officerId, reason: e.reason ?? 'other', startedAt: e.at });
      return;
    case 'counter.resumed':
      end('pause');
      return;
    case 'counter.closed':
      end('pause');
      end('session');
      return;
  }
}

/** Open spans in memory (the rebuild), written to `report_open_spans` at its end. */
export class MemorySpans implements SpanState {
  readonly spans = new Map<string, OpenSpan & { counterId: string; kind: SpanKind }>();
  get(counterId: string, kind: SpanKind): OpenSpan | undefined {
    return this.spans.get(`${kind}\u0001${counterId}`);
  }
  set(counterId: string, kind: SpanKind, span: OpenSpan): void {
    this.spans.set(`${kind}\u0001${counterId}`, { ...span, counterId, kind });
  }
  delete(counterId: string, kind: SpanKind): void {
    this.spans.delete(`${kind}\u0001${counterId}`);
  }
}

export const INSERT_OPEN_SPAN = 'INSERT OR REPLACE INTO report_open_spans (counter_id, kind, officer_id, reason, started_at) VALUES (?, ?, ?, ?, ?)';

/** Open spans in `report_open_spans` (the follower), through the caller's statements. */
export class TableSpans implements SpanState {
  constructor(private readonly sql: (source: string) => Statement) {}
  get(counterId: string, kind: SpanKind): OpenSpan | undefined {
    const row = this.sql('SELECT officer_id, reason, started_at FROM report_open_spans WHERE counter_id = ? AND kind = ?').get(counterId, kind) as
      | { officer_id: string; reason: PauseReason | null; started_at: number }
      | undefined;
    return row === undefined ? undefined : { officerId: row.officer_id, reason: row.reason, startedAt: row.started_at };
  }
  set(counterId: string, kind: SpanKind, span: OpenSpan): void {
    this.sql(INSERT_OPEN_SPAN).run(counterId, kind, span.officerId, span.reason, span.startedAt);
  }
  delete(counterId: string, kind: SpanKind): void {
    this.sql('DELETE FROM report_open_spans WHERE counter_id = ? AND kind = ?').run(counterId, kind);
  }
}

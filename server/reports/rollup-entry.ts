import type { Statement } from 'better-sqlite3';
import type { PauseReason } from '../../core/events.ts';
import { applyCounterEvent, TableSpans, type CounterAction } from './counter-spans.ts';
import type { OutcomeFact, RollupAccumulator } from './rollup-facts.ts';

/**
 * What one `ticket_log` entry adds to the report roll-ups, read by the roll-up follower
 * (rollup-follower.ts) in log order. Only outcomes (finished, no-show, transferred), arrivals
 * (issued) and counter transitions change a roll-up; every other entry adds nothing.
 *
 * The ticket rows it reads are final for the entries that read them: a finished or transferred
 * ticket never changes again (the rebuild relies on the same), and a service never changes.
 */
export interface RolledLogEntry {
  ticketId: string | null;
  action: string;
  at: number;
  counterId: string | null;
  actorId: string | null;
  /** The entry's `detail` JSON text. */
  detail: string;
}

interface OutcomeRow {
  service_id: string;
  outcome: 'served' | 'pending' | null;
  called_at: number | null;
  started_at: number | null;
  counter_id: string | null;
  officer_id: string | null;
  issued_at: number;
  transferred_at: number | null;
}

/** The ticket as it is after its finish or transfer, with when it entered its line. */
const OUTCOME_ROW = `
  SELECT t.service_id, t.outcome, t.called_at, t.started_at, t.counter_id, t.officer_id, t.issued_at,
         p.finished_at AS transferred_at
  FROM tickets t LEFT JOIN tickets p ON p.id = t.transferred_from
  WHERE t.id = ?`;

type Sql = (source: string) => Statement;

function serviceOf(sql: Sql, ticketId: string): string | undefined {
  return (sql('SELECT service_id FROM tickets WHERE id = ?').get(ticketId) as { service_id: string } | undefined)?.service_id;
}

function outcomeFact(sql: Sql, e: RolledLogEntry, ticketId: string): OutcomeFact | null {
  const row = sql(OUTCOME_ROW).get(ticketId) as OutcomeRow | undefined;
  if (row === undefined) return null;
  const outcome = e.action === 'ticket.transferred' ? 'transferred' : (row.outcome ?? 'served');
  return {
    at: e.at,
    counterId: row.counter_id ?? '',
    officerId: row.officer_id ?? '',
    serviceId: row.service_id,
    outcome,
    waitMs: row.called_at === null ? null : row.called_at - (row.transferred_at ?? row.issued_at),
    startedAt: row.started_at,
  };
}

const detailOf = (e: RolledLogEntry): Record<string, unknown> => JSON.parse(e.detail) as Record<string, unknown>;

/** Adds one log entry to `acc`; counter transitions also move `report_open_spans` (through `sql`). */
export function rollupLogEntry(sql: Sql, acc: RollupAccumulator, e: RolledLogEntry): void {
  switch (e.action) {
    case 'ticket.issued': {
      if (e.ticketId === null || detailOf(e)['transferredFrom'] !== undefined) return;
      const serviceId = serviceOf(sql, e.ticketId);
      if (serviceId !== undefined) acc.addArrival(e.at, serviceId);
      return;
    }
    case 'ticket.finished':
    case 'ticket.transferred': {
      const fact = e.ticketId === null ? null : outcomeFact(sql, e, e.ticketId);
      if (fact !== null) acc.addOutcome(fact);
      return;
    }
    case 'ticket.no_show': {
      const serviceId = e.ticketId === null ? undefined : serviceOf(sql, e.ticketId);
      if (serviceId === undefined) return;
      acc.addOutcome({ at: e.at, counterId: e.counterId ?? '', officerId: e.actorId ?? '', serviceId, outcome: 'no_show', waitMs: null, startedAt: null });
      return;
    }
    case 'counter.opened':
    case 'counter.updated':
    case 'counter.paused':
    case 'counter.resumed':
    case 'counter.closed': {
      if (e.counterId === null) return;
      const reason = e.action === 'counter.paused' ? ((detailOf(e)['reason'] as PauseReason | undefined) ?? null) : null;
      applyCounterEvent(new TableSpans(sql), acc, { action: e.action as CounterAction, at: e.at, counterId: e.counterId, actorId: e.actorId, reason });
      return;
    }
    default:
      return;
  }
}

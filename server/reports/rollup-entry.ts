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

/** A log entry with what its ticket says now (all null for counter entries or a missing ticket). */
export interface RolledLogRow extends RolledLogEntry {
  serviceId: string | null;
  outcome: 'served' | 'pending' | null;
  calledAt: number | null;
  startedAt: number | null;
  ticketCounterId: string | null;
  officerId: string | null;
  issuedAt: number | null;
  /** When the ticket this one was transferred from was finished (its entry into this line). */
  transferredAt: number | null;
}

/** The log actions that change a roll-up; the follower reads only these. */
export const ROLLED_ACTIONS = [
  'ticket.issued',
  'ticket.finished',
  'ticket.transferred',
  'ticket.no_show',
  'counter.opened',
  'counter.updated',
  'counter.paused',
  'counter.resumed',
  'counter.closed',
] as const;

/** Log entries after an id, up to an id, that change a roll-up, each with its ticket as it is after its finish or transfer. */
export const ROLLED_LOG_PAGE = `
  SELECT l.id, l.ticket_id AS ticketId, l.action, l.at, l.counter_id AS counterId, l.actor_id AS actorId, l.detail,
         t.service_id AS serviceId, t.outcome, t.called_at AS calledAt, t.started_at AS startedAt,
         t.counter_id AS ticketCounterId, t.officer_id AS officerId, t.issued_at AS issuedAt, p.finished_at AS transferredAt
  FROM ticket_log l
  LEFT JOIN tickets t ON t.id = l.ticket_id
  LEFT JOIN tickets p ON p.id = t.transferred_from
  WHERE l.id > ? AND l.id <= ? AND l.action IN (${ROLLED_ACTIONS.map((a) => `'${a}'`).join(', ')})
  ORDER BY l.id LIMIT ?`;

type Sql = (source: string) => Statement;

function outcomeFact(e: RolledLogRow): OutcomeFact | null {
  if (e.serviceId === null || e.issuedAt === null) return null;
  const outcome = e.action === 'ticket.transferred' ? 'transferred' : (e.outcome ?? 'served');
  return {
    at: e.at,
    counterId: e.ticketCounterId ?? '',
    officerId: e.officerId ?? '',
    serviceId: e.serviceId,
    outcome,
    waitMs: e.calledAt === null ? null : e.calledAt - (e.transferredAt ?? e.issuedAt),
    startedAt: e.startedAt,
  };
}

const detailOf = (e: RolledLogEntry): Record<string, unknown> => JSON.parse(e.detail) as Record<string, unknown>;

/** Adds one log entry to `acc`; counter transitions also move `report_open_spans` (through `sql`). */
export function rollupLogEntry(sql: Sql, acc: RollupAccumulator, e: RolledLogRow): void {
  switch (e.action) {
    case 'ticket.issued': {
      if (e.ticketId === null || detailOf(e)['transferredFrom'] !== undefined) return;
      if (e.serviceId !== null) acc.addArrival(e.at, e.serviceId);
      return;
    }
    case 'ticket.finished':
    case 'ticket.transferred': {
      const fact = outcomeFact(e);
      if (fact !== null) acc.addOutcome(fact);
      return;
    }
    case 'ticket.no_show': {
      if (e.serviceId === null) return;
      acc.addOutcome({ at: e.at, counterId: e.counterId ?? '', officerId: e.actorId ?? '', serviceId: e.serviceId, outcome: 'no_show', waitMs: null, startedAt: null });
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

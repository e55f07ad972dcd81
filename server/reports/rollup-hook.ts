import type { PauseReason } from '../../core/events.ts';
import type { QueueTx } from '../queue/context.ts';
import { hallSettings } from '../queue/hall.ts';
import type { LogEntry } from '../queue/ticket-log.ts';
import { applyCounterEvent, TableSpans, type CounterAction } from './counter-spans.ts';
import { hallClock } from './hall-clock.ts';
import { RollupAccumulator, type OutcomeFact } from './rollup-facts.ts';
import { registerReportFunctions, writeRollups } from './rollup-writer.ts';

/**
 * Keeps the report roll-ups up to date as transitions happen: called by `appendLog` for every
 * `ticket_log` entry, in the same transaction, after the ticket or counter row has changed.
 * Only outcomes (finished, no-show, transferred), arrivals (issued) and counter transitions
 * change a roll-up; every other entry returns at once.
 */

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

function serviceOf(tx: QueueTx, ticketId: string): string | undefined {
  return (tx.sql('SELECT service_id FROM tickets WHERE id = ?').get(ticketId) as { service_id: string } | undefined)?.service_id;
}

function outcomeFact(tx: QueueTx, e: LogEntry, ticketId: string): OutcomeFact | null {
  const row = tx.sql(OUTCOME_ROW).get(ticketId) as OutcomeRow | undefined;
  if (row === undefined) return null;
  const outcome = e.action === 'ticket.transferred' ? 'transferred' : (row.outcome ?? 'served');
  return {
    at: tx.at,
    counterId: row.counter_id ?? '',
    officerId: row.officer_id ?? '',
    serviceId: row.service_id,
    outcome,
    waitMs: row.called_at === null ? null : row.called_at - (row.transferred_at ?? row.issued_at),
    startedAt: row.started_at,
  };
}

export function rollupLogEntry(tx: QueueTx, e: LogEntry): void {
  const acc = (): RollupAccumulator => new RollupAccumulator(hallClock(hallSettings(tx).timeZone));
  let changes: RollupAccumulator;
  switch (e.action) {
    case 'ticket.issued': {
      if (e.ticketId === null || e.detail?.['transferredFrom'] !== undefined) return;
      const serviceId = serviceOf(tx, e.ticketId);
      if (serviceId === undefined) return;
      changes = acc();
      changes.addArrival(tx.at, serviceId);
      break;
    }
    case 'ticket.finished':
    case 'ticket.transferred': {
      const fact = e.ticketId === null ? null : outcomeFact(tx, e, e.ticketId);
      if (fact === null) return;
      changes = acc();
      changes.addOutcome(fact);
      break;
    }
    case 'ticket.no_show': {
      const serviceId = e.ticketId === null ? undefined : serviceOf(tx, e.ticketId);
      if (serviceId === undefined) return;
      changes = acc();
      changes.addOutcome({ at: tx.at, counterId: e.counterId ?? '', officerId: e.actorId ?? '', serviceId, outcome: 'no_show', waitMs: null, startedAt: null });
      break;
    }
    case 'counter.opened':
    case 'counter.updated':
    case 'counter.paused':
    case 'counter.resumed':
    case 'counter.closed': {
      if (e.counterId === null) return;
      registerReportFunctions(tx.db);
      changes = acc();
      const reason = (e.detail?.['reason'] as PauseReason | undefined) ?? null;
      applyCounterEvent(new TableSpans((s) => tx.sql(s)), changes, { action: e.action as CounterAction, at: tx.at, counterId: e.counterId, actorId: e.actorId, reason });
      break;
    }
    default:
      return;
  }
  registerReportFunctions(tx.db);
  writeRollups((s) => tx.sql(s), changes);
}

import type { Ticket } from '../../core/domain.ts';
import type { DaySummary, ServedVisit } from '../../core/ipc.ts';
import { serviceDayBounds } from '../../core/service-day.ts';
import { applyTicketEvent } from '../../core/ticket-projection.ts';
import { canTransition } from '../../core/ticket-state.ts';
import type { Ledger } from './ledger.ts';

/**
 * Read models over the ledger, in SQL. Service days are counted in the hall's time zone on server
 * time. Queries name their index (INDEXED BY) so that, without statistics, the planner never
 * chooses a scan of the whole ledger.
 */

/**
 * Each ticket finished on the day, with the latest call (number, service) and start before its
 * finish. A finish whose call or start is not in this ledger (e.g. a PC restored from an old copy)
 * cannot be shown and is left out.
 */
const FINISHED_ON_DAY = `
  WITH finished AS MATERIALIZED (
    SELECT f.ticket_id AS ticketId,
           json_extract(f.data, '$.outcome') AS outcome,
           json_extract(f.data, '$.note') AS note,
           f.server_at AS finishedAt,
           f.seq AS seq,
           (SELECT c.data FROM events c INDEXED BY events_ticket
             WHERE c.ticket_id = f.ticket_id AND c.seq < f.seq
               AND c.type IN ('walkin.served', 'ticket.called')
             ORDER BY c.seq DESC LIMIT 1) AS callData,
           (SELECT s.server_at FROM events s INDEXED BY events_ticket
             WHERE s.ticket_id = f.ticket_id AND s.seq < f.seq
               AND s.type IN ('walkin.served', 'ticket.started')
             ORDER BY s.seq DESC LIMIT 1) AS startedAt
      FROM events f INDEXED BY events_server_at
     WHERE f.type = 'ticket.finished'
       AND f.server_at >= @start AND f.server_at < @end
  ),
  visits AS (
    SELECT ticketId,
           json_extract(callData, '$.number') AS number,
           json_extract(callData, '$.serviceId') AS serviceId,
           outcome, note, startedAt, finishedAt,
           -- a new server-offset estimate between start and finish must not give a negative time
           MAX(0, finishedAt - startedAt) AS serviceMs,
           seq
      FROM finished
     WHERE callData IS NOT NULL AND startedAt IS NOT NULL
  )`;

interface DayParams {
  start: number;
  end: number;
}

function dayParams(ledger: Ledger, day: string): DayParams {
  return serviceDayBounds(day, ledger.timeZone);
}

/** Visits finished on `day` (YYYY-MM-DD in the hall's zone), newest first. */
export function servedOnDay(ledger: Ledger, day: string): ServedVisit[] {
  return ledger
    .sql<DayParams, ServedVisit>(
      `${FINISHED_ON_DAY}
       SELECT ticketId, number, serviceId, outcome, note, startedAt, finishedAt, serviceMs
         FROM visits ORDER BY finishedAt DESC, seq DESC`,
    )
    .all(dayParams(ledger, day));
}

/** Counts of the day: finished served / pending, no-shows, and the average service time. */
export function daySummary(ledger: Ledger, day: string): DaySummary {
  const params = dayParams(ledger, day);
  const row = ledger
    .sql<DayParams, { served: number; pending: number; averageServiceMs: number | null }>(
      `${FINISHED_ON_DAY}
       SELECT COUNT(*) FILTER (WHERE outcome = 'served') AS served,
              COUNT(*) FILTER (WHERE outcome = 'pending') AS pending,
              AVG(serviceMs) AS averageServiceMs
         FROM visits`,
    )
    .get(params);
  const noShow = ledger
    .sql<DayParams, { n: number }>(
      `SELECT COUNT(*) AS n FROM events INDEXED BY events_server_at
        WHERE type = 'ticket.no_show' AND server_at >= @start AND server_at < @end`,
    )
    .get(params);
  const average = row?.averageServiceMs ?? null;
  return {
    day,
    served: row?.served ?? 0,
    pending: row?.pending ?? 0,
    noShow: noShow?.n ?? 0,
    averageServiceMs: average === null ? null : Math.round(average),
  };
}

/**
 * The ticket the counter holds now: its latest call or walk-in, unless that ticket has since been
 * finished, marked no-show, transferred or returned (a counter holds one ticket at a time, so an
 * older call never matters). The one exception is a call settled late, after a walk-in began: it is
 * recorded with its return (main/sync/delivery.ts), so the walk-in just before it is still held;
 * hence the last two. Null when it holds none.
 */
export function heldTicket(ledger: Ledger, counterId: string): Ticket | null {
  const held = ledger
    .sql<{ counterId: string }, { ticketId: string }>(
      `SELECT l.ticket_id AS ticketId FROM (
         SELECT e.ticket_id, e.seq FROM events e
          WHERE e.counter_id = @counterId AND e.type IN ('walkin.served', 'ticket.called')
          ORDER BY e.seq DESC LIMIT 2) l
        WHERE NOT EXISTS (
          SELECT 1 FROM events x INDEXED BY events_ticket
           WHERE x.ticket_id = l.ticket_id AND x.seq > l.seq
             AND x.type IN ('ticket.finished', 'ticket.no_show', 'ticket.transferred', 'ticket.returned'))
        ORDER BY l.seq DESC LIMIT 1`,
    )
    .get({ counterId });
  return held ? projectTicket(ledger, held.ticketId) : null;
}

/** A ticket as this counter's ledger tells it; null when the ledger has no event about it. */
export function projectTicket(ledger: Ledger, ticketId: string): Ticket | null {
  let ticket: Ticket | null = null;
  for (const e of ledger.ticketEvents(ticketId)) {
    // A call of a ticket that is not waiting here means the server changed it in between
    // (reactivated a no-show, sent a transfer back): the ledger has no event for that, so the
    // story starts again at this call.
    if (e.type === 'ticket.called' && ticket !== null && !canTransition(ticket.status, 'call')) ticket = null;
    ticket = applyTicketEvent(ticket, e, ledger.timeZone);
  }
  return ticket;
}

/** How many walk-ins the counter served on `day` (the next walk-in gets this + 1). */
export function walkInsOnDay(ledger: Ledger, day: string, counterId: string): number {
  return walkInNumbersOnDay(ledger, day, counterId).length;
}

/** The walk-in numbers this counter gave on the day (`L3-007`…). */
export function walkInNumbersOnDay(ledger: Ledger, day: string, counterId: string): string[] {
  return ledger
    .sql<DayParams & { counterId: string }, string>(
      `SELECT json_extract(data, '$.number') FROM events INDEXED BY events_walkin
        WHERE type = 'walkin.served' AND counter_id = @counterId
          AND server_at >= @start AND server_at < @end`,
    )
    .pluck()
    .all({ ...dayParams(ledger, day), counterId });
}

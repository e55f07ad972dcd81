import type { Ticket } from './domain.ts';
import type { LedgerEvent } from './events.ts';
import { parseEventData } from './events.ts';
import { serviceDay } from './service-day.ts';
import { transition, type TicketAction } from './ticket-state.ts';

/** Which state-machine action each ticket event performs. */
const ACTION_OF: Partial<Record<LedgerEvent['type'], TicketAction>> = {
  'ticket.called': 'call',
  'ticket.recalled': 'recall',
  'ticket.started': 'start',
  'ticket.finished': 'finish',
  'ticket.no_show': 'no_show',
  'ticket.transferred': 'transfer',
  'ticket.returned': 'return',
};

type TicketEvent = Pick<LedgerEvent, 'type' | 'ticketId' | 'counterId' | 'officerId' | 'serverAt' | 'data'>;

/**
 * Folds one ticket's events (in order) into its state, as seen by the counter that recorded them.
 * Times are server time. Throws IllegalTransitionError on an impossible sequence.
 */
export function applyTicketEvent(ticket: Ticket | null, e: TicketEvent, timeZone: string): Ticket {
  if (e.ticketId === null) throw new Error(`${e.type} has no ticket id`);
  if (e.type === 'walkin.served') {
    const d = parseEventData('walkin.served', e.data);
    return {
      id: e.ticketId,
      serviceId: d.serviceId,
      number: d.number,
      serviceDay: serviceDay(e.serverAt, timeZone),
      channel: 'counter',
      priority: 'normal',
      status: 'serving',
      counterId: e.counterId,
      officerId: e.officerId,
      callCount: 0,
      outcome: null,
      note: null,
      issuedAt: e.serverAt,
      calledAt: e.serverAt,
      startedAt: e.serverAt,
      finishedAt: null,
    };
  }
  const action = ACTION_OF[e.type];
  if (action === undefined) throw new Error(`${e.type} is not a ticket event`);
  if (ticket === null) {
    if (e.type !== 'ticket.called') throw new Error(`${e.type} for a ticket this counter never called`);
    const d = parseEventData('ticket.called', e.data);
    ticket = {
      id: e.ticketId,
      serviceId: d.serviceId,
      number: d.number,
      serviceDay: serviceDay(e.serverAt, timeZone),
      channel: 'kiosk',
      priority: 'normal',
      status: 'waiting',
      counterId: null,
      officerId: null,
      callCount: 0,
      outcome: null,
      note: null,
      issuedAt: e.serverAt,
      calledAt: null,
      startedAt: null,
      finishedAt: null,
    };
  }
  const next: Ticket = { ...ticket, status: transition(ticket.status, action) };
  switch (e.type) {
    case 'ticket.called':
      return { ...next, counterId: e.counterId, officerId: e.officerId, callCount: 1, calledAt: e.serverAt };
    case 'ticket.recalled':
      // If called again, the last call counts (DESIGN.md §4).
      return { ...next, callCount: next.callCount + 1, calledAt: e.serverAt };
    case 'ticket.started':
      return { ...next, startedAt: e.serverAt };
    case 'ticket.finished': {
      const d = parseEventData('ticket.finished', e.data);
      return { ...next, outcome: d.outcome, note: d.note, finishedAt: e.serverAt };
    }
    default:
      return next;
  }
}

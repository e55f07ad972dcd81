import { LoketError } from '../../core/errors.ts';
import type { CounterContext } from '../../core/ipc.ts';
import { serviceDay } from '../../core/service-day.ts';
import { transition } from '../../core/ticket-state.ts';
import type { Ticket } from '../../core/domain.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { daySummary, heldTicket, projectTicket, servedOnDay } from '../ledger/queries.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import { uuidv7 } from '../../core/uuid7.ts';

export interface CounterHandlerDeps {
  ledger: Ledger;
  context: () => CounterContext;
  /** The signed-in officer; null until officer sign-in exists (hall-server issue). */
  officerId: () => string | null;
  now: () => number;
  version: string;
  runtime: 'electron' | 'headless';
  /** Called after every append so open windows re-read what they show. */
  onLedgerChanged: (lastSeq: number) => void;
  /**
   * The number the next walk-in gets on `day`: from the blocks the hall server leased once the PC
   * is enrolled (null: none left), counted locally before that.
   */
  nextWalkInNumber: (day: string) => string | null;
}

/** Walk-in numbers of a PC not enrolled with a hall server yet: W3-001… */
export function walkInNumber(counterNumber: number, sequence: number): string {
  return `W${counterNumber}-${String(sequence).padStart(3, '0')}`;
}

export type LocalCounterHandlers = Pick<
  Handlers,
  'getAppInfo' | 'getCounterContext' | 'getCurrentTicket' | 'getToday' | 'startWalkIn' | 'finishTicket'
>;

/** The counter's own actions on its ledger: walk-ins and today's figures (DESIGN.md §5). */
export function createCounterHandlers(deps: CounterHandlerDeps): LocalCounterHandlers {
  const { ledger } = deps;
  const today = (): string => serviceDay(deps.now(), deps.context().timeZone);
  const fold = (ticketId: string): Ticket => {
    const ticket = projectTicket(ledger, ticketId);
    if (!ticket) throw new Error(`ticket ${ticketId} has no events`);
    return ticket;
  };
  const changed = <T>(value: T): T => {
    deps.onLedgerChanged(ledger.lastSeq());
    return value;
  };

  return {
    getAppInfo: () => ({ version: deps.version, runtime: deps.runtime }),
    getCounterContext: () => deps.context(),
    getCurrentTicket: () => heldTicket(ledger, deps.context().counter.id),
    getToday: () => {
      const day = today();
      return { day, served: servedOnDay(ledger, day), summary: daySummary(ledger, day) };
    },

    startWalkIn: ({ serviceId }) => {
      const ctx = deps.context();
      const service = ctx.services.find((s) => s.id === serviceId);
      if (!service) {
        throw new LoketError(
          'unknown_service',
          `Counter ${ctx.counter.number} does not serve the service "${serviceId}". Choose one of the services listed.`,
          'serviceId',
        );
      }
      const ticketId = ledger.transaction(() => {
        const held = heldTicket(ledger, ctx.counter.id);
        if (held) {
          throw new LoketError(
            'counter_busy',
            `Ticket ${held.number} is still being served here. Finish it first (F4 served, F7 pending).`,
          );
        }
        const number = deps.nextWalkInNumber(today());
        if (number === null) {
          throw new LoketError(
            'no_walkin_numbers',
            'No walk-in numbers are left for today and the hall server cannot be reached to lease more. Reconnect to the hall server, or give the visitor a kiosk ticket.',
          );
        }
        const id = uuidv7(deps.now());
        ledger.append({
          type: 'walkin.served',
          ticketId: id,
          counterId: ctx.counter.id,
          officerId: deps.officerId(),
          leaseEpoch: null,
          data: { serviceId, number },
        });
        return id;
      });
      return changed(fold(ticketId));
    },

    finishTicket: ({ ticketId, outcome, note }) => {
      const ctx = deps.context();
      ledger.transaction(() => {
        const held = heldTicket(ledger, ctx.counter.id);
        if (!held || held.id !== ticketId) {
          throw new LoketError(
            'ticket_not_held',
            'This counter is not serving that ticket (it may already be finished). Look at the current visitor card and try again.',
            'ticketId',
          );
        }
        // Throws IllegalTransitionError (named state and action) if the ticket is not being served.
        transition(held.status, 'finish');
        ledger.append({
          type: 'ticket.finished',
          ticketId,
          counterId: ctx.counter.id,
          officerId: deps.officerId(),
          leaseEpoch: null,
          data: { outcome, note: note === '' ? null : note },
        });
      });
      return changed(fold(ticketId));
    },
  };
}

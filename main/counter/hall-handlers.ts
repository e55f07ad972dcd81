import { QueueSnapshotSchema, type CallNextResponse, type CounterState } from '../../core/api.ts';
import type { Ticket } from '../../core/domain.ts';
import { LoketError } from '../../core/errors.ts';
import type { EventData, NewLedgerEvent } from '../../core/events.ts';
import type { CounterContext } from '../../core/ipc.ts';
import { transition, type TicketAction } from '../../core/ticket-state.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { heldTicket, projectTicket } from '../ledger/queries.ts';
import type { Delivery } from '../sync/delivery.ts';
import type { HallLink } from '../sync/hall-link.ts';
import type { LocalCounterHandlers } from './counter-handlers.ts';
import type { SerialQueue } from './serial-queue.ts';

export interface HallHandlerDeps {
  link: HallLink;
  ledger: Ledger;
  delivery: Delivery;
  context: () => CounterContext;
  /** The ledger-only handlers, run here in turn with the other actions (and alone on a PC not enrolled yet). */
  local: Pick<LocalCounterHandlers, 'startWalkIn' | 'finishTicket'>;
  /** Shared with the app's own work on the counter (app-services), so nothing runs alongside an action. */
  serial: SerialQueue;
  /** Leases walk-in numbers while online when today's run low. */
  walkIns: { ensure(): Promise<void> };
  /** Local clock, for what the counter looks like offline until the hall server says otherwise. */
  now: () => number;
}

export type HallHandlers = Pick<
  Handlers,
  | 'getConnection'
  | 'probeServer'
  | 'enrollDevice'
  | 'signIn'
  | 'signOut'
  | 'openCounter'
  | 'pauseCounter'
  | 'resumeCounter'
  | 'closeCounter'
  | 'getQueue'
  | 'callNext'
  | 'callTicket'
  | 'recallTicket'
  | 'startServing'
  | 'markNoShow'
  | 'returnToQueue'
  | 'transferTicket'
  | 'startWalkIn'
  | 'finishTicket'
>;

/** The ticket this counter holds, what kind it is, and the lease its latest call returned. */
interface Held {
  ticket: Ticket;
  walkIn: boolean;
  leaseEpoch: number | null;
}

/** What a closed counter is, as the hall server would say it. */
const closedState = (s: CounterState): CounterState => ({ ...s, status: 'closed', pauseReason: null, officer: null, serviceIds: [], current: null });

const path = (...parts: string[]): string => parts.map(encodeURIComponent).join('/');

/** What the ledger records of a call the hall server answered: the ticket, under the lease it gave. */
export function calledEventFor(counterId: string, officerId: string, a: CallNextResponse): NewLedgerEvent {
  return {
    type: 'ticket.called',
    ticketId: a.ticket.id,
    counterId,
    officerId,
    leaseEpoch: a.leaseEpoch,
    data: { serviceId: a.ticket.serviceId, number: a.ticket.number },
  };
}

/**
 * The hall-server side of the counter's contract (DESIGN.md §5, §7): enrollment, sign-in, the
 * shared queue and every action on a called ticket. Actions go through `delivery`, which alone
 * decides whether the server or the ledger comes first.
 */
export function createHallHandlers(deps: HallHandlerDeps): HallHandlers {
  const { link, ledger, delivery } = deps;

  const held = (expectedId?: string): Held => {
    const ctx = deps.context();
    const ticket = heldTicket(ledger, ctx.counter.id);
    if (!ticket || (expectedId !== undefined && ticket.id !== expectedId)) {
      throw new LoketError(
        'ticket_not_held',
        expectedId === undefined
          ? `Counter ${ctx.counter.number} holds no visitor now. Call the next one first.`
          : 'This counter is not serving that ticket (it may already be finished). Look at the current visitor card and try again.',
        expectedId === undefined ? undefined : 'ticketId',
      );
    }
    let walkIn = false;
    let leaseEpoch: number | null = null;
    for (const e of ledger.ticketEvents(ticket.id)) {
      if (e.type === 'walkin.served') walkIn = true;
      if (e.type === 'ticket.called') leaseEpoch = e.leaseEpoch;
    }
    return { ticket, walkIn, leaseEpoch };
  };

  /** A ticket the hall server assigned to this counter, with its lease; walk-ins are refused by state. */
  const heldFromServer = (action: TicketAction, expectedId?: string): Held & { leaseEpoch: number } => {
    const h = held(expectedId);
    if (h.walkIn) {
      transition(h.ticket.status, action); // recall, start, no-show, return: refused naming the state
      throw new LoketError(
        'illegal_transition',
        `${h.ticket.number} is a walk-in served here; the hall queue does not know it, so it cannot be ${action === 'transfer' ? 'transferred' : 'changed there'}. Finish it (pending if the visitor must go elsewhere).`,
      );
    }
    if (h.leaseEpoch === null) {
      throw new LoketError('ticket_not_held', `This counter has no call of ${h.ticket.number} on record. Refresh and call again.`);
    }
    return { ...h, leaseEpoch: h.leaseEpoch };
  };

  const refuseIfHolding = (ctx: CounterContext): void => {
    const current = heldTicket(ledger, ctx.counter.id);
    if (current) {
      throw new LoketError(
        'counter_busy',
        `Ticket ${current.number} is still at this counter. Finish it, transfer it, return it to the queue or mark it no-show before calling the next visitor.`,
      );
    }
  };

  const calledEvent = (ctx: CounterContext, officerId: string, a: CallNextResponse): NewLedgerEvent => calledEventFor(ctx.counter.id, officerId, a);

  /**
   * An action on the ticket this counter holds, recorded in the ledger under the lease of its call
   * (a walk-in has none): checked against the ledger's own view of the ticket, in the same
   * transaction as the append, then sent to the hall server by the outbox.
   */
  const actOnHeld = async <T extends 'ticket.recalled' | 'ticket.started' | 'ticket.no_show' | 'ticket.returned' | 'ticket.finished' | 'ticket.transferred'>(
    type: T,
    action: TicketAction,
    data: (h: Held) => EventData<T>,
    expectedId?: string,
  ): Promise<Ticket> => {
    const officer = link.requireOfficer();
    const ctx = deps.context();
    let ticketId = '';
    const event = (): NewLedgerEvent => {
      const h = action === 'finish' ? held(expectedId) : heldFromServer(action, expectedId);
      transition(h.ticket.status, action);
      ticketId = h.ticket.id;
      return { type, ticketId: h.ticket.id, counterId: ctx.counter.id, officerId: officer.id, leaseEpoch: h.leaseEpoch, data: data(h) } as NewLedgerEvent;
    };
    await delivery.record(event);
    const ticket = projectTicket(ledger, ticketId);
    if (!ticket) throw new Error(`ticket ${ticketId} vanished from the ledger`);
    return ticket;
  };

  /**
   * A counter-life event (open, pause, resume, close): recorded, sent, then the server's view of
   * the counter read again. Offline, `offline` says what the counter now is, so the screen (and the
   * display) follow the officer at once; the hall server learns it when the ledger reaches it.
   */
  const recordCounterEvent = async (event: NewLedgerEvent, offline?: (state: CounterState) => CounterState): Promise<void> => {
    await delivery.record(() => event, { untilDelivered: true });
    const known = link.counterState();
    const refreshed = link.online ? await link.refreshCounter().catch(() => null) : null;
    if (refreshed === null && known !== null && offline) link.setCounterState(offline(known));
    link.changed();
  };

  /** The counter as this PC last knew it must be open (or paused): pausing a closed counter means nothing. */
  const requireOpenCounter = (ctx: CounterContext): CounterState => {
    const state = link.counterState();
    if (state === null || state.status === 'closed') {
      throw new LoketError('counter_not_open', `Counter ${ctx.counter.number} is not open. Open it (choose its services) first.`);
    }
    return state;
  };

  const counterEvent = <T extends 'counter.paused' | 'counter.resumed' | 'session.closed'>(
    type: T,
    ctx: CounterContext,
    officerId: string,
    data: EventData<T>,
  ): NewLedgerEvent => ({ type, ticketId: null, counterId: ctx.counter.id, officerId, leaseEpoch: null, data }) as NewLedgerEvent;

  // One counter action at a time: a double key press waits for the first action and then sees its
  // result (a second "call next" finds the ticket held; a second recall counts on the first), and a
  // walk-in cannot slip in while a call is on its way.
  const serial = deps.serial;

  return {
    getConnection: () => link.connection(),

    probeServer: async ({ url }) => {
      const probe = await link.probe(url);
      return { url: probe.url, fingerprint256: probe.fingerprint256, version: probe.version };
    },

    enrollDevice: (request) => link.enroll(request),

    signIn: (request) => link.signIn(request),

    // Signing out closes the counter (refused while it holds a visitor), so the display board does
    // not show an empty counter as open. Offline, the close is recorded and sent later.
    signOut: () => serial(async () => {
      const officer = link.officer();
      if (officer) {
        const ctx = deps.context();
        const current = heldTicket(ledger, ctx.counter.id);
        if (current) {
          throw new LoketError('counter_busy', `Ticket ${current.number} is still at this counter. Finish it, transfer it or return it to the queue before signing out.`);
        }
        await recordCounterEvent(counterEvent('session.closed', ctx, officer.id, {}), closedState);
      }
      return link.signOut();
    }),

    openCounter: ({ serviceIds }) => serial(async () => {
      const officer = link.requireOfficer();
      const ctx = deps.context();
      const chosen = [...new Set(serviceIds)];
      const configured = new Set(ctx.services.map((s) => s.id));
      const unknown = chosen.find((id) => !configured.has(id));
      if (unknown !== undefined) {
        throw new LoketError('unknown_service', `Counter ${ctx.counter.number} does not serve "${unknown}". Choose among its services.`, 'serviceIds');
      }
      await recordCounterEvent({ type: 'session.opened', ticketId: null, counterId: ctx.counter.id, officerId: officer.id, leaseEpoch: null, data: { serviceIds: chosen } });
      return link.connection();
    }),

    // A pause keeps the visitor in hand (a system problem mid-service); calling waits for resume.
    pauseCounter: ({ reason }) => serial(async () => {
      const officer = link.requireOfficer();
      const ctx = deps.context();
      const state = requireOpenCounter(ctx);
      if (state.status === 'paused' && state.pauseReason === reason) return link.connection();
      await recordCounterEvent(counterEvent('counter.paused', ctx, officer.id, { reason }), (s) => ({ ...s, status: 'paused', pauseReason: reason, since: deps.now() }));
      return link.connection();
    }),

    resumeCounter: () => serial(async () => {
      const officer = link.requireOfficer();
      const ctx = deps.context();
      if (requireOpenCounter(ctx).status === 'open') return link.connection();
      await recordCounterEvent(counterEvent('counter.resumed', ctx, officer.id, {}), (s) => ({ ...s, status: 'open', pauseReason: null, since: deps.now() }));
      return link.connection();
    }),

    closeCounter: () => serial(async () => {
      const officer = link.requireOfficer();
      const ctx = deps.context();
      requireOpenCounter(ctx);
      const current = heldTicket(ledger, ctx.counter.id);
      if (current) {
        throw new LoketError('counter_busy', `Ticket ${current.number} is still at this counter. Finish it, transfer it or return it to the queue before closing the counter.`);
      }
      await recordCounterEvent(counterEvent('session.closed', ctx, officer.id, {}), closedState);
      return link.connection();
    }),

    getQueue: async () => {
      link.requireEnrollment();
      const ctx = deps.context();
      const snapshot = await link.request('device', 'GET', '/queue', QueueSnapshotSchema);
      const state = link.counterState();
      const services = new Set(state && state.status !== 'closed' ? state.serviceIds : ctx.services.map((s) => s.id));
      return (snapshot?.waiting ?? []).filter((w) =>
        w.targetCounterId === null ? services.has(w.serviceId) : w.targetCounterId === ctx.counter.id,
      );
    },

    callNext: () => serial(async () => {
      const officer = link.requireOfficer();
      const ctx = deps.context();
      refuseIfHolding(ctx);
      const called = await delivery.call({ path: `/counters/${path(ctx.counter.id)}/call-next`, body: {} }, (a) =>
        calledEvent(ctx, officer.id, a),
      );
      return called?.answer.ticket ?? null;
    }),

    callTicket: ({ ticketId }) => serial(async () => {
      const officer = link.requireOfficer();
      const ctx = deps.context();
      refuseIfHolding(ctx);
      const called = await delivery.call({ path: `/counters/${path(ctx.counter.id)}/call`, body: { ticketId } }, (a) =>
        calledEvent(ctx, officer.id, a),
      );
      if (!called) throw new LoketError('not_found', 'The hall server did not call that ticket. Refresh the queue and choose again.', 'ticketId');
      return called.answer.ticket;
    }),

    recallTicket: () => serial(() => actOnHeld('ticket.recalled', 'recall', (h) => ({ callCount: h.ticket.callCount + 1 }))),
    startServing: () => serial(() => actOnHeld('ticket.started', 'start', () => ({}))),
    markNoShow: () => serial(() => actOnHeld('ticket.no_show', 'no_show', () => ({}))),
    returnToQueue: () => serial(() => actOnHeld('ticket.returned', 'return', () => ({}))),

    transferTicket: ({ toServiceId, toCounterId, reason }) => serial(async () => {
      if ((toServiceId === null) === (toCounterId === null)) {
        throw new LoketError('invalid_request', 'Choose exactly one: another service, or another counter.', 'toServiceId');
      }
      const why = reason.trim();
      if (why.length === 0) throw new LoketError('invalid_request', 'Say why the visitor is transferred.', 'reason');
      return actOnHeld('ticket.transferred', 'transfer', () => ({ toServiceId, toCounterId, reason: why }));
    }),

    // Walk-ins are numbered from the blocks the hall server leased in advance (L3-001…): while
    // online, a block is leased first if today's numbers run out.
    // A call whose answer was lost may have called a visitor here: online, that is settled first
    // (the called visitor is then at the counter, and the walk-in waits); offline the walk-in is
    // served and a visitor called meanwhile goes back to the queue when the call settles.
    startWalkIn: (request) => serial(async () => {
      if (link.enrolled) {
        const officer = link.requireOfficer();
        if (link.online && delivery.hasPendingCall()) {
          const settled = await delivery.settlePendingCall((a) => calledEvent(deps.context(), officer.id, a)).catch(() => null);
          if (settled) refuseIfHolding(deps.context());
        }
      }
      await deps.walkIns.ensure();
      return deps.local.startWalkIn(request);
    }),

    finishTicket: (request) => serial(async () => {
      if (!link.enrollment) return deps.local.finishTicket(request);
      const note = request.note === '' ? null : request.note;
      return actOnHeld('ticket.finished', 'finish', () => ({ outcome: request.outcome, note }), request.ticketId);
    }),
  };
}

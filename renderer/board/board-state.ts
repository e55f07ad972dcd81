import type { BoardSnapshot, CounterState, RecentCall } from '../../core/api.ts';
import type { StreamMessage, StreamTicket } from '../../core/stream.ts';

/**
 * What the display board shows, and how the snapshot (GET /board) and the live feed change it.
 * Pure: no DOM, no time. Every change is idempotent, so a message can be applied live and applied
 * again on top of a snapshot fetched after it (see useBoardFeed) without a second highlight.
 */
export interface BoardState {
  /** The latest calls, newest first, one entry per ticket; `calls[0]` is shown large. */
  calls: RecentCall[];
  /** Every counter, by number. */
  counters: CounterState[];
  /** Bumped whenever the newest call is a new call or a recall: the board highlights it again. */
  highlight: number;
}

export const MAX_CALLS = 8;

export const EMPTY_BOARD: BoardState = { calls: [], counters: [], highlight: 0 };

export type BoardAction =
  | { type: 'snapshot'; snapshot: BoardSnapshot; replay: readonly StreamMessage[] }
  | { type: 'message'; message: StreamMessage };

export function boardReducer(state: BoardState, action: BoardAction): BoardState {
  if (action.type === 'message') return applyMessage(state, action.message);
  return action.replay.reduce(applyMessage, applySnapshot(state, action.snapshot));
}

const byNewest = (a: RecentCall, b: RecentCall): number => b.calledAt - a.calledAt;
const byNumber = (a: CounterState, b: CounterState): number => a.number - b.number;

function applySnapshot(state: BoardState, snapshot: BoardSnapshot): BoardState {
  const seen = new Set<string>();
  const calls = [...snapshot.recentCalls]
    .sort(byNewest)
    .filter((call) => !seen.has(call.ticketId) && Boolean(seen.add(call.ticketId)))
    .slice(0, MAX_CALLS);
  const before = state.calls[0];
  const after = calls[0];
  // A call missed while away is highlighted once it arrives; a board that just started is not.
  const missed =
    before !== undefined &&
    after !== undefined &&
    (before.ticketId !== after.ticketId || before.callCount < after.callCount);
  return { calls, counters: [...snapshot.counters].sort(byNumber), highlight: state.highlight + (missed ? 1 : 0) };
}

function applyMessage(state: BoardState, message: StreamMessage): BoardState {
  if (message.type === 'counter') return putCounter(state, message.counter);
  if (message.type !== 'ticket') return state;
  const { ticket, event, at } = message;
  switch (event) {
    case 'called':
    case 'recalled':
      return applyCall(state, ticket, at);
    case 'started':
      return updateCurrent(state, ticket, at, (current) => ({ ...current, status: 'serving' }));
    case 'returned':
    case 'cancelled':
      // no longer called: the board must not keep sending the visitor to that counter
      return { ...updateCurrent(state, ticket, at, () => null), calls: state.calls.filter((c) => c.ticketId !== ticket.id) };
    case 'finished':
    case 'no_show':
    case 'transferred':
      return updateCurrent(state, ticket, at, () => null);
    default:
      return state; // issued, reactivated: nothing on the board changes
  }
}

function applyCall(state: BoardState, ticket: StreamTicket, at: number): BoardState {
  if (ticket.counterId === null || ticket.counterNumber === null) return state;
  const call: RecentCall = {
    ticketId: ticket.id,
    number: ticket.number,
    serviceId: ticket.serviceId,
    agencyId: ticket.agencyId,
    counterId: ticket.counterId,
    counterNumber: ticket.counterNumber,
    // a recall counts as the latest call (DESIGN.md §4: "if called again, the last call counts")
    calledAt: Math.max(ticket.calledAt ?? at, at),
    callCount: Math.max(1, ticket.callCount),
  };
  const known = state.calls.find((c) => c.ticketId === call.ticketId);
  const duplicate = known !== undefined && known.counterId === call.counterId && known.callCount >= call.callCount;
  let { calls, highlight } = state;
  if (!duplicate) {
    calls = [call, ...state.calls.filter((c) => c.ticketId !== call.ticketId)].sort(byNewest).slice(0, MAX_CALLS);
    if (calls[0]?.ticketId === call.ticketId) highlight++;
  }
  const withCounter = updateCounter(state.counters, call.counterId, at, (counter) => ({
    ...counter,
    current: { ticketId: ticket.id, number: ticket.number, status: 'called' },
  }));
  return { calls, counters: withCounter, highlight };
}

/** Changes the counter's current ticket when it is this ticket (or, for a call, whatever it was). */
function updateCurrent(
  state: BoardState,
  ticket: StreamTicket,
  at: number,
  change: (current: NonNullable<CounterState['current']>) => CounterState['current'],
): BoardState {
  const holder = state.counters.find((c) => c.current?.ticketId === ticket.id);
  if (holder === undefined) return state;
  const counters = updateCounter(state.counters, holder.counterId, at, (counter) =>
    counter.current ? { ...counter, current: change(counter.current) } : counter,
  );
  return { ...state, counters };
}

/** Applies `change` unless the counter changed later than `at` (an old message arriving late). */
function updateCounter(
  counters: CounterState[],
  counterId: string,
  at: number,
  change: (counter: CounterState) => CounterState,
): CounterState[] {
  return counters.map((counter) =>
    counter.counterId !== counterId || counter.since > at ? counter : { ...change(counter), since: at },
  );
}

function putCounter(state: BoardState, incoming: CounterState): BoardState {
  const known = state.counters.find((c) => c.counterId === incoming.counterId);
  if (known !== undefined && known.since > incoming.since) return state; // older than what we show
  const counters = [...state.counters.filter((c) => c.counterId !== incoming.counterId), incoming].sort(byNumber);
  return { ...state, counters };
}

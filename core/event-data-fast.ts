import { OUTCOMES } from './domain.ts';
import { canonicalJson, PAUSE_REASONS, parseEventData, type EventType } from './events.ts';

/**
 * The data of each ledger event type checked by hand, with its canonical JSON written directly:
 * both run on every durable append and for every event of a push, where a schema parse and a
 * generic key-sorting stringify cost more than the checks themselves. The zod schemas in
 * core/events.ts stay the definition; this only answers for data that is plainly valid and has
 * exactly the schema's keys, and returns null for everything else, which the caller then hands to
 * the schema (for the error message, or for stripping unknown keys). A property test holds the two
 * to the same data and text (tests/unit/core/event-data-fast.test.ts).
 */
export interface CheckedData {
  data: Record<string, unknown>;
  /** `canonicalJson(data)`. */
  text: string;
}

type Plain = Record<string, unknown>;
type FastCheck = (d: Plain) => CheckedData | null;

const q = JSON.stringify;
const isId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 64;
const isTicketNumber = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 16;
const isNote = (v: unknown): v is string | null => v === null || (typeof v === 'string' && v.length <= 500);
const OUTCOME_SET: ReadonlySet<unknown> = new Set(OUTCOMES);
const REASON_SET: ReadonlySet<unknown> = new Set(PAUSE_REASONS);

function keyCount(d: Plain): number {
  let n = 0;
  for (const _ in d) n++;
  return n;
}

const empty: FastCheck = (d) => (keyCount(d) === 0 ? { data: {}, text: '{}' } : null);

const serviceAndNumber: FastCheck = (d) => {
  const { serviceId, number } = d;
  if (keyCount(d) !== 2 || !isId(serviceId) || !isTicketNumber(number)) return null;
  return { data: { serviceId, number }, text: `{"number":${q(number)},"serviceId":${q(serviceId)}}` };
};

const CHECKS: Record<EventType, FastCheck> = {
  'session.opened': (d) => {
    const ids = d['serviceIds'];
    if (keyCount(d) !== 1 || !Array.isArray(ids) || !ids.every(isId)) return null;
    const copy = ids.slice() as string[];
    return { data: { serviceIds: copy }, text: `{"serviceIds":${q(copy)}}` };
  },
  'session.closed': empty,
  'counter.paused': (d) => {
    const reason = d['reason'];
    if (keyCount(d) !== 1 || !REASON_SET.has(reason)) return null;
    return { data: { reason }, text: `{"reason":${q(reason)}}` };
  },
  'counter.resumed': empty,
  'ticket.called': serviceAndNumber,
  'ticket.recalled': (d) => {
    const callCount = d['callCount'];
    if (keyCount(d) !== 1 || !(Number.isSafeInteger(callCount) && (callCount as number) > 0)) return null;
    return { data: { callCount }, text: `{"callCount":${q(callCount)}}` };
  },
  'ticket.started': empty,
  'ticket.finished': (d) => {
    const { outcome, note } = d;
    if (keyCount(d) !== 2 || !OUTCOME_SET.has(outcome) || !isNote(note)) return null;
    return { data: { outcome, note }, text: `{"note":${q(note)},"outcome":${q(outcome)}}` };
  },
  'ticket.no_show': empty,
  'ticket.transferred': (d) => {
    const { toServiceId, toCounterId, reason } = d;
    if (keyCount(d) !== 3 || !(toServiceId === null || isId(toServiceId)) || !(toCounterId === null || isId(toCounterId))) return null;
    if (!(typeof reason === 'string' && reason.length <= 200)) return null;
    return {
      data: { toServiceId, toCounterId, reason },
      text: `{"reason":${q(reason)},"toCounterId":${q(toCounterId)},"toServiceId":${q(toServiceId)}}`,
    };
  },
  'ticket.returned': empty,
  'walkin.served': serviceAndNumber,
};

/** The checked data and its canonical text, or null when the schema must decide. */
export function fastEventData(type: EventType, data: unknown): CheckedData | null {
  if (typeof data !== 'object' || data === null || Object.getPrototypeOf(data) !== Object.prototype) return null;
  return CHECKS[type](data as Plain);
}

/**
 * The data as its type's schema returns it (unknown keys dropped) with its canonical text; throws
 * the schema's ZodError when the data is not valid.
 */
export function checkEventData(type: EventType, data: unknown): CheckedData {
  const fast = fastEventData(type, data);
  if (fast) return fast;
  const parsed = parseEventData(type, data) as Record<string, unknown>;
  return { data: parsed, text: canonicalJson(parsed) };
}

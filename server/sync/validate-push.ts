import { hash } from 'node:crypto';
import { fastEventData } from '../../core/event-data-fast.ts';
import { canonicalEventText, canonicalJson, EventDataSchemas, type EventType, type LedgerEvent } from '../../core/events.ts';
import { LoketError } from '../../core/errors.ts';
import { hashProblem, ledgerEventProblem } from '../../core/ledger-event-check.ts';
import { SyncPushEnvelopeSchema } from '../../core/sync-api.ts';
import { parseInput } from '../http/http-errors.ts';

/** A pushed event as it is stored: `data` as canonical JSON, the text it was hashed with. */
export type PushedEvent = Omit<LedgerEvent, 'data'> & { dataText: string };

/** A stored event on its way to the live queue, with `data` parsed. */
export interface IncomingEvent extends LedgerEvent {
  dataText: string;
}

/** A push that passed every check: its ledger and its events in order. */
export interface CheckedPush {
  deviceId: string;
  events: PushedEvent[];
}

/** What a push may claim about where it comes from: the counter this PC is enrolled for. */
export interface PushSource {
  counterId: string | null;
}

const TICKET_TYPE = /^(ticket\.|walkin\.)/;

function refuse(index: number, field: string, problem: string): never {
  throw new LoketError('invalid_event', `Event ${index} of the push is refused: ${field === '' ? 'it' : `"${field}"`} ${problem}. Nothing was stored; fix the counter's ledger or tell the technician.`, field === '' ? `events.${index}` : `events.${index}.${field}`);
}

/** The data's canonical text as hashed by the counter (unknown keys included), after its type's schema accepts it. */
function slowDataText(index: number, type: EventType, data: unknown): string {
  const parsed = EventDataSchemas[type].safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    refuse(index, ['data', ...(issue?.path ?? []).map(String)].join('.'), issue?.message ?? 'is not valid');
  }
  return canonicalJson(data);
}

/**
 * Checks a push before it touches the hall database: the body's shape, each event's data against
 * its type, each hash against the content, every event from the one ledger named, from this PC's
 * counter, in increasing seq order. Any failure refuses the whole push (nothing is stored).
 */
export function validatePush(body: unknown, source: PushSource): CheckedPush {
  const push = parseInput(SyncPushEnvelopeSchema, body, 'push');
  const events: PushedEvent[] = [];
  let previous = 0;
  for (let i = 0; i < push.events.length; i++) {
    const raw = push.events[i];
    const bad = ledgerEventProblem(raw, { hashRecomputed: true });
    if (bad) refuse(i, bad.field, bad.problem);
    const e = raw as LedgerEvent;
    if (e.deviceId !== push.deviceId) refuse(i, 'deviceId', `is ${e.deviceId}, not the ledger this push is for (${push.deviceId})`);
    if (e.seq <= previous) refuse(i, 'seq', 'must increase through the push');
    previous = e.seq;
    if (source.counterId !== null && e.counterId !== source.counterId) {
      refuse(i, 'counterId', `is ${e.counterId}, but this PC is enrolled for counter ${source.counterId}`);
    }
    if (e.ticketId === null && TICKET_TYPE.test(e.type)) refuse(i, 'ticketId', 'is missing');
    const dataText = fastEventData(e.type, e.data)?.text ?? slowDataText(i, e.type, e.data);
    // canonicalEventText reads every field but the hash.
    if (hash('sha256', canonicalEventText(e, dataText), 'hex') !== e.hash) {
      const problem = hashProblem(e.hash);
      refuse(i, problem.field, problem.problem);
    }
    events.push({
      deviceId: e.deviceId,
      seq: e.seq,
      eventId: e.eventId,
      type: e.type,
      at: e.at,
      serverAt: e.serverAt,
      hlc: e.hlc,
      ticketId: e.ticketId,
      counterId: e.counterId,
      officerId: e.officerId,
      leaseEpoch: e.leaseEpoch,
      dataText,
      hash: e.hash,
    });
  }
  return { deviceId: push.deviceId, events };
}

const FIELDS = 13;

/**
 * A checked push as one flat array of its values: what a worker thread hands back costs a fraction
 * to copy compared with thousands of objects.
 */
export function toFlat(events: readonly PushedEvent[]): unknown[] {
  const flat: unknown[] = new Array(events.length * FIELDS);
  let k = 0;
  for (const e of events) {
    flat[k++] = e.deviceId;
    flat[k++] = e.seq;
    flat[k++] = e.eventId;
    flat[k++] = e.type;
    flat[k++] = e.at;
    flat[k++] = e.serverAt;
    flat[k++] = e.hlc;
    flat[k++] = e.ticketId;
    flat[k++] = e.counterId;
    flat[k++] = e.officerId;
    flat[k++] = e.leaseEpoch;
    flat[k++] = e.dataText;
    flat[k++] = e.hash;
  }
  return flat;
}

/** The events `toFlat` flattened (from a checker this process trusts: nothing is checked again). */
export function fromFlat(flat: readonly unknown[]): PushedEvent[] {
  const events: PushedEvent[] = [];
  for (let k = 0; k < flat.length; k += FIELDS) {
    events.push({
      deviceId: flat[k],
      seq: flat[k + 1],
      eventId: flat[k + 2],
      type: flat[k + 3],
      at: flat[k + 4],
      serverAt: flat[k + 5],
      hlc: flat[k + 6],
      ticketId: flat[k + 7],
      counterId: flat[k + 8],
      officerId: flat[k + 9],
      leaseEpoch: flat[k + 10],
      dataText: flat[k + 11],
      hash: flat[k + 12],
    } as PushedEvent);
  }
  return events;
}

import { hash } from 'node:crypto';
import { fastEventData } from '../../core/event-data-fast.ts';
import { canonicalEventText, canonicalJson, EventDataSchemas, type LedgerEvent } from '../../core/events.ts';
import { LoketError } from '../../core/errors.ts';
import { asLedgerEvent, ledgerEventProblem } from '../../core/ledger-event-check.ts';
import { SyncPushEnvelopeSchema } from '../../core/sync-api.ts';
import type { DevicePrincipal } from '../auth/principal.ts';
import { parseInput } from '../http/http-errors.ts';

/** A pushed event checked in full, with `data` as stored (canonical JSON, the text it was hashed with). */
export interface IncomingEvent extends LedgerEvent {
  dataText: string;
}

const TICKET_TYPE = /^(ticket\.|walkin\.)/;

function refuse(index: number, field: string, problem: string): never {
  throw new LoketError('invalid_event', `Event ${index} of the push is refused: ${field === '' ? 'it' : `"${field}"`} ${problem}. Nothing was stored; fix the counter's ledger or tell the technician.`, field === '' ? `events.${index}` : `events.${index}.${field}`);
}

/** The data's canonical text as hashed by the counter (unknown keys included), after its type's schema accepts it. */
function slowDataText(index: number, e: LedgerEvent): string {
  const data = EventDataSchemas[e.type].safeParse(e.data);
  if (!data.success) {
    const issue = data.error.issues[0];
    refuse(index, ['data', ...(issue?.path ?? []).map(String)].join('.'), issue?.message ?? 'is not valid');
  }
  return canonicalJson(e.data);
}

/**
 * Checks a push before it touches the hall database: the body's shape, each event's data against
 * its type, each hash against the content, every event from the one ledger named, from this PC's
 * counter, in increasing seq order. Any failure refuses the whole push (nothing is stored).
 */
export function validatePush(body: unknown, device: DevicePrincipal): { deviceId: string; events: IncomingEvent[] } {
  const push = parseInput(SyncPushEnvelopeSchema, body, 'push');
  const events: IncomingEvent[] = [];
  let previous = 0;
  push.events.forEach((raw, i) => {
    const bad = ledgerEventProblem(raw);
    if (bad) refuse(i, bad.field, bad.problem);
    const e = asLedgerEvent(raw as Record<string, unknown>);
    if (e.deviceId !== push.deviceId) refuse(i, 'deviceId', `is ${e.deviceId}, not the ledger this push is for (${push.deviceId})`);
    if (e.seq <= previous) refuse(i, 'seq', 'must increase through the push');
    previous = e.seq;
    if (device.counterId !== null && e.counterId !== device.counterId) {
      refuse(i, 'counterId', `is ${e.counterId}, but this PC is enrolled for counter ${device.counterId}`);
    }
    if (e.ticketId === null && TICKET_TYPE.test(e.type)) refuse(i, 'ticketId', 'is missing');
    const dataText = fastEventData(e.type, e.data)?.text ?? slowDataText(i, e);
    // canonicalEventText reads every field but the hash.
    if (hash('sha256', canonicalEventText(e, dataText), 'hex') !== e.hash) {
      refuse(i, 'hash', 'does not match the event (changed after it was recorded?)');
    }
    events.push({ ...e, dataText });
  });
  return { deviceId: push.deviceId, events };
}

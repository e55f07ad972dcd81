import { EVENT_TYPES } from './events.ts';

/**
 * `LedgerEventSchema` (core/events.ts) checked by hand: the hall server checks every event of a
 * push, and a backlog of a hundred thousand events costs seconds through the schema (its UUID
 * regexes dominate). The schema stays the definition: a property test holds the two to the same
 * answers (tests/unit/core/ledger-event-check.test.ts). `data` is not checked here (its type's
 * schema does that).
 */
const UUID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
const HASH = /^[0-9a-f]{64}$/;
const TYPES: ReadonlySet<unknown> = new Set(EVENT_TYPES);

const HASH_PROBLEM: EventProblem = { field: 'hash', problem: 'must be 64 lowercase hex digits' };

/** Why a hash that differs from the recomputed one is refused: its form, or its content. */
export function hashProblem(hash: string): EventProblem {
  return HASH.test(hash) ? { field: 'hash', problem: 'does not match the event (changed after it was recorded?)' } : HASH_PROBLEM;
}

export interface EventProblem {
  field: string;
  problem: string;
}

const isId = (v: unknown): boolean => typeof v === 'string' && v.length >= 1 && v.length <= 64;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/**
 * The first thing wrong with a pushed event, or null when it is a well-formed ledger event. A
 * caller that recomputes the hash anyway may leave its format to `hashProblem` (a hash equal to the
 * recomputed one is well-formed); it then checks only that the hash is a string.
 */
export function ledgerEventProblem(value: unknown, options: { hashRecomputed?: boolean } = {}): EventProblem | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { field: '', problem: 'must be an event object' };
  const e = value as Record<string, unknown>;
  if (!isId(e['deviceId'])) return { field: 'deviceId', problem: 'must be 1–64 characters' };
  if (!isInt(e['seq']) || e['seq'] <= 0) return { field: 'seq', problem: 'must be a whole number ≥ 1' };
  if (typeof e['eventId'] !== 'string' || !UUID.test(e['eventId'])) return { field: 'eventId', problem: 'must be a UUID' };
  if (!TYPES.has(e['type'])) return { field: 'type', problem: `must be one of ${EVENT_TYPES.join(', ')}` };
  if (!isInt(e['at'])) return { field: 'at', problem: 'must be a whole number (epoch ms)' };
  if (!isInt(e['serverAt'])) return { field: 'serverAt', problem: 'must be a whole number (epoch ms)' };
  if (typeof e['hlc'] !== 'string' || e['hlc'].length === 0) return { field: 'hlc', problem: 'must not be empty' };
  const ticketId = e['ticketId'];
  if (ticketId !== null && !(typeof ticketId === 'string' && UUID.test(ticketId))) return { field: 'ticketId', problem: 'must be null or a UUID' };
  if (!isId(e['counterId'])) return { field: 'counterId', problem: 'must be 1–64 characters' };
  if (e['officerId'] !== null && !isId(e['officerId'])) return { field: 'officerId', problem: 'must be null or 1–64 characters' };
  const lease = e['leaseEpoch'];
  if (lease !== null && !(isInt(lease) && lease >= 0)) return { field: 'leaseEpoch', problem: 'must be null or a whole number ≥ 0' };
  if (!('data' in e)) return { field: 'data', problem: 'is missing' };
  if (typeof e['hash'] !== 'string' || (!options.hashRecomputed && !HASH.test(e['hash']))) return HASH_PROBLEM;
  return null;
}

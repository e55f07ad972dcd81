import { z } from 'zod';
import { IdSchema, OutcomeSchema } from './domain.ts';

/** Ledger event types (DESIGN.md §5) and the payload each carries in `data`. */
export const PAUSE_REASONS = ['break', 'prayer', 'system', 'other'] as const;
export const PauseReasonSchema = z.enum(PAUSE_REASONS);
export type PauseReason = z.infer<typeof PauseReasonSchema>;

const NoteSchema = z.string().max(500, 'a note is at most 500 characters').nullable();

export const EventDataSchemas = {
  'session.opened': z.object({ serviceIds: z.array(IdSchema) }),
  'session.closed': z.object({}),
  'counter.paused': z.object({ reason: PauseReasonSchema }),
  'counter.resumed': z.object({}),
  'ticket.called': z.object({ serviceId: IdSchema, number: z.string().min(1).max(16) }),
  'ticket.recalled': z.object({ callCount: z.number().int().positive() }),
  'ticket.started': z.object({}),
  'ticket.finished': z.object({ outcome: OutcomeSchema, note: NoteSchema }),
  'ticket.no_show': z.object({}),
  'ticket.transferred': z.object({
    toServiceId: IdSchema.nullable(),
    toCounterId: IdSchema.nullable(),
    reason: z.string().max(200),
  }),
  'ticket.returned': z.object({}),
  /**
   * A walk-in visitor enters service at this counter without a queue ticket. The ticket starts in
   * `serving`; it ends with `ticket.finished` like every other ticket.
   */
  'walkin.served': z.object({ serviceId: IdSchema, number: z.string().min(1).max(16) }),
} as const;

export type EventType = keyof typeof EventDataSchemas;
export const EVENT_TYPES = Object.keys(EventDataSchemas) as EventType[];
export const EventTypeSchema = z.enum(EVENT_TYPES as [EventType, ...EventType[]]);
export type EventData<T extends EventType> = z.infer<(typeof EventDataSchemas)[T]>;

/** What a caller supplies to append an event; the ledger assigns seq, ids, clocks and the hash. */
export type NewLedgerEvent = {
  [T in EventType]: {
    type: T;
    ticketId: string | null;
    counterId: string;
    officerId: string | null;
    leaseEpoch: number | null;
    data: EventData<T>;
  };
}[EventType];

export const LedgerEventSchema = z.object({
  deviceId: IdSchema,
  seq: z.number().int().positive(),
  eventId: z.uuid(),
  type: EventTypeSchema,
  at: z.number().int(),
  serverAt: z.number().int(),
  hlc: z.string().min(1),
  ticketId: z.uuid().nullable(),
  counterId: IdSchema,
  officerId: IdSchema.nullable(),
  leaseEpoch: z.number().int().nonnegative().nullable(),
  data: z.unknown(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type LedgerEvent = z.infer<typeof LedgerEventSchema>;

/** Validates `data` against the schema of the event's type. */
export function parseEventData<T extends EventType>(type: T, data: unknown): EventData<T> {
  if (!Object.hasOwn(EventDataSchemas, type)) {
    throw new RangeError(`${JSON.stringify(type)} is not a ledger event type (known: ${EVENT_TYPES.join(', ')})`);
  }
  return EventDataSchemas[type].parse(data) as EventData<T>;
}

/**
 * The exact text an event's hash is computed over: every field but the hash, in a fixed order.
 * Kept here so the counter and the hall server hash identically.
 */
export function canonicalEventText(e: Omit<LedgerEvent, 'hash'>, dataText = canonicalJson(e.data)): string {
  return JSON.stringify([
    e.deviceId,
    e.seq,
    e.eventId,
    e.type,
    e.at,
    e.serverAt,
    e.hlc,
    e.ticketId,
    e.counterId,
    e.officerId,
    e.leaseEpoch,
    dataText,
  ]);
}

/** JSON with object keys sorted, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

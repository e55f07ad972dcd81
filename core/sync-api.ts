import { z } from 'zod';
import { IdSchema } from './domain.ts';
import { LedgerEventSchema } from './events.ts';

/**
 * Replication between a counter's ledger and the hall server (DESIGN.md §5): the push of ledger
 * events, the cursor asked on every reconnect, and the walk-in number blocks leased in advance.
 */

/** Events per push: a backlog drains in batches of this many. */
export const MAX_PUSH_EVENTS = 5000;
/** A full batch of events is far larger than the API's usual body limit. */
export const PUSH_BODY_LIMIT = 8 * 1024 * 1024;

export const SyncPushRequestSchema = z.object({
  /** The ledger's own id (every event's `deviceId`), bound to the enrolled PC that pushes it. */
  deviceId: IdSchema,
  events: z.array(LedgerEventSchema).min(1, 'send at least one event').max(MAX_PUSH_EVENTS, `send at most ${MAX_PUSH_EVENTS} events at once`),
});
export type SyncPushRequest = z.infer<typeof SyncPushRequestSchema>;
/**
 * The same request with its events left for core/ledger-event-check.ts, which the hall server
 * uses for speed (each event is checked there exactly as `LedgerEventSchema` would).
 */
export const SyncPushEnvelopeSchema = SyncPushRequestSchema.extend({
  events: z.array(z.unknown()).min(1, 'send at least one event').max(MAX_PUSH_EVENTS, `send at most ${MAX_PUSH_EVENTS} events at once`),
});

/**
 * Why a stored event was not applied to the live queue: `stale_lease` (the ticket was called
 * again since; stored and flagged), `refused` (the queue refused it: `message` says why), or
 * `hash_conflict` (the server already holds another event under this seq: it was NOT stored).
 */
export const SyncRejectionCodeSchema = z.enum(['stale_lease', 'refused', 'hash_conflict']);
export const SyncRejectionSchema = z.object({ seq: z.number().int().positive(), code: SyncRejectionCodeSchema, message: z.string() });
export type SyncRejection = z.infer<typeof SyncRejectionSchema>;

export const SyncPushResponseSchema = z.object({
  /** The highest seq the server holds with every earlier one: the client's acknowledgement. */
  ackedThrough: z.number().int().nonnegative(),
  rejected: z.array(SyncRejectionSchema),
  /** The server's clock when it answered (a clock sample for the counter). */
  serverTime: z.number().int(),
});
export type SyncPushResponse = z.infer<typeof SyncPushResponseSchema>;

export const SyncCursorQuerySchema = z.object({
  deviceId: IdSchema,
  /** The client's last seq: below the server's acknowledgement means the PC was restored from an old copy. */
  lastSeq: z.coerce.number().int().nonnegative(),
});
export const SyncCursorResponseSchema = z.object({
  ackedThrough: z.number().int().nonnegative(),
  serverTime: z.number().int(),
});
export type SyncCursorResponse = z.infer<typeof SyncCursorResponseSchema>;

/** Walk-in numbers `L<counter>-<n>` from `first` to `last`, for one service day. */
export const WalkInBlockSchema = z.object({
  serviceDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  prefix: z.string().min(1).max(8),
  first: z.number().int().positive(),
  last: z.number().int().positive(),
});
export type WalkInBlock = z.infer<typeof WalkInBlockSchema>;

/** How many numbers one lease gives. */
export const WALKIN_BLOCK_SIZE = 50;

export function walkInPrefix(counterNumber: number): string {
  return `L${counterNumber}`;
}

export function walkInLabel(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(3, '0')}`;
}

export const SyncAlarmSchema = z.object({
  id: z.number().int(),
  at: z.number().int(),
  kind: z.enum(['hash_conflict', 'restored_copy', 'stale_event']),
  ledgerId: IdSchema,
  deviceId: IdSchema.nullable(),
  counterId: IdSchema.nullable(),
  seq: z.number().int().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type SyncAlarm = z.infer<typeof SyncAlarmSchema>;

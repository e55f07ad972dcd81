import { z } from 'zod';
import { IdSchema, PriorityClassSchema, TicketStatusSchema } from './domain.ts';
import { CounterStateSchema } from './api.ts';

/**
 * The live feed (`GET /api/v1/stream`, WebSocket). The client's first frame authenticates with a
 * device or session token (browsers cannot set headers on a WebSocket, and tokens in URLs end up
 * in logs); the server answers `hello`, then pushes every ticket and counter change.
 */
export const StreamAuthSchema = z.object({ type: z.literal('auth'), token: z.string().min(1).max(200) });

export const TICKET_STREAM_EVENTS = [
  'issued',
  'called',
  'recalled',
  'started',
  'finished',
  'no_show',
  'transferred',
  'returned',
  'cancelled',
  'reactivated',
] as const;
export const COUNTER_STREAM_EVENTS = ['opened', 'paused', 'resumed', 'closed', 'updated'] as const;

/** What the feed tells about a ticket: no personal data, only what a board or a counter shows. */
export const StreamTicketSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  serviceId: IdSchema,
  agencyId: IdSchema,
  status: TicketStatusSchema,
  priority: PriorityClassSchema,
  counterId: IdSchema.nullable(),
  counterNumber: z.number().int().nullable(),
  callCount: z.number().int().nonnegative(),
  queuedAt: z.number().int(),
  calledAt: z.number().int().nullable(),
});
export type StreamTicket = z.infer<typeof StreamTicketSchema>;

export const StreamMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), at: z.number().int(), version: z.string() }),
  z.object({
    type: z.literal('ticket'),
    event: z.enum(TICKET_STREAM_EVENTS),
    at: z.number().int(),
    ticket: StreamTicketSchema,
  }),
  z.object({
    type: z.literal('counter'),
    event: z.enum(COUNTER_STREAM_EVENTS),
    at: z.number().int(),
    counter: CounterStateSchema,
  }),
]);
export type StreamMessage = z.infer<typeof StreamMessageSchema>;
export type TicketStreamEvent = (typeof TICKET_STREAM_EVENTS)[number];
export type CounterStreamEvent = (typeof COUNTER_STREAM_EVENTS)[number];

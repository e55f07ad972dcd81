import { z } from 'zod';
import {
  ChannelSchema,
  CounterSchema,
  DeviceKindSchema,
  IdSchema,
  OutcomeSchema,
  PriorityClassSchema,
  RoleSchema,
  TicketSchema,
  TicketStatusSchema,
  UserSchema,
} from './domain.ts';
import { ErrorInfoSchema } from './errors.ts';
import { PauseReasonSchema } from './events.ts';

/**
 * The hall server's HTTP API v1 (DESIGN.md §7): every request and response body as a zod schema,
 * shared by the server (validation) and its clients (counter app, hall pages).
 */
export const API_BASE = '/api/v1';
export const DEFAULT_SERVER_PORT = 7420;

/** Tokens say what they are, so a leaked one is recognisable and the server can route quickly. */
export const DEVICE_TOKEN_PREFIX = 'ldv_';
export const SESSION_TOKEN_PREFIX = 'lss_';

export const ApiErrorBodySchema = z.object({ error: ErrorInfoSchema });
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;

export const HealthSchema = z.object({ status: z.literal('ok'), version: z.string(), time: z.number().int() });

// ── devices ─────────────────────────────────────────────────────────────────────────────────────
/** One-time enrollment codes look like `K7QX-4M2P` (no 0/O/1/I to misread). */
export const ENROLL_CODE_PATTERN = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;
export const EnrollRequestSchema = z.object({
  code: z.string().trim().toUpperCase().regex(ENROLL_CODE_PATTERN, 'an enrollment code looks like K7QX-4M2P'),
  name: z.string().trim().min(1).max(60),
  /** A counter PC's ledger id: bound to the new enrollment, so that PC (and only it) pushes that ledger. */
  ledgerId: IdSchema.optional(),
});
export const EnrollResponseSchema = z.object({
  deviceId: IdSchema,
  token: z.string(),
  kind: DeviceKindSchema,
  counterId: IdSchema.nullable(),
  hall: z.object({ id: IdSchema, name: z.string() }),
});
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;

export const EnrollCodeRequestSchema = z.object({
  kind: DeviceKindSchema,
  counterId: IdSchema.nullable().default(null),
  ttlMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60),
});
export const EnrollCodeResponseSchema = z.object({
  code: z.string(),
  kind: DeviceKindSchema,
  counterId: IdSchema.nullable(),
  expiresAt: z.number().int(),
});

// ── sessions ────────────────────────────────────────────────────────────────────────────────────
export const PinSchema = z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits');
export const LoginRequestSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(40),
  pin: PinSchema,
});
export const LoginResponseSchema = z.object({
  sessionToken: z.string(),
  user: UserSchema,
  counter: z.object({ id: IdSchema, number: z.number().int() }).nullable(),
  expiresAt: z.number().int(),
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

// ── tickets and the queue ───────────────────────────────────────────────────────────────────────
export const IssueTicketRequestSchema = z.object({
  serviceId: IdSchema,
  channel: ChannelSchema.default('kiosk'),
  priority: PriorityClassSchema.default('normal'),
});
export type IssueTicketRequest = z.infer<typeof IssueTicketRequestSchema>;

export const IssuedTicketSchema = TicketSchema.extend({
  trackingCode: z.string(),
  peopleAhead: z.number().int().nonnegative(),
});
export type IssuedTicket = z.infer<typeof IssuedTicketSchema>;

export const WaitingEntrySchema = z.object({
  ticketId: z.uuid(),
  number: z.string(),
  serviceId: IdSchema,
  priority: PriorityClassSchema,
  channel: ChannelSchema,
  /** Arrival: issue time, or the slot time of a checked-in booking; transfers keep the original. */
  queuedAt: z.number().int(),
  /** 1-based position within its service, in the order the hall would call. */
  position: z.number().int().positive(),
  targetCounterId: IdSchema.nullable(),
});
export type WaitingEntry = z.infer<typeof WaitingEntrySchema>;

export const QueueSnapshotSchema = z.object({ at: z.number().int(), waiting: z.array(WaitingEntrySchema) });
export type QueueSnapshot = z.infer<typeof QueueSnapshotSchema>;

// ── counters ────────────────────────────────────────────────────────────────────────────────────
export const CounterStatusSchema = z.enum(['closed', 'open', 'paused']);
export const CounterStateSchema = z.object({
  counterId: IdSchema,
  number: z.number().int(),
  agencyId: IdSchema,
  status: CounterStatusSchema,
  pauseReason: PauseReasonSchema.nullable(),
  officer: z.object({ id: IdSchema, name: z.string() }).nullable(),
  serviceIds: z.array(IdSchema),
  current: z.object({ ticketId: z.uuid(), number: z.string(), status: TicketStatusSchema }).nullable(),
  /** When the status (or the current ticket) last changed: "idle since". */
  since: z.number().int(),
});
export type CounterState = z.infer<typeof CounterStateSchema>;

export const OpenCounterRequestSchema = z.object({ serviceIds: z.array(IdSchema).min(1, 'choose at least one service') });
export const PauseRequestSchema = z.object({ reason: PauseReasonSchema });

export const CallNextResponseSchema = z.object({ ticket: TicketSchema, leaseEpoch: z.number().int().positive() });
export type CallNextResponse = z.infer<typeof CallNextResponseSchema>;
/**
 * The counter's id for this call, kept until the answer is recorded: asking again with the same id
 * (after a lost answer, or a restart) returns the same answer instead of calling another visitor.
 */
export const CallRequestIdSchema = z.uuid('a call request id is a UUID');
export const CallNextRequestSchema = z.object({ requestId: CallRequestIdSchema.optional() });
export const CallTicketRequestSchema = z.object({ ticketId: z.uuid(), requestId: CallRequestIdSchema.optional() });

/** Every action on a called ticket carries the lease epoch its call returned (fencing, DESIGN.md §5). */
export const LeaseSchema = z.object({ leaseEpoch: z.number().int().positive() });
export const FinishRequestSchema = LeaseSchema.extend({
  outcome: OutcomeSchema,
  note: z.string().trim().max(500).nullable().default(null),
});
export const TransferRequestSchema = LeaseSchema.extend({
  toServiceId: IdSchema.nullable().default(null),
  toCounterId: IdSchema.nullable().default(null),
  reason: z.string().trim().min(1, 'say why the visitor is transferred').max(200),
}).refine((r) => (r.toServiceId === null) !== (r.toCounterId === null), {
  message: 'give exactly one of toServiceId or toCounterId',
  path: ['toServiceId'],
});
export const TicketResponseSchema = z.object({ ticket: TicketSchema });
export const TransferResponseSchema = z.object({ ticket: TicketSchema, newTicket: TicketSchema });

// ── visitors ────────────────────────────────────────────────────────────────────────────────────
export const TRACKING_CODE_PATTERN = /^[2-9A-HJ-NP-Z]{8}$/;
export const TrackResponseSchema = z.object({
  number: z.string(),
  status: TicketStatusSchema,
  serviceId: IdSchema,
  serviceName: z.string(),
  agencyName: z.string(),
  peopleAhead: z.number().int().nonnegative().nullable(),
  estimatedWaitMinutes: z.number().int().nonnegative().nullable(),
  counterNumber: z.number().int().nullable(),
  issuedAt: z.number().int(),
});
export type TrackResponse = z.infer<typeof TrackResponseSchema>;

/** What a display board needs when it (re)connects: the latest calls and every counter. */
export const RecentCallSchema = z.object({
  ticketId: z.uuid(),
  number: z.string(),
  serviceId: IdSchema,
  agencyId: IdSchema,
  counterId: IdSchema,
  counterNumber: z.number().int(),
  calledAt: z.number().int(),
  callCount: z.number().int().positive(),
});
export type RecentCall = z.infer<typeof RecentCallSchema>;
export const BoardSnapshotSchema = z.object({
  recentCalls: z.array(RecentCallSchema),
  counters: z.array(CounterStateSchema),
});
export type BoardSnapshot = z.infer<typeof BoardSnapshotSchema>;

// ── users (admin) ───────────────────────────────────────────────────────────────────────────────
export const AddUserRequestSchema = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{2,40}$/, 'a username is 2–40 of a-z 0-9 . _ -'),
  name: z.string().trim().min(1).max(80),
  role: RoleSchema,
  pin: PinSchema,
  counterIds: z.array(IdSchema).default([]),
});

export { CounterSchema };

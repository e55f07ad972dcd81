import { z } from 'zod';

/** Domain model of DESIGN.md §4, as zod schemas so the wire and the types cannot drift. */

export const ROLES = ['officer', 'supervisor', 'technician', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const CHANNELS = ['kiosk', 'online', 'counter'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

export const PRIORITY_CLASSES = ['normal', 'priority'] as const;
export const PriorityClassSchema = z.enum(PRIORITY_CLASSES);
export type PriorityClass = z.infer<typeof PriorityClassSchema>;

export const TICKET_STATUSES = [
  'waiting',
  'called',
  'serving',
  'done',
  'no_show',
  'transferred',
  'cancelled',
] as const;
export const TicketStatusSchema = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

export const OUTCOMES = ['served', 'pending'] as const;
export const OutcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof OutcomeSchema>;

/** Ticket prefix: 1–3 characters, letters and digits, starting with a letter or digit (`A`, `4K`). */
export const TicketPrefixSchema = z
  .string()
  .regex(/^[A-Z0-9]{1,3}$/, 'a ticket prefix is 1–3 capital letters or digits, e.g. A or 4K');

export const IdSchema = z.string().min(1, 'must not be empty').max(64, 'is longer than 64 characters');

/**
 * How priority visitors (elderly, disabled, pregnant) are mixed with the rest (DESIGN.md §4):
 * `priority-first`, or one priority after every `normalPerPriority` normal tickets; either way a
 * normal ticket that has waited `agingMinutes` goes first.
 */
export const QueuePolicySchema = z.object({
  mode: z.enum(['priority-first', 'ratio']),
  normalPerPriority: z.number().int().min(1).max(20).default(2),
  agingMinutes: z.number().int().min(1).max(480).nullable().default(null),
  /** After this many calls of one visitor the counter screen suggests a no-show (DEFAULT_RECALLS_BEFORE_NO_SHOW when unset). */
  recallsBeforeNoShow: z.number().int().min(1).max(10).optional(),
});
export type QueuePolicy = z.infer<typeof QueuePolicySchema>;
export const DEFAULT_RECALLS_BEFORE_NO_SHOW = 3;

export const HallSchema = z.object({
  id: IdSchema,
  name: z.string().min(1),
  timeZone: z.string().min(1).default('Asia/Jakarta'),
  queuePolicy: QueuePolicySchema.default({ mode: 'priority-first', normalPerPriority: 2, agingMinutes: null }),
});
export type Hall = z.infer<typeof HallSchema>;

export const AgencySchema = z.object({
  id: IdSchema,
  name: z.string().min(1),
  shortName: z.string().min(1),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
});
export type Agency = z.infer<typeof AgencySchema>;

export const OpeningHoursSchema = z.object({
  /** 0 = Sunday … 6 = Saturday */
  days: z.array(z.number().int().min(0).max(6)),
  open: z.string().regex(/^\d{2}:\d{2}$/),
  close: z.string().regex(/^\d{2}:\d{2}$/),
});
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;

export const ServiceSchema = z.object({
  id: IdSchema,
  agencyId: IdSchema,
  name: z.string().min(1),
  prefix: TicketPrefixSchema,
  /** informasi layanan: what the visitor must bring */
  requirements: z.string().default(''),
  /** The rest of the service information, when written: biaya/tarif, standar waktu, dasar hukum. */
  cost: z.string().max(300).optional(),
  timeStandard: z.string().max(200).optional(),
  legalBasis: z.string().max(1000).optional(),
  targetWaitMinutes: z.number().int().positive(),
  targetServiceMinutes: z.number().int().positive(),
  dailyQuota: z.number().int().positive().nullable().default(null),
  openingHours: OpeningHoursSchema.optional(),
});
export type Service = z.infer<typeof ServiceSchema>;

export const CounterServiceSchema = z.object({
  serviceId: IdSchema,
  weight: z.number().int().positive().default(1),
});

export const CounterSchema = z.object({
  id: IdSchema,
  number: z.number().int().positive(),
  agencyId: IdSchema,
  services: z.array(CounterServiceSchema),
});
export type Counter = z.infer<typeof CounterSchema>;

export const UserSchema = z.object({
  id: IdSchema,
  name: z.string().min(1),
  role: RoleSchema,
});
export type User = z.infer<typeof UserSchema>;

export const DEVICE_KINDS = ['counter', 'kiosk', 'board'] as const;
export const DeviceKindSchema = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKindSchema>;

/** What a counter PC needs to know about its hall to work (pulled from the hall server, cached locally). */
export const HallConfigSchema = z.object({
  hall: HallSchema,
  agencies: z.array(AgencySchema),
  services: z.array(ServiceSchema),
  counters: z.array(CounterSchema),
});
export type HallConfig = z.infer<typeof HallConfigSchema>;

export const TicketSchema = z.object({
  id: z.uuid(),
  serviceId: IdSchema,
  number: z.string().min(1).max(16),
  serviceDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  channel: ChannelSchema,
  priority: PriorityClassSchema,
  status: TicketStatusSchema,
  counterId: IdSchema.nullable(),
  officerId: IdSchema.nullable(),
  callCount: z.number().int().nonnegative(),
  outcome: OutcomeSchema.nullable(),
  note: z.string().max(500).nullable(),
  issuedAt: z.number().int(),
  calledAt: z.number().int().nullable(),
  startedAt: z.number().int().nullable(),
  finishedAt: z.number().int().nullable(),
});
export type Ticket = z.infer<typeof TicketSchema>;

/** `A` + 12 → `A-012`: prefix and zero-padded per-service daily sequence. */
export function formatTicketNumber(prefix: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) {
    throw new RangeError(`ticket sequence must be a positive integer, got ${sequence}`);
  }
  return `${prefix}-${String(sequence).padStart(3, '0')}`;
}

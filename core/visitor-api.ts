import { z } from 'zod';
import { IssuedTicketSchema, TRACKING_CODE_PATTERN, TrackResponseSchema } from './api.ts';
import { IdSchema, OpeningHoursSchema, PriorityClassSchema, TicketStatusSchema, type OpeningHours } from './domain.ts';
import { SKM_COMMENT_MAX, SKM_ELEMENT_IDS, SkmAnswersSchema, SkmProfileSchema } from './ikm.ts';
import { LSP1_LIMITS } from './lsp1-messages.ts';
import { PHONE_RULE, normalizeIndonesianMobile } from './phone-number.ts';

/**
 * The visitor's side of the hall server (issue 8): service information, online booking, check-in
 * at the kiosk, live tracking, the SKM survey and its IKM report, quick ratings from the `$RATE`
 * pad and the "nearly your turn" webhook. Every request and answer body as a zod schema, shared by
 * the server (validation) and the pages (types). Routes, under API_BASE (`/api/v1`):
 *
 * | route | who |
 * |---|---|
 * | GET `/public/services` | anyone |
 * | GET `/public/services/:id/slots?date=YYYY-MM-DD` | anyone |
 * | POST `/public/bookings` · GET `/public/bookings/:code` · POST `/public/bookings/:code/cancel` | anyone |
 * | POST `/bookings/:code/check-in` | kiosk device (supervisor, admin at the help desk) |
 * | GET `/track/:code` (core/api.ts) · GET `/track/:code/stream` (Server-Sent Events) | anyone |
 * | POST `/public/skm` | anyone with the ticket's tracking code |
 * | GET `/reports/ikm` · GET `/reports/ikm.xlsx` | supervisor, admin |
 * | POST `/counters/:id/quick-rating` | officer signed in at that counter |
 * | PUT `/admin/services/:id/info` · GET+PUT `/admin/holidays` · GET+PUT `/admin/webhook` | admin |
 */

// ── rules the pages show ────────────────────────────────────────────────────────────────────────
/** Check-in at the kiosk opens this many minutes before the slot starts… */
export const CHECK_IN_OPENS_BEFORE_MINUTES = 30;
/** …and closes this many minutes after; a booking not checked in by then is released. */
export const CHECK_IN_CLOSES_AFTER_MINUTES = 15;
/** How far ahead a slot can be booked (today counts as day 0). */
export const BOOKING_HORIZON_DAYS = 30;
/** Active (booked or checked-in) bookings one phone may hold for one day. */
export const MAX_BOOKINGS_PER_PHONE_PER_DAY = 3;
/** Bookings one client address may make in a sliding window (cancelled ones count too). */
export const ADDRESS_BOOKING_LIMIT = { max: 10, windowMinutes: 10 } as const;
/** Slots of a service that has no opening hours of its own: the usual MPP hours, Mon–Fri 08:00–15:00. */
export const BOOKING_DEFAULT_HOURS: OpeningHours = { days: [1, 2, 3, 4, 5], open: '08:00', close: '15:00' };

/** Where the tracking page of a code lives on the hall server (QR codes on tickets and bookings point here). */
export { trackingPagePath } from './visitor-pages.ts';

// ── building blocks ─────────────────────────────────────────────────────────────────────────────
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const isCalendarDay = (day: string): boolean => {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
};
export const CalendarDaySchema = z
  .string({ error: 'give the date as YYYY-MM-DD, e.g. 2025-03-10' })
  .regex(DAY_PATTERN, 'write the date as YYYY-MM-DD, e.g. 2025-03-10')
  .refine(isCalendarDay, 'is not a calendar day; write an existing date as YYYY-MM-DD');

/** A booking code is 8 of the tracking-code letters: it becomes the ticket's tracking code at check-in. */
export const BOOKING_CODE_PATTERN = TRACKING_CODE_PATTERN;
export const BookingCodeSchema = z
  .string({ error: 'give the booking code' })
  .trim()
  .toUpperCase()
  .regex(BOOKING_CODE_PATTERN, 'a booking code is 8 letters and digits as on your booking (no 0, O, 1 or I)');
export const TrackingCodeSchema = z
  .string({ error: 'give the tracking code printed on the ticket' })
  .trim()
  .toUpperCase()
  .regex(TRACKING_CODE_PATTERN, 'a tracking code is 8 letters and digits as on the ticket (no 0, O, 1 or I)');

/** Accepts 08…, +628… and 628…; gives `+628…`. */
export const PhoneSchema = z.string({ error: PHONE_RULE }).transform((text, ctx) => {
  const phone = normalizeIndonesianMobile(text);
  if (phone === null) {
    ctx.addIssue({ code: 'custom', message: PHONE_RULE });
    return z.NEVER;
  }
  return phone;
});

export const VisitorNameSchema = z
  .string({ error: 'write the visitor’s name' })
  .trim()
  .min(2, 'write the visitor’s name (at least 2 letters)')
  .max(60, 'shorten the name to at most 60 characters')
  .regex(/^[\p{L}\p{M}][\p{L}\p{M} .,'’-]*$/u, 'write the name in letters (spaces, dots, commas, apostrophes and dashes allowed)');

const infoText = (what: string, max: number) => z.string({ error: `write the ${what} as text ('' for none)` }).trim().max(max, `shorten the ${what} to at most ${max} characters`);

/** informasi layanan: what a visitor reads before coming (DESIGN.md §4, issue 8 §5). */
export const ServiceInfoSchema = z.object({
  requirements: infoText('requirements', 2000),
  /** biaya/tarif, e.g. "Gratis" or "Rp30.000 (PNBP)". */
  cost: infoText('cost', 300),
  /** standar waktu, e.g. "15 menit". */
  timeStandard: infoText('time standard', 200),
  /** dasar hukum, e.g. "UU No. 24 Tahun 2013 tentang Administrasi Kependudukan". */
  legalBasis: infoText('legal basis', 1000),
});
export type ServiceInfo = z.infer<typeof ServiceInfoSchema>;

export const BookingSettingsSchema = z.strictObject({
  enabled: z.boolean({ error: 'say whether online booking is on (true or false)' }),
  slotMinutes: z.number({ error: 'give the slot length in minutes' }).int().min(5, 'a slot is at least 5 minutes').max(240, 'a slot is at most 240 minutes'),
  capacityPerSlot: z.number({ error: 'give how many visitors one slot takes' }).int().min(1, 'a slot takes at least 1 visitor').max(200, 'a slot takes at most 200 visitors'),
  /** Online bookings per day for the service; null = limited only by the slots. */
  dailyQuota: z.number({ error: 'give the daily online quota, or null for none' }).int().min(1, 'a daily quota is at least 1').max(5000).nullable(),
});
export type BookingSettings = z.infer<typeof BookingSettingsSchema>;
export const DEFAULT_BOOKING_SETTINGS: BookingSettings = { enabled: false, slotMinutes: 30, capacityPerSlot: 4, dailyQuota: null };

// ── public: services and slots ──────────────────────────────────────────────────────────────────
export const PublicServiceSchema = ServiceInfoSchema.extend({
  id: IdSchema,
  agencyId: IdSchema,
  name: z.string(),
  prefix: z.string(),
  /** Null: open whenever the hall is. */
  openingHours: OpeningHoursSchema.nullable(),
  booking: BookingSettingsSchema,
});
export type PublicService = z.infer<typeof PublicServiceSchema>;

export const PublicServicesResponseSchema = z.object({
  hall: z.object({ name: z.string(), timeZone: z.string() }),
  agencies: z.array(
    z.object({ id: IdSchema, name: z.string(), shortName: z.string(), color: z.string().nullable(), services: z.array(PublicServiceSchema) }),
  ),
  rules: z.object({
    checkInOpensBeforeMinutes: z.number().int(),
    checkInClosesAfterMinutes: z.number().int(),
    horizonDays: z.number().int(),
    maxBookingsPerPhonePerDay: z.number().int(),
  }),
});
export type PublicServicesResponse = z.infer<typeof PublicServicesResponseSchema>;

export const SlotsQuerySchema = z.strictObject({ date: CalendarDaySchema });

export const SLOT_UNAVAILABLE_REASONS = ['full', 'past', 'daily_quota_reached'] as const;
export const SlotSchema = z.object({
  /** Epoch ms; send it back as `slotStart` to book. */
  start: z.number().int(),
  end: z.number().int(),
  /** Hall-local `HH:MM`. */
  time: z.string(),
  capacity: z.number().int(),
  remaining: z.number().int().nonnegative(),
  available: z.boolean(),
  unavailableReason: z.enum(SLOT_UNAVAILABLE_REASONS).nullable(),
});
export type Slot = z.infer<typeof SlotSchema>;

export const DAY_CLOSED_REASONS = ['booking_disabled', 'holiday', 'closed_day', 'past_day', 'beyond_horizon'] as const;
export type DayClosedReason = (typeof DAY_CLOSED_REASONS)[number];
export const SlotsResponseSchema = z.object({
  serviceId: IdSchema,
  date: z.string(),
  timeZone: z.string(),
  /** The hours slots are made from, e.g. `Mon–Fri 08:00–15:00`. */
  hours: z.string(),
  /** Null when the day can be booked; otherwise why not, in words a visitor can act on. */
  closed: z.object({ reason: z.enum(DAY_CLOSED_REASONS), message: z.string() }).nullable(),
  dailyQuota: z.number().int().nullable(),
  bookedThatDay: z.number().int().nonnegative(),
  slots: z.array(SlotSchema),
});
export type SlotsResponse = z.infer<typeof SlotsResponseSchema>;

// ── public: bookings ────────────────────────────────────────────────────────────────────────────
export const CreateBookingRequestSchema = z.strictObject({
  serviceId: IdSchema,
  date: CalendarDaySchema,
  slotStart: z.number({ error: 'give the slot start (epoch ms) exactly as the slot list gave it' }).int(),
  name: VisitorNameSchema,
  phone: PhoneSchema,
});
export type CreateBookingRequest = z.output<typeof CreateBookingRequestSchema>;

export const BOOKING_STATUSES = ['booked', 'checked_in', 'cancelled', 'released'] as const;
export const BookingStatusSchema = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof BookingStatusSchema>;

/** A booking as its holder sees it: no name, the phone masked (`+62812****7890`). */
export const PublicBookingSchema = z.object({
  code: z.string(),
  /** What the QR code encodes: the code itself, which the kiosk checks in. */
  qrPayload: z.string(),
  /** The ticket's tracking code after check-in: the booking code. */
  trackingCode: z.string(),
  /** As of now: a booking past its check-in window reads `released` even before the sweep stores it. */
  status: BookingStatusSchema,
  serviceId: IdSchema,
  serviceName: z.string(),
  agencyName: z.string(),
  date: z.string(),
  slotStart: z.number().int(),
  slotEnd: z.number().int(),
  /** Hall-local `HH:MM`. */
  slotTime: z.string(),
  checkInOpensAt: z.number().int(),
  checkInClosesAt: z.number().int(),
  phoneMasked: z.string(),
  createdAt: z.number().int(),
  ticket: z.object({ number: z.string(), status: TicketStatusSchema }).nullable(),
});
export type PublicBooking = z.infer<typeof PublicBookingSchema>;

export const CreateBookingResponseSchema = PublicBookingSchema.extend({
  /** The tracking page of this booking, on the address the request came to. */
  trackingUrl: z.string(),
});
export type CreateBookingResponse = z.infer<typeof CreateBookingResponseSchema>;

/**
 * Cancelling needs the code and the last 4 digits of the phone it was booked with: a visitor can
 * give both at a help desk, and a stranger with only a code (a photo of a QR) cannot cancel.
 */
export const CancelBookingRequestSchema = z.strictObject({
  phoneLast4: z.string({ error: 'give the last 4 digits of the phone number you booked with' }).trim().regex(/^\d{4}$/, 'give exactly the last 4 digits of the phone number you booked with'),
});

export const CheckInRequestSchema = z.strictObject({ priority: PriorityClassSchema.default('normal') });
export const CheckInResponseSchema = z.object({
  /** Channel `online`, queued at the slot start, tracking code = booking code. */
  ticket: IssuedTicketSchema,
  booking: PublicBookingSchema,
  /** For the kiosk's greeting; never sent to the public routes. */
  visitorName: z.string(),
});
export type CheckInResponse = z.infer<typeof CheckInResponseSchema>;

// ── tracking stream (SSE) ───────────────────────────────────────────────────────────────────────
/** Every SSE message of `GET /track/:code/stream` is `event: track` with one of these as `data`. */
export const TRACK_STREAM_EVENT = 'track';
export const SKM_STATES = ['not_yet', 'open', 'answered'] as const;
export const TrackStreamDataSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ticket'), track: TrackResponseSchema, survey: z.enum(SKM_STATES) }),
  /** A booking code before check-in: the booking, until the kiosk issues its ticket. */
  z.object({ type: z.literal('booking'), booking: PublicBookingSchema }),
]);
export type TrackStreamData = z.infer<typeof TrackStreamDataSchema>;

// ── SKM survey and IKM report ───────────────────────────────────────────────────────────────────
export const SKM_SOURCES = ['link', 'counter_tablet'] as const;
export const SkmSubmitRequestSchema = z.strictObject({
  trackingCode: TrackingCodeSchema,
  answers: SkmAnswersSchema,
  profile: SkmProfileSchema.optional(),
  comment: z
    .string({ error: 'write the comment as text, or leave it out' })
    .trim()
    .max(SKM_COMMENT_MAX, { error: `shorten the comment to at most ${SKM_COMMENT_MAX} characters` })
    .transform((text) => (text === '' ? undefined : text))
    .optional(),
  /** Where it was answered: the link on the ticket (default) or the tablet at the counter. */
  source: z.enum(SKM_SOURCES, { error: 'source is link or counter_tablet' }).default('link'),
});
export type SkmSubmitRequest = z.output<typeof SkmSubmitRequestSchema>;
export const SkmSubmitResponseSchema = z.object({ id: z.number().int(), ticketNumber: z.string(), serviceName: z.string(), createdAt: z.number().int() });

export const IKM_GROUP_BYS = ['service', 'agency'] as const;
export const IKM_MAX_DAYS = 1097;
export const IkmReportQuerySchema = z
  .strictObject({
    from: CalendarDaySchema,
    to: CalendarDaySchema,
    groupBy: z.enum(IKM_GROUP_BYS, { error: 'groupBy is service or agency' }).default('service'),
    /** Language of the XLSX headers. */
    lang: z.enum(['id', 'en'], { error: 'lang is id or en' }).default('id'),
  })
  .superRefine((q, ctx) => {
    const days = (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000;
    if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: `is before "from" (${q.from}); give a "to" on or after it` });
    else if (days + 1 > IKM_MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `makes the range ${days + 1} days; one report covers at most ${IKM_MAX_DAYS} days` });
  });
export type IkmReportQuery = z.output<typeof IkmReportQuerySchema>;

const Nullable = z.number().nullable();
export const IkmGroupSchema = z.object({
  key: z.string(),
  label: z.string(),
  respondents: z.number().int().nonnegative(),
  /** Per element U1…U9: sum, NRR (mean 1–4), NRR × 1/9, and NRR × 25 (the element's own index). */
  elements: z.array(z.object({ id: z.enum(SKM_ELEMENT_IDS), name: z.string(), total: z.number().int(), nrr: Nullable, weightedNrr: Nullable, score: Nullable })),
  ikmUnit: Nullable,
  ikm: Nullable,
  grade: z.object({ grade: z.string(), label: z.string(), en: z.string() }).nullable(),
  /** Respondents per profile answer ('' = not given). */
  profile: z.object({
    ageGroup: z.record(z.string(), z.number().int()),
    sex: z.record(z.string(), z.number().int()),
    education: z.record(z.string(), z.number().int()),
    occupation: z.record(z.string(), z.number().int()),
  }),
});
export type IkmGroup = z.infer<typeof IkmGroupSchema>;
export const IkmReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(IKM_GROUP_BYS),
  generatedAt: z.number().int(),
  groups: z.array(IkmGroupSchema),
  /** Every response of the period together. */
  total: IkmGroupSchema,
});
export type IkmReport = z.infer<typeof IkmReportSchema>;

// ── quick rating from the `$RATE` pad (separate from the IKM) ──────────────────────────────────
export const QuickRatingRequestSchema = z.strictObject({
  value: z
    .number({ error: `give the rating as a whole number from ${LSP1_LIMITS.score.min} to ${LSP1_LIMITS.score.max}` })
    .int(`give the rating as a whole number from ${LSP1_LIMITS.score.min} to ${LSP1_LIMITS.score.max}`)
    .min(LSP1_LIMITS.score.min, `a rating is at least ${LSP1_LIMITS.score.min}`)
    .max(LSP1_LIMITS.score.max, `a rating is at most ${LSP1_LIMITS.score.max} (the pad has ${LSP1_LIMITS.score.max} keys)`),
  /** The visitor rated, when the counter knows it (the ticket it just finished). */
  ticketId: z.uuid('a ticket id is a UUID').optional(),
});
export const QuickRatingResponseSchema = z.object({ id: z.number().int(), counterId: IdSchema, value: z.number().int(), ticketId: z.string().nullable(), at: z.number().int() });

// ── admin ───────────────────────────────────────────────────────────────────────────────────────
/** PUT replaces the whole service information and booking settings. */
export const ServiceInfoUpdateSchema = z.strictObject({ ...ServiceInfoSchema.shape, booking: BookingSettingsSchema });
export type ServiceInfoUpdate = z.output<typeof ServiceInfoUpdateSchema>;
export const ServiceInfoResponseSchema = ServiceInfoSchema.extend({ serviceId: IdSchema, booking: BookingSettingsSchema });
export type ServiceInfoResponse = z.infer<typeof ServiceInfoResponseSchema>;

export const HolidaySchema = z.strictObject({
  date: CalendarDaySchema,
  name: z.string({ error: 'name the holiday' }).trim().min(1, 'name the holiday, e.g. Hari Raya Idul Fitri').max(100),
});
export type Holiday = z.infer<typeof HolidaySchema>;
/** PUT replaces the whole list. */
export const HolidaysRequestSchema = z.strictObject({
  holidays: z
    .array(HolidaySchema)
    .max(400, 'list at most 400 holidays')
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((h, i) => {
        if (seen.has(h.date)) ctx.addIssue({ code: 'custom', path: [i, 'date'], message: `lists ${h.date} twice; give each day once` });
        seen.add(h.date);
      });
    }),
});
export const HolidaysResponseSchema = z.object({
  holidays: z.array(HolidaySchema),
  /** Bookings still active on one of these days: call or message those visitors. */
  activeBookingsOnHolidays: z.number().int().nonnegative(),
});

export const WEBHOOK_KINDS = ['nearly_your_turn'] as const;
export const WEBHOOK_SIGNATURE_HEADER = 'x-loket-signature';
export const WebhookConfigRequestSchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/, error: 'give the gateway address as an http:// or https:// URL' })
    .max(500, 'the URL is at most 500 characters')
    .nullable(),
  /** "Nearly your turn" goes out once per ticket, the first time this many people or fewer are ahead. */
  nearlyTurnAhead: z.number({ error: 'give how many people ahead trigger the message' }).int().min(0).max(50, 'at most 50 people ahead'),
  enabled: z.boolean({ error: 'say whether the webhook is on (true or false)' }),
  /** When set, each request carries `x-loket-signature: sha256=<HMAC-SHA256 of the body>`. Null removes it; absent keeps it. */
  secret: z.string().min(16, 'a signing secret has at least 16 characters').max(200).nullable().optional(),
}).refine((c) => !c.enabled || c.url !== null, { message: 'give the URL before turning the webhook on', path: ['url'] });
export const WebhookConfigResponseSchema = z.object({
  url: z.string().nullable(),
  nearlyTurnAhead: z.number().int(),
  enabled: z.boolean(),
  hasSecret: z.boolean(),
  outbox: z.object({ pending: z.number().int(), delivered: z.number().int(), gaveUp: z.number().int() }),
});
export type WebhookConfigResponse = z.infer<typeof WebhookConfigResponseSchema>;

/** The JSON body the hall POSTs to its gateway (an SMS or WhatsApp sender). */
export const WebhookPayloadSchema = z.object({
  kind: z.enum(WEBHOOK_KINDS),
  /** The same on every retry of one message: a gateway de-duplicates by it. */
  deliveryId: z.number().int(),
  at: z.number().int(),
  ticketNumber: z.string(),
  trackingCode: z.string(),
  serviceId: IdSchema,
  serviceName: z.string(),
  agencyName: z.string(),
  peopleAhead: z.number().int().nonnegative(),
  /** `+628…` when the ticket came from an online booking; null otherwise. */
  phone: z.string().nullable(),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

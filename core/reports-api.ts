import { z } from 'zod';
import { CounterStatusSchema } from './api.ts';
import { IdSchema, PriorityClassSchema, TicketStatusSchema } from './domain.ts';
import { PauseReasonSchema } from './events.ts';
import { SyncAlarmSchema } from './sync-api.ts';

/**
 * The supervisors' report and live-dashboard API (DESIGN.md §7–8): the queries the hall server
 * accepts and the answers it gives, shared by the server (validation, exports) and the dashboard.
 * What each figure means is in core/report-definitions.ts, in Indonesian and English.
 */

export const REPORT_GROUP_BYS = ['counter', 'officer', 'service', 'agency', 'day', 'hour'] as const;
export const ReportGroupBySchema = z.enum(REPORT_GROUP_BYS, {
  error: 'choose one of counter, officer, service, agency, day, hour',
});
export type ReportGroupBy = z.infer<typeof ReportGroupBySchema>;

/** The longest range one report covers (three years and a day). */
export const REPORT_MAX_DAYS = 1097;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Whole days from `from` to `to` (UTC arithmetic on calendar dates; both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function isCalendarDay(day: string): boolean {
  if (!DAY_PATTERN.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

export const ReportDaySchema = z
  .string({ error: 'give a day as YYYY-MM-DD, e.g. 2025-03-01' })
  .regex(DAY_PATTERN, 'write the day as YYYY-MM-DD, e.g. 2025-03-01')
  .refine(isCalendarDay, 'is not a calendar day; write an existing date as YYYY-MM-DD');

/** An empty form field (`agencyId=`) means "no filter". */
const OptionalId = z.preprocess((v) => (v === '' ? undefined : v), IdSchema.optional());

const ReportQueryShape = {
  from: ReportDaySchema,
  to: ReportDaySchema,
  groupBy: ReportGroupBySchema.default('counter'),
  agencyId: OptionalId,
  serviceId: OptionalId,
  /** Language of export headers and sheet names: Indonesian (default) or English. */
  lang: z.enum(['id', 'en'], { error: 'choose id or en' }).default('id'),
};

function checkRange(q: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (!isCalendarDay(q.from) || !isCalendarDay(q.to)) return;
  const days = daysBetween(q.from, q.to);
  if (days < 0) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `is before "from" (${q.from}); give a "to" on or after it` });
  } else if (days + 1 > REPORT_MAX_DAYS) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `makes the range ${days + 1} days long; one report covers at most ${REPORT_MAX_DAYS} days, so narrow it` });
  }
}

/** `GET /reports?from&to&groupBy&agencyId&serviceId` (and the exports). Unknown parameters are refused. */
export const ReportQuerySchema = z.strictObject(ReportQueryShape).superRefine(checkRange);
export type ReportQuery = z.output<typeof ReportQuerySchema>;

// ── the answer ──────────────────────────────────────────────────────────────────────────────────
const Count = z.number().int().nonnegative();
const Figure = z.number().nullable();

/** One row of the table: every figure of DESIGN.md §8 for one counter, officer, service, agency, day or hour. */
export const ReportRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  served: Count,
  pending: Count,
  noShow: Count,
  transferred: Count,
  noShowPct: Figure,
  waitN: Count,
  waitAvgS: Figure,
  waitMedianS: Figure,
  waitP90S: Figure,
  withinTargetPct: Figure,
  serviceN: Count,
  serviceAvgS: Figure,
  serviceMedianS: Figure,
  serviceP90S: Figure,
  signedInS: Figure,
  busyS: Figure,
  utilisationPct: Figure,
  pauseBreakS: Figure,
  pausePrayerS: Figure,
  pauseSystemS: Figure,
  pauseOtherS: Figure,
  servedPerOpenHour: Figure,
});
export type ReportRow = z.infer<typeof ReportRowSchema>;

/** The figures of a row, in table order (everything but key and label). */
export const REPORT_FIGURES = Object.keys(ReportRowSchema.shape).filter((k) => k !== 'key' && k !== 'label') as (keyof Omit<ReportRow, 'key' | 'label'>)[];
export type ReportFigure = (typeof REPORT_FIGURES)[number];

/** Arrivals per day (rows) and hour of day (columns 0–23), hall time. */
export const HeatMapSchema = z.object({
  days: z.array(z.string()),
  hours: z.array(z.number().int().min(0).max(23)),
  arrivals: z.array(z.array(Count)),
});
export type HeatMap = z.infer<typeof HeatMapSchema>;

export const BilingualSchema = z.object({ id: z.string(), en: z.string() });
export const FigureDefinitionSchema = z.object({
  figure: z.string(),
  unit: z.enum(['count', 'percent', 'seconds', 'per_hour']),
  label: BilingualSchema,
  definition: BilingualSchema,
});
export const ReportDefinitionsSchema = z.object({
  figures: z.array(FigureDefinitionSchema),
  notes: z.array(z.object({ topic: z.string(), text: BilingualSchema })),
});
export type ReportDefinitions = z.infer<typeof ReportDefinitionsSchema>;

export const ReportSchema = z.object({
  query: z.object({
    from: z.string(),
    to: z.string(),
    groupBy: ReportGroupBySchema,
    agencyId: IdSchema.nullable(),
    serviceId: IdSchema.nullable(),
  }),
  hall: z.object({ name: z.string(), timeZone: z.string() }),
  /** Server time the report was computed at (a counter still signed in counts up to it). */
  generatedAt: z.number().int(),
  /** False when grouped or filtered by service: counter time is shared by services, so its figures are null. */
  timeFigures: z.boolean(),
  rows: z.array(ReportRowSchema),
  totals: ReportRowSchema,
  heatMap: HeatMapSchema,
  definitions: ReportDefinitionsSchema,
});
export type Report = z.infer<typeof ReportSchema>;

// ── the live dashboard ──────────────────────────────────────────────────────────────────────────
export const LiveCounterSchema = z.object({
  counterId: IdSchema,
  number: z.number().int(),
  agencyId: IdSchema,
  status: CounterStatusSchema,
  pauseReason: PauseReasonSchema.nullable(),
  officer: z.object({ id: IdSchema, name: z.string() }).nullable(),
  serving: z
    .object({ ticketId: z.uuid(), number: z.string(), serviceId: IdSchema, status: TicketStatusSchema })
    .nullable(),
  /** Open and holding no ticket: since when (server time); null otherwise. */
  idleSince: z.number().int().nullable(),
  /** When the status or the ticket in hand last changed. */
  since: z.number().int(),
});

export const LiveServiceSchema = z.object({
  serviceId: IdSchema,
  name: z.string(),
  agencyId: IdSchema,
  waiting: Count,
  /** The longest wait so far among its waiting tickets, seconds; null when nobody waits. */
  longestWaitS: z.number().int().nonnegative().nullable(),
  targetWaitMinutes: z.number().int().positive(),
  overTarget: Count,
});

export const LiveAlertSchema = z.object({
  serviceId: IdSchema,
  ticketId: z.uuid(),
  number: z.string(),
  priority: PriorityClassSchema,
  waitedS: z.number().int().nonnegative(),
  targetWaitMinutes: z.number().int().positive(),
});

export const LiveDashboardSchema = z.object({
  at: z.number().int(),
  counters: z.array(LiveCounterSchema),
  services: z.array(LiveServiceSchema),
  /** Waiting tickets past their service's target wait, longest first (at most 100). */
  alerts: z.array(LiveAlertSchema),
  /** Replication alarms not yet cleared (duplicate device, restored PC, stale events), newest first. */
  alarms: z.array(SyncAlarmSchema),
});
export type LiveDashboard = z.infer<typeof LiveDashboardSchema>;

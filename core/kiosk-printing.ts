import { z } from 'zod';
import { IssuedTicketSchema } from './api.ts';
import { IdSchema } from './domain.ts';
import { zoneDateTimeFormat } from './service-day.ts';
import type { Paper, TicketPrint } from './escpos.ts';
import { CheckInResponseSchema } from './visitor-api.ts';
import { surveyPagePath, trackingPagePath } from './visitor-pages.ts';

/**
 * How each kiosk prints its tickets (issue 8 §1), shared by the hall server and the kiosk page:
 *
 * - `network`: an ESC/POS thermal printer on the LAN, raw TCP (port 9100). A page cannot open a
 *   raw socket, so the hall server prints for the kiosk: when that kiosk issues a ticket or checks
 *   in a booking, and again on `POST /tickets/:id/print`.
 * - `browser`: the kiosk page prints a ticket-sized page itself (`window.print()`; Chromium with
 *   `--kiosk-printing` sends it to the default printer without a dialog).
 * - `none`: the number is only shown (the default until a technician sets a printer).
 *
 * Routes, under `/api/v1`:
 *
 * | route | who |
 * |---|---|
 * | GET+PUT `/kiosk/printer` · POST `/kiosk/printer/test` | the kiosk itself (device token) |
 * | POST `/tickets/:id/print` | kiosk (reprint) |
 * | GET `/admin/kiosks` · PUT `/admin/kiosks/:deviceId/printer` | admin, technician |
 *
 * `POST /tickets` and `POST /bookings/:code/check-in` from a kiosk answer with a `print` field too.
 */

export const PAPER_WIDTHS = [58, 80] as const satisfies readonly Paper[];
export const DEFAULT_PRINTER_PORT = 9100;
/** A raw-TCP print job gives up after this long: the visitor is standing at the kiosk. */
export const PRINT_TIMEOUT_MS = 4_000;

const PaperSchema = z.union([z.literal(58), z.literal(80)], { error: 'paper is 58 or 80 (mm)' });

/** A printer's address on the LAN: an IPv4 address or a host name; no scheme, no port. */
const HOST_PATTERN = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
export const PrinterHostSchema = z
  .string({ error: 'give the printer address, e.g. 192.168.1.50' })
  .trim()
  .regex(HOST_PATTERN, 'write the printer address as an IP address or a host name, e.g. 192.168.1.50 (no http://, no port)');

export const PrinterSettingSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('network'),
      host: PrinterHostSchema,
      /** Raw printing ports are above 1023 (9100 on nearly every printer); the well-known ones are refused. */
      port: z
        .number({ error: `give the printer port as a number, usually ${DEFAULT_PRINTER_PORT}` })
        .int('the port is a whole number')
        .min(1024, `a raw printer port is from 1024 to 65535, usually ${DEFAULT_PRINTER_PORT}`)
        .max(65535, `a raw printer port is from 1024 to 65535, usually ${DEFAULT_PRINTER_PORT}`)
        .default(DEFAULT_PRINTER_PORT),
      paper: PaperSchema,
    }),
    z.strictObject({ kind: z.literal('browser'), paper: PaperSchema }),
    z.strictObject({ kind: z.literal('none') }),
  ],
  { error: 'kind is network, browser or none' },
);
export type PrinterSetting = z.output<typeof PrinterSettingSchema>;
export type NetworkPrinter = Extract<PrinterSetting, { kind: 'network' }>;
export const DEFAULT_PRINTER_SETTING: PrinterSetting = { kind: 'none' };

export const KioskPrinterSchema = z.object({
  deviceId: IdSchema,
  name: z.string(),
  printer: PrinterSettingSchema,
  /** Null: never set (the default applies). */
  updatedAt: z.number().int().nullable(),
});
export type KioskPrinter = z.infer<typeof KioskPrinterSchema>;
export const KioskPrintersResponseSchema = z.object({ kiosks: z.array(KioskPrinterSchema) });

// ── what happened to a print ────────────────────────────────────────────────────────────────────
export const PRINT_ERROR_CODES = ['printer_unreachable', 'printer_timeout', 'printer_failed'] as const;
export type PrintErrorCode = (typeof PRINT_ERROR_CODES)[number];

// A plain union: two members share `kind: 'network'` (told apart by `ok`).
export const PrintOutcomeSchema = z.union([
  z.object({ kind: z.literal('none') }),
  /** The page prints it itself, on this paper. */
  z.object({ kind: z.literal('browser'), paper: PaperSchema }),
  /** The printer took the whole ticket. */
  z.object({ kind: z.literal('network'), ok: z.literal(true), paper: PaperSchema }),
  z.object({ kind: z.literal('network'), ok: z.literal(false), error: z.object({ code: z.enum(PRINT_ERROR_CODES), message: z.string() }) }),
]);
export type PrintOutcome = z.infer<typeof PrintOutcomeSchema>;

/** `POST /tickets` as a kiosk sees it: the ticket and what became of its print (absent from older servers). */
export const KioskIssuedTicketSchema = IssuedTicketSchema.extend({ print: PrintOutcomeSchema.optional() });
export type KioskIssuedTicket = z.infer<typeof KioskIssuedTicketSchema>;
export const KioskCheckInResponseSchema = CheckInResponseSchema.extend({ print: PrintOutcomeSchema.optional() });
export type KioskCheckInResponse = z.infer<typeof KioskCheckInResponseSchema>;
export const PrintResponseSchema = z.object({ print: PrintOutcomeSchema });

// ── what a ticket says ──────────────────────────────────────────────────────────────────────────
/** `10/03/2025 09:05`: the issue time in the hall's zone, as printed (ASCII, the same in every language). */
export function ticketTimeText(instantMs: number, timeZone: string): string {
  const parts = zoneDateTimeFormat(timeZone).formatToParts(instantMs);
  const get = (type: Intl.DateTimeFormatPartTypes): string => (parts.find((p) => p.type === type)?.value ?? '').padStart(2, '0');
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

export interface TicketPrintInput {
  hallName: string;
  agencyName: string;
  serviceName: string;
  number: string;
  issuedAt: number;
  timeZone: string;
  peopleAhead: number;
  trackingCode: string;
  /** The hall server's public address as the kiosk reaches it, e.g. `https://192.168.1.10:7420`. */
  origin: string;
  paper: Paper;
}

/** The printed ticket, the same on a thermal printer (`encodeTicket`) and on the kiosk's browser page. */
export function ticketPrint(input: TicketPrintInput): TicketPrint {
  const origin = input.origin.replace(/\/+$/, '');
  return {
    hallName: input.hallName,
    agencyName: input.agencyName,
    serviceName: input.serviceName,
    number: input.number,
    issuedAt: ticketTimeText(input.issuedAt, input.timeZone),
    peopleAhead: input.peopleAhead,
    trackingUrl: `${origin}${trackingPagePath(input.trackingCode)}`,
    skmUrl: `${origin}${surveyPagePath(input.trackingCode)}`,
    paper: input.paper,
  };
}

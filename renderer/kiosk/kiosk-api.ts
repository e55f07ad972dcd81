import { IssueTicketRequestSchema } from '../../core/api.ts';
import type { PriorityClass } from '../../core/domain.ts';
import { zodErrorInfo } from '../../core/errors.ts';
import {
  KioskCheckInResponseSchema,
  KioskIssuedTicketSchema,
  KioskPrinterSchema,
  PrintResponseSchema,
  type KioskCheckInResponse,
  type KioskIssuedTicket,
  type KioskPrinter,
  type PrinterSetting,
  type PrintOutcome,
} from '../../core/kiosk-printing.ts';
import { PublicBookingSchema, type PublicBooking } from '../../core/visitor-api.ts';
import type { HallApi, HallResult } from '../shared/hall-api.ts';

/**
 * The kiosk's own routes on top of the hall API: a ticket with what became of its print, the
 * check-in of an online booking, a reprint, and the kiosk's printer (core/kiosk-printing.ts).
 * Every answer is checked against its schema; failures come back as values, like HallApi's.
 */
export interface KioskApi {
  /** POST /tickets on the kiosk channel. */
  issue(serviceId: string, priority: PriorityClass): Promise<HallResult<KioskIssuedTicket>>;
  /** POST /bookings/:code/check-in. */
  checkIn(code: string, priority: PriorityClass): Promise<HallResult<KioskCheckInResponse>>;
  /** GET /public/bookings/:code: the slot and window of a booking whose check-in was refused. */
  booking(code: string): Promise<HallResult<PublicBooking>>;
  /** POST /tickets/:id/print. */
  reprint(ticketId: string): Promise<HallResult<{ print: PrintOutcome }>>;
  printer(): Promise<HallResult<KioskPrinter>>;
  savePrinter(setting: PrinterSetting): Promise<HallResult<KioskPrinter>>;
  testPrint(): Promise<HallResult<{ print: PrintOutcome }>>;
}

export function kioskApi(api: HallApi): KioskApi {
  const code = (c: string): string => encodeURIComponent(c);
  return {
    issue: (serviceId, priority) => {
      const body = IssueTicketRequestSchema.safeParse({ serviceId, priority, channel: 'kiosk' });
      if (!body.success) return Promise.resolve({ ok: false, status: null, error: zodErrorInfo(body.error, 'ticket request') });
      return api.send('POST', '/tickets', KioskIssuedTicketSchema, body.data);
    },
    checkIn: (c, priority) => api.send('POST', `/bookings/${code(c)}/check-in`, KioskCheckInResponseSchema, { priority }),
    booking: (c) => api.send('GET', `/public/bookings/${code(c)}`, PublicBookingSchema),
    reprint: (ticketId) => api.send('POST', `/tickets/${code(ticketId)}/print`, PrintResponseSchema),
    printer: () => api.send('GET', '/kiosk/printer', KioskPrinterSchema),
    savePrinter: (setting) => api.send('PUT', '/kiosk/printer', KioskPrinterSchema, setting),
    testPrint: () => api.send('POST', '/kiosk/printer/test', PrintResponseSchema),
  };
}

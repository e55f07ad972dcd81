import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API_BASE } from '../../../core/api.ts';
import { IdSchema } from '../../../core/domain.ts';
import { PrinterSettingSchema, type PrintOutcome } from '../../../core/kiosk-printing.ts';
import type { DevicePrincipal } from '../../auth/principal.ts';
import { kioskPrinter, kioskPrinters, saveKioskPrinter } from '../../printing/printer-store.ts';
import { authorize } from '../access.ts';
import type { HallContext } from '../hall-context.ts';
import { parseInput } from '../http-errors.ts';
import { publicOrigin } from '../public-origin.ts';

const DeviceParams = z.object({ deviceId: IdSchema });
const TicketParams = z.object({ id: z.uuid('a ticket id is a UUID') });

const KIOSK = { devices: ['kiosk'] } as const;
const PRINTER_ADMINS = { roles: ['admin', 'technician'] } as const;

/**
 * Each kiosk's printer (core/kiosk-printing.ts): the kiosk reads and sets its own from its setup
 * screen and prints a test page; an admin or technician sees and sets every kiosk's; a kiosk
 * prints a ticket again when the first print failed. Tickets are printed on issue by the ticket
 * and check-in routes (`ctx.printing.afterIssue`).
 */
export function registerPrintingRoutes(app: FastifyInstance, ctx: HallContext): void {
  const { db, printing } = ctx;
  const kiosk = (request: Parameters<typeof authorize>[0]): DevicePrincipal => authorize(request, KIOSK) as DevicePrincipal;

  app.get(`${API_BASE}/kiosk/printer`, (request) => kioskPrinter(db, kiosk(request).deviceId));

  app.put(`${API_BASE}/kiosk/printer`, (request) => {
    const { deviceId } = kiosk(request);
    const setting = parseInput(PrinterSettingSchema, request.body, 'printer');
    return saveKioskPrinter(db, deviceId, setting, 'kiosk', ctx.now());
  });

  app.post(`${API_BASE}/kiosk/printer/test`, async (request) => {
    const { deviceId } = kiosk(request);
    const print: PrintOutcome = await printing.testPage(deviceId, publicOrigin(request));
    return { print };
  });

  app.post(`${API_BASE}/tickets/:id/print`, async (request) => {
    const { deviceId } = kiosk(request);
    const { id } = parseInput(TicketParams, request.params, 'path');
    const print: PrintOutcome = await printing.reprint(deviceId, id, publicOrigin(request));
    return { print };
  });

  app.get(`${API_BASE}/admin/kiosks`, (request) => {
    authorize(request, PRINTER_ADMINS);
    return { kiosks: kioskPrinters(db) };
  });

  app.put(`${API_BASE}/admin/kiosks/:deviceId/printer`, (request) => {
    authorize(request, PRINTER_ADMINS);
    const { deviceId } = parseInput(DeviceParams, request.params, 'path');
    const setting = parseInput(PrinterSettingSchema, request.body, 'printer');
    return saveKioskPrinter(db, deviceId, setting, 'admin', ctx.now());
  });
}

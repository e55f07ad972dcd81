import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API_BASE } from '../../../core/api.ts';
import { IdSchema } from '../../../core/domain.ts';
import {
  BOOKING_HORIZON_DAYS,
  CHECK_IN_CLOSES_AFTER_MINUTES,
  CHECK_IN_OPENS_BEFORE_MINUTES,
  DEFAULT_BOOKING_SETTINGS,
  MAX_BOOKINGS_PER_PHONE_PER_DAY,
  SlotsQuerySchema,
  type PublicServicesResponse,
} from '../../../core/visitor-api.ts';
import { loadHallConfig } from '../../store/hall-config-store.ts';
import { slotsResponse } from '../../visitor/booking-days.ts';
import { allBookingSettings } from '../../visitor/service-info-store.ts';
import { authorize } from '../access.ts';
import type { HallContext } from '../hall-context.ts';
import { parseInput } from '../http-errors.ts';

const ServiceParams = z.object({ id: IdSchema });

/** Service information and booking slots for anyone (the public pages, the kiosk). */
export function registerPublicServiceRoutes(app: FastifyInstance, ctx: HallContext): void {
  app.get(`${API_BASE}/public/services`, (request): PublicServicesResponse => {
    authorize(request, 'public');
    const config = loadHallConfig(ctx.db);
    const booking = ctx.queue.snapshot((tx) => allBookingSettings(tx));
    return {
      hall: { name: config.hall.name, timeZone: config.hall.timeZone },
      agencies: config.agencies.map((a) => ({
        id: a.id,
        name: a.name,
        shortName: a.shortName,
        color: a.color ?? null,
        services: config.services
          .filter((s) => s.agencyId === a.id)
          .map((s) => ({
            id: s.id,
            agencyId: s.agencyId,
            name: s.name,
            prefix: s.prefix,
            requirements: s.requirements,
            cost: s.cost ?? '',
            timeStandard: s.timeStandard ?? '',
            legalBasis: s.legalBasis ?? '',
            openingHours: s.openingHours ?? null,
            booking: booking.get(s.id) ?? { ...DEFAULT_BOOKING_SETTINGS },
          })),
      })),
      rules: {
        checkInOpensBeforeMinutes: CHECK_IN_OPENS_BEFORE_MINUTES,
        checkInClosesAfterMinutes: CHECK_IN_CLOSES_AFTER_MINUTES,
        horizonDays: BOOKING_HORIZON_DAYS,
        maxBookingsPerPhonePerDay: MAX_BOOKINGS_PER_PHONE_PER_DAY,
      },
    };
  });

  app.get(`${API_BASE}/public/services/:id/slots`, (request) => {
    authorize(request, 'public');
    const { id } = parseInput(ServiceParams, request.params, 'path');
    const { date } = parseInput(SlotsQuerySchema, request.query, 'query');
    return ctx.queue.snapshot((tx) => slotsResponse(tx, id, date));
  });
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { API_BASE } from '../../../core/api.ts';
import { LoketError } from '../../../core/errors.ts';
import {
  BookingCodeSchema,
  CancelBookingRequestSchema,
  CheckInRequestSchema,
  CreateBookingRequestSchema,
  trackingPagePath,
  type CreateBookingResponse,
} from '../../../core/visitor-api.ts';
import { checkInBooking } from '../../visitor/booking-check-in.ts';
import { cancelBooking, createBooking, getBooking } from '../../visitor/bookings.ts';
import { RateLimitedError } from '../../visitor/rate-limits.ts';
import type { VisitorRuntime } from '../../visitor/visitor-runtime.ts';
import { authorize } from '../access.ts';
import type { HallContext } from '../hall-context.ts';
import { parseInput } from '../http-errors.ts';
import { publicOrigin } from '../public-origin.ts';

const CodeParams = z.object({ code: BookingCodeSchema });

/** A 429 carries Retry-After when the wait is known. */
async function withRetryAfter<T>(reply: FastifyReply, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof RateLimitedError && error.retryAfterSeconds !== null) reply.header('retry-after', String(error.retryAfterSeconds));
    throw error;
  }
}

/** Online bookings (public) and their check-in at the kiosk. */
export function registerBookingRoutes(app: FastifyInstance, ctx: HallContext, runtime: VisitorRuntime): void {
  const { queue } = ctx;
  const code = (params: unknown): string => parseInput(CodeParams, params, 'path').code;

  app.post(`${API_BASE}/public/bookings`, async (request, reply) => {
    authorize(request, 'public');
    const input = parseInput(CreateBookingRequestSchema, request.body, 'booking');
    const booking = await withRetryAfter(reply, queue.submit((q) => q.transact((tx) => createBooking(tx, input, request.ip))));
    const answer: CreateBookingResponse = { ...booking, trackingUrl: `${request.protocol}://${request.host}${trackingPagePath(booking.code)}` };
    return reply.code(201).send(answer);
  });

  app.get(`${API_BASE}/public/bookings/:code`, (request) => {
    authorize(request, 'public');
    const c = code(request.params);
    return queue.snapshot((tx) => getBooking(tx, c));
  });

  app.post(`${API_BASE}/public/bookings/:code/cancel`, async (request, reply) => {
    authorize(request, 'public');
    const c = code(request.params);
    const { phoneLast4 } = parseInput(CancelBookingRequestSchema, request.body, 'cancellation');
    const wait = runtime.cancelAttempts.waitSeconds(c);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new RateLimitedError(`Too many wrong phone digits for booking ${c}. Try again in ${Math.ceil(wait / 60)} minute(s), or ask at the information desk.`, wait, 'phoneLast4');
    }
    try {
      const booking = await queue.submit((q) => q.transact((tx) => cancelBooking(tx, c, phoneLast4)));
      runtime.watchers.touch(c);
      return booking;
    } catch (error) {
      if (error instanceof LoketError && error.code === 'phone_mismatch') runtime.cancelAttempts.fail(c);
      throw error;
    }
  });

  app.post(`${API_BASE}/bookings/:code/check-in`, async (request, reply) => {
    authorize(request, { devices: ['kiosk'], roles: ['supervisor', 'admin'] });
    const c = code(request.params);
    const { priority } = parseInput(CheckInRequestSchema, request.body ?? {}, 'check-in');
    const answer = await queue.submit((q) => q.transact((tx) => checkInBooking(tx, c, priority)));
    // A kiosk with a network printer: printed now, after the commit (core/kiosk-printing.ts).
    const print = await ctx.printing.afterIssue(request.principal, answer.ticket, publicOrigin(request));
    return reply.code(201).send(print === undefined ? answer : { ...answer, print });
  });
}

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ApiErrorBody } from '../../core/api.ts';
import { LoketError, zodErrorInfo, type ErrorInfo } from '../../core/errors.ts';
import { IllegalTransitionError } from '../../core/ticket-state.ts';

/** HTTP status for each error code the hall server answers with. */
const STATUS_OF: Record<string, number> = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_event: 400,
  unauthorized: 401,
  login_failed: 401,
  forbidden: 403,
  wrong_device: 403,
  not_your_ticket: 403,
  device_required: 403,
  counter_not_allowed: 403,
  enroll_code_invalid: 403,
  not_found: 404,
  no_such_route: 404,
  unknown_service: 404,
  unknown_counter: 404,
  illegal_transition: 409,
  stale_lease: 409,
  quota_reached: 409,
  service_closed: 409,
  counter_not_open: 409,
  counter_busy: 409,
  username_taken: 409,
  body_too_large: 413,
  unsupported_media_type: 415,
  account_locked: 423,
  rate_limited: 429,
  // the visitor's side (server/visitor/)
  booking_closed: 409,
  slot_passed: 409,
  slot_full: 409,
  booking_quota_reached: 409,
  check_in_not_open: 409,
  already_checked_in: 409,
  booking_cancelled: 410,
  booking_expired: 410,
  phone_mismatch: 403,
  not_finished: 409,
  already_answered: 409,
  // kiosk printing (server/printing/)
  ticket_not_printable: 409,
  too_many_streams: 503,
  server_busy: 503,
  hall_not_configured: 503,
};

export const statusOf = (code: string): number => STATUS_OF[code] ?? 500;

export function sendError(reply: FastifyReply, info: ErrorInfo, status = statusOf(info.code)): FastifyReply {
  const body: ApiErrorBody = { error: info };
  return reply.code(status).type('application/json').send(body);
}

/** Parses input with a zod schema or refuses it with a 400 naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const info = zodErrorInfo(parsed.error, what);
    throw new LoketError(info.code, info.message, info.field);
  }
  return parsed.data;
}

/** Maps every failure to `{error:{code,message,field}}`: no stack traces, no internals. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof LoketError) return sendError(reply, error.toInfo());
  if (error instanceof IllegalTransitionError) {
    return sendError(reply, { code: error.code, message: `${error.message}. Refresh and choose another action.` });
  }
  const fe = error as FastifyError;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return sendError(reply, { code: 'body_too_large', message: `The request body is too large (at most ${Math.round((request.routeOptions.bodyLimit ?? 65536) / 1024)} KiB). Send less.` });
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return sendError(reply, { code: 'unsupported_media_type', message: 'Send the body as application/json.' });
  }
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe.statusCode === 400 && error instanceof SyntaxError)) {
    return sendError(reply, { code: 'invalid_json', message: 'The body is not valid JSON. Send a JSON object.', field: 'body' });
  }
  if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
    return sendError(reply, { code: 'invalid_request', message: `${error.message}. Correct the request and send again.` }, fe.statusCode);
  }
  request.log.error({ err: error }, 'request failed');
  return sendError(reply, { code: 'internal', message: 'The hall server failed to answer. Try again; if it repeats, tell the technician.' }, 500);
}

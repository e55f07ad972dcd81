import type { z } from 'zod';
import type { TrackResponse } from '../../core/api.ts';
import type { ErrorInfo } from '../../core/errors.ts';
import type {
  CreateBookingRequestSchema,
  CreateBookingResponse,
  PublicBooking,
  PublicServicesResponse,
  SkmSubmitRequestSchema,
  SkmSubmitResponseSchema,
  SlotsResponse,
} from '../../core/visitor-api.ts';

/**
 * The hall server's public routes (core/visitor-api.ts) as the visitor's pages use them. Only the
 * types come from core: its schemas would bring zod (about 30 kB gzipped) to a page a visitor
 * opens on a cheap phone, so answers get a light shape check here instead of a full parse; the
 * server validates every request. Every failure comes back as a value, nothing throws.
 */

/** `API_BASE` of core/api.ts (not imported: that module builds zod schemas on load). A test holds them equal. */
export const PUBLIC_API_BASE = '/api/v1';
/** `TRACK_STREAM_EVENT` of core/visitor-api.ts, held equal by a test. */
export const TRACK_EVENT = 'track';

export const NETWORK_ERROR = 'network';
export const TIMEOUT_ERROR = 'timeout';
export const BAD_RESPONSE_ERROR = 'bad_response';

export type PublicResult<T> =
  | { ok: true; value: T; /** The server's clock from its Date header (a phone's clock can be wrong), else null. */ serverNow: number | null }
  | { ok: false; error: ErrorInfo; status: number | null; retryAfterSeconds: number | null };

export type BookingInput = z.input<typeof CreateBookingRequestSchema>;
export type SkmInput = z.input<typeof SkmSubmitRequestSchema>;
export type SkmAnswer = z.output<typeof SkmSubmitResponseSchema>;

export interface PublicApi {
  services(): Promise<PublicResult<PublicServicesResponse>>;
  slots(serviceId: string, date: string): Promise<PublicResult<SlotsResponse>>;
  book(input: BookingInput): Promise<PublicResult<CreateBookingResponse>>;
  booking(code: string): Promise<PublicResult<PublicBooking>>;
  cancel(code: string, phoneLast4: string): Promise<PublicResult<PublicBooking>>;
  track(code: string): Promise<PublicResult<TrackResponse>>;
  submitSkm(input: SkmInput): Promise<PublicResult<SkmAnswer>>;
  /** The tracking stream's address (Server-Sent Events). */
  streamUrl(code: string): string;
  /** Asks for the stream once and hangs up: ok when it would open, else the server's refusal. */
  probeStream(code: string): Promise<PublicResult<null>>;
}

export interface PublicApiOptions {
  /** '' (default): the page's own origin, which serves the API. */
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** The shown language, sent as Accept-Language. */
  language?: () => string;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

type Check = (value: unknown) => boolean;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** An object with these keys, each of the given JS type ('array' for arrays). */
const shape =
  (fields: Record<string, 'string' | 'number' | 'object' | 'array'>): Check =>
  (v) =>
    isObject(v) &&
    Object.entries(fields).every(([key, type]) => (type === 'array' ? Array.isArray(v[key]) : typeof v[key] === type && v[key] !== null));

const SERVICES = shape({ hall: 'object', agencies: 'array', rules: 'object' });
const SLOTS = shape({ serviceId: 'string', date: 'string', slots: 'array' });
const BOOKING = shape({ code: 'string', status: 'string', serviceName: 'string', slotStart: 'number', checkInOpensAt: 'number', checkInClosesAt: 'number' });
const TRACK = shape({ number: 'string', status: 'string', serviceName: 'string' });
const SKM = shape({ id: 'number', ticketNumber: 'string', serviceName: 'string' });

export function createPublicApi({
  baseUrl = '',
  fetch: fetchImpl = (input, init) => globalThis.fetch(input, init),
  timeoutMs = DEFAULT_TIMEOUT_MS,
  language,
}: PublicApiOptions = {}): PublicApi {
  const root = `${baseUrl.replace(/\/+$/, '')}${PUBLIC_API_BASE}`;
  const code = (c: string): string => encodeURIComponent(c.trim().toUpperCase());

  async function request<T>(method: 'GET' | 'POST', path: string, check: Check | null, body?: unknown): Promise<PublicResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const lang = language?.();
    if (lang) headers['accept-language'] = lang;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    let text = '';
    try {
      response = await fetchImpl(`${root}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        cache: 'no-store',
      });
      // The stream probe reads only the status: its body never ends.
      if (check !== null || !response.ok) text = await response.text();
    } catch {
      return failure(controller.signal.aborted && check !== null ? TIMEOUT_ERROR : NETWORK_ERROR, null);
    } finally {
      clearTimeout(timer);
      if (check === null) controller.abort();
    }
    const status = response.status;
    let data: unknown;
    try {
      data = text === '' ? undefined : JSON.parse(text);
    } catch {
      data = undefined;
    }
    if (status < 200 || status > 299) return serverFailure(status, data, response.headers?.get?.('retry-after') ?? null);
    if (check !== null && !check(data)) return failure(BAD_RESPONSE_ERROR, status, `${method} ${path}`);
    return { ok: true, value: (check === null ? null : data) as T, serverNow: serverClock(response) };
  }

  return {
    services: () => request('GET', '/public/services', SERVICES),
    slots: (serviceId, date) => request('GET', `/public/services/${encodeURIComponent(serviceId)}/slots?date=${encodeURIComponent(date)}`, SLOTS),
    book: (input) => request('POST', '/public/bookings', BOOKING, input),
    booking: (c) => request('GET', `/public/bookings/${code(c)}`, BOOKING),
    cancel: (c, phoneLast4) => request('POST', `/public/bookings/${code(c)}/cancel`, BOOKING, { phoneLast4 }),
    track: (c) => request('GET', `/track/${code(c)}`, TRACK),
    submitSkm: (input) => request('POST', '/public/skm', SKM, input),
    streamUrl: (c) => `${root}/track/${code(c)}/stream`,
    probeStream: (c) => request<null>('GET', `/track/${code(c)}/stream`, null),
  };
}

function serverClock(response: Response): number | null {
  const date = response.headers?.get?.('date');
  const at = date ? Date.parse(date) : Number.NaN;
  return Number.isFinite(at) ? at : null;
}

function failure(code: string, status: number | null, message = ''): PublicResult<never> {
  return { ok: false, status, retryAfterSeconds: null, error: { code, message } };
}

function serverFailure(status: number, data: unknown, retryAfter: string | null): PublicResult<never> {
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : null;
  const error = isObject(data) && isObject(data['error']) ? data['error'] : null;
  const info: ErrorInfo =
    error && typeof error['code'] === 'string' && typeof error['message'] === 'string'
      ? { code: error['code'], message: error['message'], ...(typeof error['field'] === 'string' ? { field: error['field'] } : {}) }
      : { code: status >= 500 ? 'internal' : 'http_error', message: `HTTP ${status}` };
  return { ok: false, status, retryAfterSeconds: seconds, error: info };
}

import type { z } from 'zod';
import {
  API_BASE,
  ApiErrorBodySchema,
  BoardSnapshotSchema,
  EnrollRequestSchema,
  EnrollResponseSchema,
  IssuedTicketSchema,
  IssueTicketRequestSchema,
  type BoardSnapshot,
  type EnrollResponse,
  type IssuedTicket,
} from '../../core/api.ts';
import { HallConfigSchema, type Channel, type HallConfig, type PriorityClass } from '../../core/domain.ts';
import { zodErrorInfo, type ErrorInfo } from '../../core/errors.ts';

/**
 * The hall server's HTTP API (core/api.ts, DESIGN.md §7) as the hall pages (kiosk, display board)
 * use it. Every answer is checked against the contract's zod schema, and every failure comes back
 * as a value: an error body of the server, a network failure, a timeout or an answer that does not
 * fit the contract. Nothing here throws.
 */

/** Codes this client gives when the server itself could not answer (the server's own codes pass through). */
export const NETWORK_ERROR = 'network';
export const BAD_RESPONSE_ERROR = 'bad_response';
/** Any 401 answer: the device token is unknown or revoked, whatever code the server used. */
export const UNAUTHORIZED_ERROR = 'unauthorized';

/** A Result (core/errors.ts) that also tells the HTTP status of a failure (`null`: no answer at all). */
export type HallResult<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo; status: number | null };

export interface IssueTicketInput {
  serviceId: string;
  priority?: PriorityClass;
  channel?: Channel;
}

export interface EnrollInput {
  code: string;
  name: string;
}

export interface HallApi {
  /** GET /config: the hall, its agencies, services and counters. */
  config(): Promise<HallResult<HallConfig>>;
  /** POST /tickets: a new ticket (kiosk channel unless said otherwise). */
  issueTicket(request: IssueTicketInput): Promise<HallResult<IssuedTicket>>;
  /** GET /board: the latest calls and every counter, for a display board that (re)connects. */
  board(): Promise<HallResult<BoardSnapshot>>;
  /** POST /devices/enroll: trades a one-time enrollment code for a device token. */
  enroll(request: EnrollInput): Promise<HallResult<EnrollResponse>>;
  /** Any other route of the page (path under /api/v1), its answer checked against `schema`. */
  send<S extends z.ZodType>(method: HallMethod, path: string, schema: S, body?: unknown): Promise<HallResult<z.output<S>>>;
}

export type HallMethod = 'GET' | 'POST' | 'PUT';

export interface HallApiOptions {
  /** Where the server is; '' (the default) is the page's own origin, which serves the API. */
  baseUrl?: string;
  /** The device token from enrollment, sent as `Authorization: Bearer <token>`. */
  token?: string | null;
  /** Injected in tests; the browser's `fetch` by default. */
  fetch?: typeof fetch;
  /** Give up on a request after this long (the page retries or tells the visitor). */
  timeoutMs?: number;
  /** The page's language now, sent as Accept-Language so the server can answer in it. */
  language?: () => string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export function createHallApi({
  baseUrl = '',
  token = null,
  fetch: fetchImpl = (input, init) => globalThis.fetch(input, init),
  timeoutMs = DEFAULT_TIMEOUT_MS,
  language,
}: HallApiOptions = {}): HallApi {
  const root = `${baseUrl.replace(/\/+$/, '')}${API_BASE}`;

  async function request<S extends z.ZodType>(
    method: HallMethod,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<HallResult<z.output<S>>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const lang = language?.();
    if (lang) headers['accept-language'] = lang;

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let status: number;
    let text: string;
    try {
      const response = await fetchImpl(`${root}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        cache: 'no-store',
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      return networkFailure(controller.signal.aborted, error);
    } finally {
      clearTimeout(timer);
    }

    let data: unknown = undefined;
    let parsedJson = true;
    try {
      data = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsedJson = false;
    }

    if (status < 200 || status > 299) return serverFailure(status, parsedJson ? data : undefined);

    const parsed = parsedJson ? schema.safeParse(data) : null;
    if (!parsed?.success) {
      const detail = parsed ? firstIssue(parsed.error) : 'it is not JSON';
      return {
        ok: false,
        status,
        error: {
          code: BAD_RESPONSE_ERROR,
          message: `The hall server's answer to ${method} ${path} does not fit this page (${detail}). The server and the page may be different versions: reload the page; if it repeats, call a technician.`,
        },
      };
    }
    return { ok: true, value: parsed.data };
  }

  return {
    config: () => request('GET', '/config', HallConfigSchema),
    board: () => request('GET', '/board', BoardSnapshotSchema),
    issueTicket: (input) => {
      const body = IssueTicketRequestSchema.safeParse(input);
      if (!body.success) return Promise.resolve(invalid(body.error, 'ticket request'));
      return request('POST', '/tickets', IssuedTicketSchema, body.data);
    },
    enroll: (input) => {
      const body = EnrollRequestSchema.safeParse(input);
      if (!body.success) return Promise.resolve(invalid(body.error, 'enrollment'));
      return request('POST', '/devices/enroll', EnrollResponseSchema, body.data);
    },
    send: request,
  };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it is not valid';
  return issue.path.length > 0 ? `"${issue.path.map(String).join('.')}" ${issue.message}` : issue.message;
}

function invalid(error: z.ZodError, what: string): HallResult<never> {
  return { ok: false, status: null, error: zodErrorInfo(error, what) };
}

function networkFailure(timedOut: boolean, error: unknown): HallResult<never> {
  const reason = error instanceof Error && error.message ? ` (${error.message})` : '';
  return {
    ok: false,
    status: null,
    error: {
      code: NETWORK_ERROR,
      message: timedOut
        ? 'The hall server did not answer in time. Check that it is running and the network cable is in, then try again.'
        : `Cannot reach the hall server${reason}. Check that it is running and the network cable is in, then try again.`,
    },
  };
}

function serverFailure(status: number, data: unknown): HallResult<never> {
  const body = ApiErrorBodySchema.safeParse(data);
  const info: ErrorInfo = body.success
    ? body.data.error
    : {
        code: status >= 500 ? 'internal' : 'http_error',
        message: `The hall server answered ${status} without an explanation. Try again; if it repeats, call a technician.`,
      };
  if (status === 401) return { ok: false, status, error: { ...info, code: UNAUTHORIZED_ERROR } };
  return { ok: false, status, error: info };
}

/** True when the server no longer accepts this device's token: the device must be enrolled again. */
export function isUnauthorized(result: HallResult<unknown>): boolean {
  return !result.ok && (result.status === 401 || result.error.code === UNAUTHORIZED_ERROR);
}

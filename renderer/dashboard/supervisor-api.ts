import type { z } from 'zod';
import { API_BASE, ApiErrorBodySchema, LoginRequestSchema, LoginResponseSchema, type LoginResponse } from '../../core/api.ts';
import { HallConfigSchema, type HallConfig } from '../../core/domain.ts';
import { zodErrorInfo, type ErrorInfo } from '../../core/errors.ts';
import { LiveDashboardSchema, ReportSchema, type LiveDashboard, type Report, type ReportGroupBy } from '../../core/reports-api.ts';
import { BAD_RESPONSE_ERROR, NETWORK_ERROR, UNAUTHORIZED_ERROR, type HallResult } from '../shared/hall-api.ts';
import type { Language } from '../shared/i18n.ts';

/**
 * The hall server's API as the supervisor dashboard uses it (DESIGN.md §7–8): sign-in and
 * sign-out, the hall's configuration, the live view, the report and its CSV/XLSX exports. Every
 * JSON answer is checked against its core/ schema; every failure comes back as a value (the
 * server's error, no answer, a timeout, an answer outside the contract), never thrown.
 */

/** What a report is asked for; empty filters are left out of the query. */
export interface ReportRequest {
  from: string;
  to: string;
  groupBy: ReportGroupBy;
  agencyId: string | null;
  serviceId: string | null;
}

export type ExportFormat = 'csv' | 'xlsx';

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

export interface SupervisorApi {
  /** POST /sessions without a device token: a supervisor or admin signs in from any browser. */
  signIn(input: { username: string; pin: string }): Promise<HallResult<LoginResponse>>;
  /** DELETE /sessions/current. */
  signOut(): Promise<HallResult<null>>;
  config(): Promise<HallResult<HallConfig>>;
  live(): Promise<HallResult<LiveDashboard>>;
  report(request: ReportRequest): Promise<HallResult<Report>>;
  /** GET /reports/export.{csv,xlsx}: the file, with the name the server gave it. */
  exportFile(request: ReportRequest, format: ExportFormat, language: Language): Promise<HallResult<DownloadedFile>>;
}

export interface SupervisorApiOptions {
  /** '' (the default) is the page's own origin, which serves the API. */
  baseUrl?: string;
  /** The session token, sent as `Authorization: Bearer <token>`. */
  token?: string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** A report of a long range, and its workbook of six groupings, may take longer. */
  reportTimeoutMs?: number;
}

/** `from=…&to=…&groupBy=…[&agencyId=…][&serviceId=…][&lang=…]`, in that order. */
export function reportSearch(request: ReportRequest, language?: Language): string {
  const params = new URLSearchParams({ from: request.from, to: request.to, groupBy: request.groupBy });
  if (request.agencyId) params.set('agencyId', request.agencyId);
  if (request.serviceId) params.set('serviceId', request.serviceId);
  if (language) params.set('lang', language);
  return params.toString();
}

/** The file name of a `Content-Disposition: attachment; filename="…"` header. */
export function attachmentName(header: string | null, fallback: string): string {
  const match = header === null ? null : /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header);
  if (!match?.[1]) return fallback;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

type Reader<T> = (response: Response) => Promise<HallResult<T>>;

export function createSupervisorApi({
  baseUrl = '',
  token = null,
  fetch: fetchImpl = (input, init) => globalThis.fetch(input, init),
  timeoutMs = 10_000,
  reportTimeoutMs = 60_000,
}: SupervisorApiOptions = {}): SupervisorApi {
  const root = `${baseUrl.replace(/\/+$/, '')}${API_BASE}`;

  async function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, read: Reader<T>, body?: unknown, limitMs = timeoutMs): Promise<HallResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), limitMs);
    try {
      const response = await fetchImpl(`${root}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        cache: 'no-store',
      });
      if (response.status < 200 || response.status > 299) return await serverFailure(response);
      return await read(response);
    } catch (error) {
      return networkFailure(controller.signal.aborted, error);
    } finally {
      clearTimeout(timer);
    }
  }

  const json =
    <S extends z.ZodType>(schema: S, what: string): Reader<z.output<S>> =>
    async (response) => {
      const text = await response.text();
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        return badResponse(response.status, what, 'it is not JSON');
      }
      const parsed = schema.safeParse(data);
      return parsed.success ? { ok: true, value: parsed.data } : badResponse(response.status, what, firstIssue(parsed.error));
    };

  const file =
    (fallback: string): Reader<DownloadedFile> =>
    async (response) => ({
      ok: true,
      value: { blob: await response.blob(), fileName: attachmentName(response.headers.get('content-disposition'), fallback) },
    });

  return {
    signIn: (input) => {
      const body = LoginRequestSchema.safeParse(input);
      if (!body.success) return Promise.resolve(invalid(zodErrorInfo(body.error, 'sign-in')));
      return call('POST', '/sessions', json(LoginResponseSchema, 'POST /sessions'), body.data);
    },
    signOut: () => call('DELETE', '/sessions/current', async () => ({ ok: true, value: null })),
    config: () => call('GET', '/config', json(HallConfigSchema, 'GET /config')),
    live: () => call('GET', '/dashboard/live', json(LiveDashboardSchema, 'GET /dashboard/live')),
    report: (request) => call('GET', `/reports?${reportSearch(request)}`, json(ReportSchema, 'GET /reports'), undefined, reportTimeoutMs),
    exportFile: (request, format, language) =>
      call('GET', `/reports/export.${format}?${reportSearch(request, language)}`, file(`laporan-${request.from}-${request.to}.${format}`), undefined, reportTimeoutMs),
  };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it is not valid';
  return issue.path.length > 0 ? `"${issue.path.map(String).join('.')}" ${issue.message}` : issue.message;
}

function invalid(error: ErrorInfo): HallResult<never> {
  return { ok: false, status: null, error };
}

function badResponse(status: number, what: string, detail: string): HallResult<never> {
  return {
    ok: false,
    status,
    error: {
      code: BAD_RESPONSE_ERROR,
      message: `The hall server's answer to ${what} does not fit this page (${detail}). The server and the page may be different versions: reload the page; if it repeats, call a technician.`,
    },
  };
}

function networkFailure(timedOut: boolean, error: unknown): HallResult<never> {
  const reason = error instanceof Error && error.message ? ` (${error.message})` : '';
  return {
    ok: false,
    status: null,
    error: {
      code: NETWORK_ERROR,
      message: timedOut
        ? 'The hall server did not answer in time. Check that it is running and the network is up, then try again.'
        : `Cannot reach the hall server${reason}. Check that it is running and the network is up, then try again.`,
    },
  };
}

async function serverFailure(response: Response): Promise<HallResult<never>> {
  const status = response.status;
  let data: unknown;
  try {
    data = JSON.parse(await response.text());
  } catch {
    data = undefined;
  }
  const body = ApiErrorBodySchema.safeParse(data);
  const info: ErrorInfo = body.success
    ? body.data.error
    : { code: status >= 500 ? 'internal' : 'http_error', message: `The hall server answered ${status} without an explanation. Try again; if it repeats, call a technician.` };
  // A 401 always means the session is gone, whatever code the server used (except a wrong PIN at sign-in).
  if (status === 401 && info.code !== 'login_failed' && info.code !== 'account_locked') {
    return { ok: false, status, error: { ...info, code: UNAUTHORIZED_ERROR } };
  }
  return { ok: false, status, error: info };
}

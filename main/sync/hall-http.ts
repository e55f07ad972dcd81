import { X509Certificate } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import type { z } from 'zod';
import { API_BASE, ApiErrorBodySchema, HealthSchema } from '../../core/api.ts';
import { LoketError } from '../../core/errors.ts';

/**
 * JSON requests to the hall server over node:http / node:https (DESIGN.md §7), with the server's
 * certificate PINNED: at enrollment the counter stores the certificate the technician confirmed
 * by its fingerprint, and afterwards trusts that one certificate and nothing else.
 */

export const REQUEST_TIMEOUT_MS = 5000;

/** The certificate a counter PC trusts for its hall server. */
export interface CertificatePin {
  /** The server certificate, PEM: the only trust anchor of every later connection. */
  pem: string;
  /** SHA-256 fingerprint, `AA:BB:…` as Node and the hall server print it. */
  fingerprint256: string;
}

/** The pin of a server known by its certificate (a probe, a stored enrollment); null for plain http. */
export function certificatePin(known: { certPem: string | null; fingerprint256: string | null }): CertificatePin | null {
  return known.certPem !== null && known.fingerprint256 !== null ? { pem: known.certPem, fingerprint256: known.fingerprint256 } : null;
}

/** Where the hall server is and how it is trusted; `pin` is null only for plain http on loopback. */
export interface HallTarget {
  /** Origin without a trailing slash, e.g. `https://192.168.1.10:7420`. */
  url: string;
  pin: CertificatePin | null;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The server's origin from what the technician typed; plain http only for this PC itself
 * (development and tests), because on the LAN tokens and PINs would travel in clear text.
 */
export function normalizeServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new LoketError('invalid_request', `"${raw}" is not a server address. Type it like https://192.168.1.10:7420.`, 'url');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new LoketError('invalid_request', 'A hall server address starts with https://. Type it like https://192.168.1.10:7420.', 'url');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new LoketError(
      'invalid_request',
      `Plain http is allowed only for a server on this PC. Use https://${url.host} (the hall server prints its https address and certificate fingerprint).`,
      'url',
    );
  }
  return url.origin;
}

/** `aa:bb…`, `AABB…` or `AA BB …` → `AA:BB:…`, so a typed fingerprint compares with Node's. */
export function normalizeFingerprint(value: string): string {
  const hex = value.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return (hex.match(/.{1,2}/g) ?? []).join(':');
}

const PIN_MISMATCH = 'ERR_LOKET_CERT_PIN';

/**
 * Connections to the hall server are reused (a counter talks to it all day). An idle one is closed
 * after 30 s, well before the server's own keep-alive timeout (72 s), so a request never goes out
 * on a connection the server is closing.
 */
const KEEP_ALIVE = { keepAlive: true, maxSockets: 8, timeout: 30_000 } as const;

/**
 * An agent whose only trust anchor is the pinned certificate. The host name check is replaced by
 * comparing fingerprints: a counter reaches the server by an IP address the certificate may not
 * name, and the fingerprint says more than any name. A partial chain is accepted so a certificate
 * issued by the hall's own CA can be pinned as it is. No TLS session resumption: every new
 * connection checks the certificate again. Connections are kept open between requests (checked
 * once, when made), so a call does not pay a TLS handshake. Used for HTTP requests and the live
 * feed alike.
 */
export function pinnedAgent(pin: CertificatePin): https.Agent {
  const expected = normalizeFingerprint(pin.fingerprint256);
  return new https.Agent({
    ca: pin.pem,
    rejectUnauthorized: true,
    allowPartialTrustChain: true,
    maxCachedSessions: 0,
    ...KEEP_ALIVE,
    checkServerIdentity: (_host: string, cert: PeerCertificate) => {
      if (normalizeFingerprint(cert.fingerprint256) === expected) return undefined;
      return Object.assign(new Error(`the server presented certificate ${cert.fingerprint256}, not the pinned ${expected}`), {
        code: PIN_MISMATCH,
      });
    },
  });
}

/** The hall server's answer, before its body is validated. */
interface RawAnswer {
  status: number;
  body: unknown;
  /** The certificate the server presented (https only), read when the answer began. */
  certificate: PeerCertificate | null;
}

const CERT_ERROR = /CERT|SELF_SIGNED|ISSUER|LEAF_SIGNATURE|ERR_LOKET_CERT_PIN|HOSTNAME_MISMATCH|ALTNAME/;

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

/** What a failed connection means for the person at the counter. */
export function connectionError(error: unknown, target: { url: string; pinned: boolean }): LoketError {
  if (error instanceof LoketError) return error;
  const code = errorCode(error);
  if (target.pinned && (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID')) {
    return new LoketError(
      'certificate_mismatch',
      `The certificate of the hall server at ${target.url} ${code === 'CERT_HAS_EXPIRED' ? 'has expired' : 'is not valid yet (check this PC’s date and time)'}. ` +
        'The technician must renew it on the server and enroll this PC again after comparing the new fingerprint.',
    );
  }
  if (target.pinned && CERT_ERROR.test(code)) {
    return new LoketError(
      'certificate_mismatch',
      `The server at ${target.url} presented a different certificate from the one this PC trusts. ` +
        'Do not continue: if the hall server was reinstalled or its certificate renewed, the technician must enroll this PC again ' +
        'after comparing the new fingerprint; otherwise someone may be intercepting the connection.',
    );
  }
  const why =
    code === 'ETIMEDOUT' || code === 'ERR_LOKET_TIMEOUT'
      ? 'did not answer in time'
      : code === 'ECONNREFUSED'
        ? 'refused the connection (is the hall server running?)'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'could not be found by name'
          : code === 'EHOSTUNREACH' || code === 'ENETUNREACH'
            ? 'cannot be reached from this PC (check the network cable or Wi-Fi)'
            : 'could not be reached';
  return new LoketError(
    'server_unreachable',
    `The hall server at ${target.url} ${why}. Check that this PC is on the hall network and the server is on, then try again; ` +
      'walk-ins and finishing the current visitor still work offline.',
  );
}

function send(
  target: { url: string; agent: http.Agent | false; rejectUnauthorized?: boolean; pinned: boolean },
  method: string,
  path: string,
  options: { token?: string | null | undefined; body?: unknown; timeoutMs?: number | undefined },
): Promise<RawAnswer> {
  const url = new URL(`${API_BASE}${path}`, target.url);
  const text = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (text !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(text));
  }
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const secure = url.protocol === 'https:';
  return new Promise<RawAnswer>((resolve, reject) => {
    const requestOptions: https.RequestOptions = { method, headers, agent: target.agent };
    if (target.rejectUnauthorized === false) requestOptions.rejectUnauthorized = false;
    const req = (secure ? https : http).request(url, requestOptions, (res: IncomingMessage) => {
      // Read while the socket is surely still connected.
      const certificate = secure ? (res.socket as TLSSocket).getPeerCertificate(true) : null;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => reject(connectionError(e, target)));
      res.on('end', () => {
        clearTimeout(timer);
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: unknown = null;
        if (raw !== '') {
          try {
            body = JSON.parse(raw);
          } catch {
            body = undefined;
          }
        }
        resolve({ status: res.statusCode ?? 0, body, certificate });
      });
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'ERR_LOKET_TIMEOUT' })), timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(connectionError(e, target));
    });
    req.end(text);
  });
}

/** Turns a non-2xx answer into the LoketError the server described, with the same code, message and field. */
function answerError(answer: RawAnswer, url: string): LoketError {
  const parsed = ApiErrorBodySchema.safeParse(answer.body);
  if (parsed.success) {
    const { code, message, field } = parsed.data.error;
    return new LoketError(code, message, field);
  }
  return new LoketError(
    answer.status >= 500 ? 'server_unreachable' : 'internal',
    `The hall server at ${url} answered HTTP ${answer.status} without an explanation. Try again; if it repeats, tell the technician.`,
  );
}

function notUnderstood(url: string, path: string, error: z.ZodError): LoketError {
  const issue = error.issues[0];
  return new LoketError(
    'internal',
    `The hall server at ${url} answered ${path} in a form this app does not understand` +
      `${issue ? ` (${issue.path.join('.') || 'body'}: ${issue.message})` : ''}. The app and the server may be different versions; tell the technician.`,
  );
}

export interface HallRequestOptions<S extends z.ZodType> {
  token?: string | null | undefined;
  body?: unknown;
  /** The answer's schema; a 204 answer gives null. */
  schema: S;
  timeoutMs?: number | undefined;
}

/** A client for one hall server, trusting only its pinned certificate (or plain http on loopback). */
export class HallHttp {
  readonly url: string;
  private readonly agent: http.Agent | false;
  private readonly pinned: boolean;

  constructor(target: HallTarget) {
    this.url = normalizeServerUrl(target.url);
    const secure = this.url.startsWith('https:');
    if (secure && target.pin === null) {
      throw new LoketError('not_enrolled', 'This PC has no pinned certificate for its https hall server. Ask the technician to enroll it again.');
    }
    this.pinned = secure;
    this.agent = secure && target.pin ? pinnedAgent(target.pin) : new http.Agent(KEEP_ALIVE);
  }

  /** For the live feed: the same trust as the HTTP requests. */
  get tlsAgent(): https.Agent | undefined {
    return this.agent instanceof https.Agent ? this.agent : undefined;
  }

  /** Sends one request and validates the answer; server errors become LoketErrors with the server's code. */
  async request<S extends z.ZodType>(method: string, path: string, options: HallRequestOptions<S>): Promise<z.output<S> | null> {
    const answer = await send({ url: this.url, agent: this.agent, pinned: this.pinned }, method, path, options);
    if (answer.status < 200 || answer.status >= 300) throw answerError(answer, this.url);
    if (answer.status === 204) return null;
    const parsed = options.schema.safeParse(answer.body);
    if (!parsed.success) throw notUnderstood(this.url, path, parsed.error);
    return parsed.data;
  }

  close(): void {
    if (this.agent) this.agent.destroy();
  }
}

/** What a technician sees before enrolling: the server's version and certificate fingerprint. */
export interface ProbeResult {
  url: string;
  version: string;
  /** Null for plain http on loopback. */
  fingerprint256: string | null;
  /** The certificate as presented, PEM (null for plain http). */
  certPem: string | null;
}

/**
 * Connects WITHOUT trusting anything, reads the certificate the server presents and asks
 * `/health`: the technician compares the fingerprint with the one the hall server printed.
 * Nothing secret is sent on this connection.
 */
export async function probeServer(rawUrl: string, timeoutMs = REQUEST_TIMEOUT_MS): Promise<ProbeResult> {
  const url = normalizeServerUrl(rawUrl);
  const secure = url.startsWith('https:');
  let certPem: string | null = null;
  let fingerprint256: string | null = null;
  const answer = await send({ url, agent: false, rejectUnauthorized: false, pinned: false }, 'GET', '/health', { timeoutMs });
  if (secure) {
    const cert = answer.certificate;
    if (!cert?.raw) {
      throw new LoketError('server_unreachable', `The server at ${url} presented no certificate. Check the address and try again.`);
    }
    const x509 = new X509Certificate(cert.raw);
    certPem = x509.toString();
    fingerprint256 = x509.fingerprint256;
  }
  if (answer.status !== 200) throw answerError(answer, url);
  const health = HealthSchema.safeParse(answer.body);
  if (!health.success) {
    throw new LoketError(
      'server_unreachable',
      `Something answers at ${url}, but it is not a Loket hall server (no /api/v1/health). Check the address and port (default 7420).`,
      'url',
    );
  }
  return { url, version: health.data.version, fingerprint256, certPem };
}

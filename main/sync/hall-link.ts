import { z } from 'zod';
import {
  CounterStateSchema,
  HealthSchema,
  LoginResponseSchema,
  type CounterState,
} from '../../core/api.ts';
import { HallConfigSchema, type HallConfig } from '../../core/domain.ts';
import { LoketError } from '../../core/errors.ts';
import type { ConnectionState, CounterContext, SyncStatus } from '../../core/ipc.ts';
import type { StreamMessage } from '../../core/stream.ts';
import type { PushSink } from '../app-services.ts';
import { counterContextFrom } from '../counter/counter-context.ts';
import {
  loadEnrollment,
  loadHallConfig,
  saveEnrollment,
  saveHallConfig,
  type Enrollment,
  type SettingsStore,
} from './enrollment-store.ts';
import { enrollCounterPc, type EnrollInput } from './enroll-counter-pc.ts';
import { certificatePin, HallHttp, probeServer, REQUEST_TIMEOUT_MS, type ProbeResult } from './hall-http.ts';
import { LiveFeed, type WebSocketFactory } from './live-feed.ts';
import { concernsCounter } from './queue-relevance.ts';
import { ServerClock } from './server-clock.ts';

export interface HallLinkDeps {
  /** Where the enrollment and the cached configuration live (the ledger's settings table). */
  ledger: SettingsStore & { readonly deviceId: string };
  now: () => number;
  /** Receives `queueChanged` and `connectionChanged` for the open windows. */
  push: PushSink;
  /** Shared with the ledger, which stamps events with the estimated server time. */
  clock?: ServerClock | undefined;
  webSocket?: WebSocketFactory | undefined;
  feed?: { backoff?: { initialMs: number; maxMs: number }; heartbeatMs?: number; random?: () => number } | undefined;
  timeoutMs?: number | undefined;
  log?: { warn(message: string, detail?: unknown): void } | undefined;
}

/** The officer signed in at this PC. The token lives in memory only: after a restart, sign in again. */
interface OfficerSession {
  token: string;
  officer: { id: string; name: string; role: string };
  /** Server time. */
  expiresAt: number;
}

/** The ledger's outbox and walk-in numbers, as the connection state reports them; attached by app-services. */
export interface OutboxSource {
  status(): SyncStatus;
  walkInNumbersLeft(): number | null;
  /** On every (re)connect, after the configuration and counter state were read again. */
  reconnected(): Promise<void>;
}

const NO_OUTBOX: SyncStatus = { pending: 0, sending: false, ackedThrough: 0, lastError: null, rejected: [] };

/** Who a request is made as: the PC (device token) or the officer signed in at it (session token). */
export type Caller = 'device' | 'officer';

/**
 * The live feed's ping interval: a server that stops answering (a pulled cable sends nothing) is
 * noticed within two of these, so the counter shows it is offline within 3 s.
 */
export const HEARTBEAT_MS = 1000;
/** Reconnect attempts: on a LAN the server is back within seconds of a restart, so never wait long. */
const FEED_BACKOFF = { initialMs: 250, maxMs: 5000 };

const notEnrolled = (): LoketError =>
  new LoketError(
    'not_enrolled',
    'This PC is not enrolled with a hall server yet. Ask the technician to enroll it (technician screen → hall server) with a code from the admin.',
  );

const notSignedIn = (): LoketError => new LoketError('not_signed_in', 'Sign in first with your username and PIN.');

/**
 * The counter PC's link to its hall server (DESIGN.md §5, §7): enrollment with a pinned
 * certificate, the cached hall configuration, the officer's session, the live feed and what the
 * server says about this counter. Everything is injected; one instance per app.
 */
export class HallLink {
  readonly clock: ServerClock;
  private enrollmentValue: Enrollment | null;
  private config: HallConfig | null;
  private http: HallHttp | null = null;
  private feed: LiveFeed | null = null;
  private session: OfficerSession | null = null;
  private counter: CounterState | null = null;
  private context: { config: HallConfig; value: CounterContext } | null = null;
  /** What the windows were last told about `online`, so retries while offline do not repeat it. */
  private toldOnline = false;
  private closed = false;
  private outbox: OutboxSource | null = null;

  constructor(private readonly deps: HallLinkDeps) {
    this.clock = deps.clock ?? new ServerClock();
    this.enrollmentValue = loadEnrollment(deps.ledger);
    this.config = this.enrollmentValue ? loadHallConfig(deps.ledger, this.enrollmentValue) : null;
    if (this.enrollmentValue) this.http = this.clientFor(this.enrollmentValue);
  }

  // ── state ─────────────────────────────────────────────────────────────────────────────────────

  get enrollment(): Enrollment | null {
    return this.enrollmentValue;
  }

  get enrolled(): boolean {
    return this.enrollmentValue !== null;
  }

  attachOutbox(outbox: OutboxSource): void {
    this.outbox = outbox;
  }

  hallConfig(): HallConfig | null {
    return this.config;
  }

  /** What this counter serves, from the cached hall configuration; null until enrolled and configured. */
  counterContext(): CounterContext | null {
    const e = this.enrollmentValue;
    if (!e || !this.config) return null;
    if (this.context?.config !== this.config) {
      this.context = { config: this.config, value: counterContextFrom(this.config, e.counterId, this.deps.ledger.deviceId) };
    }
    return this.context.value;
  }

  /** The officer signed in now, or null (also once the session has expired). */
  officer(): { id: string; name: string } | null {
    const s = this.session;
    if (!s) return null;
    if (s.expiresAt <= this.deps.now() + this.clock.offsetMs()) {
      this.session = null;
      return null;
    }
    return { id: s.officer.id, name: s.officer.name };
  }

  counterState(): CounterState | null {
    return this.counter;
  }

  get online(): boolean {
    return this.feed?.online ?? false;
  }

  connection(): ConnectionState {
    const e = this.enrollmentValue;
    return {
      enrolled: e !== null,
      serverUrl: e?.serverUrl ?? null,
      fingerprint256: e?.fingerprint256 ?? null,
      hallName: this.config?.hall.name ?? e?.hallName ?? null,
      counterId: e?.counterId ?? null,
      online: this.online,
      officer: this.officer(),
      counter: this.counter,
      sync: this.outbox?.status() ?? NO_OUTBOX,
      walkInNumbersLeft: e === null ? null : (this.outbox?.walkInNumbersLeft() ?? null),
    };
  }

  requireEnrollment(): Enrollment {
    if (!this.enrollmentValue) throw notEnrolled();
    return this.enrollmentValue;
  }

  requireOfficer(): { id: string; name: string } {
    this.requireEnrollment();
    const officer = this.officer();
    if (!officer) throw notSignedIn();
    return officer;
  }

  // ── life ──────────────────────────────────────────────────────────────────────────────────────

  /** Connects the live feed if this PC is enrolled; offline the counter keeps working on its ledger. */
  start(): void {
    if (this.closed || !this.enrollmentValue || this.feed) return;
    const e = this.enrollmentValue;
    const feed = new LiveFeed({
      serverUrl: e.serverUrl,
      token: e.deviceToken,
      agent: this.http?.tlsAgent,
      webSocket: this.deps.webSocket,
      backoff: this.deps.feed?.backoff ?? FEED_BACKOFF,
      heartbeatMs: this.deps.feed?.heartbeatMs ?? HEARTBEAT_MS,
      random: this.deps.feed?.random,
      onMessage: (m) => this.onFeedMessage(m),
      onState: () => {
        if (this.online !== this.toldOnline) this.changed();
      },
    });
    this.feed = feed;
    feed.start();
  }

  close(): void {
    this.closed = true;
    this.stopFeed();
    this.http?.close();
    this.http = null;
  }

  // ── enrollment ────────────────────────────────────────────────────────────────────────────────

  probe(url: string): Promise<ProbeResult> {
    return probeServer(url, this.deps.timeoutMs ?? REQUEST_TIMEOUT_MS);
  }

  /**
   * Enrolls this PC (enroll-counter-pc.ts: the certificate the technician confirmed, the code),
   * stores the enrollment, then pulls the hall configuration and connects the live feed.
   */
  async enroll(input: EnrollInput): Promise<ConnectionState> {
    const { enrollment, http } = await enrollCounterPc(input, {
      ledgerId: this.deps.ledger.deviceId,
      timeoutMs: this.deps.timeoutMs ?? REQUEST_TIMEOUT_MS,
      now: this.deps.now,
    });
    // A new enrollment replaces everything about the previous one.
    this.stopFeed();
    this.http?.close();
    this.session = null;
    this.counter = null;
    saveEnrollment(this.deps.ledger, enrollment);
    this.enrollmentValue = enrollment;
    this.config = null;
    this.context = null;
    this.http = http;
    try {
      await this.refreshConfig();
    } catch (error) {
      // Enrolled all the same (the code is spent); the configuration is pulled on the next connection.
      this.deps.log?.warn('Enrolled, but the hall configuration could not be pulled yet', error);
    }
    this.start();
    this.changed();
    return this.connection();
  }

  // ── officer session ───────────────────────────────────────────────────────────────────────────

  async signIn(input: { username: string; pin: string }): Promise<ConnectionState> {
    const e = this.requireEnrollment();
    const login = await this.request('device', 'POST', '/sessions', LoginResponseSchema, input);
    if (login === null) throw new LoketError('internal', 'The hall server answered the sign-in without a body. Try again.');
    const previous = this.session;
    this.session = {
      token: login.sessionToken,
      officer: { id: login.user.id, name: login.user.name, role: login.user.role },
      expiresAt: login.expiresAt,
    };
    if (previous && previous.token !== login.sessionToken) void this.endSession(previous.token);
    if (login.counter && login.counter.id !== e.counterId) {
      this.deps.log?.warn('The hall server signed the officer in at another counter than this PC is enrolled for', login.counter);
    }
    await this.refreshCounter().catch((error: unknown) => this.deps.log?.warn('Could not read the counter state after sign-in', error));
    this.changed();
    return this.connection();
  }

  /** Ends the officer's session on the server (if reachable) and here. */
  async signOut(): Promise<ConnectionState> {
    const s = this.session;
    this.session = null;
    if (s) await this.endSession(s.token);
    this.changed();
    return this.connection();
  }

  private async endSession(token: string): Promise<void> {
    try {
      await this.http?.request('DELETE', '/sessions/current', { token, schema: z.unknown(), timeoutMs: this.deps.timeoutMs });
    } catch (error) {
      // Offline or already ended: the server's session expires by itself.
      this.deps.log?.warn('Could not end the session on the hall server', error);
    }
  }

  // ── requests ──────────────────────────────────────────────────────────────────────────────────

  /**
   * One request to the hall server as this PC or as the signed-in officer. A token the server no
   * longer accepts becomes `not_enrolled` (device) or `not_signed_in` (officer; the session is dropped).
   */
  async request<S extends z.ZodType>(caller: Caller, method: string, path: string, schema: S, body?: unknown): Promise<z.output<S> | null> {
    const e = this.requireEnrollment();
    const http = this.http ?? (this.http = this.clientFor(e));
    const session = caller === 'officer' ? this.session : null;
    if (caller === 'officer' && (!session || !this.officer())) throw notSignedIn();
    try {
      return await http.request(method, path, {
        token: session ? session.token : e.deviceToken,
        body,
        schema,
        timeoutMs: this.deps.timeoutMs,
      });
    } catch (error) {
      if (!(error instanceof LoketError)) throw error;
      if (error.code === 'unauthorized' && session) {
        if (this.session === session) this.session = null;
        this.changed();
        throw new LoketError('not_signed_in', 'Your sign-in has ended (expired, or a supervisor reset your PIN). Sign in again.');
      }
      if ((error.code === 'unauthorized' && !session) || error.code === 'device_required') {
        throw new LoketError(
          'not_enrolled',
          'The hall server no longer accepts this PC (its enrollment was revoked or the server was reinstalled). Ask the technician to enroll it again.',
        );
      }
      throw error;
    }
  }

  /** Pulls the hall configuration and caches it (the counter then knows its services offline). */
  async refreshConfig(): Promise<HallConfig> {
    const e = this.requireEnrollment();
    const config = await this.request('device', 'GET', '/config', HallConfigSchema);
    if (config === null) throw new LoketError('internal', 'The hall server sent no configuration. Tell the technician.');
    if (!config.counters.some((c) => c.id === e.counterId)) {
      this.deps.log?.warn(`The hall configuration has no counter ${e.counterId}; keeping the previous one`, undefined);
      return this.config ?? config;
    }
    if (this.enrollmentValue !== e) return config;
    saveHallConfig(this.deps.ledger, e, config);
    this.config = config;
    return config;
  }

  /** Reads this counter's state (open, services, current ticket) from `GET /counters`. */
  async refreshCounter(): Promise<CounterState | null> {
    const e = this.requireEnrollment();
    const all = await this.request('device', 'GET', '/counters', CounterStateSchema.array());
    this.counter = all?.find((c) => c.counterId === e.counterId) ?? null;
    return this.counter;
  }

  /** Takes the counter state an action returned. */
  setCounterState(state: CounterState): void {
    if (state.counterId !== this.enrollmentValue?.counterId) return;
    this.counter = state;
    this.changed();
  }

  /** Tells the windows that connection, sign-in or counter state changed. */
  changed(): void {
    if (this.closed) return;
    const state = this.connection();
    this.toldOnline = state.online;
    this.deps.push('connectionChanged', state);
  }

  // ── live feed ─────────────────────────────────────────────────────────────────────────────────

  private onFeedMessage(message: StreamMessage): void {
    switch (message.type) {
      case 'hello':
        void this.onConnected();
        return;
      case 'ticket':
        if (concernsCounter(message.ticket, message.event, { counterId: this.enrollmentValue?.counterId, counter: this.counter, config: this.config })) {
          this.deps.push('queueChanged', { at: message.at });
        }
        return;
      case 'counter':
        if (message.counter.counterId === this.enrollmentValue?.counterId) {
          const servicesChanged = this.counter?.serviceIds.join() !== message.counter.serviceIds.join();
          this.counter = message.counter;
          this.changed();
          if (servicesChanged) this.deps.push('queueChanged', { at: message.at });
        }
        return;
    }
  }

  /** On every (re)connect: the clock, the configuration and the counter afresh, then tell the windows. */
  private async onConnected(): Promise<void> {
    try {
      const sentAt = this.deps.now();
      const health = await this.request('device', 'GET', '/health', HealthSchema);
      if (health) this.clock.sample(health.time, sentAt, this.deps.now());
      await this.refreshConfig();
      await this.refreshCounter();
    } catch (error) {
      this.deps.log?.warn('Could not refresh from the hall server after connecting', error);
    }
    await this.outbox?.reconnected().catch((error: unknown) => this.deps.log?.warn('Could not resume sending the ledger', error));
    this.changed();
    if (!this.closed) this.deps.push('queueChanged', { at: this.deps.now() + this.clock.offsetMs() });
  }

  private stopFeed(): void {
    const feed = this.feed;
    this.feed = null;
    feed?.close();
  }

  private clientFor(e: Enrollment): HallHttp {
    return new HallHttp({
      url: e.serverUrl,
      pin: certificatePin(e),
    });
  }
}

import type { Agent } from 'node:https';
import WebSocket, { type ClientOptions } from 'ws';
import { API_BASE } from '../../core/api.ts';
import { StreamMessageSchema, type StreamMessage } from '../../core/stream.ts';

/** Builds the socket; injected so a test can hand in its own. */
export type WebSocketFactory = (url: string, options: ClientOptions) => WebSocket;

export const defaultWebSocketFactory: WebSocketFactory = (url, options) => new WebSocket(url, options);

/**
 * The feed's connection states (as betaflight names them): `connecting` until the server says
 * hello after the auth frame, `online` while the socket is open, `waiting` during the backoff
 * before the next attempt, `closed` after an intentional `close()`.
 */
export type FeedState = 'idle' | 'connecting' | 'online' | 'waiting' | 'closed';

export interface LiveFeedOptions {
  /** The server's origin, `https://…` or `http://…` (loopback). */
  serverUrl: string;
  token: string;
  /** The pinned TLS agent (https), the same trust as the HTTP requests. */
  agent?: Agent | undefined;
  onMessage: (message: StreamMessage) => void;
  onState: (state: FeedState, detail?: { closeCode: number; reason: string }) => void;
  webSocket?: WebSocketFactory | undefined;
  /** First retry after this long, doubling up to maxMs; each wait is jittered to 50–100 %. */
  backoff?: { initialMs: number; maxMs: number } | undefined;
  random?: (() => number) | undefined;
  /** A ping every this long; no pong by the next one ends the socket (a pulled cable sends no FIN). */
  heartbeatMs?: number | undefined;
  handshakeTimeoutMs?: number | undefined;
}

export const DEFAULT_BACKOFF = { initialMs: 500, maxMs: 30_000 };

/** The live feed from the hall server (`/api/v1/stream`), reconnecting until closed. */
export class LiveFeed {
  private socket: WebSocket | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private attempts = 0;
  private current: FeedState = 'idle';
  /** Set by close(): every later event of the old socket is ignored and nothing reconnects. */
  private intentional = false;

  constructor(private readonly options: LiveFeedOptions) {}

  get state(): FeedState {
    return this.current;
  }

  get online(): boolean {
    return this.current === 'online';
  }

  start(): void {
    if (this.intentional || this.socket !== null || this.retryTimer !== null) return;
    this.connect();
  }

  close(): void {
    this.intentional = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.stopHeartbeat();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.terminate();
    }
    this.setState('closed');
  }

  private connect(): void {
    const o = this.options;
    const url = `${o.serverUrl.replace(/^http/, 'ws')}${API_BASE}/stream`;
    const options: ClientOptions = { handshakeTimeout: o.handshakeTimeoutMs ?? 5000, perMessageDeflate: false };
    if (o.agent) options.agent = o.agent;
    this.setState('connecting');
    let socket: WebSocket;
    try {
      socket = (o.webSocket ?? defaultWebSocketFactory)(url, options);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    let alive = true;
    // The upgrade's timeout does not cover the server's hello after the auth frame: a server that
    // never says it would leave the feed "connecting" forever on a socket that answers pings.
    let helloTimer: NodeJS.Timeout | null = null;
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'auth', token: o.token }));
      helloTimer = setTimeout(() => socket.terminate(), o.handshakeTimeoutMs ?? 5000);
      helloTimer.unref();
      this.startHeartbeat(() => {
        if (!alive) {
          socket.terminate();
          return;
        }
        alive = false;
        socket.ping();
      });
    });
    socket.on('pong', () => {
      alive = true;
    });
    socket.on('message', (data) => {
      alive = true;
      let frame: unknown;
      try {
        frame = JSON.parse(data.toString());
      } catch {
        return;
      }
      const parsed = StreamMessageSchema.safeParse(frame);
      if (!parsed.success) return;
      if (parsed.data.type === 'hello') {
        if (helloTimer) clearTimeout(helloTimer);
        helloTimer = null;
        this.attempts = 0;
        this.setState('online');
      }
      o.onMessage(parsed.data);
    });
    // 'error' is always followed by 'close'; the close decides what happens next.
    socket.on('error', () => undefined);
    socket.on('close', (code, reason) => {
      if (helloTimer) clearTimeout(helloTimer);
      if (this.socket !== socket) return;
      this.socket = null;
      this.stopHeartbeat();
      this.scheduleRetry({ closeCode: code, reason: reason.toString() });
    });
  }

  private scheduleRetry(detail?: { closeCode: number; reason: string }): void {
    if (this.intentional) return;
    const { initialMs, maxMs } = this.options.backoff ?? DEFAULT_BACKOFF;
    // A refused token will not become valid by retrying quickly: wait the longest.
    const refused = detail?.closeCode === 4401 || detail?.closeCode === 4403;
    const base = refused ? maxMs : Math.min(maxMs, initialMs * 2 ** Math.min(this.attempts, 20));
    this.attempts += 1;
    const delay = Math.round(base * (0.5 + 0.5 * (this.options.random ?? Math.random)()));
    this.setState('waiting', detail);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
    this.retryTimer.unref();
  }

  private startHeartbeat(beat: () => void): void {
    this.stopHeartbeat();
    this.heartbeat = setInterval(beat, this.options.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private setState(state: FeedState, detail?: { closeCode: number; reason: string }): void {
    if (state === this.current) return;
    this.current = state;
    this.options.onState(state, detail);
  }
}

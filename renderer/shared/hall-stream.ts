import { API_BASE } from '../../core/api.ts';
import { StreamMessageSchema, type StreamMessage } from '../../core/stream.ts';

/**
 * The live feed (`GET /api/v1/stream`, core/stream.ts) for the hall pages. One object owns one
 * connection at a time and keeps it up by itself: it authenticates with the first frame, counts
 * the connection live only after the server's `hello`, drops frames that do not fit the contract,
 * and after any close (server restart, network cut, no `hello` in time) connects again after a
 * capped, jittered backoff. Nobody ever has to reload the page.
 *
 * States: `connecting` (socket opening or waiting for `hello`), `live` (hello received: the page
 * reloads its snapshot now, so nothing missed while away is lost), `offline` (waiting to retry).
 */
export type HallStreamState = 'connecting' | 'live' | 'offline';

/** The part of a browser WebSocket this module uses (a fake in tests). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export interface HallStreamOptions {
  url: string;
  token: string;
  /** Every message that fits StreamMessageSchema, `hello` included, in the order received. */
  onMessage: (message: StreamMessage) => void;
  onState?: (state: HallStreamState) => void;
  /** A frame that was dropped (not JSON, not in the contract, or before `hello`), with the reason. */
  onInvalid?: (reason: string) => void;
  /** Injected in tests; `new WebSocket(url)` by default. */
  createSocket?: (url: string) => WebSocketLike;
  /** First retry after about `baseDelayMs`, doubling up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Close and retry when the server has not said `hello` this long after connecting began. */
  helloTimeoutMs?: number;
  /** 0 ≤ random() < 1, for the jitter (injected in tests). */
  random?: () => number;
}

export interface HallStream {
  readonly state: HallStreamState;
  /** Skip the wait (e.g. the browser says the network is back). No-op while connecting or live. */
  reconnectNow(): void;
  /** Stop for good: close the socket, cancel any retry. */
  close(): void;
}

export const DEFAULT_BASE_DELAY_MS = 1_000;
export const DEFAULT_MAX_DELAY_MS = 30_000;
export const DEFAULT_HELLO_TIMEOUT_MS = 10_000;
/** Close code this client uses when the server stays silent after the auth frame. */
export const NO_HELLO_CLOSE_CODE = 4000;

/**
 * The wait before retry number `attempt` (0-based): `base · 2^attempt`, capped at `max`, then
 * "equal jitter" (between half and all of it) so boards and kiosks do not all come back at once
 * after a server restart.
 */
export function retryDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** `ws(s)://<this host>/api/v1/stream`: the feed on the page's own origin. */
export function hallStreamUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${API_BASE}/stream`;
}

/** Forgets a socket: its late events are ignored, and it is closed if it is not already. */
function detach(ws: WebSocketLike, code: number, reason: string): void {
  ws.onopen = null;
  ws.onmessage = null;
  ws.onerror = null;
  ws.onclose = null;
  try {
    ws.close(code, reason);
  } catch {
    // already closed or closing
  }
}

export function connectHallStream(options: HallStreamOptions): HallStream {
  const {
    url,
    token,
    onMessage,
    onState,
    onInvalid,
    createSocket = (target: string): WebSocketLike => new WebSocket(target),
    baseDelayMs = DEFAULT_BASE_DELAY_MS,
    maxDelayMs = DEFAULT_MAX_DELAY_MS,
    helloTimeoutMs = DEFAULT_HELLO_TIMEOUT_MS,
    random = Math.random,
  } = options;

  let state: HallStreamState | null = null;
  let socket: WebSocketLike | null = null;
  let attempt = 0;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let helloTimer: ReturnType<typeof setTimeout> | undefined;

  const setState = (next: HallStreamState): void => {
    if (state === next) return;
    state = next;
    onState?.(next);
  };

  const drop = (reason: string): void => onInvalid?.(reason);

  const connect = (): void => {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    if (stopped) return;
    setState('connecting');
    let live = false;
    let ws: WebSocketLike;
    try {
      ws = createSocket(url);
    } catch (error) {
      // e.g. a malformed URL: treat like a failed connection, so it is retried and reported
      drop(`cannot open the stream: ${error instanceof Error ? error.message : String(error)}`);
      scheduleRetry();
      return;
    }
    socket = ws;
    // A socket that never opens (a dead host) or a server that never says hello: give up and retry.
    // Handled here rather than in onclose: a socket stuck opening may be slow to report its close.
    helloTimer = setTimeout(() => {
      if (socket !== ws || live) return;
      socket = null;
      detach(ws, NO_HELLO_CLOSE_CODE, 'no hello');
      drop('no hello from the server in time');
      scheduleRetry();
    }, helloTimeoutMs);

    ws.onopen = () => {
      if (socket !== ws) return;
      ws.send(JSON.stringify({ type: 'auth', token }));
    };

    ws.onmessage = (event) => {
      if (socket !== ws) return;
      if (typeof event.data !== 'string') return drop('a binary frame');
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        return drop('a frame that is not JSON');
      }
      const parsed = StreamMessageSchema.safeParse(data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return drop(`a message outside the contract${issue ? ` (${issue.path.join('.') || 'message'}: ${issue.message})` : ''}`);
      }
      const message = parsed.data;
      if (!live) {
        if (message.type !== 'hello') return drop(`a ${message.type} message before hello`);
        live = true;
        attempt = 0;
        clearTimeout(helloTimer);
        onMessage(message);
        setState('live');
        return;
      }
      onMessage(message);
    };

    ws.onerror = () => {
      // a close event always follows; the retry is scheduled there
    };

    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      clearTimeout(helloTimer);
      if (stopped) return;
      scheduleRetry();
    };
  };

  const scheduleRetry = (): void => {
    setState('offline');
    const delay = retryDelay(attempt, baseDelayMs, maxDelayMs, random);
    attempt++;
    retryTimer = setTimeout(connect, delay);
  };

  connect();

  return {
    get state() {
      return state ?? 'connecting';
    },
    reconnectNow() {
      if (stopped || socket !== null) return;
      attempt = 0;
      connect();
    },
    close() {
      stopped = true;
      clearTimeout(retryTimer);
      clearTimeout(helloTimer);
      const ws = socket;
      socket = null;
      if (ws) detach(ws, 1000, 'page closed');
    },
  };
}

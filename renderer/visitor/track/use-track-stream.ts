import { useEffect, useState } from 'react';
import type { TrackStreamData } from '../../../core/visitor-api.ts';
import { TRACK_EVENT, type PublicApi } from '../public-api.ts';
import type { Failure } from '../visitor-errors.ts';

/**
 * A code's live state from `GET /track/:code/stream` (Server-Sent Events). The browser's
 * EventSource reconnects by itself after a drop or a server restart (the server asks for 3 s);
 * when it gives up for good (an answer that is not a stream), the page asks the server once why:
 * an unknown code stops with that reason, anything else (no network, a busy server) is tried
 * again after a capped backoff, at once when the phone says it is back online or the page is
 * shown again.
 *
 * `connecting` until the first state, `live` while the stream delivers, `reconnecting` after a
 * drop (the last state stays on screen), `stopped` when the code is refused.
 */
export type TrackConnection = 'connecting' | 'live' | 'reconnecting' | 'stopped';

/** The part of a browser EventSource this hook uses (a fake in tests). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

export interface TrackStreamState {
  data: TrackStreamData | null;
  connection: TrackConnection;
  /** When this device last received a state (its own clock). */
  updatedAt: number | null;
  /** Why the code is refused (`stopped`), or the last reason a reconnect failed. */
  failure: Failure | null;
}

export interface TrackStreamOptions {
  createSource?: (url: string) => EventSourceLike;
  /** First retry after about this long, doubling up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

const CLOSED = 2;
const browserEventSource = (url: string): EventSourceLike => new EventSource(url);
const INITIAL: TrackStreamState = { data: null, connection: 'connecting', updatedAt: null, failure: null };

/** A state of the stream, or null for anything else (a message of a newer server this page does not know). */
export function parseTrackData(text: unknown): TrackStreamData | null {
  if (typeof text !== 'string') return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  const inner = d['type'] === 'ticket' ? d['track'] : d['type'] === 'booking' ? d['booking'] : null;
  if (typeof inner !== 'object' || inner === null || typeof (inner as Record<string, unknown>)['status'] !== 'string') return null;
  return data as TrackStreamData;
}

export function useTrackStream(api: PublicApi, code: string | null, options: TrackStreamOptions = {}): TrackStreamState {
  const { createSource = browserEventSource, baseDelayMs = 1_000, maxDelayMs = 30_000 } = options;
  const [state, setState] = useState<{ code: string | null } & TrackStreamState>({ code, ...INITIAL });

  useEffect(() => {
    if (code === null) return;
    let source: EventSourceLike | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;
    const patch = (p: Partial<TrackStreamState>): void =>
      setState((s) => (s.code === code ? { ...s, ...p } : { code, ...INITIAL, ...p }));
    const waiting = (): void => patch({ connection: 'reconnecting' });

    const open = (): void => {
      clearTimeout(retry);
      retry = undefined;
      if (stopped) return;
      const es = createSource(api.streamUrl(code));
      source = es;
      es.addEventListener(TRACK_EVENT, (event) => {
        if (source !== es) return;
        const data = parseTrackData(event.data);
        if (data === null) return;
        attempt = 0;
        patch({ data, connection: 'live', updatedAt: Date.now(), failure: null });
      });
      es.onerror = () => {
        if (source !== es) return;
        if (es.readyState !== CLOSED) return waiting(); // the browser is reconnecting by itself
        es.close();
        source = null;
        waiting();
        void diagnose();
      };
    };

    const diagnose = async (): Promise<void> => {
      const probe = await api.probeStream(code);
      if (stopped || source !== null) return;
      if (!probe.ok && probe.status !== null && probe.status >= 400 && probe.status < 500 && probe.status !== 429) {
        stopped = true;
        patch({ connection: 'stopped', failure: probe });
        return;
      }
      patch({ failure: probe.ok ? null : probe });
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt, 20));
      attempt++;
      retry = setTimeout(open, Math.round(ceiling / 2 + (ceiling / 2) * Math.random()));
    };

    // Back online, or the page shown again: do not wait for the backoff.
    const now = (): void => {
      if (!stopped && source === null && retry !== undefined) open();
    };
    const shown = (): void => {
      if (document.visibilityState === 'visible') now();
    };
    window.addEventListener('online', now);
    document.addEventListener('visibilitychange', shown);
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
      source = null;
      window.removeEventListener('online', now);
      document.removeEventListener('visibilitychange', shown);
    };
  }, [api, code, createSource, baseDelayMs, maxDelayMs]);

  return state.code === code ? state : INITIAL;
}

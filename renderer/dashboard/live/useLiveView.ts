import { useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../core/errors.ts';
import type { LiveDashboard } from '../../../core/reports-api.ts';
import { isUnauthorized } from '../../shared/hall-api.ts';
import { connectHallStream, type HallStreamState, type WebSocketLike } from '../../shared/hall-stream.ts';
import type { SupervisorApi } from '../supervisor-api.ts';

export interface LiveTimings {
  /** Read the live view again this often whatever the feed says (the fallback, and the waits grow). */
  refreshMs: number;
  /** After a change on the live feed, wait this long for the rest of a burst before reading. */
  settleMs: number;
}

export const DEFAULT_LIVE_TIMINGS: LiveTimings = { refreshMs: 10_000, settleMs: 250 };

export interface LiveView {
  live: LiveDashboard | null;
  connection: HallStreamState;
  /** The last read failed (cleared by the next success); the view keeps showing the last good one. */
  problem: ErrorInfo | null;
}

interface LiveViewOptions {
  api: SupervisorApi;
  token: string;
  streamUrl: string;
  createSocket?: ((url: string) => WebSocketLike) | undefined;
  timings: LiveTimings;
  /** The session is no longer accepted. */
  onUnauthorized: () => void;
}

/**
 * The supervisor's live view: `GET /dashboard/live` read when the live feed connects (and after
 * every reconnect, so nothing missed while away is lost), again shortly after any ticket or
 * counter change on the feed (a burst of changes makes one read), and every `refreshMs` anyway.
 * The feed reconnects by itself (renderer/shared/hall-stream.ts); while it is down the periodic
 * read keeps the view going. Only the newest read is applied.
 */
export function useLiveView({ api, token, streamUrl, createSocket, timings, onUnauthorized }: LiveViewOptions): LiveView {
  const [live, setLive] = useState<LiveDashboard | null>(null);
  const [connection, setConnection] = useState<HallStreamState>('connecting');
  const [problem, setProblem] = useState<ErrorInfo | null>(null);
  const unauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    unauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);
  const { refreshMs, settleMs } = timings;

  useEffect(() => {
    let disposed = false;
    let generation = 0;
    let settleTimer: ReturnType<typeof setTimeout> | undefined;

    const read = async (): Promise<void> => {
      const mine = ++generation;
      const result = await api.live();
      if (disposed || mine !== generation) return;
      if (result.ok) {
        setLive(result.value);
        setProblem(null);
      } else if (isUnauthorized(result)) {
        unauthorizedRef.current();
      } else {
        setProblem(result.error);
      }
    };

    const soon = (): void => {
      if (settleTimer !== undefined) return;
      settleTimer = setTimeout(() => {
        settleTimer = undefined;
        void read();
      }, settleMs);
    };

    void read();
    const stream = connectHallStream({
      url: streamUrl,
      token,
      createSocket,
      onState: (state) => {
        setConnection(state);
        if (state === 'live') soon();
      },
      onMessage: (message) => {
        if (message.type !== 'hello') soon();
      },
    });
    const refresh = setInterval(() => void read(), refreshMs);
    const online = (): void => stream.reconnectNow();
    window.addEventListener('online', online);

    return () => {
      disposed = true;
      stream.close();
      clearTimeout(settleTimer);
      clearInterval(refresh);
      window.removeEventListener('online', online);
    };
  }, [api, token, streamUrl, createSocket, refreshMs, settleMs]);

  return { live, connection, problem };
}

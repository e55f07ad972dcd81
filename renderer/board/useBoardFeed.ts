import { useEffect, useReducer, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { HallConfig } from '../../core/domain.ts';
import type { ErrorInfo } from '../../core/errors.ts';
import type { StreamMessage } from '../../core/stream.ts';
import { isUnauthorized, type HallApi } from '../shared/hall-api.ts';
import { connectHallStream, type HallStreamState, type WebSocketLike } from '../shared/hall-stream.ts';
import { boardReducer, EMPTY_BOARD, type BoardState } from './board-state.ts';

export interface BoardFeedTimings {
  /** Retry a failed snapshot or configuration load after this long. */
  retryMs: number;
  /** While the live feed is down, poll the snapshot this often (first poll after `firstPollMs`). */
  pollMs: number;
  firstPollMs: number;
  /** Reload the configuration (names, colours) and the snapshot this often even when all is well. */
  refreshMs: number;
}

export const DEFAULT_BOARD_FEED_TIMINGS: BoardFeedTimings = {
  retryMs: 5_000,
  pollMs: 15_000,
  firstPollMs: 3_000,
  refreshMs: 10 * 60_000,
};

export interface BoardFeed {
  config: HallConfig | null;
  board: BoardState;
  /** At least one snapshot has been applied. */
  loaded: boolean;
  connection: HallStreamState;
  /** The last snapshot or configuration load failed (cleared by the next success). */
  problem: { error: ErrorInfo; unauthorized: boolean } | null;
}

interface BoardFeedOptions {
  api: HallApi;
  token: string;
  streamUrl: string;
  createSocket?: ((url: string) => WebSocketLike) | undefined;
  timings: BoardFeedTimings;
  /** Each live message, after the board applied it (the announcer listens here). */
  onMessage?: ((message: StreamMessage) => void) | undefined;
}

/**
 * The board's data: the live feed applied the moment a message arrives, and on every (re)connect
 * the configuration and the snapshot fetched again. Messages that arrive while the snapshot is on
 * its way are applied live and again on top of the snapshot (the reducer is idempotent), so a call
 * is never lost to the race between the two. If the feed cannot connect at all, the snapshot is
 * polled instead, so the board still follows the hall, only more slowly.
 */
export function useBoardFeed({ api, token, streamUrl, createSocket, timings, onMessage }: BoardFeedOptions): BoardFeed {
  const [board, dispatch] = useReducer(boardReducer, EMPTY_BOARD);
  const [config, setConfig] = useState<HallConfig | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [connection, setConnection] = useState<HallStreamState>('connecting');
  const [problem, setProblem] = useState<BoardFeed['problem']>(null);
  const { retryMs, pollMs, firstPollMs, refreshMs } = timings;
  // a new listener never reconnects the feed
  const onMessageRef = useRef(onMessage);
  useEffect(() => {
    onMessageRef.current = onMessage;
  }, [onMessage]);

  useEffect(() => {
    let disposed = false;
    let generation = 0;
    let buffer: StreamMessage[] | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

    const reload = async (): Promise<void> => {
      const mine = ++generation;
      clearTimeout(retryTimer);
      buffer = [];
      const [configResult, snapshotResult] = await Promise.all([api.config(), api.board()]);
      if (disposed || mine !== generation) return;
      const replay = buffer;
      buffer = null;
      if (configResult.ok) setConfig(configResult.value);
      if (snapshotResult.ok) {
        dispatch({ type: 'snapshot', snapshot: snapshotResult.value, replay });
        setLoaded(true);
      }
      const failed = !configResult.ok ? configResult : !snapshotResult.ok ? snapshotResult : null;
      setProblem(failed && !failed.ok ? { error: failed.error, unauthorized: isUnauthorized(failed) } : null);
      if (failed) retryTimer = setTimeout(() => void reload(), retryMs);
    };

    const stream = connectHallStream({
      url: streamUrl,
      token,
      createSocket,
      onState: (state) => {
        setConnection(state);
        if (state === 'live') void reload();
      },
      onMessage: (message) => {
        buffer?.push(message);
        // drawn within this task, not a scheduler task later: a call then waits only for the next frame
        flushSync(() => dispatch({ type: 'message', message }));
        onMessageRef.current?.(message);
      },
    });

    const pollIfDown = (): void => {
      if (stream.state !== 'live') void reload();
    };
    const firstPoll = setTimeout(pollIfDown, firstPollMs);
    const poll = setInterval(pollIfDown, pollMs);
    const refresh = setInterval(() => void reload(), refreshMs);
    const online = (): void => stream.reconnectNow();
    window.addEventListener('online', online);

    return () => {
      disposed = true;
      stream.close();
      clearTimeout(retryTimer);
      clearTimeout(firstPoll);
      clearInterval(poll);
      clearInterval(refresh);
      window.removeEventListener('online', online);
    };
  }, [api, token, streamUrl, createSocket, retryMs, pollMs, firstPollMs, refreshMs]);

  return { config, board, loaded, connection, problem };
}

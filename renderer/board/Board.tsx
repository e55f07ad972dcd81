import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentLanguage } from '../shared/language.tsx';
import type { HallApi } from '../shared/hall-api.ts';
import type { WebSocketLike } from '../shared/hall-stream.ts';
import { BoardNotice } from './BoardNotice.tsx';
import { BoardScreen } from './BoardScreen.tsx';
import { DEFAULT_BOARD_FEED_TIMINGS, useBoardFeed, type BoardFeedTimings } from './useBoardFeed.ts';

interface BoardProps {
  token: string;
  apiFor: (token: string) => HallApi;
  streamUrl: string;
  createSocket?: ((url: string) => WebSocketLike) | undefined;
  message: string | null;
  timings?: Partial<BoardFeedTimings> | undefined;
}

/** The display board of an enrolled device: its data from the hall server, then the screen. */
export function Board({ token, apiFor, streamUrl, createSocket, message, timings }: BoardProps) {
  const { t } = useTranslation();
  const api = useMemo(() => apiFor(token), [apiFor, token]);
  const { retryMs, pollMs, firstPollMs, refreshMs } = { ...DEFAULT_BOARD_FEED_TIMINGS, ...timings };
  const feedTimings = useMemo(
    () => ({ retryMs, pollMs, firstPollMs, refreshMs }),
    [retryMs, pollMs, firstPollMs, refreshMs],
  );
  const feed = useBoardFeed({ api, token, streamUrl, createSocket, timings: feedTimings });
  useDocumentLanguage();

  if (feed.problem?.unauthorized) {
    return <BoardNotice title={t('hall.unauthorizedTitle')} text={t('hall.unauthorized')} alert />;
  }
  if (feed.config === null || !feed.loaded) {
    const error = feed.problem?.error;
    const text =
      error === undefined ? null : error.code === 'network' || error.code === 'bad_response' ? t(`hall.${error.code}`) : error.message;
    return <BoardNotice title={t('hall.loading')} text={text} alert={text !== null} />;
  }
  return <BoardScreen config={feed.config} board={feed.board} connection={feed.connection} message={message} />;
}

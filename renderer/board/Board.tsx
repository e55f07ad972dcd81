import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceStorage } from '../shared/device-enrollment.tsx';
import { useDocumentLanguage } from '../shared/language.tsx';
import type { HallApi } from '../shared/hall-api.ts';
import type { WebSocketLike } from '../shared/hall-stream.ts';
import type { BoardAudio } from './board-audio.ts';
import { BoardNotice } from './BoardNotice.tsx';
import { BoardScreen } from './BoardScreen.tsx';
import { SoundPrompt } from './SoundPrompt.tsx';
import { createMessageRelay, useAnnouncer } from './useAnnouncer.ts';
import { DEFAULT_BOARD_FEED_TIMINGS, useBoardFeed, type BoardFeedTimings } from './useBoardFeed.ts';

interface BoardProps {
  token: string;
  apiFor: (token: string) => HallApi;
  streamUrl: string;
  createSocket?: ((url: string) => WebSocketLike) | undefined;
  message: string | null;
  timings?: Partial<BoardFeedTimings> | undefined;
  /** The voice calls' sound (null: a silent board). */
  audio: BoardAudio | null;
  /** Where the board remembers that its sound was turned on. */
  storage: DeviceStorage | undefined;
}

/** The display board of an enrolled device: its data from the hall server, the screen and the voice calls. */
export function Board({ token, apiFor, streamUrl, createSocket, message, timings, audio, storage }: BoardProps) {
  const { t } = useTranslation();
  const api = useMemo(() => apiFor(token), [apiFor, token]);
  const { retryMs, pollMs, firstPollMs, refreshMs } = { ...DEFAULT_BOARD_FEED_TIMINGS, ...timings };
  const feedTimings = useMemo(
    () => ({ retryMs, pollMs, firstPollMs, refreshMs }),
    [retryMs, pollMs, firstPollMs, refreshMs],
  );
  const [relay] = useState(createMessageRelay);
  const feed = useBoardFeed({ api, token, streamUrl, createSocket, timings: feedTimings, onMessage: relay.emit });
  const announcer = useAnnouncer({ audio, messages: relay, agencies: feed.config?.agencies, storage });
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
  return (
    <>
      <BoardScreen config={feed.config} board={feed.board} connection={feed.connection} message={message} />
      <SoundPrompt sound={announcer.sound} remembered={announcer.remembered} onActivate={announcer.activate} />
    </>
  );
}

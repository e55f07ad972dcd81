import type { Root } from 'react-dom/client';
import type { DeviceStorage } from '../shared/device-enrollment.tsx';
import { mountHallPage } from '../shared/hall-page.tsx';
import type { WebSocketLike } from '../shared/hall-stream.ts';
import { createI18n, type Language } from '../shared/i18n.ts';
import type { BoardAudio } from './board-audio.ts';
import { Board } from './Board.tsx';
import type { BoardFeedTimings } from './useBoardFeed.ts';

export interface BoardOptions {
  /** Where the enrollment is kept (localStorage in the browser, a map in tests). */
  storage?: DeviceStorage | undefined;
  /** The hall server's fetch (a fake in tests). */
  fetch?: typeof fetch;
  /** '' = the page's own origin, which serves the API. */
  baseUrl?: string;
  /** `ws(s)://<server>/api/v1/stream`. */
  streamUrl: string;
  /** Injected in tests; the browser's WebSocket by default. */
  createSocket?: (url: string) => WebSocketLike;
  /** The running text after the hall name; a friendly default when absent. */
  message?: string | null | undefined;
  language?: Language | undefined;
  timings?: Partial<BoardFeedTimings>;
  /** The voice calls' sound: Web Audio and speech in the browser (main.tsx), fakes in tests; none = silent. */
  audio?: BoardAudio | null | undefined;
}

/** Mounts the display board: the setup screen until the device is enrolled, then the board. */
export function startBoardApp(container: Element, options: BoardOptions): Root {
  const i18n = createI18n();
  if (options.language) void i18n.changeLanguage(options.language);
  return mountHallPage(container, 'board', i18n, options, (device, apiFor) => (
    <Board
      token={device.token}
      apiFor={apiFor}
      streamUrl={options.streamUrl}
      createSocket={options.createSocket}
      message={options.message?.trim() || null}
      timings={options.timings}
      audio={options.audio ?? null}
      storage={options.storage}
    />
  ));
}

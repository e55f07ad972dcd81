import type { Root } from 'react-dom/client';
import { mountVisitorPage, type VisitorPageOptions } from '../visitor-page.tsx';
import { TrackPage } from './TrackPage.tsx';
import type { TrackStreamOptions } from './use-track-stream.ts';

/** Mounts `/visitor/track/`: a ticket or booking followed live by its code. */
export function startTrackPage(container: Element, options: VisitorPageOptions & { stream?: TrackStreamOptions } = {}): Root {
  return mountVisitorPage(container, options, (api) => <TrackPage api={api} stream={options.stream} />);
}

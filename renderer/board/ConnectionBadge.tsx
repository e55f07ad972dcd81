import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallStreamState } from '../shared/hall-stream.ts';

/** A small note in the corner while the live feed is not live; nothing at all when it is. */
export const ConnectionBadge = memo(function ConnectionBadge({ state }: { state: HallStreamState }) {
  const { t } = useTranslation();
  return (
    <p role="status" className={state === 'live' ? 'connection' : `connection connection-${state}`}>
      {state === 'live' ? '' : t(state === 'connecting' ? 'board.connecting' : 'board.offline')}
    </p>
  );
});

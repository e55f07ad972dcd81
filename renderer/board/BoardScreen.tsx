import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallConfig } from '../../core/domain.ts';
import type { HallStreamState } from '../shared/hall-stream.ts';
import type { BoardState } from './board-state.ts';
import { BoardHeader } from './BoardHeader.tsx';
import { CallHistory } from './CallHistory.tsx';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { CounterGrid } from './CounterGrid.tsx';
import { NowCalling } from './NowCalling.tsx';
import { RunningText } from './RunningText.tsx';
import { useFresh } from './useFresh.ts';

/** How long a new call (or a recall) stays highlighted. */
export const HIGHLIGHT_MS = 10_000;
/** Previous calls listed under the big one. */
export const HISTORY_SIZE = 4;

interface BoardScreenProps {
  config: HallConfig;
  board: BoardState;
  connection: HallStreamState;
  message: string | null;
}

/**
 * The TV layout: header, the latest call large, previous calls, every counter, the running text.
 * Each part is memoised, so a message redraws only the parts it changes.
 */
export const BoardScreen = memo(function BoardScreen({ config, board, connection, message }: BoardScreenProps) {
  const { t } = useTranslation();
  const fresh = useFresh(board.highlight, HIGHLIGHT_MS);
  const latest = board.calls[0];
  const previous = useMemo(() => board.calls.slice(1, 1 + HISTORY_SIZE), [board.calls]);
  return (
    <div className="board">
      <BoardHeader hallName={config.hall.name} timeZone={config.hall.timeZone} />
      <main className="board-main">
        <div className="board-calls">
          <NowCalling call={latest} highlight={board.highlight} fresh={fresh} config={config} />
          <CallHistory calls={previous} config={config} />
        </div>
        <CounterGrid counters={board.counters} config={config} freshCounterId={fresh && latest ? latest.counterId : null} />
      </main>
      <RunningText text={`${config.hall.name} · ${message ?? t('board.defaultMessage')}`} />
      <ConnectionBadge state={connection} />
    </div>
  );
});

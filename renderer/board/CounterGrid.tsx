import { memo, useId, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { CounterState } from '../../core/api.ts';
import type { Agency, HallConfig } from '../../core/domain.ts';
import { agencyStyle } from '../shared/format.ts';
import { agencyColor } from './agency-palette.ts';

/** Width ÷ height of the counter area on a 16:9 board (the right half, between header and ticker). */
export const GRID_ASPECT = 1.07;

/**
 * Columns for `count` tiles: the split that gives the ticket numbers the largest type. A tile's
 * number is at most 46 % of its height and 21 % of its width (board.css), so this picks the
 * column count that maximises the smaller of the two (20 counters → 3 columns of 7).
 */
export function gridColumns(count: number, aspect = GRID_ASPECT): number {
  let best = 1;
  let bestSize = -1;
  for (let columns = 1; columns <= Math.max(1, count); columns++) {
    const rows = Math.ceil(count / columns);
    const size = Math.min(0.46 / rows, (0.21 * aspect) / columns);
    if (size > bestSize + 1e-9) {
      best = columns;
      bestSize = size;
    }
  }
  return best;
}

interface CounterGridProps {
  counters: readonly CounterState[];
  config: HallConfig;
  /** The counter of a call still highlighted. */
  freshCounterId: string | null;
}

/** One tile per counter: its number, and the ticket it serves, or why it serves nobody. */
export const CounterGrid = memo(function CounterGrid({ counters, config, freshCounterId }: CounterGridProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const columns = gridColumns(counters.length);
  const rows = Math.max(1, Math.ceil(counters.length / columns));
  const gridStyle = { '--columns': String(columns), '--rows': String(rows) } as CSSProperties;
  return (
    <section className="counters" aria-labelledby={titleId}>
      <h2 id={titleId} className="visually-hidden">
        {t('board.counters')}
      </h2>
      <ul className="counter-grid" style={gridStyle}>
        {counters.map((counter) => (
          <CounterTile
            key={counter.counterId}
            counter={counter}
            agency={config.agencies.find((a) => a.id === counter.agencyId)}
            color={agencyColor(config.agencies, counter.agencyId)}
            fresh={counter.counterId === freshCounterId}
          />
        ))}
      </ul>
    </section>
  );
});

interface CounterTileProps {
  counter: CounterState;
  agency: Agency | undefined;
  color: string | undefined;
  fresh: boolean;
}

/** A counter the message did not change keeps its props, so its tile is not drawn again. */
const CounterTile = memo(function CounterTile({ counter, agency, color, fresh }: CounterTileProps) {
  const { t } = useTranslation();
  return (
    <li
      className={`counter-tile counter-${tileState(counter)}${fresh ? ' counter-fresh' : ''}`}
      style={agencyStyle(color)}
      data-counter={counter.number}
    >
      <span className="counter-head">
        <span className="counter-label">{t('board.counterLabel', { number: counter.number })}</span>
        {agency && <span className="counter-agency">{agency.shortName}</span>}
      </span>
      <span className="counter-value">
        {counter.status === 'closed'
          ? t('board.closed')
          : counter.status === 'paused'
            ? t(`board.pause_${counter.pauseReason ?? 'other'}`)
            : (counter.current?.number ?? t('board.idle'))}
      </span>
    </li>
  );
});

function tileState(counter: CounterState): 'closed' | 'paused' | 'called' | 'serving' | 'idle' {
  if (counter.status === 'closed' || counter.status === 'paused') return counter.status;
  if (counter.current === null) return 'idle';
  return counter.current.status === 'called' ? 'called' : 'serving';
}

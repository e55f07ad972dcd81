import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaitingEntry } from '../../core/api.ts';
import type { Service } from '../../core/domain.ts';
import { formatDurationClock } from '../shared/format.ts';
import { useNow } from './useNow.ts';
import type { WaitingList as WaitingListData } from './useWaitingList.ts';

interface WaitingListProps {
  list: WaitingListData;
  services: readonly Service[];
  /** Enter (or a double click) on a row: call that ticket. */
  onCall: (entry: WaitingEntry) => void;
}

/**
 * Who waits for this counter, in call order, with the wait so far ticking. One row is in the Tab
 * order at a time (roving tabindex): Tab reaches the list, the arrows move, Enter calls the row.
 */
export function WaitingList({ list, services, onCall }: WaitingListProps) {
  const { t } = useTranslation();
  const captionId = useId();
  const hintId = useId();
  const now = useNow(1000);
  const [selected, setSelected] = useState<string | null>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const entries = list.entries ?? [];
  const active = entries.find((e) => e.ticketId === selected)?.ticketId ?? entries[0]?.ticketId ?? null;
  const serviceName = (id: string): string => services.find((s) => s.id === id)?.name ?? id;

  const move = (index: number): void => {
    const entry = entries[Math.max(0, Math.min(entries.length - 1, index))];
    if (!entry) return;
    setSelected(entry.ticketId);
    body.current?.querySelector<HTMLElement>(`[data-ticket-id="${entry.ticketId}"]`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, entry: WaitingEntry, index: number): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const moves: Partial<Record<string, number>> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: entries.length - 1 };
    const to = moves[event.key];
    if (to !== undefined) {
      event.preventDefault();
      move(to);
    } else if (event.key === 'Enter' && !event.repeat) {
      event.preventDefault();
      onCall(entry);
    }
  };

  return (
    <div className="waiting-scroll">
      <table className="waiting" aria-describedby={hintId}>
        <caption id={captionId}>
          {t('queue.heading')} <span className="waiting-count">({t('queue.count', { count: entries.length })})</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('queue.number')}</th>
            <th scope="col">{t('queue.service')}</th>
            <th scope="col">{t('queue.waited')}</th>
            <th scope="col">{t('queue.mark')}</th>
          </tr>
        </thead>
        <tbody ref={body}>
          {entries.length === 0 ? (
            <tr>
              <td colSpan={4} className="waiting-empty">
                {list.entries === null && list.error ? t('queue.failed') : t('queue.empty')}
              </td>
            </tr>
          ) : (
            entries.map((entry, index) => (
              <tr
                key={entry.ticketId}
                data-ticket-id={entry.ticketId}
                className={entry.priority === 'priority' ? 'waiting-row waiting-priority' : 'waiting-row'}
                tabIndex={entry.ticketId === active ? 0 : -1}
                aria-keyshortcuts="Enter"
                onFocus={() => setSelected(entry.ticketId)}
                onKeyDown={(event) => onKeyDown(event, entry, index)}
                onDoubleClick={() => onCall(entry)}
              >
                <th scope="row" className="waiting-number">
                  {entry.number}
                </th>
                <td>{serviceName(entry.serviceId)}</td>
                <td className="waiting-time">{formatDurationClock(now - entry.queuedAt)}</td>
                <td className="waiting-mark">
                  {entry.priority === 'priority' && (
                    <span className="mark mark-priority">
                      <span aria-hidden="true">★ </span>
                      {t('queue.priority')}
                    </span>
                  )}
                  {entry.targetCounterId !== null && (
                    <span className="mark mark-counter">
                      <span aria-hidden="true">→ </span>
                      {t('queue.forCounter')}
                    </span>
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <p id={hintId} className="waiting-hint">
        {list.entries !== null && list.error ? t('queue.failed') : t('queue.rowHint')}
      </p>
    </div>
  );
}

import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecentCall } from '../../core/api.ts';
import type { HallConfig } from '../../core/domain.ts';
import { agencyStyle } from '../shared/format.ts';
import { agencyColor } from './agency-palette.ts';

/** The calls before the latest, newest first: for visitors who looked away a moment too long. */
export const CallHistory = memo(function CallHistory({ calls, config }: { calls: readonly RecentCall[]; config: HallConfig }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="history" aria-labelledby={titleId}>
      <h2 id={titleId} className="history-title">
        {t('board.previous')}
      </h2>
      <ol className="history-list">
        {calls.map((call) => (
          <li
            key={call.ticketId}
            className="history-item"
            style={agencyStyle(agencyColor(config.agencies, call.agencyId))}
          >
            <span className="history-number">{call.number}</span>
            <span className="history-arrow" aria-hidden="true">
              →
            </span>
            <span className="history-counter">{t('board.counterLabel', { number: call.counterNumber })}</span>
          </li>
        ))}
      </ol>
    </section>
  );
});

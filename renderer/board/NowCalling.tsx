import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecentCall } from '../../core/api.ts';
import type { HallConfig } from '../../core/domain.ts';
import { agencyStyle } from '../shared/format.ts';
import { agencyColor } from './agency-palette.ts';

interface NowCallingProps {
  call: RecentCall | undefined;
  /** Changes with every call and recall: the call is drawn anew, so its highlight plays again. */
  highlight: number;
  fresh: boolean;
  config: HallConfig;
}

/** The latest call, as large as the screen allows: "A-012 → Loket 3", in the agency's colour. */
export const NowCalling = memo(function NowCalling({ call, highlight, fresh, config }: NowCallingProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const agency = call ? config.agencies.find((a) => a.id === call.agencyId) : undefined;
  const service = call ? config.services.find((s) => s.id === call.serviceId) : undefined;
  return (
    <section className="now" aria-labelledby={titleId} aria-live="polite">
      <h2 id={titleId} className="now-title">
        {t('board.nowCalling')}
      </h2>
      {call ? (
        <div
          key={`${call.ticketId}:${highlight}`}
          className={fresh ? 'call call-fresh' : 'call'}
          style={agencyStyle(agencyColor(config.agencies, call.agencyId))}
          data-call-count={call.callCount}
          aria-label={t('board.callLabel', { number: call.number, counter: call.counterNumber })}
        >
          <p className="call-line" aria-hidden="true">
            <span className="call-number">{call.number}</span>{' '}
            <span className="call-where">
              <span className="call-arrow">→</span> <span className="call-counter">{t('board.counterLabel', { number: call.counterNumber })}</span>
            </span>
          </p>
          <p className="call-service" aria-hidden="true">
            {[agency?.shortName, service?.name].filter(Boolean).join(' · ')}
          </p>
        </div>
      ) : (
        <p className="now-empty">{t('board.noCalls')}</p>
      )}
    </section>
  );
});

import { useTranslation } from 'react-i18next';
import type { WebSocketLike } from '../../shared/hall-stream.ts';
import { formatClock } from '../dashboard-format.ts';
import type { HallLookup } from '../hall-lookup.ts';
import type { SupervisorApi } from '../supervisor-api.ts';
import { LiveAlerts } from './LiveAlerts.tsx';
import { LiveCounters } from './LiveCounters.tsx';
import { LiveServices } from './LiveServices.tsx';
import { ReplicationAlarms } from './ReplicationAlarms.tsx';
import { useLiveView, type LiveTimings } from './useLiveView.ts';

interface LiveViewProps {
  api: SupervisorApi;
  token: string;
  lookup: HallLookup;
  streamUrl: string;
  createSocket?: ((url: string) => WebSocketLike) | undefined;
  timings: LiveTimings;
  onUnauthorized: () => void;
}

/** The hall now: what needs attention first (waits past target, replication alarms), then every counter and queue. */
export function LiveView({ api, token, lookup, streamUrl, createSocket, timings, onUnauthorized }: LiveViewProps) {
  const { t } = useTranslation();
  const { live, connection, problem } = useLiveView({ api, token, streamUrl, createSocket, timings, onUnauthorized });
  const count = (status: string): number => live?.counters.filter((c) => c.status === status).length ?? 0;
  const waiting = live?.services.reduce((sum, s) => sum + s.waiting, 0) ?? 0;

  return (
    <section className="dash-section live-view" aria-labelledby="live-title">
      <div className="dash-section-head">
        <h2 id="live-title">{t('dashboard.liveTitle')}</h2>
        <p className={`dash-connection dash-connection-${connection}`} data-connection={connection}>
          <span className="dash-connection-dot" aria-hidden="true" />
          {t(`dashboard.connection_${connection}`)}
          {live && <> · {t('dashboard.updatedAt', { time: formatClock(live.at, lookup.timeZone) })}</>}
        </p>
      </div>
      {problem && (
        <div className="dash-alert" role="alert">
          <strong>{t('dashboard.liveFailed')}</strong>
          <p>{t('dashboard.errorDetail', { message: problem.message })}</p>
        </div>
      )}
      {live === null ? (
        <p className="dash-loading">{t('dashboard.liveLoading')}</p>
      ) : (
        <>
          <p className="live-summary" role="status">
            {t('dashboard.countersSummary', { open: count('open'), paused: count('paused'), closed: count('closed'), waiting })}
          </p>
          <div className="live-attention">
            <LiveAlerts live={live} lookup={lookup} />
            <ReplicationAlarms live={live} lookup={lookup} />
          </div>
          <div className="live-main">
            <LiveCounters live={live} lookup={lookup} />
            <LiveServices live={live} lookup={lookup} />
          </div>
        </>
      )}
    </section>
  );
}

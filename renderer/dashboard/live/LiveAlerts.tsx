import { useTranslation } from 'react-i18next';
import type { LiveDashboard } from '../../../core/reports-api.ts';
import { formatSeconds } from '../dashboard-format.ts';
import type { HallLookup } from '../hall-lookup.ts';
import { useDashboardLocale } from '../useDashboardLocale.ts';

/** Waiting visitors past their service's target wait, longest first (the server sends at most 100). */
export function LiveAlerts({ live, lookup }: { live: LiveDashboard; lookup: HallLookup }) {
  const { t } = useTranslation();
  const { units } = useDashboardLocale();
  const alerts = live.alerts;

  return (
    <section className={`dash-card live-alerts${alerts.length > 0 ? ' live-alerts-on' : ''}`} aria-labelledby="live-alerts-title">
      <h3 id="live-alerts-title">
        {t('dashboard.alertsTitle')} <span className="dash-count">{alerts.length}</span>
      </h3>
      {alerts.length === 0 ? (
        <p className="dash-empty">{t('dashboard.alertsNone')}</p>
      ) : (
        <ul className="live-alert-list" aria-labelledby="live-alerts-title" tabIndex={0}>
          {alerts.map((a) => (
            <li key={a.ticketId} data-ticket-id={a.ticketId}>
              <strong className="live-alert-number">{a.number}</strong>
              {a.priority === 'priority' && <span className="dash-badge">{t('dashboard.priority')}</span>}
              <span>{lookup.service(a.serviceId)?.name ?? a.serviceId}</span>
              <span className="live-alert-wait">{t('dashboard.alertWaited', { waited: formatSeconds(a.waitedS, units), target: a.targetWaitMinutes })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

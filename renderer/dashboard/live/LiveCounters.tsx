import { useTranslation } from 'react-i18next';
import type { LiveDashboard } from '../../../core/reports-api.ts';
import { formatTime } from '../../shared/format.ts';
import { formatSeconds } from '../dashboard-format.ts';
import type { HallLookup } from '../hall-lookup.ts';
import { useDashboardLocale } from '../useDashboardLocale.ts';

type LiveCounter = LiveDashboard['counters'][number];

/**
 * Every counter of the hall: open, paused and why, or closed; its officer; the visitor it holds
 * (called or being served) or, when open with nobody, since when it has been idle.
 */
export function LiveCounters({ live, lookup }: { live: LiveDashboard; lookup: HallLookup }) {
  const { t } = useTranslation();
  const { units } = useDashboardLocale();

  const statusText = (c: LiveCounter): string => {
    if (c.status === 'paused') return t('dashboard.pausedWith', { reason: t(`dashboard.pause_${c.pauseReason ?? 'other'}`) });
    return t(`dashboard.status_${c.status}`);
  };
  const holding = (c: LiveCounter): string => {
    if (c.serving !== null) {
      const service = lookup.service(c.serving.serviceId)?.name ?? c.serving.serviceId;
      const state = c.serving.status === 'serving' ? 'ticket_serving' : 'ticket_called';
      return `${t(`dashboard.${state}`, { number: c.serving.number })} · ${service}`;
    }
    return c.status === 'open' ? t('dashboard.idle') : '–';
  };
  const since = (c: LiveCounter): string => {
    const from = c.idleSince ?? (c.status === 'closed' ? null : c.since);
    if (from === null || from <= 0) return '–';
    return t('dashboard.sinceFor', { time: formatTime(from, lookup.timeZone), duration: formatSeconds(Math.max(0, live.at - from) / 1000, units) });
  };

  return (
    <section className="dash-card live-counters" aria-labelledby="live-counters-title">
      <h3 id="live-counters-title">{t('dashboard.countersTitle')}</h3>
      <div className="dash-table-scroll">
        <table className="dash-table">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.col_counter')}</th>
              <th scope="col">{t('dashboard.col_agency')}</th>
              <th scope="col">{t('dashboard.col_status')}</th>
              <th scope="col">{t('dashboard.col_officer')}</th>
              <th scope="col">{t('dashboard.col_ticket')}</th>
              <th scope="col">{t('dashboard.col_since')}</th>
            </tr>
          </thead>
          <tbody>
            {live.counters.map((c) => (
              <tr key={c.counterId} data-counter-id={c.counterId} className={`live-counter live-counter-${c.status}`}>
                <th scope="row">{t('dashboard.counterLabel', { number: c.number })}</th>
                <td>{lookup.agency(c.agencyId)?.shortName ?? c.agencyId}</td>
                <td>
                  <span className={`live-status live-status-${c.status}`}>{statusText(c)}</span>
                </td>
                <td>{c.officer?.name ?? '–'}</td>
                <td className={c.serving ? 'live-ticket' : undefined}>{holding(c)}</td>
                <td>{since(c)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

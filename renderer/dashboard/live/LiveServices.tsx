import { useTranslation } from 'react-i18next';
import type { LiveDashboard } from '../../../core/reports-api.ts';
import { formatNumber, formatSeconds } from '../dashboard-format.ts';
import type { HallLookup } from '../hall-lookup.ts';
import { useDashboardLocale } from '../useDashboardLocale.ts';

/** Per service: how many wait, the longest wait so far, its target, and how many are past it. */
export function LiveServices({ live, lookup }: { live: LiveDashboard; lookup: HallLookup }) {
  const { t } = useTranslation();
  const { language, units } = useDashboardLocale();
  // The longest lines first; equal ones (the empty ones too) keep the hall's order.
  const services = [...live.services].sort((a, b) => b.waiting - a.waiting);

  return (
    <section className="dash-card live-services" aria-labelledby="live-services-title">
      <h3 id="live-services-title">{t('dashboard.servicesTitle')}</h3>
      {services.length === 0 ? (
        <p className="dash-empty">{t('dashboard.servicesNone')}</p>
      ) : (
        <div className="dash-table-scroll">
          <table className="dash-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.col_service')}</th>
                <th scope="col" className="num">
                  {t('dashboard.col_waiting')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.col_longest')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.col_target')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.col_overTarget')}
                </th>
              </tr>
            </thead>
            <tbody>
              {services.map((s) => (
                <tr key={s.serviceId} data-service-id={s.serviceId} className={s.overTarget > 0 ? 'live-over-target' : s.waiting === 0 ? 'live-quiet' : undefined}>
                  <th scope="row">
                    {s.name}
                    <span className="live-service-agency">{lookup.agency(s.agencyId)?.shortName ?? s.agencyId}</span>
                  </th>
                  <td className="num">{formatNumber(s.waiting, language)}</td>
                  <td className="num">{s.longestWaitS === null ? '–' : formatSeconds(s.longestWaitS, units)}</td>
                  <td className="num">{t('dashboard.minutes', { count: s.targetWaitMinutes })}</td>
                  <td className="num">{s.overTarget > 0 ? <strong>{formatNumber(s.overTarget, language)}</strong> : '0'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

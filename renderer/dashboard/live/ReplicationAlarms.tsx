import { useTranslation } from 'react-i18next';
import type { LiveDashboard } from '../../../core/reports-api.ts';
import { formatDate, formatTime } from '../../shared/format.ts';
import type { HallLookup } from '../hall-lookup.ts';
import { useDashboardLocale } from '../useDashboardLocale.ts';

/**
 * Replication alarms not yet cleared, newest first: a hash conflict (two PCs pushing one ledger:
 * a duplicated PC), a PC restored from an old copy, an action under a stale call lease.
 */
export function ReplicationAlarms({ live, lookup }: { live: LiveDashboard; lookup: HallLookup }) {
  const { t } = useTranslation();
  const { language } = useDashboardLocale();
  const alarms = live.alarms;

  return (
    <section className={`dash-card live-alarms${alarms.length > 0 ? ' live-alarms-on' : ''}`} aria-labelledby="live-alarms-title">
      <h3 id="live-alarms-title">
        {t('dashboard.alarmsTitle')} <span className="dash-count">{alarms.length}</span>
      </h3>
      {alarms.length === 0 ? (
        <p className="dash-empty">{t('dashboard.alarmsNone')}</p>
      ) : (
        <ul className="live-alarm-list" aria-labelledby="live-alarms-title" tabIndex={0}>
          {alarms.map((a) => {
            const counter = a.counterId === null ? undefined : lookup.counter(a.counterId);
            const where = [
              counter ? t('dashboard.counterLabel', { number: counter.number }) : a.counterId,
              t('dashboard.alarmLedger', { ledger: a.ledgerId }),
              a.seq === null ? null : t('dashboard.alarmSeq', { seq: a.seq }),
              `${formatDate(a.at, lookup.timeZone, language)} ${t('dashboard.alarmAt', { time: formatTime(a.at, lookup.timeZone) })}`,
            ].filter((part): part is string => part !== null);
            return (
              <li key={a.id} data-alarm-kind={a.kind}>
                <strong>{t(`dashboard.alarm_${a.kind}`)}</strong>
                <span>{where.join(' · ')}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

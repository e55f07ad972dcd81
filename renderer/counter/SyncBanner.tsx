import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../../core/ipc.ts';

/**
 * What the officer must know about the link to the hall server, above the work: offline (what
 * still works, how many actions wait), the backlog draining after a reconnect, and actions the
 * server did not apply. Nothing at all while everything is delivered.
 */
export function SyncBanner({ connection }: { connection: ConnectionState }) {
  const { t } = useTranslation();
  const { pending, rejected } = connection.sync;
  // The size of the backlog this drain started from, so progress runs from empty to full.
  const [backlog, setBacklog] = useState(0);
  const drainFrom = pending === 0 ? 0 : Math.max(backlog, pending);
  if (drainFrom !== backlog) setBacklog(drainFrom);
  if (!connection.enrolled) return null;
  const left = connection.walkInNumbersLeft;
  if (!connection.online) {
    return (
      <section className="sync-banner sync-offline" aria-labelledby="sync-offline-title">
        <h2 id="sync-offline-title" className="sync-title">
          <span aria-hidden="true">⚠ </span>
          {t('sync.offlineTitle')}
        </h2>
        <p>{t('sync.offlineBody')}</p>
        <p className="sync-figures">
          <span data-testid="sync-pending">{t('sync.waiting', { count: pending })}</span>
          {left !== null && <span>{t('sync.walkInsLeft', { count: left })}</span>}
        </p>
      </section>
    );
  }
  if (pending > 0) {
    return (
      <section className="sync-banner sync-draining" role="status">
        <p>{t('sync.sending', { count: pending })}</p>
        <progress max={drainFrom} value={drainFrom - pending} aria-label={t('sync.waiting', { count: pending })} />
      </section>
    );
  }
  const latest = rejected[0];
  if (latest) {
    return (
      <section className="sync-banner sync-rejected" role="status">
        <p>{t('sync.rejected', { count: rejected.length, message: latest.message })}</p>
      </section>
    );
  }
  return null;
}

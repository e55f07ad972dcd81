import { useTranslation } from 'react-i18next';
import { StatusItem } from './StatusItem.tsx';

/** `https://192.168.1.10:7420/` → `192.168.1.10:7420`: what the technician typed, without noise. */
function serverName(url: string | null): string {
  if (url === null) return '';
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * Online or offline, as a word and a symbol (never colour alone); hover or focus says what that
 * means for the officer's work.
 */
export function ConnectionStatus({ online, serverUrl }: { online: boolean; serverUrl: string | null }) {
  const { t } = useTranslation();
  return (
    <StatusItem
      symbol={online ? '●' : '○'}
      word={t(online ? 'connection.online' : 'connection.offline')}
      description={t(online ? 'connection.onlineDescription' : 'connection.offlineDescription', { server: serverName(serverUrl) })}
      className={online ? 'conn conn-online' : 'conn conn-offline'}
    />
  );
}

/** Actions recorded here that the hall server has not acknowledged yet: none, or how many. */
export function OutboxStatus({ pending }: { pending: number }) {
  const { t } = useTranslation();
  return (
    <StatusItem
      symbol={pending === 0 ? '✓' : '↑'}
      word={pending === 0 ? t('workday.statusSynced') : t('workday.statusPending', { count: pending })}
      description={t(pending === 0 ? 'workday.statusSyncedDescription' : 'workday.statusPendingDescription')}
      className={pending === 0 ? 'status-synced' : 'status-pending'}
    />
  );
}

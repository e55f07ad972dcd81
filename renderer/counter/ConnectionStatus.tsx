import { useTranslation } from 'react-i18next';

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
 * Online or offline, as a word and a symbol (never colour alone). Its title and description say
 * what that means for the officer's work; a polite status, so going offline is announced once.
 */
export function ConnectionStatus({ online, serverUrl }: { online: boolean; serverUrl: string | null }) {
  const { t } = useTranslation();
  const description = t(online ? 'connection.onlineDescription' : 'connection.offlineDescription', { server: serverName(serverUrl) });
  return (
    <p role="status" className={online ? 'conn conn-online' : 'conn conn-offline'} title={description} aria-description={description}>
      <span aria-hidden="true">{online ? '● ' : '○ '}</span>
      {t(online ? 'connection.online' : 'connection.offline')}
    </p>
  );
}

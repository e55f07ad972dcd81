import { useTranslation } from 'react-i18next';

/** Where the hall server serves the supervisors' dashboard. */
export const DASHBOARD_PATH = '/dashboard/';

/**
 * The supervisors' dashboard, opened from the counter PC: a link to the hall server's page. The
 * counter window never shows it itself: Electron sends the new window to the system browser
 * (main/shell/window.ts), where the supervisor signs in.
 */
export function DashboardLink({ serverUrl }: { serverUrl: string | null }) {
  const { t } = useTranslation();
  if (serverUrl === null) return null;
  const href = new URL(DASHBOARD_PATH, serverUrl).href;
  return (
    <a className="header-button header-link" href={href} target="_blank" rel="noopener noreferrer" title={t('workday.dashboardHint')}>
      {t('workday.dashboard')}
    </a>
  );
}

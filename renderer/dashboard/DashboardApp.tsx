import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentLanguage } from '../shared/language.tsx';
import { Dashboard, type DashboardEnvironment } from './Dashboard.tsx';
import { SignInScreen } from './SignInScreen.tsx';
import type { SupervisorApi } from './supervisor-api.ts';
import { clearSession, loadSession, saveSession, type SessionStorageLike, type SupervisorSession } from './supervisor-session.ts';

interface DashboardAppProps {
  apiFor: (token: string | null) => SupervisorApi;
  storage: SessionStorageLike | undefined;
  env: DashboardEnvironment;
}

/**
 * The supervisor dashboard's gate: the sign-in until a supervisor or admin is signed in (the
 * session kept for the tab), then the dashboard. Signing out ends the session on the server too;
 * a session the server no longer accepts brings the sign-in back, saying so.
 */
export function DashboardApp({ apiFor, storage, env }: DashboardAppProps) {
  const { t } = useTranslation();
  const [session, setSession] = useState<SupervisorSession | null>(() => loadSession(storage, env.now()));
  const [notice, setNotice] = useState<string | null>(null);
  const api = useMemo(() => (session === null ? null : apiFor(session.token)), [apiFor, session]);
  useDocumentLanguage();
  const title = t('dashboard.title');
  useEffect(() => {
    document.title = `${title} – Loket`;
  }, [title]);

  const signedIn = (next: SupervisorSession): void => {
    saveSession(storage, next);
    setNotice(null);
    setSession(next);
  };
  const signOut = (): void => {
    if (api !== null) void api.signOut();
    clearSession(storage);
    setSession(null);
  };
  const expired = useCallback((): void => {
    clearSession(storage);
    setSession(null);
    setNotice(t('dashboard.sessionEnded'));
  }, [storage, t]);

  if (session === null || api === null) return <SignInScreen apiFor={apiFor} notice={notice} onSignedIn={signedIn} />;
  return <Dashboard session={session} api={api} env={env} onSignOut={signOut} onExpired={expired} />;
}

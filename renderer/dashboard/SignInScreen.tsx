import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField, useSubmit, type FieldClasses } from '../shared/FormField.tsx';
import { NETWORK_ERROR } from '../shared/hall-api.ts';
import { LanguageSwitch } from '../shared/language.tsx';
import type { SupervisorApi } from './supervisor-api.ts';
import { mayUseDashboard, type SupervisorSession } from './supervisor-session.ts';

export const DASH_FIELD: FieldClasses = { field: 'dash-field', label: 'dash-label', input: 'dash-input', error: 'dash-field-error', hint: 'dash-hint' };

interface SignInScreenProps {
  apiFor: (token: string | null) => SupervisorApi;
  /** Why the supervisor is here again (e.g. the session ended), shown above the form. */
  notice: string | null;
  onSignedIn: (session: SupervisorSession) => void;
}

type Problem = { field: 'username' | 'pin' | null; text: string };

/**
 * Username and PIN of a supervisor or admin. The hall server refuses officers and technicians
 * without a counter PC (`device_required`); any other role that gets a session here is signed out
 * again at once. Either way the person is told the dashboard is for supervisors and admins.
 */
export function SignInScreen({ apiFor, notice, onSignedIn }: SignInScreenProps) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const { busy, submitWith, send } = useSubmit();
  const usernameRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);
  const problemId = useId();

  useEffect(() => usernameRef.current?.focus(), []);

  const fail = (next: Problem): void => {
    setProblem(next);
    (next.field === 'username' ? usernameRef : pinRef).current?.focus();
  };

  const submit = async (): Promise<void> => {
    if (username.trim() === '') return fail({ field: 'username', text: t('dashboard.usernameMissing') });
    if (!/^\d{4,8}$/.test(pin)) return fail({ field: 'pin', text: t('dashboard.pinInvalid') });
    setProblem(null);
    const result = await send(() => apiFor(null).signIn({ username, pin }));
    if (!result.ok) {
      const { code, message } = result.error;
      if (code === 'login_failed') return fail({ field: 'pin', text: t('dashboard.wrongCredentials') });
      if (code === 'account_locked') return fail({ field: null, text: t('dashboard.accountLocked') });
      if (code === 'device_required' || code === 'forbidden') return fail({ field: null, text: t('dashboard.roleNotAllowed') });
      if (code === NETWORK_ERROR) return fail({ field: null, text: t('dashboard.network') });
      return fail({ field: null, text: message });
    }
    const { sessionToken, user, expiresAt } = result.value;
    if (!mayUseDashboard(user.role)) {
      void apiFor(sessionToken).signOut(); // the session is of no use here; do not leave it open
      setPin('');
      return fail({ field: null, text: t('dashboard.roleNotAllowed') });
    }
    setPin('');
    onSignedIn({ token: sessionToken, user, expiresAt });
  };

  return (
    <main className="dash-gate">
      <div className="dash-gate-card">
        <div className="dash-gate-top">
          <h1>{t('dashboard.signInTitle')}</h1>
          <LanguageSwitch className="dash-button dash-button-quiet" compact />
        </div>
        <p className="dash-gate-intro">{t('dashboard.signInIntro')}</p>
        {notice && (
          <p className="dash-notice" role="status">
            {notice}
          </p>
        )}
        <form noValidate onSubmit={(event) => submitWith(event, submit)}>
          <FormField
            ref={usernameRef}
            classes={DASH_FIELD}
            label={t('dashboard.username')}
            hint={t('dashboard.usernameHint')}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            problemId={problem?.field === 'username' ? problemId : null}
          />
          <FormField
            ref={pinRef}
            classes={DASH_FIELD}
            label={t('dashboard.pin')}
            hint={t('dashboard.pinHint')}
            type="password"
            inputMode="numeric"
            autoComplete="current-password"
            maxLength={8}
            value={pin}
            onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
            problemId={problem?.field === 'pin' ? problemId : null}
          />
          {problem && (
            <div id={problemId} className="dash-alert" role="alert">
              <strong>{t('dashboard.signInFailed')}</strong>
              <p>{problem.text}</p>
            </div>
          )}
          <button type="submit" className="dash-button dash-button-primary dash-gate-submit" disabled={busy}>
            {busy ? t('dashboard.signingIn') : t('dashboard.signIn')}
          </button>
        </form>
      </div>
    </main>
  );
}

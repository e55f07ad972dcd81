import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../core/errors.ts';
import type { ConnectionState, LoketApi } from '../../core/ipc.ts';
import { safeCall } from './call.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { GateLayout } from './GateLayout.tsx';

interface SignInScreenProps {
  api: LoketApi;
  hallName: string;
  counterNumber: number;
  connection: ConnectionState;
  onSignedIn: (state: ConnectionState) => void;
}

const PIN_PATTERN = /^\d{4,8}$/;

/** Username and PIN (masked, numeric keypad); Enter signs in; a refusal says what to do. */
export function SignInScreen({ api, hallName, counterNumber, connection, onSignedIn }: SignInScreenProps) {
  const { t } = useTranslation();
  const ids = { user: useId(), userHint: useId(), pin: useId(), pinHint: useId(), problem: useId() };
  const [username, setUsername] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<{ field: 'username' | 'pin'; text: string } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const userRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    userRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (inFlight.current) return;
    const name = username.trim();
    if (name === '') {
      setProblem({ field: 'username', text: t('signIn.usernameMissing') });
      userRef.current?.focus();
      return;
    }
    if (!PIN_PATTERN.test(pin)) {
      setProblem({ field: 'pin', text: t('signIn.pinInvalid') });
      pinRef.current?.focus();
      return;
    }
    setProblem(null);
    setError(null);
    inFlight.current = true;
    setBusy(true);
    const result = await safeCall(() => api.signIn({ username: name, pin }));
    inFlight.current = false;
    setBusy(false);
    if (result.ok) {
      onSignedIn(result.value);
      return;
    }
    setError(result.error);
    // A wrong PIN is typed again from scratch; a wrong username is corrected where it is.
    if (result.error.field === 'username') userRef.current?.focus();
    else {
      setPin('');
      pinRef.current?.focus();
    }
  };

  const describedBy = (field: 'username' | 'pin', hint: string): string =>
    problem?.field === field ? `${ids.problem} ${hint}` : hint;

  return (
    <GateLayout title={t('signIn.title')} hallName={hallName} counterNumber={counterNumber} connection={connection}>
      <p className="gate-intro">{t('signIn.intro')}</p>
      <form className="gate-form" noValidate onSubmit={(event) => void submit(event)} aria-busy={busy}>
        <div className="field">
          <label htmlFor={ids.user} className="field-title">
            {t('signIn.username')}
          </label>
          <input
            id={ids.user}
            ref={userRef}
            className="text-input"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={40}
            aria-invalid={problem?.field === 'username' ? true : undefined}
            aria-describedby={describedBy('username', ids.userHint)}
          />
          <p id={ids.userHint} className="field-hint">
            {t('signIn.usernameHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.pin} className="field-title">
            {t('signIn.pin')}
          </label>
          <input
            id={ids.pin}
            ref={pinRef}
            className="text-input pin-input"
            type="password"
            inputMode="numeric"
            autoComplete="current-password"
            maxLength={8}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
            aria-invalid={problem?.field === 'pin' ? true : undefined}
            aria-describedby={describedBy('pin', ids.pinHint)}
          />
          <p id={ids.pinHint} className="field-hint">
            {t('signIn.pinHint')}
          </p>
        </div>
        {problem && (
          <p id={ids.problem} className="field-error">
            {problem.text}
          </p>
        )}
        <ErrorAlert error={error} />
        <button type="submit" className="key-button key-button-primary gate-submit" disabled={busy}>
          <kbd aria-hidden="true">Enter</kbd> <span>{busy ? t('signIn.busy') : t('signIn.submit')}</span>
        </button>
      </form>
    </GateLayout>
  );
}

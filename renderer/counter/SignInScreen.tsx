import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../core/errors.ts';
import type { ConnectionState, LoketApi } from '../../core/ipc.ts';
import { FieldProblem, FormField, GateSubmit, useSubmit } from '../shared/FormField.tsx';
import { safeCall } from './call.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { GateLayout } from './GateLayout.tsx';

interface SignInScreenProps {
  api: LoketApi;
  hallName: string;
  counterNumber: number;
  connection: ConnectionState;
  onSignedIn: (state: ConnectionState) => void;
  /** Opens the technician's screen for the call-button and display. */
  onOpenHardware: () => void;
}

const PIN_PATTERN = /^\d{4,8}$/;

/** Username and PIN (masked, numeric keypad); Enter signs in; a refusal says what to do. */
export function SignInScreen({ api, hallName, counterNumber, connection, onSignedIn, onOpenHardware }: SignInScreenProps) {
  const { t } = useTranslation();
  const problemId = useId();
  const [username, setUsername] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<{ field: 'username' | 'pin'; text: string } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const { busy, submitWith, send } = useSubmit();
  const userRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    userRef.current?.focus();
  }, []);

  const submit = async (): Promise<void> => {
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
    const result = await send(() => safeCall(() => api.signIn({ username: name, pin })));
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

  const problemOf = (field: 'username' | 'pin'): string | null => (problem?.field === field ? problemId : null);

  return (
    <GateLayout
      title={t('signIn.title')}
      hallName={hallName}
      counterNumber={counterNumber}
      connection={connection}
      menu={
        <button type="button" className="header-button" onClick={onOpenHardware}>
          {t('signIn.hardware')}
        </button>
      }
    >
      <p className="gate-intro">{t('signIn.intro')}</p>
      <form className="gate-form" noValidate onSubmit={(event) => submitWith(event, submit)} aria-busy={busy}>
        <FormField
          ref={userRef}
          label={t('signIn.username')}
          hint={t('signIn.usernameHint')}
          problemId={problemOf('username')}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={40}
        />
        <FormField
          ref={pinRef}
          label={t('signIn.pin')}
          hint={t('signIn.pinHint')}
          problemId={problemOf('pin')}
          inputClass="pin-input"
          type="password"
          inputMode="numeric"
          autoComplete="current-password"
          maxLength={8}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
        />
        <FieldProblem id={problemId} text={problem?.text} />
        <ErrorAlert error={error} />
        <GateSubmit busy={busy} label={t('signIn.submit')} busyLabel={t('signIn.busy')} />
      </form>
    </GateLayout>
  );
}

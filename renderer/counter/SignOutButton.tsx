import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../core/errors.ts';
import type { ConnectionState, LoketApi } from '../../core/ipc.ts';
import { safeCall } from './call.ts';

interface SignOutButtonProps {
  api: LoketApi;
  onConnection: (state: ConnectionState) => void;
  onError: (error: ErrorInfo) => void;
}

/** "Keluar" for the screens before serving (the serving screen signs out through its own guard). */
export function SignOutButton({ api, onConnection, onError }: SignOutButtonProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const signOut = async (): Promise<void> => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    const result = await safeCall(() => api.signOut({}));
    inFlight.current = false;
    setBusy(false);
    if (result.ok) onConnection(result.value);
    else onError(result.error);
  };
  return (
    <button type="button" className="header-button" disabled={busy} onClick={() => void signOut()}>
      {t('header.signOut')}
    </button>
  );
}

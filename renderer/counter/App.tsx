import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../core/errors.ts';
import type { ConnectionState, LoketApi } from '../../core/ipc.ts';
import { useDocumentLanguage } from '../shared/language.tsx';
import { EnrollScreen } from '../technician/EnrollScreen.tsx';
import { HardwareScreen } from '../technician/HardwareScreen.tsx';
import { CounterScreen } from './CounterScreen.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { OpenCounterScreen } from './OpenCounterScreen.tsx';
import { SignInScreen } from './SignInScreen.tsx';
import { useConnection } from './useConnection.ts';
import { useCounterData } from './useCounterData.ts';

/**
 * The counter app: reads everything through `api` (window.loket in the app, a fake in tests).
 * Which screen shows follows the hall link: not enrolled → the technician's enrollment; nobody
 * signed in → sign-in; the counter closed → open it; else the serving screen.
 */
export function App({ api }: { api: LoketApi }) {
  const connection = useConnection(api);
  useDocumentLanguage();
  const state = connection.state;
  if (state === null) return <Startup error={connection.loadError} onRetry={connection.reload} />;
  if (!state.enrolled) return <EnrollScreen api={api} onEnrolled={connection.accept} />;
  return <EnrolledApp api={api} connection={state} onConnection={connection.accept} />;
}

interface EnrolledAppProps {
  api: LoketApi;
  connection: ConnectionState;
  onConnection: (state: ConnectionState) => void;
}

function EnrolledApp({ api, connection, onConnection }: EnrolledAppProps) {
  const { t, i18n } = useTranslation();
  const [hardwareOpen, setHardwareOpen] = useState(false);
  // The counter context follows the hall's configuration, which may arrive once the link is up.
  const contextKey = `${connection.counterId}|${connection.hallName}|${connection.online}`;
  const data = useCounterData(api, contextKey);
  const counterTitle = data.context ? `${t('header.counter', { number: data.context.counter.number })} – ` : '';
  useEffect(() => {
    document.title = `${counterTitle}${t('app.title')}`;
  }, [counterTitle, t, i18n.language]);

  const context = data.context;
  if (context === null) return <Startup error={data.loadError} onRetry={data.reload} />;
  const hall = { api, hallName: context.hallName, counterNumber: context.counter.number, connection };
  // The technician's device screen stands in for whichever screen it was opened from, and returns to it.
  if (hardwareOpen) {
    const close = (): void => setHardwareOpen(false);
    return <HardwareScreen api={api} hallName={hall.hallName} counterNumber={hall.counterNumber} timeZone={context.timeZone} onClose={close} />;
  }
  const openHardware = (): void => setHardwareOpen(true);
  if (connection.officer === null) return <SignInScreen {...hall} onSignedIn={onConnection} onOpenHardware={openHardware} />;
  // Closed on the hall server: choose the services first. Unknown (offline): serve what is held.
  if (connection.counter?.status === 'closed' && data.current === null) {
    return <OpenCounterScreen {...hall} services={context.services} onConnection={onConnection} />;
  }
  const signOut = (): void => {
    void data.run(() => api.signOut({})).then((done) => done && onConnection(done.value));
  };
  return (
    <CounterScreen
      api={api}
      context={context}
      data={data}
      connection={connection}
      onSignOut={signOut}
      onConnection={onConnection}
      onOpenHardware={openHardware}
    />
  );
}

function Startup({ error, onRetry }: { error: ErrorInfo | null; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="startup">
      <h1 className="startup-title">{t('app.title')}</h1>
      {error ? (
        <>
          <ErrorAlert error={error} />
          <button type="button" className="key-button" onClick={onRetry}>
            {t('app.retry')}
          </button>
        </>
      ) : (
        <p role="status">{t('app.loading')}</p>
      )}
    </main>
  );
}

/** Shown instead of the app when the page was opened without `window.loket`. */
export function NotConnected() {
  const { t } = useTranslation();
  useDocumentLanguage();
  return (
    <main className="startup">
      <h1 className="startup-title">{t('app.notConnectedTitle')}</h1>
      <div role="alert" className="alert alert-shown">
        <p className="alert-text">{t('app.notConnected')}</p>
      </div>
    </main>
  );
}

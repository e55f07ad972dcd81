import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoketApi } from '../../core/ipc.ts';
import { currentLanguage } from '../shared/i18n.ts';
import { CounterScreen } from './CounterScreen.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { useCounterData } from './useCounterData.ts';

/** The counter app: reads everything through `api` (window.loket in the app, a fake in tests). */
export function App({ api }: { api: LoketApi }) {
  const { t, i18n } = useTranslation();
  const data = useCounterData(api);
  useDocumentLanguage();
  const counterTitle = data.context ? `${t('header.counter', { number: data.context.counter.number })} – ` : '';
  useEffect(() => {
    document.title = `${counterTitle}${t('app.title')}`;
  }, [counterTitle, t, i18n.language]);

  if (data.context === null) {
    return (
      <main className="startup">
        <h1 className="startup-title">{t('app.title')}</h1>
        {data.loadError ? (
          <>
            <ErrorAlert error={data.loadError} />
            <button type="button" className="key-button" onClick={data.reload}>
              {t('app.retry')}
            </button>
          </>
        ) : (
          <p role="status">{t('app.loading')}</p>
        )}
      </main>
    );
  }
  return <CounterScreen context={data.context} data={data} />;
}

/** `<html lang>` follows the chosen language, so screen readers read with the right voice. */
export function useDocumentLanguage(): void {
  const { i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
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

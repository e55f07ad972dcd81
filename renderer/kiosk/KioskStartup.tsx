import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../core/errors.ts';
import { BAD_RESPONSE_ERROR, NETWORK_ERROR } from '../shared/hall-api.ts';

interface KioskStartupProps {
  failure: { error: ErrorInfo; unauthorized: boolean } | null;
  onRetry: () => void;
}

/** Before the kiosk can serve: loading, the server unreachable (retried by itself), or the device refused. */
export function KioskStartup({ failure, onRetry }: KioskStartupProps) {
  const { t } = useTranslation();
  if (failure === null) {
    return (
      <main className="kiosk-startup">
        <p role="status" className="kiosk-startup-text">
          {t('hall.loading')}
        </p>
      </main>
    );
  }
  if (failure.unauthorized) {
    return (
      <main className="kiosk-startup">
        <div role="alert" className="kiosk-alert">
          <h1 className="step-title">{t('hall.unauthorizedTitle')}</h1>
          <p className="kiosk-alert-text">{t('hall.unauthorized')}</p>
        </div>
      </main>
    );
  }
  const { code, message } = failure.error;
  const known = code === NETWORK_ERROR || code === BAD_RESPONSE_ERROR;
  return (
    <main className="kiosk-startup">
      <div role="alert" className="kiosk-alert">
        <h1 className="step-title">{t('kiosk.loadFailed')}</h1>
        <p className="kiosk-alert-text">{known ? t(`hall.${code}`) : message}</p>
        {known && <p className="kiosk-alert-detail">{t('hall.detail', { message })}</p>}
        <p className="kiosk-alert-help">{t('hall.retrying')}</p>
      </div>
      <button type="button" className="kiosk-button kiosk-button-primary" onClick={onRetry}>
        {t('hall.retry')}
      </button>
    </main>
  );
}

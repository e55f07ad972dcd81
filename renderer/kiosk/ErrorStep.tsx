import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../core/errors.ts';
import { BAD_RESPONSE_ERROR, NETWORK_ERROR, UNAUTHORIZED_ERROR } from '../shared/hall-api.ts';
import { BackButton } from './BackButton.tsx';
import { StepHeading } from './StepHeading.tsx';

/** No number was issued: say why in the visitor's words, and offer the way back. */
export function ErrorStep({ error, onBack }: { error: ErrorInfo; onBack: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  let title = t('kiosk.errorTitle');
  let text = error.message;
  if (error.code === 'quota_reached' || error.code === 'service_closed') title = t(`kiosk.${error.code}`);
  else if (error.code === NETWORK_ERROR || error.code === BAD_RESPONSE_ERROR) text = t(`hall.${error.code}`);
  else if (error.code === UNAUTHORIZED_ERROR) {
    title = t('hall.unauthorizedTitle');
    text = t('hall.unauthorized');
  }
  return (
    <section className="step step-error" aria-labelledby={titleId}>
      <div role="alert" className="kiosk-alert">
        <StepHeading id={titleId}>{title}</StepHeading>
        <p className="kiosk-alert-text">{text}</p>
        <p className="kiosk-alert-help">{t('kiosk.errorHelp')}</p>
      </div>
      <div className="step-actions">
        <BackButton onClick={onBack} />
      </div>
    </section>
  );
}

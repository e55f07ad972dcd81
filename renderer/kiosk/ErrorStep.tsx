import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Service } from '../../core/domain.ts';
import type { ErrorInfo } from '../../core/errors.ts';
import { BAD_RESPONSE_ERROR, NETWORK_ERROR, UNAUTHORIZED_ERROR } from '../shared/hall-api.ts';
import { BackButton } from './BackButton.tsx';
import { hoursText } from './opening-hours-text.ts';
import { StepHeading } from './StepHeading.tsx';

/**
 * No number was issued: say why in the visitor's words (the daily quota and the opening hours
 * from the service's own settings), with the server's words below, and offer the way back.
 */
export function ErrorStep({ error, service, onBack }: { error: ErrorInfo; service?: Service | undefined; onBack: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  let title = t('kiosk.errorTitle');
  let text = error.message;
  let detail: string | null = null;
  if (error.code === 'quota_reached') {
    title = t('kiosk.quota_reached');
    text = service?.dailyQuota ? t('kiosk.quotaText', { count: service.dailyQuota }) : t('kiosk.quotaTextUnknown');
    detail = error.message;
  } else if (error.code === 'service_closed') {
    title = t('kiosk.service_closed');
    if (service?.openingHours) {
      text = t('kiosk.closedNotice', { hours: hoursText(t, service.openingHours) });
      detail = error.message;
    }
  } else if (error.code === NETWORK_ERROR || error.code === BAD_RESPONSE_ERROR) text = t(`hall.${error.code}`);
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
        {detail !== null && <p className="kiosk-alert-detail">{t('hall.detail', { message: detail })}</p>}
      </div>
      <div className="step-actions">
        <BackButton onClick={onBack} />
      </div>
    </section>
  );
}

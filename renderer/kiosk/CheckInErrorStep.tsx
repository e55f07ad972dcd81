import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../core/errors.ts';
import { serviceDay } from '../../core/service-day.ts';
import { CHECK_IN_OPENS_BEFORE_MINUTES, type PublicBooking } from '../../core/visitor-api.ts';
import { useNow } from '../counter/useNow.ts';
import { formatDate, formatTime } from '../shared/format.ts';
import { BAD_RESPONSE_ERROR, NETWORK_ERROR, UNAUTHORIZED_ERROR } from '../shared/hall-api.ts';
import { currentLanguage } from '../shared/i18n.ts';
import { StepHeading } from './StepHeading.tsx';

interface CheckInErrorStepProps {
  error: ErrorInfo;
  code: string;
  /** The booking, read after the refusal, for its times (null when it could not be read). */
  booking: PublicBooking | null;
  timeZone: string;
  onRetry: () => void;
  onNewNumber: () => void;
}

const KNOWN = new Set(['not_found', 'check_in_not_open', 'booking_expired', 'booking_cancelled', 'already_checked_in']);

/**
 * The booking was not checked in: too early (come back at…), too late or cancelled (take a new
 * number), an unknown code (check it), already checked in (your number is…); each with the way on.
 */
export function CheckInErrorStep({ error, code, booking, timeZone, onRetry, onNewNumber }: CheckInErrorStepProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const now = useNow(60_000);
  const time = (ms: number): string => formatTime(ms, timeZone);
  let title = t('kiosk.checkInErrorTitle');
  let text = error.message;
  let detail: string | null = null;

  if (KNOWN.has(error.code)) {
    title = t(`kiosk.${error.code as 'not_found'}`);
    detail = error.message;
    if (error.code === 'not_found') text = t('kiosk.not_foundText', { code });
    else if (error.code === 'booking_cancelled') text = t('kiosk.booking_cancelledText');
    else if (error.code === 'already_checked_in') {
      text = booking?.ticket ? t('kiosk.already_checked_inText', { number: booking.ticket.number }) : t('kiosk.already_checked_inNoNumber');
    } else if (booking === null) {
      text = error.code === 'booking_expired' ? t('kiosk.booking_cancelledText') : error.message;
      detail = null;
    } else if (error.code === 'booking_expired') {
      text = t('kiosk.booking_expiredText', { slot: booking.slotTime, closes: time(booking.checkInClosesAt) });
    } else {
      const today = serviceDay(now, timeZone);
      text =
        booking.date === today
          ? t('kiosk.check_in_not_openText', { slot: booking.slotTime, opens: time(booking.checkInOpensAt), before: CHECK_IN_OPENS_BEFORE_MINUTES })
          : t('kiosk.check_in_not_openDay', { date: formatDate(booking.slotStart, timeZone, currentLanguage(i18n)), slot: booking.slotTime, opens: time(booking.checkInOpensAt) });
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
        <p className="kiosk-alert-help">{t('kiosk.checkInHelp')}</p>
        {detail !== null && <p className="kiosk-alert-detail">{t('hall.detail', { message: detail })}</p>}
      </div>
      <div className="step-actions">
        <button type="button" className="kiosk-button" onClick={onRetry}>
          {t('kiosk.tryAnotherCode')}
        </button>
        <button type="button" className="kiosk-button kiosk-button-primary" onClick={onNewNumber}>
          {t('kiosk.takeNewNumber')}
        </button>
      </div>
    </section>
  );
}

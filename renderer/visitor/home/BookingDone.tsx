import { useTranslation } from 'react-i18next';
import type { PublicBooking } from '../../../core/visitor-api.ts';
import { trackingPagePath } from '../../../core/visitor-pages.ts';
import { currentLanguage } from '../../shared/languages.ts';
import { QrCode } from '../QrCode.tsx';
import { checkInWindow, formatDayLong } from '../visitor-dates.ts';
import { StepHeading } from '../visitor-page.tsx';

/** The booking code large and what it is for; while it waits for check-in, its QR code for the kiosk and when to check in. */
export function BookingCard({ booking }: { booking: PublicBooking }) {
  const { t, i18n } = useTranslation();
  const slotWindow = checkInWindow(booking);
  const date = formatDayLong(booking.date, currentLanguage(i18n));
  return (
    <div className="v-card v-booking-card">
      <p className="v-code-title">{t('visitorPages.book_code')}</p>
      <p className="v-code" aria-hidden="true">
        {booking.code}
      </p>
      <p className="visually-hidden">{t('visitorPages.book_codeLabel', { code: booking.code.split('').join(' ') })}</p>
      {booking.status === 'booked' ? <QrCode value={booking.qrPayload} label={t('visitorPages.book_qrAlt', { code: booking.code })} /> : null}
      <p className="v-booking-what">
        <strong>{booking.serviceName}</strong> · {booking.agencyName}
        <br />
        {date}, {booking.slotTime}
      </p>
      {booking.status === 'booked' ? (
        <>
          <p className="v-check-in">{t('visitorPages.book_checkIn', { ...slotWindow, date })}</p>
          <p className="v-hint">{t('visitorPages.book_release', { to: slotWindow.to })}</p>
        </>
      ) : null}
    </div>
  );
}

interface BookingDoneProps {
  booking: PublicBooking;
  onCancel: () => void;
  onAnother: () => void;
}

/** After booking: the code and QR, what to do with them, and where to go next. */
export function BookingDone({ booking, onCancel, onAnother }: BookingDoneProps) {
  const { t } = useTranslation();
  return (
    <section className="v-form">
      <StepHeading>{t('visitorPages.book_done')}</StepHeading>
      <BookingCard booking={booking} />
      <p className="v-note">{t('visitorPages.book_save')}</p>
      <div className="v-actions v-actions-stack">
        <a className="v-button v-button-primary" href={trackingPagePath(booking.code)}>
          {t('visitorPages.book_track')}
        </a>
        <button type="button" className="v-button" onClick={onCancel}>
          {t('visitorPages.book_cancel')}
        </button>
        <button type="button" className="v-button" onClick={onAnother}>
          {t('visitorPages.book_another')}
        </button>
      </div>
    </section>
  );
}

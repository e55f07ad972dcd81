import { useTranslation } from 'react-i18next';
import type { PublicBooking } from '../../../core/visitor-api.ts';
import { bookingPagePath } from '../../../core/visitor-pages.ts';
import { currentLanguage } from '../../shared/languages.ts';
import { checkInWindow, formatDayLong } from '../visitor-dates.ts';

/** A booking code before check-in: when to come, until the kiosk turns it into a ticket (the stream then shows the ticket). */
export function BookingView({ booking }: { booking: PublicBooking }) {
  const { t, i18n } = useTranslation();
  const slot = checkInWindow(booking);
  const when = t('visitorPages.track_bookingWhen', { date: formatDayLong(booking.date, currentLanguage(i18n)), time: booking.slotTime });
  return (
    <article className="v-card v-ticket">
      <p className="v-ticket-label">{t('visitorPages.track_bookingFor', { service: booking.serviceName })}</p>
      <p className="v-ticket-when">{when}</p>
      <p className="v-ticket-service">{booking.agencyName}</p>
      <div aria-live="polite" aria-atomic="true">
        <p className={`v-status v-status-${booking.status}`}>{t(`visitorPages.booking_status_${booking.status}`)}</p>
        {booking.status === 'booked' ? <p className="v-note">{t('visitorPages.track_bookingWaiting', slot)}</p> : null}
        {booking.status === 'cancelled' ? <p className="v-note">{t('visitorPages.track_bookingCancelled')}</p> : null}
        {booking.status === 'released' ? <p className="v-note">{t('visitorPages.track_bookingReleased', slot)}</p> : null}
      </div>
      {booking.status === 'booked' ? (
        <a className="v-button" href={bookingPagePath(booking.code)}>
          {t('visitorPages.booking_title')}
        </a>
      ) : null}
    </article>
  );
}

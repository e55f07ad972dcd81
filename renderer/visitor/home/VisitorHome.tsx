import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicApi } from '../public-api.ts';
import { useLoad } from '../use-load.ts';
import { failureText } from '../visitor-errors.ts';
import { Problem, VisitorShell } from '../visitor-page.tsx';
import { BookingFlow } from './BookingFlow.tsx';
import { BookingLookup } from './BookingLookup.tsx';
import { ServiceInfo } from './ServiceInfo.tsx';
import { useHomeView, type HomeView } from './use-home-view.ts';

/** `/visitor/`: service information, online booking, and one booking by its code; views switch in place. */
export function VisitorHome({ api }: { api: PublicApi }) {
  const { t } = useTranslation();
  const [view, navigate] = useHomeView();
  const services = useLoad(useCallback(() => api.services(), [api]));
  const [openedAt] = useState(() => Date.now());
  const answer = services.result ?? services.last;
  const data = answer?.ok ? answer.value : null;
  const title =
    view.name === 'info' ? t('visitorPages.info_title') : view.name === 'book' ? t('visitorPages.book_title') : t('visitorPages.booking_title');
  const go = (section: 'info' | 'book' | 'booking'): void =>
    navigate(section === 'book' ? { name: 'book', serviceId: null } : section === 'booking' ? { name: 'booking', code: null } : { name: 'info' });

  let content;
  if (view.name === 'booking') {
    content = <BookingLookup api={api} code={view.code} onCode={(code) => navigate({ name: 'booking', code }, { replace: code === null })} />;
  } else if (data === null) {
    content =
      answer && !answer.ok ? (
        <Problem text={failureText(t, answer, 'load')} onRetry={services.reload} busy={services.loading} />
      ) : (
        <p className="v-note" role="status">
          {t('visitorPages.loading')}
        </p>
      );
  } else if (view.name === 'info') {
    content = <ServiceInfo data={data} onBook={(serviceId) => navigate({ name: 'book', serviceId })} />;
  } else {
    content = (
      <section className="v-section">
        <h1 className="v-page-title">{t('visitorPages.book_title')}</h1>
        <BookingFlow
          key={bookingKey(view)}
          api={api}
          data={data}
          now={(answer?.ok ? answer.serverNow : null) ?? openedAt}
          initialServiceId={view.serviceId}
          onShowBooking={(code) => navigate({ name: 'booking', code })}
        />
      </section>
    );
  }
  return (
    <VisitorShell current={view.name} title={title} hallName={data?.hall.name} onNavigate={go}>
      {content}
    </VisitorShell>
  );
}

/** A new booking starts whenever the address names another service. */
const bookingKey = (view: HomeView): string => (view.name === 'book' ? (view.serviceId ?? '') : '');

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trackingPagePath } from '../../../core/visitor-pages.ts';
import { CODE_PATTERN, CodeForm, normalizeCode } from '../CodeForm.tsx';
import type { PublicApi } from '../public-api.ts';
import { deviceClock } from '../visitor-dates.ts';
import { failureText } from '../visitor-errors.ts';
import { SECTION_HREF, StepHeading, VisitorShell } from '../visitor-page.tsx';
import { BookingView } from './BookingView.tsx';
import { TicketView } from './TicketView.tsx';
import { useTrackStream, type TrackConnection, type TrackStreamOptions } from './use-track-stream.ts';

/** The code in the address (`?code=`, as printed QR codes give it), if it has the form of one. */
export function codeFromAddress(search: string): string | null {
  const code = normalizeCode(new URLSearchParams(search).get('code') ?? '');
  return CODE_PATTERN.test(code) ? code : null;
}

/** `/visitor/track/?code=…`: a ticket or booking followed live, or the form to type its code. */
export function TrackPage({ api, stream: streamOptions }: { api: PublicApi; stream?: TrackStreamOptions | undefined }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<string | null>(() => codeFromAddress(window.location.search));
  const typed = new URLSearchParams(window.location.search).get('code');
  const stream = useTrackStream(api, code, streamOptions);
  const data = stream.data;
  const ticket = data?.type === 'ticket' ? data.track : null;
  const calledAt = ticket?.status === 'called' ? ticket.counterNumber : null;

  // A call makes the phone buzz (where it can) and names the counter in the tab, for a page left in the background.
  useEffect(() => {
    if (calledAt !== null) navigator.vibrate?.([300, 150, 300]);
  }, [calledAt, ticket?.number]);

  const choose = (next: string | null): void => {
    try {
      window.history.replaceState(null, '', next === null ? SECTION_HREF.track : trackingPagePath(next));
    } catch {
      // the address stays; the page follows the new code anyway
    }
    setCode(next);
  };

  const stopped = stream.connection === 'stopped';
  const title =
    calledAt !== null
      ? t('visitorPages.track_calledTitle', { number: calledAt })
      : ticket
        ? `${ticket.number} · ${t(`visitorPages.track_status_${ticket.status}`)}`
        : t('visitorPages.track_title');
  return (
    <VisitorShell current="track" title={title}>
      <section className="v-section">
        <StepHeading level={1}>{t('visitorPages.track_title')}</StepHeading>
        {code === null || stopped ? (
          <CodeForm
            key={code ?? ''}
            label={t('visitorPages.track_code')}
            hint={t('visitorPages.track_codeHint')}
            invalidText={t('visitorPages.track_codeInvalid')}
            submitLabel={t('visitorPages.track_show')}
            initial={code ?? typed ?? ''}
            error={stopped && stream.failure ? failureText(t, stream.failure, 'track') : typed && code === null ? t('visitorPages.track_codeInvalid') : null}
            onSubmit={(c) => choose(c)}
          />
        ) : (
          <>
            <LiveBadge connection={stream.connection} updatedAt={stream.updatedAt} />
            {data === null ? null : data.type === 'ticket' ? (
              <TicketView code={code} track={data.track} survey={data.survey} />
            ) : (
              <BookingView booking={data.booking} />
            )}
            {stream.connection === 'reconnecting' && stream.failure ? <p className="v-hint">{failureText(t, stream.failure, 'track')}</p> : null}
            <div className="v-actions">
              <button type="button" className="v-link-button" onClick={() => choose(null)}>
                {t('visitorPages.track_other')}
              </button>
            </div>
          </>
        )}
      </section>
    </VisitorShell>
  );
}

/** "Updated live · 10:42:05", or that the page is reconnecting by itself and how old the data is. */
function LiveBadge({ connection, updatedAt }: { connection: TrackConnection; updatedAt: number | null }) {
  const { t } = useTranslation();
  const time = updatedAt === null ? null : deviceClock(updatedAt);
  const text =
    connection === 'live'
      ? time
        ? t('visitorPages.track_liveAt', { time })
        : t('visitorPages.track_live')
      : connection === 'reconnecting'
        ? time
          ? t('visitorPages.track_reconnectingAt', { time })
          : t('visitorPages.track_reconnecting')
        : t('visitorPages.track_connecting');
  return (
    <p className={`v-live v-live-${connection}`} data-connection={connection}>
      <span className="v-live-dot" aria-hidden="true" /> {text}
    </p>
  );
}

import { useTranslation } from 'react-i18next';
import type { TrackResponse } from '../../../core/api.ts';
import type { SKM_STATES } from '../../../core/visitor-api.ts';
import { surveyPagePath } from '../../../core/visitor-pages.ts';

type SurveyState = (typeof SKM_STATES)[number];

const localClock = (at: number): string => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

/**
 * A ticket as its holder follows it: the number large, what is happening now and what to do:
 * people ahead and the estimated wait while waiting, the counter to go to when called, the
 * survey once finished. The part that changes is a polite live region; a call is an alert.
 */
export function TicketView({ code, track, survey }: { code: string; track: TrackResponse; survey: SurveyState }) {
  const { t } = useTranslation();
  const { status } = track;
  const counter = track.counterNumber;
  return (
    <article className={`v-card v-ticket v-ticket-${status}`} aria-labelledby="v-ticket-number">
      <p className="v-ticket-label">{t('visitorPages.track_number')}</p>
      <p id="v-ticket-number" className="v-ticket-number">
        {track.number}
      </p>
      <p className="v-ticket-service">
        {track.serviceName} · {track.agencyName}
      </p>
      <div className="v-ticket-now" aria-live="polite" aria-atomic="true">
        <p className={`v-status v-status-${status}`}>{t(`visitorPages.track_status_${status}`)}</p>
        {status === 'called' && counter !== null ? (
          <p className="v-go" role="alert">
            {t('visitorPages.track_goTo', { number: counter })}
          </p>
        ) : null}
        {status === 'serving' && counter !== null ? <p className="v-go v-go-quiet">{t('visitorPages.track_servingAt', { number: counter })}</p> : null}
        {status === 'waiting' || status === 'transferred' ? (
          <dl className="v-facts v-facts-inline">
            <div>
              <dt>{t('visitorPages.track_ahead')}</dt>
              <dd className="v-big">
                {track.peopleAhead === null
                  ? '—'
                  : track.peopleAhead === 0
                    ? t('visitorPages.track_aheadNone')
                    : t('visitorPages.track_ahead', { count: track.peopleAhead })}
              </dd>
            </div>
            <div>
              <dt>{t('visitorPages.track_wait')}</dt>
              <dd className="v-big">
                {track.estimatedWaitMinutes === null ? t('visitorPages.track_waitUnknown') : t('visitorPages.track_wait', { count: track.estimatedWaitMinutes })}
              </dd>
            </div>
          </dl>
        ) : null}
      </div>
      {status === 'waiting' || status === 'transferred' || status === 'called' ? <p className="v-hint">{t('visitorPages.track_waitingHelp')}</p> : null}
      {status === 'no_show' ? <p className="v-note">{t('visitorPages.track_noShowHelp')}</p> : null}
      {status === 'cancelled' ? <p className="v-note">{t('visitorPages.track_cancelledHelp')}</p> : null}
      {status === 'done' ? (
        <div className="v-done">
          <p>{t('visitorPages.track_doneHelp')}</p>
          {survey === 'open' ? (
            <>
              <p>{t('visitorPages.track_survey')}</p>
              <a className="v-button v-button-primary" href={surveyPagePath(code)}>
                {t('visitorPages.track_surveyLink')}
              </a>
            </>
          ) : survey === 'answered' ? (
            <p className="v-success">{t('visitorPages.track_surveyDone')}</p>
          ) : null}
        </div>
      ) : null}
      <p className="v-hint">
        {t('visitorPages.track_issued')}: {localClock(track.issuedAt)}
      </p>
    </article>
  );
}

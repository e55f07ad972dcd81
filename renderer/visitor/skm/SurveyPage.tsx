import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrackResponse } from '../../../core/api.ts';
import { surveyPagePath, trackingPagePath } from '../../../core/visitor-pages.ts';
import { useSubmit } from '../../shared/FormField.tsx';
import { CODE_PATTERN, CodeForm, normalizeCode } from '../CodeForm.tsx';
import type { PublicApi, SkmAnswer } from '../public-api.ts';
import { useLoad } from '../use-load.ts';
import { failureText, isTransient, type Failure } from '../visitor-errors.ts';
import { Problem, StepHeading, VisitorShell } from '../visitor-page.tsx';
import { SurveyForm, type SurveyInput } from './SurveyForm.tsx';

export interface SurveyPageProps {
  api: PublicApi;
  /** From `?code=` (the ticket's link, the tracking page), or null to ask for it. */
  initialCode: string | null;
  /** The tablet at the counter (`?source=counter`): recorded as such, no menu, ready for the next visitor. */
  atCounter: boolean;
  /** On the counter tablet, the thank-you goes back to the start by itself after this long. */
  resetAfterMs?: number;
}

type Outcome = { kind: 'thanks'; answer: SkmAnswer } | { kind: 'closed'; failure: Failure };

/**
 * `/visitor/skm/?code=…`: the SKM survey of one finished ticket. The ticket is looked up first (a
 * survey opens once its service is done); one response per ticket, so a second gets the server's
 * 409 said plainly instead of a form.
 */
export function SurveyPage({ api, initialCode, atCounter, resetAfterMs = 30_000 }: SurveyPageProps) {
  const { t } = useTranslation();
  const [code, setCode] = useState(initialCode);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, send } = useSubmit();
  const lookup = useCallback(() => api.track(code ?? ''), [api, code]);
  const ticket = useLoad(code ? lookup : null);

  const choose = useCallback(
    (next: string | null): void => {
      try {
        const blank = `${surveyPagePath('').split('?')[0] ?? ''}${atCounter ? '?source=counter' : ''}`;
        window.history.replaceState(null, '', next === null ? blank : surveyPagePath(next, { counter: atCounter }));
      } catch {
        // the address stays; the page goes on with the new code
      }
      setOutcome(null);
      setProblem(null);
      setCode(next);
    },
    [atCounter],
  );

  // The counter tablet is ready for the next visitor by itself.
  useEffect(() => {
    if (!atCounter || outcome === null) return;
    const timer = setTimeout(() => choose(null), resetAfterMs);
    return () => clearTimeout(timer);
  }, [atCounter, outcome, resetAfterMs, choose]);

  const submit = async (input: SurveyInput): Promise<void> => {
    if (code === null) return;
    setProblem(null);
    const answer = await send(() =>
      api.submitSkm({
        trackingCode: code,
        answers: input.answers,
        ...(input.profile ? { profile: input.profile } : {}),
        ...(input.comment ? { comment: input.comment } : {}),
        source: atCounter ? 'counter_tablet' : 'link',
      }),
    );
    if (answer.ok) return setOutcome({ kind: 'thanks', answer: answer.value });
    if (answer.error.code === 'already_answered' || answer.error.code === 'not_finished' || answer.error.code === 'not_found') {
      return setOutcome({ kind: 'closed', failure: answer });
    }
    setProblem(failureText(t, answer, 'skm'));
  };

  const found: TrackResponse | null = ticket.result?.ok ? ticket.result.value : null;
  let content;
  if (outcome?.kind === 'thanks') {
    content = (
      <div className="v-card v-thanks" role="status">
        <h2 className="v-subheading">{t('visitorPages.skm_thanks')}</h2>
        <p>{t('visitorPages.skm_thanksText', { number: outcome.answer.ticketNumber, service: outcome.answer.serviceName })}</p>
      </div>
    );
  } else if (outcome?.kind === 'closed') {
    const answered = outcome.failure.error.code === 'already_answered';
    content = (
      <div className={answered ? 'v-card v-thanks' : 'v-card'}>
        <h2 className="v-subheading">{answered ? t('visitorPages.skm_answeredTitle') : t('visitorPages.skm_notFinishedTitle')}</h2>
        <p role="alert">{failureText(t, outcome.failure, 'skm')}</p>
      </div>
    );
  } else if (code === null || (ticket.result && !ticket.result.ok && !isTransient(ticket.result))) {
    content = (
      <CodeForm
        key={code ?? ''}
        label={t('visitorPages.skm_code')}
        hint={t('visitorPages.skm_codeHint')}
        invalidText={t('visitorPages.track_codeInvalid')}
        submitLabel={t('visitorPages.skm_start')}
        initial={code ?? ''}
        error={ticket.result && !ticket.result.ok ? failureText(t, ticket.result, 'skm') : null}
        onSubmit={(c) => (c === code ? ticket.reload() : choose(c))}
      />
    );
  } else if (ticket.result && !ticket.result.ok) {
    content = <Problem text={failureText(t, ticket.result, 'skm')} onRetry={ticket.reload} />;
  } else if (found === null) {
    content = (
      <p className="v-note" role="status">
        {t('visitorPages.skm_checking')}
      </p>
    );
  } else if (found.status !== 'done') {
    content = (
      <div className="v-card">
        <h2 className="v-subheading">{t('visitorPages.skm_notFinishedTitle')}</h2>
        <p>{t('visitorPages.error_not_finished')}</p>
        <a className="v-button" href={trackingPagePath(code)}>
          {t('visitorPages.skm_trackLink')}
        </a>
      </div>
    );
  } else {
    content = (
      <>
        <p className="v-ticket-chip">{t('visitorPages.skm_ticket', { number: found.number, service: found.serviceName })}</p>
        <SurveyForm busy={busy} problem={problem} onSubmit={(input) => void submit(input)} />
      </>
    );
  }

  return (
    <VisitorShell current="skm" title={t('visitorPages.skm_title')} bare={atCounter}>
      <section className="v-section">
        {atCounter ? <p className="v-step">{t('visitorPages.skm_counterMode')}</p> : null}
        <StepHeading level={1}>{t('visitorPages.skm_title')}</StepHeading>
        <p className="v-lead">{t('visitorPages.skm_intro')}</p>
        {content}
        {atCounter && outcome !== null ? (
          <button type="button" className="v-button v-button-primary v-button-wide" onClick={() => choose(null)}>
            {t('visitorPages.skm_next')}
          </button>
        ) : null}
      </section>
    </VisitorShell>
  );
}

/** The survey page's settings from its address: the code and whether it runs on the counter's tablet. */
export function surveyAddress(search: string): { code: string | null; atCounter: boolean } {
  const params = new URLSearchParams(search);
  const code = normalizeCode(params.get('code') ?? '');
  return { code: CODE_PATTERN.test(code) ? code : null, atCounter: params.get('source') === 'counter' };
}

import { useCallback, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicBooking } from '../../../core/visitor-api.ts';
import { trackingPagePath } from '../../../core/visitor-pages.ts';
import { FormField, useSubmit } from '../../shared/FormField.tsx';
import { CodeForm, VISITOR_FIELD } from '../CodeForm.tsx';
import type { PublicApi } from '../public-api.ts';
import { useLoad } from '../use-load.ts';
import { failureText, isTransient } from '../visitor-errors.ts';
import { Problem, StepHeading } from '../visitor-page.tsx';
import { BookingCard } from './BookingDone.tsx';

interface BookingLookupProps {
  api: PublicApi;
  /** From the address (`?view=booking&code=…`), or null to ask for it. */
  code: string | null;
  onCode: (code: string | null) => void;
}

/** One booking by its code: its state, its QR code while it waits for check-in, and cancelling it. */
export function BookingLookup({ api, code, onCode }: BookingLookupProps) {
  const { t } = useTranslation();
  const load = useCallback(() => api.booking(code ?? ''), [api, code]);
  const found = useLoad(code ? load : null);
  const [changed, setChanged] = useState<PublicBooking | null>(null);
  const booking = changed?.code === code ? changed : found.result?.ok ? found.result.value : null;

  return (
    <section className="v-section">
      <StepHeading level={1}>{t('visitorPages.booking_title')}</StepHeading>
      {code === null || (found.result && !found.result.ok && !isTransient(found.result)) ? (
        <CodeForm
          key={code ?? ''}
          label={t('visitorPages.booking_code')}
          hint={t('visitorPages.booking_codeHint')}
          invalidText={t('visitorPages.booking_codeInvalid')}
          submitLabel={t('visitorPages.booking_find')}
          initial={code ?? ''}
          error={found.result && !found.result.ok ? failureText(t, found.result, 'lookup') : null}
          onSubmit={(c) => (c === code ? found.reload() : onCode(c))}
        />
      ) : booking === null ? (
        found.result && !found.result.ok ? (
          <Problem text={failureText(t, found.result, 'lookup')} onRetry={found.reload} />
        ) : (
          <p className="v-note" role="status">
            {t('visitorPages.booking_finding')}
          </p>
        )
      ) : (
        <>
          <p className="v-status-line">
            {t('visitorPages.booking_status')}: <strong className={`v-status v-status-${booking.status}`}>{t(`visitorPages.booking_status_${booking.status}`)}</strong>
          </p>
          {booking.ticket ? <p className="v-note">{t('visitorPages.booking_ticket', { number: booking.ticket.number })}</p> : null}
          <BookingCard booking={booking} />
          {booking.status === 'booked' ? <CancelForm api={api} booking={booking} onCancelled={setChanged} /> : null}
          {changed?.status === 'cancelled' && changed.code === code ? (
            <p className="v-success" role="status">
              {t('visitorPages.booking_cancelled', { code: booking.code })}
            </p>
          ) : null}
          <div className="v-actions v-actions-stack">
            {booking.status === 'booked' || booking.status === 'checked_in' ? (
              <a className="v-button v-button-primary" href={trackingPagePath(booking.code)}>
                {t('visitorPages.book_track')}
              </a>
            ) : null}
            <button type="button" className="v-button" onClick={() => onCode(null)}>
              {t('visitorPages.booking_other')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function CancelForm({ api, booking, onCancelled }: { api: PublicApi; booking: PublicBooking; onCancelled: (b: PublicBooking) => void }) {
  const { t } = useTranslation();
  const [digits, setDigits] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const { busy, submitWith, send } = useSubmit();

  const cancel = async (): Promise<void> => {
    const last4 = digits.trim();
    if (!/^\d{4}$/.test(last4)) {
      setError(t('visitorPages.booking_last4Invalid'));
      input.current?.focus();
      return;
    }
    setError(null);
    setProblem(null);
    const answer = await send(() => api.cancel(booking.code, last4));
    if (answer.ok) return onCancelled(answer.value);
    const text = failureText(t, answer, 'cancel');
    if (answer.error.code === 'phone_mismatch' || answer.error.field === 'phoneLast4') {
      setError(text);
      input.current?.focus();
    } else {
      setProblem(text);
    }
  };

  return (
    <form className="v-form v-cancel" onSubmit={(event: FormEvent) => submitWith(event, cancel)} noValidate aria-busy={busy}>
      <h2 className="v-subheading">{t('visitorPages.booking_cancelTitle')}</h2>
      <FormField
        ref={input}
        classes={VISITOR_FIELD}
        label={t('visitorPages.booking_last4')}
        hint={t('visitorPages.booking_last4Hint', { masked: booking.phoneMasked })}
        value={digits}
        onChange={(event) => {
          setDigits(event.target.value.replace(/\D/g, '').slice(0, 4));
          setError(null);
        }}
        error={error}
        inputMode="numeric"
        autoComplete="off"
        maxLength={4}
        enterKeyHint="done"
      />
      {problem ? <Problem text={problem} /> : null}
      <button type="submit" className="v-button v-button-danger" disabled={busy}>
        {busy ? t('visitorPages.booking_cancelling') : t('visitorPages.booking_cancel')}
      </button>
    </form>
  );
}

import type { TFunction } from 'i18next';
import type { PublicResult } from './public-api.ts';

/** A failed answer of the public API. */
export type Failure = Extract<PublicResult<unknown>, { ok: false }>;

/** Where a failure happened: the same code can need different next steps (a 404 of a booking vs a ticket). */
export type FailureContext = 'load' | 'book' | 'lookup' | 'cancel' | 'track' | 'skm';

const minutes = (seconds: number | null): number => Math.max(1, Math.ceil((seconds ?? 600) / 60));

/**
 * The visitor's words for a failure, always ending with what to do next. Codes the page knows are
 * said in the page's language; anything else falls back to the server's own sentence.
 */
export function failureText(t: TFunction, failure: Failure, context: FailureContext, limits: { maxPerPhone?: number } = {}): string {
  const { code, message, field } = failure.error;
  switch (code) {
    case 'network':
      return t('visitorPages.error_network');
    case 'timeout':
      return t('visitorPages.error_timeout');
    case 'bad_response':
      return t('visitorPages.error_bad_response');
    case 'internal':
    case 'http_error':
      return failure.status !== null && failure.status < 500 ? t('visitorPages.error_other', { message }) : t('visitorPages.error_internal');
    case 'server_busy':
    case 'hall_not_configured':
      return t('visitorPages.error_busy');
    case 'too_many_streams':
      return t('visitorPages.error_too_many_streams');
    case 'rate_limited':
      if (field === 'phone') return t('visitorPages.error_phoneLimit', { max: limits.maxPerPhone ?? 3 });
      if (context === 'cancel' || field === 'phoneLast4') return t('visitorPages.error_cancelLimit', { count: minutes(failure.retryAfterSeconds) });
      return t('visitorPages.error_addressLimit', { count: minutes(failure.retryAfterSeconds) });
    case 'not_found':
      return context === 'lookup' || context === 'cancel' ? t('visitorPages.error_bookingNotFound') : t('visitorPages.error_codeNotFound');
    case 'slot_full':
    case 'slot_passed':
    case 'booking_quota_reached':
    case 'booking_closed':
    case 'unknown_service':
    case 'phone_mismatch':
    case 'booking_cancelled':
    case 'booking_expired':
    case 'already_checked_in':
    case 'not_finished':
    case 'already_answered':
      return t(`visitorPages.error_${code}`);
    case 'invalid_request':
      return t('visitorPages.error_invalid', { message });
    default:
      return t('visitorPages.error_other', { message });
  }
}

/** A failure worth trying again as it is (the network, a busy or broken server), rather than changing the input. */
export function isTransient(failure: Failure): boolean {
  return failure.status === null || failure.status >= 500;
}

import { useTranslation } from 'react-i18next';
import { ERROR_CODES } from '../../core/error-codes.ts';
import type { ErrorInfo } from '../../core/errors.ts';

/** Error codes the screen explains in the officer's language; any other shows its own message. */
const KNOWN_CODES = [...ERROR_CODES, 'transport'] as const;
type KnownCode = (typeof KNOWN_CODES)[number];

function isKnownCode(code: string): code is KnownCode {
  return (KNOWN_CODES as readonly string[]).includes(code);
}

interface ErrorAlertProps {
  error: ErrorInfo | null;
  onDismiss?: () => void;
}

/** The alert region: always in the page (so screen readers watch it), filled when a call fails. */
export function ErrorAlert({ error, onDismiss }: ErrorAlertProps) {
  const { t } = useTranslation();
  const known = error !== null && isKnownCode(error.code) ? error.code : null;
  return (
    <div role="alert" className={error ? 'alert alert-shown' : 'alert'}>
      {error && (
        <>
          <p className="alert-text">
            <strong>{t('errors.heading')}: </strong>
            {known ? t(`errors.${known}`) : error.message}
          </p>
          {known && error.message && <p className="alert-detail">{t('errors.detail', { message: error.message })}</p>}
          {onDismiss && (
            <button type="button" className="alert-dismiss" aria-label={t('errors.dismiss')} onClick={onDismiss}>
              <span aria-hidden="true">×</span>
            </button>
          )}
        </>
      )}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { ERROR_CODES } from '../../core/error-codes.ts';
import type { ErrorInfo } from '../../core/errors.ts';
import { isHardwareErrorCode } from './hardware-config.ts';

/** The codes a technician gets a fix for, rather than the officer's wording. */
const FIXES = ['server_unreachable', 'certificate_mismatch', 'enroll_code_invalid', 'invalid_request'] as const;
type FixCode = (typeof FIXES)[number];
const isFix = (code: string): code is FixCode => (FIXES as readonly string[]).includes(code);
const isKnown = (code: string): code is (typeof ERROR_CODES)[number] => (ERROR_CODES as readonly string[]).includes(code);

/**
 * Always in the page (so screen readers watch it); says what failed, why, and what to do. The
 * enrollment's own fixes apply on the enrollment screen only (`enrollment`, the default).
 */
export function TechnicianAlert({ title, error, enrollment = true }: { title: string; error: ErrorInfo | null; enrollment?: boolean }) {
  const { t } = useTranslation();
  const stop = error?.code === 'certificate_mismatch';
  const explanation =
    error === null
      ? ''
      : enrollment && isFix(error.code)
        ? t(`technician.fix_${error.code}`)
        : isKnown(error.code) || isHardwareErrorCode(error.code)
          ? t(`errors.${error.code}`)
          : error.message;
  return (
    <div role="alert" className={error ? `alert alert-shown${stop ? ' alert-stop' : ''}` : 'alert'}>
      {error && (
        <>
          <p className="alert-text">
            <strong>
              {stop && <span aria-hidden="true">⛔ </span>}
              {title}:{' '}
            </strong>
            {explanation}
          </p>
          {explanation !== error.message && <p className="alert-detail">{t('errors.detail', { message: error.message })}</p>}
        </>
      )}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { PublicService, Slot } from '../../../core/visitor-api.ts';
import { currentLanguage } from '../../shared/languages.ts';
import { formatDayLong } from '../visitor-dates.ts';
import { Problem, StepHeading } from '../visitor-page.tsx';

interface ReviewStepProps {
  service: PublicService;
  agencyName: string;
  date: string;
  slot: Slot;
  name: string;
  phone: string;
  busy: boolean;
  problem: { text: string; retry: boolean } | null;
  onChange: (step: 'service' | 'slot' | 'details') => void;
  onConfirm: () => void;
}

/** Step 4: everything once more, each part changeable, then the one button that books. */
export function ReviewStep({ service, agencyName, date, slot, name, phone, busy, problem, onChange, onConfirm }: ReviewStepProps) {
  const { t, i18n } = useTranslation();
  const row = (label: string, value: string, step: 'service' | 'slot' | 'details') => (
    <div className="v-summary-row">
      <dt>{label}</dt>
      <dd>
        <span>{value}</span>{' '}
        <button type="button" className="v-link-button" onClick={() => onChange(step)} disabled={busy} aria-label={`${t('visitorPages.book_change')}: ${label}`}>
          {t('visitorPages.book_change')}
        </button>
      </dd>
    </div>
  );
  return (
    <section className="v-form" aria-busy={busy}>
      <p className="v-step">{t('visitorPages.book_step', { n: 4 })}</p>
      <StepHeading>{t('visitorPages.book_review')}</StepHeading>
      <p className="v-hint">{t('visitorPages.book_reviewHint')}</p>
      <dl className="v-summary">
        {row(t('visitorPages.book_summaryService'), `${service.name} (${agencyName})`, 'service')}
        {row(t('visitorPages.book_summaryDate'), formatDayLong(date, currentLanguage(i18n)), 'slot')}
        {row(t('visitorPages.book_summaryTime'), slot.time, 'slot')}
        {row(t('visitorPages.book_summaryName'), name, 'details')}
        {row(t('visitorPages.book_summaryPhone'), phone, 'details')}
      </dl>
      {problem ? <Problem text={problem.text} onRetry={problem.retry ? onConfirm : undefined} busy={busy} /> : null}
      <div className="v-actions">
        <button type="button" className="v-button" onClick={() => onChange('details')} disabled={busy}>
          {t('visitorPages.back')}
        </button>
        <button type="button" className="v-button v-button-primary" onClick={onConfirm} disabled={busy}>
          {busy ? t('visitorPages.book_confirming') : t('visitorPages.book_confirm')}
        </button>
      </div>
    </section>
  );
}

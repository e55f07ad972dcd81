import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallConfig } from '../../../core/domain.ts';
import { REPORT_GROUP_BYS, REPORT_MAX_DAYS, type ReportGroupBy } from '../../../core/reports-api.ts';
import type { ReportRequest } from '../supervisor-api.ts';
import { pickOf, QUICK_PICKS, rangeFor, rangeProblem, type DayRange, type QuickPick } from './report-range.ts';

const RANGE_ENDS = ['from', 'to'] as const;

interface ReportControlsProps {
  config: HallConfig;
  /** The hall's today, YYYY-MM-DD. */
  today: string;
  applied: ReportRequest;
  onApply: (request: ReportRequest) => void;
}

/**
 * The report's options. The dates apply with "Show report" (or Enter), so typing a date asks for
 * nothing; a quick pick and each list apply at once.
 */
export function ReportControls({ config, today, applied, onApply }: ReportControlsProps) {
  const { t } = useTranslation();
  const [range, setRange] = useState<DayRange>({ from: applied.from, to: applied.to });
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { from: useId(), to: useId(), hint: useId(), problem: useId(), groupBy: useId(), agency: useId(), service: useId() };

  const apply = (patch: Partial<ReportRequest>, nextRange: DayRange = range): void => {
    const wrong = rangeProblem(nextRange);
    if (wrong !== null) {
      setProblem(
        wrong === 'missing' ? t('dashboard.rangeMissing') : wrong === 'reversed' ? t('dashboard.rangeReversed') : t('dashboard.rangeTooLong', { max: REPORT_MAX_DAYS }),
      );
      return;
    }
    setProblem(null);
    onApply({ ...applied, ...nextRange, ...patch });
  };

  const pick = (choice: QuickPick): void => {
    const next = rangeFor(choice, today);
    setRange(next);
    apply({}, next);
  };

  const chosenPick = pickOf({ from: applied.from, to: applied.to }, today);
  const services = config.services.filter((s) => applied.agencyId === null || s.agencyId === applied.agencyId);
  const describedBy = problem ? `${ids.problem} ${ids.hint}` : ids.hint;

  return (
    <form
      className="report-controls"
      aria-label={t('dashboard.reportForm')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        apply({});
      }}
    >
      <div className="report-range">
        {RANGE_ENDS.map((end) => (
          <div key={end} className="dash-field">
            <label htmlFor={ids[end]} className="dash-label">
              {t(`dashboard.${end}`)}
            </label>
            <input
              id={ids[end]}
              className="dash-input"
              type="date"
              value={range[end]}
              aria-invalid={problem ? true : undefined}
              aria-describedby={describedBy}
              onChange={(event) => setRange((r) => ({ ...r, [end]: event.target.value }))}
            />
          </div>
        ))}
        <button type="submit" className="dash-button dash-button-primary">
          {t('dashboard.show')}
        </button>
        <p id={ids.hint} className="dash-hint report-range-hint">
          {t('dashboard.rangeHint')}
        </p>
      </div>
      {problem && (
        <p id={ids.problem} className="dash-field-error" role="alert">
          {problem}
        </p>
      )}

      <div className="report-picks" role="group" aria-label={t('dashboard.quickPicks')}>
        {QUICK_PICKS.map((choice) => (
          <button key={choice} type="button" className="dash-button dash-chip" aria-pressed={chosenPick === choice} onClick={() => pick(choice)}>
            {t(`dashboard.pick_${choice}`)}
          </button>
        ))}
      </div>

      <div className="report-lists">
        <div className="dash-field">
          <label htmlFor={ids.groupBy} className="dash-label">
            {t('dashboard.groupBy')}
          </label>
          <select id={ids.groupBy} className="dash-input" value={applied.groupBy} onChange={(event) => apply({ groupBy: event.target.value as ReportGroupBy })}>
            {REPORT_GROUP_BYS.map((g) => (
              <option key={g} value={g}>
                {t(`dashboard.group_${g}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="dash-field">
          <label htmlFor={ids.agency} className="dash-label">
            {t('dashboard.agency')}
          </label>
          <select
            id={ids.agency}
            className="dash-input"
            value={applied.agencyId ?? ''}
            onChange={(event) => {
              const agencyId = event.target.value || null;
              const keepService = applied.serviceId !== null && config.services.some((s) => s.id === applied.serviceId && (agencyId === null || s.agencyId === agencyId));
              apply({ agencyId, serviceId: keepService ? applied.serviceId : null });
            }}
          >
            <option value="">{t('dashboard.allAgencies')}</option>
            {config.agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.shortName}
              </option>
            ))}
          </select>
        </div>
        <div className="dash-field">
          <label htmlFor={ids.service} className="dash-label">
            {t('dashboard.service')}
          </label>
          <select id={ids.service} className="dash-input" value={applied.serviceId ?? ''} onChange={(event) => apply({ serviceId: event.target.value || null })}>
            <option value="">{t('dashboard.allServices')}</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      </div>
    </form>
  );
}

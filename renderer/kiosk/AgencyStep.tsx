import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency } from '../../core/domain.ts';
import { agencyStyle } from '../shared/format.ts';
import { StepHeading } from './StepHeading.tsx';

/** Step 1: one big tile per agency that has services at this kiosk. */
export function AgencyStep({ agencies, onChoose }: { agencies: readonly Agency[]; onChoose: (agencyId: string) => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const hintId = useId();
  return (
    <section className="step" aria-labelledby={titleId}>
      <StepHeading id={titleId}>{t('kiosk.chooseAgency')}</StepHeading>
      <p id={hintId} className="step-hint">
        {agencies.length ? t('kiosk.chooseAgencyHint') : t('kiosk.noAgencies')}
      </p>
      <ul className="tiles" aria-describedby={hintId}>
        {agencies.map((agency) => (
          <li key={agency.id}>
            <button type="button" className="tile agency-tile" style={agencyStyle(agency.color)} onClick={() => onChoose(agency.id)}>
              <span className="agency-short">{agency.shortName}</span>
              {agency.name !== agency.shortName && (
                <>
                  {' '}
                  <span className="agency-name">{agency.name}</span>
                </>
              )}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

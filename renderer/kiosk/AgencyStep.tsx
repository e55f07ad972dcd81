import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency } from '../../core/domain.ts';
import { agencyStyle } from '../shared/format.ts';
import { StepHeading } from './StepHeading.tsx';

interface AgencyStepProps {
  agencies: readonly Agency[];
  onChoose: (agencyId: string) => void;
  /** "Sudah pesan online? Check-in": to the booking check-in (a scan anywhere on this screen goes there too). */
  onCheckIn: () => void;
}

/** Step 1: one big tile per agency that has services at this kiosk, and the way to check in an online booking. */
export function AgencyStep({ agencies, onChoose, onCheckIn }: AgencyStepProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const hintId = useId();
  const checkInHintId = useId();
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
      <div className="checkin-entry-bar">
        <button type="button" className="kiosk-button checkin-entry-button" aria-describedby={checkInHintId} onClick={onCheckIn}>
          <span className="checkin-entry-icon" aria-hidden="true">
            ▦
          </span>
          {t('kiosk.checkInEntry')}
        </button>
        <p id={checkInHintId} className="checkin-entry-hint">
          {t('kiosk.checkInEntryHint')}
        </p>
      </div>
    </section>
  );
}

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency, PriorityClass, Service } from '../../core/domain.ts';
import { agencyStyle } from '../shared/format.ts';
import { BackButton } from './BackButton.tsx';
import { PriorityToggle } from './PriorityToggle.tsx';
import { StepHeading } from './StepHeading.tsx';

interface RequirementsStepProps {
  agency: Agency;
  service: Service;
  busy: boolean;
  /** When the service is closed now: its hours in words (no number can be taken until then). */
  closedHours: string | null;
  onTake: (priority: PriorityClass) => void;
  onBack: () => void;
}

/** Step 3: what to bring, in full, with cost and time; the priority choice; and the one button that takes a number. */
export function RequirementsStep({ agency, service, busy, closedHours, onTake, onBack }: RequirementsStepProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const requirementsId = useId();
  const [priority, setPriority] = useState(false);
  const requirements = service.requirements.trim();
  const facts = (
    [
      ['cost', service.cost],
      ['timeStandard', service.timeStandard],
      ['legalBasis', service.legalBasis],
    ] as const
  ).filter(([, value]) => value !== undefined && value.trim() !== '');
  return (
    <section className="step step-requirements" aria-labelledby={titleId} aria-busy={busy} style={agencyStyle(agency.color)}>
      <p className="step-kicker">{agency.shortName}</p>
      <StepHeading id={titleId}>
        <span className="prefix-badge" aria-hidden="true">
          {service.prefix}
        </span>{' '}
        {service.name}
      </StepHeading>
      <div className="requirements" aria-labelledby={requirementsId}>
        <h3 id={requirementsId} className="requirements-title">
          {t('kiosk.requirements')}
        </h3>
        <p className="requirements-text">{requirements || t('kiosk.noRequirements')}</p>
      </div>
      {facts.length > 0 && (
        <dl className="service-facts">
          {facts.map(([key, value]) => (
            <div key={key} className={`service-fact service-fact-${key}`}>
              <dt>{t(`kiosk.${key}`)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {closedHours !== null && (
        <p role="status" className="closed-notice">
          {t('kiosk.closedNotice', { hours: closedHours })}
        </p>
      )}
      <PriorityToggle pressed={priority} disabled={busy} onToggle={() => setPriority((on) => !on)} />
      <div className="step-actions">
        <BackButton onClick={onBack} />
        <button
          type="button"
          className="kiosk-button kiosk-button-primary"
          disabled={busy || closedHours !== null}
          onClick={() => onTake(priority ? 'priority' : 'normal')}
        >
          {busy ? t('kiosk.taking') : t('kiosk.take')}
        </button>
      </div>
    </section>
  );
}

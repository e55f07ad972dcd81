import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency, PriorityClass, Service } from '../../core/domain.ts';
import { agencyStyle } from '../shared/format.ts';
import { BackButton } from './BackButton.tsx';
import { StepHeading } from './StepHeading.tsx';

interface RequirementsStepProps {
  agency: Agency;
  service: Service;
  busy: boolean;
  onTake: (priority: PriorityClass) => void;
  onBack: () => void;
}

/** Step 3: what to bring, in full; the priority choice; and the one button that takes a number. */
export function RequirementsStep({ agency, service, busy, onTake, onBack }: RequirementsStepProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const requirementsId = useId();
  const priorityHintId = useId();
  const [priority, setPriority] = useState(false);
  const requirements = service.requirements.trim();
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
      <button
        type="button"
        className="priority-toggle"
        aria-pressed={priority}
        aria-describedby={priorityHintId}
        disabled={busy}
        onClick={() => setPriority((on) => !on)}
      >
        <span className="priority-box" aria-hidden="true">
          {priority ? '✓' : ''}
        </span>
        <span>{t('kiosk.priority')}</span>
      </button>
      <p id={priorityHintId} className="priority-hint">
        {t('kiosk.priorityHint')}
      </p>
      <div className="step-actions">
        <BackButton onClick={onBack} />
        <button
          type="button"
          className="kiosk-button kiosk-button-primary"
          disabled={busy}
          onClick={() => onTake(priority ? 'priority' : 'normal')}
        >
          {busy ? t('kiosk.taking') : t('kiosk.take')}
        </button>
      </div>
    </section>
  );
}

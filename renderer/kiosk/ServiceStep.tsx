import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency, Service } from '../../core/domain.ts';
import { agencyStyle, summarize } from '../shared/format.ts';
import { BackButton } from './BackButton.tsx';
import { StepHeading } from './StepHeading.tsx';

interface ServiceStepProps {
  agency: Agency;
  services: readonly Service[];
  /** Services closed now by their opening hours: still shown (with their hours on the next step), marked. */
  closedIds: ReadonlySet<string>;
  onChoose: (serviceId: string) => void;
  onBack: () => void;
}

/** Step 2: the agency's services, each with its number prefix and the start of its requirements (and "closed now"). */
export function ServiceStep({ agency, services, closedIds, onChoose, onBack }: ServiceStepProps) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="step" aria-labelledby={titleId} style={agencyStyle(agency.color)}>
      <StepHeading id={titleId}>{t('kiosk.servicesOf', { agency: agency.shortName })}</StepHeading>
      <p className="step-hint">{services.length ? t('kiosk.chooseServiceHint') : t('kiosk.noServices')}</p>
      <ul className="tiles service-tiles">
        {services.map((service) => (
          <li key={service.id}>
            <button type="button" className="tile service-tile" onClick={() => onChoose(service.id)}>
              <span className="prefix-badge">
                <span className="visually-hidden">{t('kiosk.prefix')} </span>
                {service.prefix}
              </span>{' '}
              <span className="service-text">
                <span className="service-name">{service.name}</span>{' '}
                <span className="service-summary">{summarize(service.requirements, 90) || t('kiosk.noRequirements')}</span>
                {closedIds.has(service.id) && (
                  <>
                    {' '}
                    <span className="closed-badge">{t('kiosk.closedNow')}</span>
                  </>
                )}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="step-actions">
        <BackButton onClick={onBack} />
      </div>
    </section>
  );
}

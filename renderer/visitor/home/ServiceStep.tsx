import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicServicesResponse } from '../../../core/visitor-api.ts';
import { StepHeading } from '../visitor-page.tsx';

interface ServiceStepProps {
  data: PublicServicesResponse;
  serviceId: string | null;
  onNext: (serviceId: string) => void;
}

/** Step 1: the service, among those that take online bookings, grouped by agency. */
export function ServiceStep({ data, serviceId, onNext }: ServiceStepProps) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState(serviceId);
  const [missing, setMissing] = useState(false);
  const errorId = useId();
  const agencies = data.agencies.map((a) => ({ ...a, services: a.services.filter((s) => s.booking.enabled) })).filter((a) => a.services.length > 0);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (chosen === null) return setMissing(true);
    onNext(chosen);
  };
  return (
    <form className="v-form" onSubmit={submit} noValidate>
      <p className="v-step">{t('visitorPages.book_step', { n: 1 })}</p>
      <StepHeading>{t('visitorPages.book_service')}</StepHeading>
      {agencies.length === 0 ? (
        <p className="v-note">{t('visitorPages.book_noBookable')}</p>
      ) : (
        <>
          <p className="v-hint">{t('visitorPages.book_serviceHint')}</p>
          {agencies.map((agency) => (
            <fieldset key={agency.id} className="v-choices" aria-describedby={missing ? errorId : undefined}>
              <legend className="v-legend">{agency.shortName}</legend>
              {agency.services.map((service) => (
                <label key={service.id} className="v-choice">
                  <input
                    type="radio"
                    name="service"
                    value={service.id}
                    checked={chosen === service.id}
                    onChange={() => {
                      setChosen(service.id);
                      setMissing(false);
                    }}
                  />
                  <span className="v-choice-text">
                    <span className="v-choice-title">{service.name}</span>
                    <span className="v-choice-detail">{agency.name}</span>
                  </span>
                </label>
              ))}
            </fieldset>
          ))}
          {missing ? (
            <p id={errorId} className="v-field-error" role="alert">
              {t('visitorPages.book_service')}
            </p>
          ) : null}
          <div className="v-actions">
            <button type="submit" className="v-button v-button-primary">
              {t('visitorPages.next')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}

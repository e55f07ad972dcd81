import { useDeferredValue, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicService, PublicServicesResponse } from '../../../core/visitor-api.ts';
import { agencyStyle } from '../../shared/format.ts';
import { currentLanguage } from '../../shared/languages.ts';
import { formatOpeningHours } from '../visitor-dates.ts';
import { StepHeading } from '../visitor-page.tsx';

type Agency = PublicServicesResponse['agencies'][number];

/** Requirements are written as lines or `;`-separated items: one list item each. */
export function requirementItems(text: string): string[] {
  return text
    .split(/\r?\n|;\s*/)
    .map((item) => item.trim().replace(/^[-•*]\s*/, ''))
    .filter((item) => item !== '');
}

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function matches(agency: Agency, service: PublicService, query: string): boolean {
  const haystack = fold([agency.name, agency.shortName, service.name, service.prefix, service.requirements].join(' '));
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** informasi layanan: every agency's services with requirements, cost, time standard, legal basis and hours. */
export function ServiceInfo({ data, onBook }: { data: PublicServicesResponse; onBook: (serviceId: string) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim());
  const searchId = useId();
  const hintId = useId();
  const agencies = data.agencies
    .map((agency) => ({ agency, services: agency.services.filter((s) => deferred === '' || matches(agency, s, deferred)) }))
    .filter((a) => a.services.length > 0);

  return (
    <section className="v-section" aria-busy={deferred !== query.trim()}>
      <StepHeading level={1} focus={false}>
        {t('visitorPages.info_title')}
      </StepHeading>
      <p className="v-lead">{t('visitorPages.info_intro', { hall: data.hall.name })}</p>
      <div className="v-field v-search">
        <label htmlFor={searchId} className="v-label">
          {t('visitorPages.info_search')}
        </label>
        <input
          id={searchId}
          className="v-input"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          aria-describedby={hintId}
          autoComplete="off"
          enterKeyHint="search"
        />
        <p id={hintId} className="v-hint">
          {t('visitorPages.info_searchHint')}
        </p>
      </div>
      {data.agencies.length === 0 ? <p className="v-note">{t('visitorPages.info_none')}</p> : null}
      {data.agencies.length > 0 && agencies.length === 0 ? (
        <p className="v-note" role="status">
          {t('visitorPages.info_noMatch', { query: deferred })}
        </p>
      ) : null}
      {agencies.map(({ agency, services }) => (
        <AgencyServices key={agency.id} agency={agency} services={services} open={deferred !== ''} onBook={onBook} />
      ))}
    </section>
  );
}

function AgencyServices({ agency, services, open, onBook }: { agency: Agency; services: PublicService[]; open: boolean; onBook: (id: string) => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="v-agency" aria-labelledby={titleId} style={agencyStyle(agency.color ?? undefined)}>
      <h2 id={titleId} className="v-agency-title">
        <span className="v-agency-short">{agency.shortName}</span> <span className="v-agency-name">{agency.name}</span>
      </h2>
      <p className="v-agency-count">{t('visitorPages.info_services', { count: agency.services.length })}</p>
      <ul className="v-service-list">
        {services.map((service) => (
          <li key={service.id}>
            <ServiceDetails service={service} open={open} onBook={onBook} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ServiceDetails({ service, open, onBook }: { service: PublicService; open: boolean; onBook: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const items = requirementItems(service.requirements);
  const stated = (text: string) => (text.trim() ? text : <span className="v-muted">{t('visitorPages.info_notStated')}</span>);
  return (
    <details className="v-service" open={open || undefined}>
      <summary className="v-service-summary">
        <span className="v-prefix" aria-hidden="true">
          {service.prefix}
        </span>
        <span className="v-service-name">{service.name}</span>
        <span className="visually-hidden"> ({t('visitorPages.info_prefix', { prefix: service.prefix })})</span>
      </summary>
      <dl className="v-facts">
        <dt>{t('visitorPages.info_requirements')}</dt>
        <dd>
          {items.length === 0 ? (
            t('visitorPages.info_noRequirements')
          ) : (
            <ul className="v-requirements">
              {items.map((item, i) => (
                <li key={i}>{item}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('visitorPages.info_cost')}</dt>
        <dd>{stated(service.cost)}</dd>
        <dt>{t('visitorPages.info_timeStandard')}</dt>
        <dd>{stated(service.timeStandard)}</dd>
        <dt>{t('visitorPages.info_legalBasis')}</dt>
        <dd>{stated(service.legalBasis)}</dd>
        <dt>{t('visitorPages.info_hours')}</dt>
        <dd>{service.openingHours ? formatOpeningHours(service.openingHours, currentLanguage(i18n)) : t('visitorPages.info_hoursHall')}</dd>
      </dl>
      {service.booking.enabled ? (
        <button type="button" className="v-button v-button-primary" onClick={() => onBook(service.id)}>
          {t('visitorPages.info_book')}
        </button>
      ) : (
        <p className="v-note">{t('visitorPages.info_bookingOff')}</p>
      )}
    </details>
  );
}

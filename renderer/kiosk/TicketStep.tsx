import { useEffect, useEffectEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedTicket } from '../../core/api.ts';
import type { Agency, Service } from '../../core/domain.ts';
import { agencyStyle, formatTime } from '../shared/format.ts';
import { StepHeading } from './StepHeading.tsx';

interface TicketStepProps {
  ticket: IssuedTicket;
  service: Service | undefined;
  agency: Agency | undefined;
  timeZone: string;
  /** How long the ticket stays on screen before the kiosk goes back to its start. */
  showMs: number;
  onDone: () => void;
}

/** Step 4: the number, huge, with what it is for and how many are ahead; then back to the start. */
export function TicketStep({ ticket, service, agency, timeZone, showMs, onDone }: TicketStepProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const [left, setLeft] = useState(Math.ceil(showMs / 1000));
  const done = useEffectEvent(onDone);

  useEffect(() => {
    const end = setTimeout(() => done(), showMs);
    const tick = setInterval(() => setLeft((s) => Math.max(0, s - 1)), 1000);
    return () => {
      clearTimeout(end);
      clearInterval(tick);
    };
  }, [showMs]);

  return (
    <section className="step step-ticket" aria-labelledby={titleId} style={agencyStyle(agency?.color)}>
      <StepHeading id={titleId} className="ticket-heading">
        {t('kiosk.ticketHeading')}
      </StepHeading>
      <p className="ticket-number" aria-label={t('kiosk.ticketNumber', { number: ticket.number })}>
        {ticket.number}
      </p>
      {ticket.priority === 'priority' && <p className="ticket-priority">{t('kiosk.priorityBadge')}</p>}
      <dl className="ticket-facts">
        <div className="ticket-fact ticket-fact-wide">
          <dt>{t('kiosk.service')}</dt>
          <dd>{service?.name ?? ticket.serviceId}</dd>
        </div>
        <div className="ticket-fact ticket-fact-wide">
          <dt>{t('kiosk.agency')}</dt>
          <dd>{agency?.name ?? ''}</dd>
        </div>
        <div className="ticket-fact">
          <dt>{t('kiosk.time')}</dt>
          <dd>
            <time>{formatTime(ticket.issuedAt, timeZone)}</time>
          </dd>
        </div>
        <div className="ticket-fact">
          <dt>{t('kiosk.aheadLabel')}</dt>
          <dd>{ticket.peopleAhead === 0 ? t('kiosk.aheadNone') : t('kiosk.aheadCount', { count: ticket.peopleAhead })}</dd>
        </div>
      </dl>
      <p className="ticket-hint">{t('kiosk.ticketHint')}</p>
      <div className="step-actions step-actions-center">
        <button type="button" className="kiosk-button kiosk-button-primary" onClick={onDone}>
          {t('kiosk.done')}
        </button>
      </div>
      <p className="ticket-closing" aria-live="off">
        {t('kiosk.closing', { count: left })}
      </p>
    </section>
  );
}

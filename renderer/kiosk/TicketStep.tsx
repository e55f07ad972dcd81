import { useEffect, useEffectEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedTicket } from '../../core/api.ts';
import type { Agency, Service } from '../../core/domain.ts';
import { ticketPrint, type PrintOutcome } from '../../core/kiosk-printing.ts';
import { trackingPagePath } from '../../core/visitor-pages.ts';
import { agencyStyle, formatTime } from '../shared/format.ts';
import { PrintableTicket } from './PrintableTicket.tsx';
import { PrintStatus } from './PrintStatus.tsx';
import { QrImage } from './QrImage.tsx';
import { StepHeading } from './StepHeading.tsx';

interface TicketStepProps {
  ticket: IssuedTicket;
  /** What became of its print when it was issued. */
  print: PrintOutcome;
  /** A checked-in booking: the visitor's name, for the greeting. */
  visitorName?: string | undefined;
  service: Service | undefined;
  agency: Agency | undefined;
  hallName: string;
  timeZone: string;
  /** How long the ticket stays on screen before the kiosk goes back to its start (three times that after a failed print). */
  showMs: number;
  onReprint: () => Promise<PrintOutcome>;
  onDone: () => void;
}

/**
 * Step 4: the number, huge, with what it is for and how many are ahead, a QR code to follow it on
 * a phone, and its print (printing, or why not and "print again"); then back to the start.
 */
export function TicketStep({ ticket, print: issuedPrint, visitorName, service, agency, hallName, timeZone, showMs, onReprint, onDone }: TicketStepProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const [print, setPrint] = useState(issuedPrint);
  const [reprinting, setReprinting] = useState(false);
  const [printRound, setPrintRound] = useState(0);
  const failed = print.kind === 'network' && !print.ok;
  const stayMs = failed ? showMs * 3 : showMs;
  const origin = window.location.origin;
  const paper = print.kind === 'browser' ? print.paper : null;

  const printable = useMemo(
    () =>
      paper === null
        ? null
        : ticketPrint({
            hallName,
            agencyName: agency?.name ?? '',
            serviceName: service?.name ?? ticket.serviceId,
            number: ticket.number,
            issuedAt: ticket.issuedAt,
            timeZone,
            peopleAhead: ticket.peopleAhead,
            trackingCode: ticket.trackingCode,
            origin,
            paper,
          }),
    [paper, hallName, agency, service, ticket, timeZone, origin],
  );

  const reprint = (): void => {
    if (reprinting) return;
    if (print.kind === 'browser') {
      setPrintRound((n) => n + 1);
      return;
    }
    setReprinting(true);
    void onReprint().then((outcome) => {
      setPrint(outcome);
      setReprinting(false);
    });
  };

  return (
    <section className="step step-ticket" aria-labelledby={titleId} style={agencyStyle(agency?.color)}>
      {visitorName && <p className="ticket-welcome">{t('kiosk.welcome', { name: visitorName })}</p>}
      <StepHeading id={titleId} className="ticket-heading">
        {t('kiosk.ticketHeading')}
      </StepHeading>
      <p className="ticket-number" aria-label={t('kiosk.ticketNumber', { number: ticket.number })}>
        {ticket.number}
      </p>
      {ticket.priority === 'priority' && <p className="ticket-priority">{t('kiosk.priorityBadge')}</p>}
      <div className="ticket-body">
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
        <figure className="ticket-qr">
          <QrImage className="ticket-qr-image" value={`${origin}${trackingPagePath(ticket.trackingCode)}`} label={t('kiosk.qrLabel', { number: ticket.number })} />
          <figcaption>{t('kiosk.scanToTrack')}</figcaption>
        </figure>
      </div>
      <PrintStatus print={print} busy={reprinting} onReprint={reprint} />
      {!failed && <p className="ticket-hint">{t('kiosk.ticketHint')}</p>}
      <div className="step-actions step-actions-center">
        <button type="button" className="kiosk-button kiosk-button-primary" onClick={onDone}>
          {t('kiosk.done')}
        </button>
      </div>
      <Closing key={stayMs} ms={stayMs} onDone={onDone} />
      {printable && <PrintableTicket ticket={printable} priority={ticket.priority === 'priority'} printNow printRound={printRound} />}
    </section>
  );
}

/** "Kembali ke awal dalam 10 detik", counting down; then back to the start. Remounted (key) to start again. */
function Closing({ ms, onDone }: { ms: number; onDone: () => void }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(Math.ceil(ms / 1000));
  const done = useEffectEvent(onDone);
  useEffect(() => {
    const end = setTimeout(() => done(), ms);
    const tick = setInterval(() => setLeft((s) => Math.max(0, s - 1)), 1000);
    return () => {
      clearTimeout(end);
      clearInterval(tick);
    };
  }, [ms]);
  return (
    <p className="ticket-closing" aria-live="off">
      {t('kiosk.closing', { count: left })}
    </p>
  );
}

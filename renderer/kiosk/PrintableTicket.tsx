import { useEffect, useLayoutEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { TicketPrint } from '../../core/escpos.ts';
import { QrImage } from './QrImage.tsx';
import { installTicketPage } from './ticket-page.ts';

interface PrintableTicketProps {
  ticket: TicketPrint;
  priority: boolean;
  /** Print it once it is laid out and its QR code decoded (false: only keep it ready, e.g. for the PDF test). */
  printNow: boolean;
  /** Bumped to print it again. */
  printRound?: number;
}

/**
 * The ticket as the browser prints it: what the thermal printer prints (core/escpos.ts
 * `encodeTicket`), laid out in millimetres for 58 or 80 mm paper, on a page exactly that wide
 * (ticket-page.ts). Kept out of sight on the screen; in print it is the only thing on the page.
 */
export function PrintableTicket({ ticket, priority, printNow, printRound = 0 }: PrintableTicketProps) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  const qr = useRef<HTMLImageElement>(null);

  useLayoutEffect(() => {
    const element = ref.current;
    return element ? installTicketPage(element, ticket.paper) : undefined;
    // measured again when what it prints changes (another language makes other lines)
  }, [ticket, priority, i18n.language]);

  useEffect(() => {
    if (!printNow) return;
    let cancelled = false;
    // The QR image must be decoded before the page is printed, or it prints blank.
    const ready = qr.current?.decode?.().catch(() => undefined) ?? Promise.resolve();
    void ready.then(() => {
      if (!cancelled) window.print();
    });
    return () => {
      cancelled = true;
    };
  }, [printNow, printRound]);

  return createPortal(
    <section ref={ref} className="print-ticket" data-paper={ticket.paper} aria-hidden="true">
      <p className="pt-hall">{ticket.hallName}</p>
      <p className="pt-agency">{ticket.agencyName}</p>
      <p className="pt-service">{ticket.serviceName}</p>
      <hr className="pt-rule" />
      <p className="pt-label">{t('kiosk.printQueueNumber')}</p>
      <p className="pt-number">{ticket.number}</p>
      {priority && <p className="pt-priority">{t('kiosk.priorityBadge')}</p>}
      <p className="pt-time">{ticket.issuedAt}</p>
      <p className="pt-ahead">{t('kiosk.printAhead', { count: ticket.peopleAhead })}</p>
      <hr className="pt-rule" />
      <p className="pt-label">{t('kiosk.printTrack')}</p>
      <QrImage ref={qr} className="pt-qr" value={ticket.trackingUrl} label="" />
      <p className="pt-url">{ticket.trackingUrl}</p>
      <p className="pt-label">{t('kiosk.printSurvey')}</p>
      <p className="pt-url">{ticket.skmUrl}</p>
      <p className="pt-thanks">{t('kiosk.printThanks')}</p>
    </section>,
    document.body,
  );
}

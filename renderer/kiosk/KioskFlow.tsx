import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedTicket } from '../../core/api.ts';
import type { HallConfig, PriorityClass } from '../../core/domain.ts';
import type { ErrorInfo } from '../../core/errors.ts';
import type { PrintOutcome } from '../../core/kiosk-printing.ts';
import type { PublicBooking } from '../../core/visitor-api.ts';
import { useNow } from '../counter/useNow.ts';
import { currentLanguage, DEFAULT_LANGUAGE } from '../shared/i18n.ts';
import { AgencyStep } from './AgencyStep.tsx';
import { bookingCodeFromScan } from './booking-code.ts';
import { CheckInErrorStep } from './CheckInErrorStep.tsx';
import { CheckInStep } from './CheckInStep.tsx';
import { ErrorStep } from './ErrorStep.tsx';
import type { KioskApi } from './kiosk-api.ts';
import { KioskHeader } from './KioskHeader.tsx';
import { hoursText, isClosedNow } from './opening-hours-text.ts';
import { PrinterSetup } from './PrinterSetup.tsx';
import { RequirementsStep } from './RequirementsStep.tsx';
import { ServiceStep } from './ServiceStep.tsx';
import { TicketStep } from './TicketStep.tsx';
import { useBarcodeScan } from './useBarcodeScan.ts';
import { useIdle } from './useIdle.ts';

type Step =
  | { name: 'agencies' }
  | { name: 'services'; agencyId: string }
  | { name: 'service'; agencyId: string; serviceId: string }
  | { name: 'checkin'; code?: string; notACode?: boolean }
  | { name: 'ticket'; ticket: IssuedTicket; print: PrintOutcome; visitorName?: string }
  | { name: 'error'; error: ErrorInfo; agencyId: string; serviceId: string }
  | { name: 'checkinError'; error: ErrorInfo; code: string; booking: PublicBooking | null }
  | { name: 'setup' };

interface KioskFlowProps {
  config: HallConfig;
  api: KioskApi;
  idleMs: number;
  ticketMs: number;
}

const NO_PRINT: PrintOutcome = { kind: 'none' };

/**
 * agency → service → requirements (+ priority) → ticket; or "Sudah pesan online? Check-in" (or a
 * scan on the start screen) → booking code → ticket. Errors offer the way back. Ctrl+Shift+P opens
 * the printer setup for technicians.
 */
export function KioskFlow({ config, api, idleMs, ticketMs }: KioskFlowProps) {
  const { t, i18n } = useTranslation();
  const [step, setStep] = useState<Step>({ name: 'agencies' });
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  // Bumped by every return to the start: an answer that arrives afterwards is for nobody.
  const visit = useRef(0);
  const now = useNow(30_000);
  const timeZone = config.hall.timeZone;

  const agencies = useMemo(
    () => config.agencies.filter((agency) => config.services.some((service) => service.agencyId === agency.id)),
    [config],
  );
  const closedIds = useMemo(() => new Set(config.services.filter((s) => isClosedNow(s, now, timeZone)).map((s) => s.id)), [config, now, timeZone]);
  const agencyOf = (id: string) => config.agencies.find((agency) => agency.id === id);
  const serviceOf = (id: string) => config.services.find((service) => service.id === id);

  const restart = useCallback(() => {
    visit.current++;
    setStep({ name: 'agencies' });
    if (currentLanguage(i18n) !== DEFAULT_LANGUAGE) void i18n.changeLanguage(DEFAULT_LANGUAGE);
  }, [i18n]);

  const atStart = step.name === 'agencies' && currentLanguage(i18n) === DEFAULT_LANGUAGE;
  useIdle(idleMs, !atStart && !busy, restart);

  /** One request at a time; its answer is dropped when the kiosk went back to the start meanwhile. */
  const once = async <T,>(work: () => Promise<T>, done: (value: T) => void): Promise<void> => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    const mine = visit.current;
    try {
      const value = await work();
      if (mine === visit.current) done(value);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const take = (agencyId: string, serviceId: string, priority: PriorityClass): Promise<void> =>
    once(
      () => api.issue(serviceId, priority),
      (result) => {
        if (!result.ok) return setStep({ name: 'error', error: result.error, agencyId, serviceId });
        const { print, ...ticket } = result.value;
        setStep({ name: 'ticket', ticket, print: print ?? NO_PRINT });
      },
    );

  const checkIn = (code: string, priority: PriorityClass): Promise<void> =>
    once(
      async () => {
        const result = await api.checkIn(code, priority);
        // A refused check-in: the booking's own times make the message (too early: come back at…).
        const booking = !result.ok && result.status !== null && result.status < 500 ? await api.booking(code) : null;
        return { result, booking: booking?.ok ? booking.value : null };
      },
      ({ result, booking }) => {
        if (!result.ok) return setStep({ name: 'checkinError', error: result.error, code, booking });
        const { ticket, print, visitorName } = result.value;
        setStep({ name: 'ticket', ticket, print: print ?? NO_PRINT, visitorName });
      },
    );

  const reprint = async (ticketId: string): Promise<PrintOutcome> => {
    const result = await api.reprint(ticketId);
    return result.ok ? result.value.print : { kind: 'network', ok: false, error: { code: 'printer_failed', message: result.error.message } };
  };

  // A booking QR held to the scanner on the start screen checks it in at once.
  useBarcodeScan(step.name === 'agencies' && !busy, (text) => {
    const code = bookingCodeFromScan(text);
    if (code === null) return setStep({ name: 'checkin', notACode: true });
    setStep({ name: 'checkin', code });
    void checkIn(code, 'normal');
  });

  const back = (): void => {
    if (busy) return;
    if (step.name === 'services' || step.name === 'ticket' || step.name === 'checkin' || step.name === 'setup') restart();
    else if (step.name === 'service' || step.name === 'error') setStep({ name: 'services', agencyId: step.agencyId });
    else if (step.name === 'checkinError') setStep({ name: 'checkin' });
  };

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.ctrlKey && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'p') {
      event.preventDefault();
      if (!busy) setStep({ name: 'setup' });
      return;
    }
    if (event.key !== 'Escape' || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    back();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const start = (
    <AgencyStep key="agencies" agencies={agencies} onChoose={(agencyId) => setStep({ name: 'services', agencyId })} onCheckIn={() => setStep({ name: 'checkin' })} />
  );
  const body = (() => {
    // A refreshed configuration may have dropped what this step shows: then show the start.
    if (step.name === 'services' || step.name === 'service') {
      const agency = agencyOf(step.agencyId);
      if (agency === undefined) return start;
      const services = config.services.filter((service) => service.agencyId === agency.id);
      if (step.name === 'services') {
        return (
          <ServiceStep
            key={`services-${agency.id}`}
            agency={agency}
            services={services}
            closedIds={closedIds}
            onChoose={(serviceId) => setStep({ name: 'service', agencyId: agency.id, serviceId })}
            onBack={back}
          />
        );
      }
      const service = serviceOf(step.serviceId);
      if (service === undefined) return start;
      return (
        <RequirementsStep
          key={`service-${service.id}`}
          agency={agency}
          service={service}
          busy={busy}
          closedHours={closedIds.has(service.id) && service.openingHours ? hoursText(t, service.openingHours) : null}
          onTake={(priority) => void take(agency.id, service.id, priority)}
          onBack={back}
        />
      );
    }
    if (step.name === 'checkin') {
      return (
        <CheckInStep
          key={`checkin-${step.code ?? ''}`}
          busy={busy}
          initialCode={step.code}
          notACode={step.notACode ?? false}
          onSubmit={(code, priority) => void checkIn(code, priority)}
          onBack={back}
        />
      );
    }
    if (step.name === 'checkinError') {
      return (
        <CheckInErrorStep
          key="checkin-error"
          error={step.error}
          code={step.code}
          booking={step.booking}
          timeZone={timeZone}
          onRetry={() => setStep({ name: 'checkin' })}
          onNewNumber={restart}
        />
      );
    }
    if (step.name === 'ticket') {
      const service = serviceOf(step.ticket.serviceId);
      return (
        <TicketStep
          key={`ticket-${step.ticket.id}`}
          ticket={step.ticket}
          print={step.print}
          visitorName={step.visitorName}
          service={service}
          agency={service ? agencyOf(service.agencyId) : undefined}
          hallName={config.hall.name}
          timeZone={timeZone}
          showMs={ticketMs}
          onReprint={() => reprint(step.ticket.id)}
          onDone={restart}
        />
      );
    }
    if (step.name === 'error') return <ErrorStep key="error" error={step.error} service={serviceOf(step.serviceId)} onBack={back} />;
    if (step.name === 'setup') return <PrinterSetup key="setup" api={api} hallName={config.hall.name} timeZone={timeZone} onClose={restart} />;
    return start;
  })();

  return (
    <div className="kiosk">
      <KioskHeader hallName={config.hall.name} timeZone={timeZone} />
      <main className="kiosk-main">{body}</main>
    </div>
  );
}

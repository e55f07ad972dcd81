import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedTicket } from '../../core/api.ts';
import type { HallConfig, PriorityClass } from '../../core/domain.ts';
import type { ErrorInfo } from '../../core/errors.ts';
import { useDocumentLanguage } from '../shared/language.tsx';
import { isUnauthorized, type HallApi } from '../shared/hall-api.ts';
import { currentLanguage, DEFAULT_LANGUAGE } from '../shared/i18n.ts';
import { AgencyStep } from './AgencyStep.tsx';
import { ErrorStep } from './ErrorStep.tsx';
import { KioskHeader } from './KioskHeader.tsx';
import { RequirementsStep } from './RequirementsStep.tsx';
import { ServiceStep } from './ServiceStep.tsx';
import { KioskStartup } from './KioskStartup.tsx';
import { TicketStep } from './TicketStep.tsx';
import { useIdle } from './useIdle.ts';

export interface KioskTimings {
  /** Nobody touched the kiosk this long: back to the start (and to Bahasa Indonesia). */
  idleMs: number;
  /** How long a new ticket stays on screen. */
  ticketMs: number;
  /** Wait before loading the configuration again after a failure. */
  configRetryMs: number;
  /** Reload the configuration this often while all is well (new services, changed requirements). */
  configRefreshMs: number;
}

export const DEFAULT_KIOSK_TIMINGS: KioskTimings = {
  idleMs: 60_000,
  ticketMs: 10_000,
  configRetryMs: 10_000,
  configRefreshMs: 5 * 60_000,
};

interface KioskProps {
  token: string;
  apiFor: (token: string) => HallApi;
  timings?: Partial<KioskTimings> | undefined;
}

/** The kiosk of an enrolled device: loads the hall configuration, then runs the visitor flow. */
export function Kiosk({ token, apiFor, timings }: KioskProps) {
  const api = useMemo(() => apiFor(token), [apiFor, token]);
  const { idleMs, ticketMs, configRetryMs, configRefreshMs } = { ...DEFAULT_KIOSK_TIMINGS, ...timings };
  const { config, failure, reload } = useHallConfig(api, configRetryMs, configRefreshMs);
  useDocumentLanguage();

  if (config === null || failure?.unauthorized) return <KioskStartup failure={failure} onRetry={reload} />;
  return <KioskFlow config={config} api={api} idleMs={idleMs} ticketMs={ticketMs} />;
}

interface ConfigFailure {
  error: ErrorInfo;
  unauthorized: boolean;
}

/** The hall configuration, loaded now, retried after a failure, refreshed from time to time. */
function useHallConfig(api: HallApi, retryMs: number, refreshMs: number) {
  const [config, setConfig] = useState<HallConfig | null>(null);
  const [failure, setFailure] = useState<ConfigFailure | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const again = (ms: number): void => {
      timer = setTimeout(() => setAttempt((n) => n + 1), ms);
    };
    void api.config().then((result) => {
      if (cancelled) return;
      if (result.ok) {
        setConfig(result.value);
        setFailure(null);
        again(refreshMs);
      } else {
        // a failed refresh keeps the configuration the kiosk already has
        setFailure({ error: result.error, unauthorized: isUnauthorized(result) });
        again(retryMs);
      }
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, attempt, retryMs, refreshMs]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { config, failure, reload };
}

type Step =
  | { name: 'agencies' }
  | { name: 'services'; agencyId: string }
  | { name: 'service'; agencyId: string; serviceId: string }
  | { name: 'ticket'; ticket: IssuedTicket }
  | { name: 'error'; error: ErrorInfo; agencyId: string };

interface KioskFlowProps {
  config: HallConfig;
  api: HallApi;
  idleMs: number;
  ticketMs: number;
}

/** agency → service → requirements (+ priority) → ticket; errors offer the way back. */
function KioskFlow({ config, api, idleMs, ticketMs }: KioskFlowProps) {
  const { i18n } = useTranslation();
  const [step, setStep] = useState<Step>({ name: 'agencies' });
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  // Bumped by every return to the start: an answer that arrives afterwards is for nobody.
  const visit = useRef(0);

  const agencies = useMemo(
    () => config.agencies.filter((agency) => config.services.some((service) => service.agencyId === agency.id)),
    [config],
  );
  const agencyOf = (id: string) => config.agencies.find((agency) => agency.id === id);
  const serviceOf = (id: string) => config.services.find((service) => service.id === id);

  const restart = useCallback(() => {
    visit.current++;
    setStep({ name: 'agencies' });
    if (currentLanguage(i18n) !== DEFAULT_LANGUAGE) void i18n.changeLanguage(DEFAULT_LANGUAGE);
  }, [i18n]);

  const atStart = step.name === 'agencies' && currentLanguage(i18n) === DEFAULT_LANGUAGE;
  useIdle(idleMs, !atStart && !busy, restart);

  const take = async (agencyId: string, serviceId: string, priority: PriorityClass): Promise<void> => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    const mine = visit.current;
    try {
      const result = await api.issueTicket({ serviceId, priority, channel: 'kiosk' });
      if (mine !== visit.current) return;
      setStep(result.ok ? { name: 'ticket', ticket: result.value } : { name: 'error', error: result.error, agencyId });
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const back = (): void => {
    if (busy) return;
    if (step.name === 'services' || step.name === 'ticket') restart();
    else if (step.name === 'service' || step.name === 'error') setStep({ name: 'services', agencyId: step.agencyId });
  };

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    back();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const start = <AgencyStep key="agencies" agencies={agencies} onChoose={(agencyId) => setStep({ name: 'services', agencyId })} />;
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
          onTake={(priority) => void take(agency.id, service.id, priority)}
          onBack={back}
        />
      );
    }
    if (step.name === 'ticket') {
      const service = serviceOf(step.ticket.serviceId);
      return (
        <TicketStep
          key={`ticket-${step.ticket.id}`}
          ticket={step.ticket}
          service={service}
          agency={service ? agencyOf(service.agencyId) : undefined}
          timeZone={config.hall.timeZone}
          showMs={ticketMs}
          onDone={restart}
        />
      );
    }
    if (step.name === 'error') return <ErrorStep key="error" error={step.error} onBack={back} />;
    return start;
  })();

  return (
    <div className="kiosk">
      <KioskHeader hallName={config.hall.name} timeZone={config.hall.timeZone} />
      <main className="kiosk-main">{body}</main>
    </div>
  );
}

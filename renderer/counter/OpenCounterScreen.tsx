import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Service } from '../../core/domain.ts';
import type { ErrorInfo } from '../../core/errors.ts';
import type { ConnectionState, LoketApi } from '../../core/ipc.ts';
import { safeCall } from './call.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { GateLayout } from './GateLayout.tsx';
import { SignOutButton } from './SignOutButton.tsx';

interface OpenCounterScreenProps {
  api: LoketApi;
  hallName: string;
  counterNumber: number;
  services: readonly Service[];
  connection: ConnectionState;
  onConnection: (state: ConnectionState) => void;
}

/**
 * The officer chooses what the counter serves now: every service is ticked at first; Space or a
 * digit 1–9 ticks/unticks one, Enter opens the counter.
 */
export function OpenCounterScreen({ api, hallName, counterNumber, services, connection, onConnection }: OpenCounterScreenProps) {
  const { t } = useTranslation();
  const ids = { legend: useId(), hint: useId() };
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(services.map((s) => s.id)));
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const listRef = useRef<HTMLFieldSetElement>(null);

  useEffect(() => {
    listRef.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);

  const toggle = (id: string): void =>
    setChosen((now) => {
      const next = new Set(now);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const submit = async (event?: FormEvent): Promise<void> => {
    event?.preventDefault();
    if (inFlight.current) return;
    const serviceIds = services.filter((s) => chosen.has(s.id)).map((s) => s.id);
    if (serviceIds.length === 0) {
      setProblem(t('open.none'));
      return;
    }
    setProblem(null);
    setError(null);
    inFlight.current = true;
    setBusy(true);
    const result = await safeCall(() => api.openCounter({ serviceIds }));
    inFlight.current = false;
    setBusy(false);
    if (result.ok) onConnection(result.value);
    else setError(result.error);
  };

  // Digits toggle from anywhere in the form; Enter on a checkbox opens (a browser would not submit).
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (/^[1-9]$/.test(event.key)) {
      const service = services[Number(event.key) - 1];
      event.preventDefault();
      if (service) toggle(service.id);
    } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      void submit(event);
    }
  };

  return (
    <GateLayout
      title={t('open.title')}
      hallName={hallName}
      counterNumber={counterNumber}
      connection={connection}
      menu={<SignOutButton api={api} onConnection={onConnection} onError={setError} />}
    >
      {connection.officer && <p className="gate-intro">{t('open.greeting', { name: connection.officer.name })}</p>}
      <p className="gate-intro">{t('open.intro')}</p>
      <form className="gate-form" noValidate onSubmit={(event) => void submit(event)} onKeyDown={onKeyDown} aria-busy={busy}>
        <fieldset ref={listRef} className="open-services" aria-describedby={ids.hint}>
          <legend id={ids.legend} className="field-title">
            {t('open.services')}
          </legend>
          {services.length === 0 && <p className="field-error">{t('open.noServices')}</p>}
          {services.map((service, index) => (
            <label key={service.id} className="choice open-service">
              <input
                type="checkbox"
                checked={chosen.has(service.id)}
                onChange={() => toggle(service.id)}
                aria-keyshortcuts={index < 9 ? String(index + 1) : undefined}
              />
              <kbd aria-hidden="true">{index < 9 ? index + 1 : ''}</kbd>
              <span className="choice-name">{service.name}</span>
              <span className="chooser-prefix" aria-hidden="true">
                {service.prefix}
              </span>
            </label>
          ))}
        </fieldset>
        <p id={ids.hint} className="field-hint">
          {t('open.hint')}
        </p>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <ErrorAlert error={error} />
        <button type="submit" className="key-button key-button-primary gate-submit" disabled={busy || services.length === 0}>
          <kbd aria-hidden="true">Enter</kbd> <span>{busy ? t('open.busy') : t('open.submit')}</span>
        </button>
      </form>
    </GateLayout>
  );
}

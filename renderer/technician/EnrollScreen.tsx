import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../core/errors.ts';
import type { ConnectionState, LoketApi, ServerProbe } from '../../core/ipc.ts';
import { safeCall } from '../counter/call.ts';
import { GateLayout } from '../counter/GateLayout.tsx';
import { EnrollForm } from './EnrollForm.tsx';
import { Fingerprint } from './Fingerprint.tsx';
import { normalizeServerUrl, SERVER_URL_PATTERN } from './server-address.ts';
import { TechnicianAlert } from './TechnicianAlert.tsx';

interface EnrollScreenProps {
  api: LoketApi;
  onEnrolled: (state: ConnectionState) => void;
}

/**
 * The technician enrolls this counter PC with the hall server: 1. check the server (its
 * certificate fingerprint, to compare with what the server printed); 2. the one-time code and the
 * PC's name. The fingerprint seen here is what the enrollment pins.
 */
export function EnrollScreen({ api, onEnrolled }: EnrollScreenProps) {
  const { t } = useTranslation();
  const ids = { step: useId(), url: useId(), urlHint: useId(), urlError: useId() };
  const [url, setUrl] = useState('');
  const [urlProblem, setUrlProblem] = useState<string | null>(null);
  const [probe, setProbe] = useState<ServerProbe | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const urlRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    urlRef.current?.focus();
  }, []);

  const check = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (inFlight.current) return;
    const address = normalizeServerUrl(url);
    if (!SERVER_URL_PATTERN.test(address)) {
      setUrlProblem(t('technician.urlInvalid'));
      urlRef.current?.focus();
      return;
    }
    setUrl(address);
    setUrlProblem(null);
    setError(null);
    setProbe(null);
    inFlight.current = true;
    setBusy(true);
    const result = await safeCall(() => api.probeServer({ url: address }));
    inFlight.current = false;
    setBusy(false);
    if (result.ok) setProbe(result.value);
    else {
      setError(result.error);
      urlRef.current?.focus();
    }
  };

  return (
    <GateLayout title={t('technician.title')} hallName={null} counterNumber={null} connection={null}>
      <p className="gate-intro">{t('technician.intro')}</p>
      <form className="gate-form" noValidate onSubmit={(event) => void check(event)} aria-labelledby={ids.step} aria-busy={busy}>
        <h2 id={ids.step} className="gate-step">
          {t('technician.step1')}
        </h2>
        <div className="field">
          <label htmlFor={ids.url} className="field-title">
            {t('technician.serverUrl')}
          </label>
          <div className="field-row">
            <input
              id={ids.url}
              ref={urlRef}
              className="text-input url-input"
              type="url"
              inputMode="url"
              value={url}
              onChange={(e) => {
                setUrl(e.target.value);
                setProbe(null); // a changed address must be checked again
              }}
              autoComplete="off"
              spellCheck={false}
              placeholder="https://192.168.1.10:7420"
              aria-invalid={urlProblem ? true : undefined}
              aria-describedby={urlProblem ? `${ids.urlError} ${ids.urlHint}` : ids.urlHint}
            />
            <button type="submit" className="key-button" disabled={busy}>
              {busy ? t('technician.probing') : t('technician.probe')}
            </button>
          </div>
          <p id={ids.urlHint} className="field-hint">
            {t('technician.serverUrlHint')}
          </p>
          {urlProblem && (
            <p id={ids.urlError} className="field-error">
              {urlProblem}
            </p>
          )}
        </div>
        <TechnicianAlert title={t('technician.probeFailed')} error={error} />
      </form>
      {probe && (
        <>
          <Fingerprint probe={probe} />
          <EnrollForm key={`${probe.url}|${probe.fingerprint256}`} api={api} probe={probe} onEnrolled={onEnrolled} />
        </>
      )}
    </GateLayout>
  );
}

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ENROLL_CODE_PATTERN } from '../../core/api.ts';
import type { ErrorInfo } from '../../core/errors.ts';
import type { ConnectionState, LoketApi, ServerProbe } from '../../core/ipc.ts';
import { safeCall } from '../counter/call.ts';
import { normalizeEnrollCode } from '../shared/device-enrollment.tsx';
import { TechnicianAlert } from './TechnicianAlert.tsx';

interface EnrollFormProps {
  api: LoketApi;
  probe: ServerProbe;
  onEnrolled: (state: ConnectionState) => void;
}

type Field = 'confirm' | 'code' | 'name';

/**
 * Step 2: the technician confirms the fingerprint (https only), types the code and the PC's name;
 * "Daftarkan" sends the fingerprint they saw, which the service requires the server to present.
 */
export function EnrollForm({ api, probe, onEnrolled }: EnrollFormProps) {
  const { t } = useTranslation();
  const ids = { step: useId(), code: useId(), codeHint: useId(), name: useId(), nameHint: useId(), problem: useId() };
  const secure = probe.fingerprint256 !== null;
  const [confirmed, setConfirmed] = useState(false);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<{ field: Field; text: string } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const confirmRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const focus = (field: Field): void => ({ confirm: confirmRef, code: codeRef, name: nameRef })[field].current?.focus();

  // The form appears with the probe's answer (keyed by it): start where the technician goes next.
  useEffect(() => {
    (secure ? confirmRef : codeRef).current?.focus();
  }, [secure]);

  const refuse = (field: Field, text: string): void => {
    setProblem({ field, text });
    focus(field);
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (inFlight.current) return;
    const normalized = normalizeEnrollCode(code);
    const trimmedName = name.trim();
    if (secure && !confirmed) return refuse('confirm', t('technician.confirmMissing'));
    if (!ENROLL_CODE_PATTERN.test(normalized)) return refuse('code', t('technician.codeInvalid'));
    if (trimmedName === '' || trimmedName.length > 60) return refuse('name', t('technician.nameMissing'));
    setCode(normalized);
    setProblem(null);
    setError(null);
    inFlight.current = true;
    setBusy(true);
    const result = await safeCall(() =>
      api.enrollDevice({ url: probe.url, code: normalized, name: trimmedName, fingerprint256: probe.fingerprint256 }),
    );
    inFlight.current = false;
    setBusy(false);
    if (result.ok) return onEnrolled(result.value);
    setError(result.error);
    if (result.error.code === 'certificate_mismatch') setConfirmed(false);
    const field = result.error.field === 'name' ? 'name' : result.error.code === 'enroll_code_invalid' ? 'code' : null;
    if (field) focus(field);
  };

  const describedBy = (field: Field, hint?: string): string | undefined =>
    [problem?.field === field ? ids.problem : null, hint].filter(Boolean).join(' ') || undefined;

  return (
    <form className="gate-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby={ids.step} aria-busy={busy}>
      <h2 id={ids.step} className="gate-step">
        {t('technician.step2')}
      </h2>
      {secure && (
        <label className="choice confirm-choice">
          <input
            ref={confirmRef}
            type="checkbox"
            checked={confirmed}
            onChange={(e) => setConfirmed(e.target.checked)}
            aria-describedby={describedBy('confirm')}
          />
          <span>{t('technician.fingerprintConfirm')}</span>
        </label>
      )}
      <div className="field">
        <label htmlFor={ids.code} className="field-title">
          {t('technician.code')}
        </label>
        <input
          id={ids.code}
          ref={codeRef}
          className="text-input code-input"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={12}
          placeholder="K7QX-4M2P"
          aria-invalid={problem?.field === 'code' ? true : undefined}
          aria-describedby={describedBy('code', ids.codeHint)}
        />
        <p id={ids.codeHint} className="field-hint">
          {t('technician.codeHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={ids.name} className="field-title">
          {t('technician.pcName')}
        </label>
        <input
          id={ids.name}
          ref={nameRef}
          className="text-input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="off"
          maxLength={60}
          aria-invalid={problem?.field === 'name' ? true : undefined}
          aria-describedby={describedBy('name', ids.nameHint)}
        />
        <p id={ids.nameHint} className="field-hint">
          {t('technician.pcNameHint')}
        </p>
      </div>
      {problem && (
        <p id={ids.problem} className="field-error">
          {problem.text}
        </p>
      )}
      <TechnicianAlert title={t('technician.enrollFailed')} error={error} />
      <button type="submit" className="key-button key-button-primary gate-submit" disabled={busy}>
        <kbd aria-hidden="true">Enter</kbd> <span>{busy ? t('technician.enrolling') : t('technician.submit')}</span>
      </button>
    </form>
  );
}

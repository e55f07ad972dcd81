import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENROLL_CODE_PATTERN } from '../../core/api.ts';
import type { ErrorInfo } from '../../core/errors.ts';
import type { ConnectionState, LoketApi, ServerProbe } from '../../core/ipc.ts';
import { safeCall } from '../counter/call.ts';
import { ENROLL_CODE_INPUT, normalizeEnrollCode } from '../shared/device-enrollment.tsx';
import { FieldProblem, FormField, GateSubmit, useSubmit } from '../shared/FormField.tsx';
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
  const ids = { step: useId(), problem: useId() };
  const secure = probe.fingerprint256 !== null;
  const [confirmed, setConfirmed] = useState(false);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<{ field: Field; text: string } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const { busy, submitWith, send } = useSubmit();
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

  const submit = async (): Promise<void> => {
    const normalized = normalizeEnrollCode(code);
    const trimmedName = name.trim();
    if (secure && !confirmed) return refuse('confirm', t('technician.confirmMissing'));
    if (!ENROLL_CODE_PATTERN.test(normalized)) return refuse('code', t('technician.codeInvalid'));
    if (trimmedName === '' || trimmedName.length > 60) return refuse('name', t('technician.nameMissing'));
    setCode(normalized);
    setProblem(null);
    setError(null);
    const result = await send(() =>
      safeCall(() => api.enrollDevice({ url: probe.url, code: normalized, name: trimmedName, fingerprint256: probe.fingerprint256 })),
    );
    if (result.ok) return onEnrolled(result.value);
    setError(result.error);
    if (result.error.code === 'certificate_mismatch') setConfirmed(false);
    const field = result.error.field === 'name' ? 'name' : result.error.code === 'enroll_code_invalid' ? 'code' : null;
    if (field) focus(field);
  };

  const problemOf = (field: Field): string | undefined => (problem?.field === field ? ids.problem : undefined);

  return (
    <form className="gate-form" noValidate onSubmit={(event) => submitWith(event, submit)} aria-labelledby={ids.step} aria-busy={busy}>
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
            aria-describedby={problemOf('confirm')}
          />
          <span>{t('technician.fingerprintConfirm')}</span>
        </label>
      )}
      <FormField
        ref={codeRef}
        label={t('technician.code')}
        hint={t('technician.codeHint')}
        problemId={problemOf('code')}
        inputClass="code-input"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        {...ENROLL_CODE_INPUT}
      />
      <FormField
        ref={nameRef}
        label={t('technician.pcName')}
        hint={t('technician.pcNameHint')}
        problemId={problemOf('name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        autoComplete="off"
        maxLength={60}
      />
      <FieldProblem id={ids.problem} text={problem?.text} />
      <TechnicianAlert title={t('technician.enrollFailed')} error={error} />
      <GateSubmit busy={busy} label={t('technician.submit')} busyLabel={t('technician.enrolling')} />
    </form>
  );
}

import { useEffect, useEffectEvent, useId, useRef, useState, type FormEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Service, Ticket } from '../../core/domain.ts';
import type { CounterContext } from '../../core/ipc.ts';
import type { ErrorInfo } from '../../core/errors.ts';
import { FormField, GATE_FIELD } from '../shared/FormField.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import type { TransferRequest } from './useCounterData.ts';

interface TransferDialogProps {
  ticket: Ticket;
  /** The services this counter knows (its own), the ticket's own left out. */
  services: readonly Service[];
  /** The hall's other counters, to send the visitor to one of them. */
  counters: CounterContext['otherCounters'];
  busy: boolean;
  error: ErrorInfo | null;
  onTransfer: (request: TransferRequest) => void;
  onClose: () => void;
}

const COUNTER = 'counter';
const DIALOG_FIELD = { ...GATE_FIELD, field: 'dialog-field' };

/**
 * Where the visitor goes next (another service, or another counter of the hall) and why. Tab stays
 * inside, Enter transfers, Escape closes (the caller puts focus back).
 */
export function TransferDialog({ ticket, services, counters, busy, error, onTransfer, onClose }: TransferDialogProps) {
  const { t } = useTranslation();
  const ids = { title: useId(), hint: useId(), counter: useId(), reason: useId(), problem: useId() };
  const targets = services.filter((s) => s.id !== ticket.serviceId);
  const [target, setTarget] = useState<string>(targets[0]?.id ?? COUNTER);
  const [counterId, setCounterId] = useState(counters[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    dialogRef.current?.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.focus();
  }, []);

  const submit = (event?: FormEvent): void => {
    event?.preventDefault();
    if (busy) return;
    const toCounter = target === COUNTER;
    const form = dialogRef.current;
    if (toCounter && counterId.trim() === '') {
      setProblem(t('transfer.missingTarget'));
      form?.querySelector<HTMLInputElement>(`[id="${ids.counter}"]`)?.focus();
      return;
    }
    if (reason.trim() === '') {
      setProblem(t('transfer.missingReason'));
      form?.querySelector<HTMLInputElement>(`[id="${ids.reason}"]`)?.focus();
      return;
    }
    setProblem(null);
    onTransfer({ toServiceId: toCounter ? null : target, toCounterId: toCounter ? counterId.trim() : null, reason: reason.trim() });
  };

  // Enter on a radio button submits too (a browser submits only from text fields).
  const onFormKey = (event: ReactKeyboardEvent<HTMLFormElement>): void => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.type === 'radio') submit(event);
  };

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Tab') {
      const all = Array.from(
        dialogRef.current?.querySelectorAll<HTMLElement>('input:not([disabled]), select:not([disabled]), button:not([disabled])') ?? [],
      ).filter((e) => !(e instanceof HTMLInputElement && e.type === 'radio' && !e.checked));
      const at = all.indexOf(document.activeElement as HTMLElement);
      event.preventDefault();
      all[(at + (event.shiftKey ? -1 : 1) + all.length) % all.length]?.focus();
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <div className="backdrop">
      <div ref={dialogRef} className="dialog" role="dialog" aria-modal="true" aria-labelledby={ids.title} aria-describedby={ids.hint}>
        <h2 id={ids.title} className="dialog-title">
          {t('transfer.title', { number: ticket.number })}
        </h2>
        <p id={ids.hint} className="dialog-hint">
          {t('transfer.hint')}
        </p>
        <form className="transfer-form" noValidate onSubmit={submit} onKeyDown={onFormKey} aria-busy={busy}>
          <fieldset className="transfer-targets">
            <legend className="field-title">{t('transfer.target')}</legend>
            {targets.length === 0 && <p className="dialog-hint">{t('transfer.noOtherService')}</p>}
            {[...targets.map((s) => ({ value: s.id, label: `${t('transfer.toService')}: ${s.name}` })), { value: COUNTER, label: t('transfer.toCounter') }].map(
              (option) => (
                <label key={option.value} className="choice">
                  <input type="radio" name="transfer-target" value={option.value} checked={target === option.value} onChange={() => setTarget(option.value)} />
                  <span>{option.label}</span>
                </label>
              ),
            )}
          </fieldset>
          {target === COUNTER && (
            <div className="dialog-field">
              <label htmlFor={ids.counter} className="field-title">
                {t('transfer.counterId')}
              </label>
              <select id={ids.counter} className="text-input" value={counterId} onChange={(e) => setCounterId(e.target.value)}>
                {counters.map((c) => (
                  <option key={c.id} value={c.id}>
                    {t('transfer.counterOption', { number: c.number, agency: c.agencyName })}
                  </option>
                ))}
              </select>
            </div>
          )}
          <FormField
            id={ids.reason}
            classes={DIALOG_FIELD}
            label={t('transfer.reason')}
            hint={t('transfer.reasonHint')}
            problemId={problem ? ids.problem : null}
            invalid={false}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={200}
            autoComplete="off"
          />
          {problem && (
            <p id={ids.problem} className="field-error" role="alert">
              {problem}
            </p>
          )}
          <ErrorAlert error={error} />
          <div className="dialog-actions">
            <button type="button" className="chooser-cancel" aria-keyshortcuts="Escape" onClick={onClose}>
              <kbd aria-hidden="true">Esc</kbd> <span>{t('transfer.cancel')}</span>
            </button>
            <button type="submit" className="key-button key-button-primary" aria-keyshortcuts="Enter" disabled={busy}>
              <kbd aria-hidden="true">Enter</kbd> <span>{t('transfer.submit')}</span>
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

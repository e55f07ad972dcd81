import { useEffect, useEffectEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PriorityClass } from '../../core/domain.ts';
import { BackButton } from './BackButton.tsx';
import { BOOKING_CODE_LENGTH, CODE_ALPHABET, bookingCodeFromScan, cleanCodeInput, isBookingCode } from './booking-code.ts';
import { PriorityToggle } from './PriorityToggle.tsx';
import { StepHeading } from './StepHeading.tsx';
import { useBarcodeScan } from './useBarcodeScan.ts';

interface CheckInStepProps {
  busy: boolean;
  /** A code already scanned on the start screen (being checked in). */
  initialCode?: string | undefined;
  /** Set when a scan held no booking code. */
  notACode?: boolean;
  onSubmit: (code: string, priority: PriorityClass) => void;
  onBack: () => void;
}

/**
 * Check-in of an online booking: the 8-character code on a big keypad (no keyboard on a touch
 * kiosk), or typed on a keyboard, or scanned from the booking's QR code by the scanner (keys
 * within ~100 ms ending in Enter, wherever the focus is); then the priority choice and "Check-in".
 */
export function CheckInStep({ busy, initialCode = '', notACode = false, onSubmit, onBack }: CheckInStepProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const fieldId = useId();
  const statusId = useId();
  const [code, setCode] = useState(cleanCodeInput(initialCode));
  const [priority, setPriority] = useState(false);
  const [badScan, setBadScan] = useState(notACode);
  const complete = isBookingCode(code);
  const remaining = BOOKING_CODE_LENGTH - code.length;

  const submit = (value = code): void => {
    if (!busy && isBookingCode(value)) onSubmit(value, priority ? 'priority' : 'normal');
  };
  const type = (next: string): void => {
    setBadScan(false);
    setCode(cleanCodeInput(next));
  };

  useBarcodeScan(!busy, (text) => {
    const scanned = bookingCodeFromScan(text);
    setBadScan(scanned === null);
    setCode(scanned ?? '');
    if (scanned !== null) submit(scanned);
  });

  // A keyboard (a technician's, or a scanner typed slowly) types into the code too.
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || busy) return;
    if (event.key === 'Backspace') type(code.slice(0, -1));
    else if (event.key === 'Enter' && complete) {
      event.preventDefault();
      submit();
    } else if (event.key.length === 1 && CODE_ALPHABET.includes(event.key.toUpperCase())) type(code + event.key);
    else return;
    event.preventDefault();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <section className="step step-checkin" aria-labelledby={titleId} aria-busy={busy}>
      <StepHeading id={titleId}>{t('kiosk.checkInTitle')}</StepHeading>
      <p className="step-hint">{t('kiosk.checkInHint')}</p>
      <div className="checkin-layout">
        <div className="checkin-entry">
          <label htmlFor={fieldId} className="checkin-label">
            {t('kiosk.codeLabel')}
          </label>
          <input
            id={fieldId}
            className="checkin-code"
            value={code}
            readOnly
            tabIndex={-1}
            inputMode="none"
            autoComplete="off"
            spellCheck={false}
            maxLength={BOOKING_CODE_LENGTH}
            aria-describedby={statusId}
            aria-invalid={badScan}
          />
          <p id={statusId} className={badScan ? 'checkin-status checkin-status-bad' : 'checkin-status'} aria-live="polite">
            {badScan ? t('kiosk.notABookingCode') : complete ? t('kiosk.codeComplete') : t('kiosk.codeRemaining', { count: remaining })}
          </p>
          <PriorityToggle pressed={priority} disabled={busy} onToggle={() => setPriority((on) => !on)} />
        </div>
        <div className="keypad" role="group" aria-label={t('kiosk.keypad')}>
          {[...CODE_ALPHABET].map((char) => (
            <button key={char} type="button" className="keypad-key" disabled={busy || code.length >= BOOKING_CODE_LENGTH} onClick={() => type(code + char)}>
              {char}
            </button>
          ))}
          <button type="button" className="keypad-key keypad-wide" disabled={busy || code === ''} aria-label={t('kiosk.keyDeleteLabel')} onClick={() => type(code.slice(0, -1))}>
            ⌫ {t('kiosk.keyDelete')}
          </button>
          <button type="button" className="keypad-key keypad-wide" disabled={busy || code === ''} onClick={() => type('')}>
            {t('kiosk.keyClear')}
          </button>
        </div>
      </div>
      <div className="step-actions">
        <BackButton onClick={onBack} />
        <button type="button" className="kiosk-button kiosk-button-primary" disabled={busy || !complete} onClick={() => submit()}>
          {busy ? t('kiosk.checkingIn') : t('kiosk.checkIn')}
        </button>
      </div>
    </section>
  );
}

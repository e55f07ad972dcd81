import { useEffect, useEffectEvent, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ENROLL_CODE_PATTERN, type EnrollResponse } from '../../core/api.ts';
import type { DeviceKind } from '../../core/domain.ts';
import type { ErrorInfo } from '../../core/errors.ts';
import type { EnrollInput, HallResult } from './hall-api.ts';
import { currentLanguage } from './i18n.ts';

/**
 * Enrollment of a hall-page device (kiosk, display board) with the hall server, shared by both
 * pages. A technician types the one-time code an admin made; the token the server gives back is
 * kept in localStorage (`loket.device.<kind>`), so the page starts straight into its work from then
 * on. Ctrl+Shift+R asks for confirmation and forgets it again (for technicians; no visible button,
 * so visitors cannot reach it on a touch screen).
 */

export interface EnrolledDevice {
  deviceId: string;
  token: string;
  kind: DeviceKind;
}

/** The part of localStorage enrollment uses (injectable: tests pass a map). */
export type DeviceStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** `localStorage`, or nothing where reading it throws (an opaque origin, storage switched off). */
export function browserDeviceStorage(): DeviceStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export const deviceStorageKey = (kind: DeviceKind): string => `loket.device.${kind}`;

/** The stored enrollment of this page's kind, or null when there is none or it is unreadable. */
export function readDevice(storage: DeviceStorage | undefined, kind: DeviceKind): EnrolledDevice | null {
  try {
    const raw = storage?.getItem(deviceStorageKey(kind));
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { deviceId, token, kind: storedKind } = value as Record<string, unknown>;
    if (typeof deviceId !== 'string' || typeof token !== 'string' || storedKind !== kind) return null;
    if (deviceId === '' || token === '') return null;
    return { deviceId, token, kind };
  } catch {
    return null; // unreadable storage or JSON: enroll again
  }
}

function saveDevice(storage: DeviceStorage | undefined, device: EnrolledDevice): void {
  try {
    storage?.setItem(deviceStorageKey(device.kind), JSON.stringify(device));
  } catch {
    // not remembered: the page works until it is reloaded, then asks again
  }
}

function forgetDevice(storage: DeviceStorage | undefined, kind: DeviceKind): void {
  try {
    storage?.removeItem(deviceStorageKey(kind));
  } catch {
    // nothing stored that could be removed
  }
}

/** `k7qx 4m2p`, `K7QX4M2P` → `K7QX-4M2P`: what technicians type, in the form the server expects. */
export function normalizeEnrollCode(input: string): string {
  const compact = input.toUpperCase().replace(/[\s-]+/g, '');
  return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : input.trim().toUpperCase();
}

const KIND_KEY = { counter: 'enroll.kindCounter', kiosk: 'enroll.kindKiosk', board: 'enroll.kindBoard' } as const;

interface DeviceGateProps {
  kind: 'kiosk' | 'board';
  storage: DeviceStorage | undefined;
  enroll: (input: EnrollInput) => Promise<HallResult<EnrollResponse>>;
  /** The page itself, once this device is enrolled. */
  children: (device: EnrolledDevice) => ReactNode;
}

/** Shows the setup screen until the device is enrolled, then the page; Ctrl+Shift+R offers a reset. */
export function DeviceGate({ kind, storage, enroll, children }: DeviceGateProps) {
  const [device, setDevice] = useState<EnrolledDevice | null>(() => readDevice(storage, kind));
  const [confirming, setConfirming] = useState(false);

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (!(event.ctrlKey && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'r')) return;
    if (device === null) return; // nothing to forget: the browser may reload as usual
    event.preventDefault();
    setConfirming(true);
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKey(event);
    window.addEventListener('keydown', listener, true);
    return () => window.removeEventListener('keydown', listener, true);
  }, []);

  if (device === null) {
    return (
      <SetupScreen
        kind={kind}
        enroll={enroll}
        onEnrolled={(enrolled) => {
          saveDevice(storage, enrolled);
          setDevice(enrolled);
        }}
      />
    );
  }
  return (
    <>
      <div className="gate-page" inert={confirming}>
        {children(device)}
      </div>
      {confirming && (
        <ResetDialog
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            forgetDevice(storage, kind);
            setConfirming(false);
            setDevice(null);
          }}
        />
      )}
    </>
  );
}

interface SetupScreenProps {
  kind: 'kiosk' | 'board';
  enroll: (input: EnrollInput) => Promise<HallResult<EnrollResponse>>;
  onEnrolled: (device: EnrolledDevice) => void;
}

type FieldErrors = { code?: string; name?: string };

function SetupScreen({ kind, enroll, onEnrolled }: SetupScreenProps) {
  const { t } = useTranslation();
  useDocumentLanguage();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const ids = { code: useId(), codeHint: useId(), codeError: useId(), name: useId(), nameHint: useId(), nameError: useId() };
  const expected = t(KIND_KEY[kind]);

  useEffect(() => {
    codeRef.current?.focus();
  }, []);

  const explain = (error: ErrorInfo): string =>
    error.code === 'network' || error.code === 'bad_response' ? t(`hall.${error.code}`) : error.message;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (inFlight.current) return;
    const normalized = normalizeEnrollCode(code);
    const trimmedName = name.trim();
    const errors: FieldErrors = {};
    if (!ENROLL_CODE_PATTERN.test(normalized)) errors.code = t('enroll.codeInvalid');
    if (trimmedName === '' || trimmedName.length > 60) errors.name = t('enroll.nameMissing');
    setFieldErrors(errors);
    setFailure(null);
    if (errors.code || errors.name) {
      (errors.code ? codeRef : nameRef).current?.focus();
      return;
    }
    setCode(normalized);
    inFlight.current = true;
    setBusy(true);
    const result = await enroll({ code: normalized, name: trimmedName });
    inFlight.current = false;
    setBusy(false);
    if (!result.ok) {
      if (result.error.field === 'code' || result.error.field === 'name') {
        setFieldErrors({ [result.error.field]: explain(result.error) });
        (result.error.field === 'code' ? codeRef : nameRef).current?.focus();
      } else {
        setFailure(explain(result.error));
      }
      return;
    }
    if (result.value.kind !== kind) {
      setFailure(t('enroll.wrongKind', { actual: t(KIND_KEY[result.value.kind]), expected }));
      return;
    }
    onEnrolled({ deviceId: result.value.deviceId, token: result.value.token, kind });
  };

  const describedBy = (hint: string, error: string, hasError: boolean): string => (hasError ? `${error} ${hint}` : hint);

  return (
    <main className="setup">
      <div className="setup-card">
        <div className="setup-top">
          <h1 className="setup-title">{t('enroll.title')}</h1>
          <LanguageSwitch className="setup-lang" />
        </div>
        <p className="setup-kind">{t('enroll.pageKind', { kind: expected })}</p>
        <p className="setup-intro">{t('enroll.intro')}</p>
        <form className="setup-form" noValidate onSubmit={(event) => void submit(event)}>
          <div className="setup-field">
            <label htmlFor={ids.code} className="setup-label">
              {t('enroll.code')}
            </label>
            <input
              id={ids.code}
              ref={codeRef}
              className="setup-input setup-code"
              value={code}
              onChange={(event) => setCode(event.target.value)}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={12}
              placeholder="K7QX-4M2P"
              aria-invalid={fieldErrors.code ? true : undefined}
              aria-describedby={describedBy(ids.codeHint, ids.codeError, Boolean(fieldErrors.code))}
            />
            {fieldErrors.code && (
              <p id={ids.codeError} className="setup-field-error">
                {fieldErrors.code}
              </p>
            )}
            <p id={ids.codeHint} className="setup-hint">
              {t('enroll.codeHint')}
            </p>
          </div>
          <div className="setup-field">
            <label htmlFor={ids.name} className="setup-label">
              {t('enroll.name')}
            </label>
            <input
              id={ids.name}
              ref={nameRef}
              className="setup-input"
              value={name}
              onChange={(event) => setName(event.target.value)}
              autoComplete="off"
              maxLength={60}
              aria-invalid={fieldErrors.name ? true : undefined}
              aria-describedby={describedBy(ids.nameHint, ids.nameError, Boolean(fieldErrors.name))}
            />
            {fieldErrors.name && (
              <p id={ids.nameError} className="setup-field-error">
                {fieldErrors.name}
              </p>
            )}
            <p id={ids.nameHint} className="setup-hint">
              {t('enroll.nameHint')}
            </p>
          </div>
          <div role="alert" className={failure ? 'setup-alert setup-alert-shown' : 'setup-alert'}>
            {failure && (
              <p className="setup-alert-text">
                <strong>{t('enroll.failed')}: </strong>
                {failure}
              </p>
            )}
          </div>
          <button type="submit" className="setup-submit" disabled={busy} aria-busy={busy}>
            {busy ? t('enroll.busy') : t('enroll.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}

/** Are you sure? Cancel has focus, Escape cancels, Tab stays inside. */
function ResetDialog({ onCancel, onConfirm }: { onCancel: () => void; onConfirm: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const textId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    cancelRef.current?.focus();
  }, []);

  // Captured and stopped here, so the page behind (e.g. the kiosk's Escape = back) never sees them.
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    } else if (event.key === 'Tab') {
      const buttons = Array.from(dialogRef.current?.querySelectorAll('button') ?? []);
      const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
      event.preventDefault();
      event.stopPropagation();
      buttons[(at + (event.shiftKey ? -1 : 1) + buttons.length) % buttons.length]?.focus();
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKey(event);
    window.addEventListener('keydown', listener, true);
    return () => window.removeEventListener('keydown', listener, true);
  }, []);

  return (
    <div className="reset-backdrop">
      <div ref={dialogRef} className="reset-dialog" role="alertdialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={textId}>
        <h2 id={titleId} className="reset-title">
          {t('enroll.resetTitle')}
        </h2>
        <p id={textId} className="reset-text">
          {t('enroll.resetText')}
        </p>
        <div className="reset-actions">
          <button type="button" ref={cancelRef} className="reset-button" onClick={onCancel}>
            {t('enroll.resetCancel')}
          </button>
          <button type="button" className="reset-button reset-button-danger" onClick={onConfirm}>
            {t('enroll.resetConfirm')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** The Bahasa Indonesia ⇄ English switch of the hall pages, named in the language it switches to. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const next = currentLanguage(i18n) === 'id' ? 'en' : 'id';
  return (
    <button
      type="button"
      className={className}
      lang={next}
      aria-label={t('header.switchLanguageLabel')}
      onClick={() => void i18n.changeLanguage(next)}
    >
      {t('header.switchLanguage')}
    </button>
  );
}

/** `<html lang>` follows the shown language, so screen readers read with the right voice. */
export function useDocumentLanguage(): void {
  const { i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
}

import { useEffect, useEffectEvent, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ENROLL_CODE_PATTERN, type EnrollResponse } from '../../core/api.ts';
import type { DeviceKind } from '../../core/domain.ts';
import type { ErrorInfo } from '../../core/errors.ts';
import { FormField, SETUP_FIELD, useSubmit } from './FormField.tsx';
import type { EnrollInput, HallResult } from './hall-api.ts';
import { LanguageSwitch, useDocumentLanguage } from './language.tsx';

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

/** How the one-time code is typed: letters in capitals, no spelling help, at most `XXXX-XXXX` and some. */
export const ENROLL_CODE_INPUT = {
  autoComplete: 'off',
  autoCapitalize: 'characters',
  spellCheck: false,
  maxLength: 12,
  placeholder: 'K7QX-4M2P',
} as const;

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
  const { busy, submitWith, send } = useSubmit();
  const codeRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const expected = t(KIND_KEY[kind]);

  useEffect(() => {
    codeRef.current?.focus();
  }, []);

  const explain = (error: ErrorInfo): string =>
    error.code === 'network' || error.code === 'bad_response' ? t(`hall.${error.code}`) : error.message;

  const submit = async (): Promise<void> => {
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
    const result = await send(() => enroll({ code: normalized, name: trimmedName }));
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

  return (
    <main className="setup">
      <div className="setup-card">
        <div className="setup-top">
          <h1 className="setup-title">{t('enroll.title')}</h1>
          <LanguageSwitch className="setup-lang" />
        </div>
        <p className="setup-kind">{t('enroll.pageKind', { kind: expected })}</p>
        <p className="setup-intro">{t('enroll.intro')}</p>
        <form className="setup-form" noValidate onSubmit={(event) => submitWith(event, submit)}>
          <FormField
            ref={codeRef}
            classes={SETUP_FIELD}
            label={t('enroll.code')}
            hint={t('enroll.codeHint')}
            error={fieldErrors.code}
            inputClass="setup-code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            {...ENROLL_CODE_INPUT}
          />
          <FormField
            ref={nameRef}
            classes={SETUP_FIELD}
            label={t('enroll.name')}
            hint={t('enroll.nameHint')}
            error={fieldErrors.name}
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoComplete="off"
            maxLength={60}
          />
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

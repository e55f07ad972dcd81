import { useCallback, useEffect, useEffectEvent, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo, Result } from '../../core/errors.ts';
import type { DisplayTest as Test, HardwareConfig, HardwareState, SerialPortInfo } from '../../core/hardware-ipc.ts';
import type { LoketApi } from '../../core/ipc.ts';
import { safeCall } from '../counter/call.ts';
import { LanguageButton } from '../counter/Header.tsx';
import { useHardwareState } from '../counter/useHardwareState.ts';
import { useSubmit } from '../shared/FormField.tsx';
import { ConnectionForm } from './ConnectionForm.tsx';
import { DeviceState } from './DeviceState.tsx';
import { DisplayTest } from './DisplayTest.tsx';
import { DEFAULT_HARDWARE_CONFIG, keyCount, keysFor } from './hardware-config.ts';
import { KeyMapEditor } from './KeyMapEditor.tsx';
import { KeyPresses, useKeyPresses } from './KeyPresses.tsx';
import { SerialLog } from './SerialLog.tsx';
import { TechnicianAlert } from './TechnicianAlert.tsx';
import { useSerialLog } from './useSerialLog.ts';

interface HardwareScreenProps {
  api: LoketApi;
  hallName: string;
  counterNumber: number;
  timeZone: string;
  /** Back to where the technician came from (sign-in or the counter screen). */
  onClose: () => void;
}

type Notice = 'saved' | 'disconnected' | null;

/**
 * The technician's screen for the counter's call-button and number display (DESIGN.md §6): the
 * port, the kind of device and its speed; the session's state and the device; display tests; the
 * key presses live and what each key does; the serial log. Escape or "Kembali" goes back.
 */
export function HardwareScreen({ api, hallName, counterNumber, timeZone, onClose }: HardwareScreenProps) {
  const { t } = useTranslation();
  const hardware = useHardwareState(api);
  const log = useSerialLog(api);
  const presses = useKeyPresses(api);
  const [ports, setPorts] = useState<readonly SerialPortInfo[] | null>(null);
  const [listing, setListing] = useState(true);
  const [draft, setDraft] = useState<HardwareConfig | null>(null);
  const [pathProblem, setPathProblem] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const { busy, submitWith, send } = useSubmit();
  const pathRef = useRef<HTMLInputElement>(null);
  const keysTitle = useId();

  const state = hardware.state;
  // What the form shows: the technician's edits, else what this counter has saved.
  const config = draft ?? state?.config ?? DEFAULT_HARDWARE_CONFIG;
  const count = keyCount(config.keys, state?.device?.keys ?? null);
  const keys = keysFor(config.keys, count);

  const list = useCallback((): void => {
    void safeCall(() => api.listSerialPorts({})).then((result) => {
      setListing(false);
      if (result.ok) {
        setPorts(result.value);
        setError((shown) => (shown?.code === 'serial_list_failed' ? null : shown));
      } else setError(result.error);
    });
  }, [api]);
  useEffect(() => list(), [list]);
  const refresh = (): void => {
    setListing(true);
    list();
  };

  useEffect(() => {
    pathRef.current?.focus();
  }, []);

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    onClose();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const edit = (change: Partial<HardwareConfig>): void => {
    setDraft({ ...config, ...change });
    setNotice(null);
    if (change.path !== undefined) setPathProblem(null);
  };

  /** One call that answers with the new state: shown at once, or its error with the fix. */
  const run = async (call: () => Promise<Result<HardwareState>>): Promise<Result<HardwareState>> => {
    const result = await safeCall(call);
    if (result.ok) {
      hardware.accept(result.value);
      setError(null);
    } else setError(result.error);
    return result;
  };

  const save = async (): Promise<void> => {
    const path = config.path.trim();
    if (path === '') {
      setPathProblem(t('hardware.pathMissing'));
      pathRef.current?.focus();
      return;
    }
    setPathProblem(null);
    setNotice(null);
    const whole: HardwareConfig = { path, adapter: config.adapter, baud: config.baud, keys };
    const result = await send(() => run(() => api.connectHardware(whole)));
    if (result.ok) {
      setDraft(null);
      setNotice('saved');
    } else if (result.error.field === 'path') pathRef.current?.focus();
  };

  const submit = (event: FormEvent): void => submitWith(event, save);
  const disconnect = async (): Promise<void> => {
    if ((await run(() => api.disconnectHardware({}))).ok) setNotice('disconnected');
  };
  const test = (which: Test): Promise<unknown> => run(() => api.testDisplay(which));

  return (
    <div className="gate hw-page">
      <header className="header">
        <p className="header-hall">{hallName}</p>
        <p className="header-counter">{t('header.counter', { number: counterNumber })}</p>
        <nav className="header-menu" aria-label={t('header.menu')}>
          <button type="button" className="header-button" aria-keyshortcuts="Escape" onClick={onClose}>
            <kbd aria-hidden="true">Esc</kbd> <span>{t('hardware.back')}</span>
          </button>
          <LanguageButton />
        </nav>
      </header>
      <main className="hw-main">
        <h1 className="gate-title">{t('hardware.title')}</h1>
        <p className="gate-intro">{t('hardware.intro')}</p>
        <TechnicianAlert title={t('hardware.problem')} error={error ?? state?.error ?? null} enrollment={false} />
        <p role="status" className="hw-notice">
          {notice === 'saved' ? t('hardware.saved') : notice === 'disconnected' ? t('hardware.disconnected') : ''}
        </p>
        <div className="hw-grid">
          <div className="hw-column">
            <ConnectionForm
              config={config}
              onEdit={edit}
              ports={ports}
              listing={listing}
              onRefresh={refresh}
              pathProblem={pathProblem}
              pathRef={pathRef}
              hardware={state}
              busy={busy}
              onSubmit={submit}
              onDisconnect={() => void disconnect()}
            />
            <DeviceState hardware={state} />
          </div>
          <div className="hw-column">
            <DisplayTest hardware={state} onTest={test} />
            <section className="hw-section" aria-labelledby={keysTitle}>
              <h2 id={keysTitle} className="hw-title">
                {t('hardware.keysHeading')}
              </h2>
              <KeyPresses presses={presses} timeZone={timeZone} />
              <KeyMapEditor
                keys={keys}
                count={count}
                onChange={(next) => edit({ keys: next })}
                onSave={() => {
                  if (!busy) void save();
                }}
                busy={busy}
              />
            </section>
          </div>
        </div>
        <SerialLog log={log} timeZone={timeZone} />
      </main>
    </div>
  );
}

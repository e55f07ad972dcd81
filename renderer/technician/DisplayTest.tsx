import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplayTest as Test, HardwareState } from '../../core/hardware-ipc.ts';

interface DisplayTestProps {
  hardware: HardwareState | null;
  /** Sends one test; resolves when the device answered (or the call failed). */
  onTest: (test: Test) => Promise<unknown>;
}

const START_LEVEL = 8;

/**
 * The display tests: all segments (8888), blink, brightness 0–15 and beep. While the slider moves,
 * only the newest level waits to be sent, so a drag does not queue up a command per step.
 */
export function DisplayTest({ hardware, onTest }: DisplayTestProps) {
  const { t } = useTranslation();
  const ids = { title: useId(), hint: useId(), level: useId(), levelHint: useId() };
  const [level, setLevel] = useState(START_LEVEL);
  const waiting = useRef<number | null>(null);
  const sending = useRef(false);
  const connected = hardware?.state === 'connected';
  const plain = hardware?.config?.adapter === 'plain-line';
  const lspOnly = !connected || plain;

  const sendLevel = async (next: number): Promise<void> => {
    waiting.current = next;
    if (sending.current) return;
    sending.current = true;
    while (waiting.current !== null) {
      const value = waiting.current;
      waiting.current = null;
      await onTest({ kind: 'bright', level: value });
    }
    sending.current = false;
  };

  return (
    <section className="hw-section" aria-labelledby={ids.title} aria-describedby={ids.hint}>
      <h2 id={ids.title} className="hw-title">
        {t('hardware.testHeading')}
      </h2>
      <p id={ids.hint} className="field-hint">
        {!connected ? t('hardware.testNeedsConnection') : plain ? t('hardware.testPlainLine') : ''}
      </p>
      <div className="hw-row">
        <button type="button" className="key-button" disabled={!connected} onClick={() => void onTest({ kind: 'pattern' })}>
          {t('hardware.pattern')}
        </button>
        <button type="button" className="key-button" disabled={lspOnly} onClick={() => void onTest({ kind: 'blink' })}>
          <span aria-hidden="true">✳ </span>
          {t('hardware.blink')}
        </button>
        <button type="button" className="key-button" disabled={lspOnly} onClick={() => void onTest({ kind: 'beep' })}>
          <span aria-hidden="true">♪ </span>
          {t('hardware.beep')}
        </button>
      </div>
      <div className="field hw-brightness">
        <label htmlFor={ids.level} className="field-title">
          {t('hardware.brightness')}
        </label>
        <div className="hw-row">
          <input
            id={ids.level}
            type="range"
            min={0}
            max={15}
            step={1}
            value={level}
            disabled={lspOnly}
            aria-describedby={ids.levelHint}
            onChange={(e) => {
              const next = Number(e.target.value);
              setLevel(next);
              void sendLevel(next);
            }}
          />
          <output htmlFor={ids.level} className="hw-level" aria-hidden="true">
            {level}
          </output>
        </div>
        <p id={ids.levelHint} className="field-hint">
          {t('hardware.brightnessHint')}
        </p>
      </div>
    </section>
  );
}

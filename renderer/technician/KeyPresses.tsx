import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HardwareKey } from '../../core/hardware-ipc.ts';
import type { LoketApi } from '../../core/ipc.ts';
import { formatTime } from '../shared/format.ts';

const KEPT = 8;

type Press = HardwareKey & { id: number };

/** The device's key presses as they come (`hardwareKey` pushes), newest first. */
export function useKeyPresses(api: LoketApi): readonly Press[] {
  const [presses, setPresses] = useState<readonly Press[]>([]);
  const nextId = useRef(0);
  useEffect(
    () =>
      api.on.hardwareKey((press) => {
        const id = nextId.current++;
        setPresses((list) => [{ ...press, id }, ...list].slice(0, KEPT));
      }),
    [api],
  );
  return presses;
}

/**
 * Each key press, live: which key, its count since the device started, and what it did here. The
 * newest is announced (a polite status); the few before it stay listed.
 */
export function KeyPresses({ presses, timeZone }: { presses: readonly Press[]; timeZone: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const describe = (press: Press): string =>
    t('hardware.press', { key: press.key, count: press.count, action: t(`hardware.action_${press.action}`) });
  const [latest, ...earlier] = presses;
  return (
    <div className="hw-presses" aria-labelledby={titleId} role="group">
      <h3 id={titleId} className="hw-subtitle">
        {t('hardware.pressesHeading')}
      </h3>
      <p role="status" className={latest ? 'hw-press-latest' : 'field-hint'}>
        {latest ? (
          <>
            <span aria-hidden="true">● </span>
            {describe(latest)}
            <span className="serial-time"> {formatTime(latest.at, timeZone)}</span>
          </>
        ) : (
          t('hardware.noPresses')
        )}
      </p>
      {earlier.length > 0 && (
        <ul className="hw-press-list">
          {earlier.map((press) => (
            <li key={press.id}>{describe(press)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

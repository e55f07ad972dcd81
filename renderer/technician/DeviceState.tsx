import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { HardwareState } from '../../core/hardware-ipc.ts';
import { STATE_SYMBOL } from './hardware-config.ts';

/**
 * The session's state in a word and a symbol (a polite status, so a change is announced), then
 * what the device said about itself once it answered, what the display shows, and dropped frames.
 */
export function DeviceState({ hardware }: { hardware: HardwareState | null }) {
  const { t } = useTranslation();
  const titleId = useId();
  const state = hardware?.state ?? 'idle';
  const device = hardware?.device ?? null;
  return (
    <section className="hw-section" aria-labelledby={titleId}>
      <h2 id={titleId} className="hw-title">
        {t('hardware.statusHeading')}
      </h2>
      <p role="status" className={`hw-state hw-state-${state}`} data-state={state}>
        <span aria-hidden="true">{STATE_SYMBOL[state]} </span>
        {t(`hardware.state_${state}`)}
        {hardware?.config && <span className="hw-state-path"> · {hardware.config.path}</span>}
      </p>
      {device === null ? (
        <p className="field-hint">{t('hardware.noDevice')}</p>
      ) : (
        <dl className="hw-facts">
          <Fact term={t('hardware.model')} value={device.model} />
          <Fact term={t('hardware.firmware')} value={device.firmware} />
          <Fact term={t('hardware.protocol')} value={device.protocol} />
          <Fact term={t('hardware.digits')} value={String(device.digits)} />
          <Fact term={t('hardware.keys')} value={String(device.keys)} />
        </dl>
      )}
      {hardware && (
        <dl className="hw-facts">
          <Fact term={t('hardware.display')} value={hardware.display === null || hardware.display === '' ? t('hardware.displayEmpty') : hardware.display} mono />
          <Fact term={t('hardware.dropped')} value={String(hardware.dropped)} />
        </dl>
      )}
    </section>
  );
}

function Fact({ term, value, mono = false }: { term: string; value: string; mono?: boolean }) {
  return (
    <div className="hw-fact">
      <dt>{term}</dt>
      <dd className={mono ? 'hw-mono' : undefined}>{value}</dd>
    </div>
  );
}

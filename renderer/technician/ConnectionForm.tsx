import { useId, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { BAUD_RATES, HARDWARE_ADAPTERS, type HardwareConfig, type HardwareState, type SerialPortInfo } from '../../core/hardware-ipc.ts';
import { PortPicker } from './PortPicker.tsx';

interface ConnectionFormProps {
  config: HardwareConfig;
  onEdit: (change: Partial<HardwareConfig>) => void;
  ports: readonly SerialPortInfo[] | null;
  listing: boolean;
  onRefresh: () => void;
  pathProblem: string | null;
  pathRef: Ref<HTMLInputElement>;
  hardware: HardwareState | null;
  busy: boolean;
  onSubmit: (event: FormEvent) => void;
  onDisconnect: () => void;
}

/**
 * Step 1: the port (listed or typed), the kind of device and the speed. Enter or "Simpan &
 * sambungkan" saves the whole configuration for this counter and connects; "Putuskan" lets go.
 */
export function ConnectionForm(props: ConnectionFormProps) {
  const { config, onEdit, hardware, busy } = props;
  const { t } = useTranslation();
  const ids = { title: useId(), baud: useId(), baudHint: useId() };
  const active = hardware !== null && hardware.state !== 'idle';
  return (
    <section className="hw-section" aria-labelledby={ids.title}>
      <h2 id={ids.title} className="hw-title">
        {t('hardware.connectionHeading')}
      </h2>
      <form className="hw-form" noValidate onSubmit={props.onSubmit} aria-labelledby={ids.title} aria-busy={busy}>
        <PortPicker
          ports={props.ports}
          listing={props.listing}
          onRefresh={props.onRefresh}
          path={config.path}
          onPath={(path) => onEdit({ path })}
          problem={props.pathProblem}
          pathRef={props.pathRef}
        />
        <fieldset className="hw-choices">
          <legend className="field-title">{t('hardware.adapter')}</legend>
          {HARDWARE_ADAPTERS.map((adapter) => (
            <label key={adapter} className="choice">
              <input
                type="radio"
                name="hardware-adapter"
                value={adapter}
                checked={config.adapter === adapter}
                onChange={() => onEdit({ adapter })}
              />
              <span>{t(`hardware.adapter_${adapter}`)}</span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={ids.baud} className="field-title">
            {t('hardware.baud')}
          </label>
          <select
            id={ids.baud}
            className="hw-select"
            value={String(config.baud)}
            aria-describedby={ids.baudHint}
            onChange={(e) => onEdit({ baud: Number(e.target.value) })}
          >
            {BAUD_RATES.map((baud) => (
              <option key={baud} value={baud}>
                {baud}
              </option>
            ))}
          </select>
          <p id={ids.baudHint} className="field-hint">
            {t('hardware.baudHint')}
          </p>
        </div>
        <div className="hw-row">
          <button type="submit" className="key-button key-button-primary" disabled={busy}>
            <kbd aria-hidden="true">Enter</kbd> <span>{busy ? t('hardware.connecting') : t('hardware.connect')}</span>
          </button>
          <button type="button" className="key-button" disabled={!active} onClick={props.onDisconnect}>
            {t('hardware.disconnect')}
          </button>
        </div>
      </form>
    </section>
  );
}

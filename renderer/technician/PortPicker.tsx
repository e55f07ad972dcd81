import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { SerialPortInfo } from '../../core/hardware-ipc.ts';
import { FormField } from '../shared/FormField.tsx';

interface PortPickerProps {
  /** The listed ports; null until the first list arrives (or when listing failed). */
  ports: readonly SerialPortInfo[] | null;
  listing: boolean;
  onRefresh: () => void;
  path: string;
  onPath: (path: string) => void;
  problem: string | null;
  pathRef: Ref<HTMLInputElement>;
}

const NONE = '–';

/**
 * The serial ports found (what identifies the device behind each), a refresh, and the path field
 * the choice fills in. The field can be typed too: PTYs (a simulator, socat) are never listed.
 */
export function PortPicker({ ports, listing, onRefresh, path, onPath, problem, pathRef }: PortPickerProps) {
  const { t } = useTranslation();
  const ids = { title: useId(), list: useId() };
  return (
    <div className="hw-ports">
      <div className="hw-section-head">
        <h3 id={ids.title} className="hw-subtitle">
          {t('hardware.ports')}
        </h3>
        <button type="button" className="hw-button" onClick={onRefresh} disabled={listing}>
          <span aria-hidden="true">⟳ </span>
          {listing ? t('hardware.refreshing') : t('hardware.refresh')}
        </button>
      </div>
      {ports !== null && ports.length === 0 && <p className="field-hint">{t('hardware.noPorts')}</p>}
      {ports !== null && ports.length > 0 && (
        <table className="hw-table" aria-labelledby={ids.title}>
          <thead>
            <tr>
              <th scope="col">{t('hardware.portPath')}</th>
              <th scope="col">{t('hardware.portManufacturer')}</th>
              <th scope="col">{t('hardware.portIds')}</th>
              <th scope="col">{t('hardware.portSerial')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('hardware.portUse')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {ports.map((port) => {
              const chosen = port.path === path.trim();
              return (
                <tr key={port.path} className={chosen ? 'hw-port-chosen' : undefined}>
                  <th scope="row" className="hw-mono">
                    {port.path}
                  </th>
                  <td>{port.manufacturer ?? NONE}</td>
                  <td className="hw-mono">{port.vendorId || port.productId ? `${port.vendorId ?? NONE}:${port.productId ?? NONE}` : NONE}</td>
                  <td className="hw-mono">{port.serialNumber ?? NONE}</td>
                  <td>
                    <button
                      type="button"
                      className="hw-button"
                      aria-label={t('hardware.portUseLabel', { path: port.path })}
                      aria-pressed={chosen}
                      onClick={() => onPath(port.path)}
                    >
                      <span aria-hidden="true">{chosen ? `✓ ${t('hardware.portChosen')}` : t('hardware.portUse')}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <FormField
        ref={pathRef}
        label={t('hardware.path')}
        hint={t('hardware.pathHint')}
        error={problem}
        inputClass="hw-mono"
        list={ids.list}
        value={path}
        onChange={(e) => onPath(e.target.value)}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={200}
        placeholder="/dev/ttyUSB0"
      />
      <datalist id={ids.list}>
        {(ports ?? []).map((port) => (
          <option key={port.path} value={port.path} />
        ))}
      </datalist>
    </div>
  );
}

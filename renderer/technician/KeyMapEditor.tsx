import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { KEY_ACTIONS, type KeyAction } from '../../core/hardware-ipc.ts';
import { defaultKeys, oneButtonKeys } from './hardware-config.ts';

interface KeyMapEditorProps {
  /** Exactly keys 1…count. */
  keys: Readonly<Record<string, KeyAction>>;
  count: number;
  onChange: (keys: Record<string, KeyAction>) => void;
  onSave: () => void;
  busy: boolean;
}

/**
 * What each of the device's keys does at this counter: one choice per key, two presets (the
 * default layout, and a one-button device), and Save, which sends the whole configuration.
 */
export function KeyMapEditor({ keys, count, onChange, onSave, busy }: KeyMapEditorProps) {
  const { t } = useTranslation();
  const ids = { title: useId(), hint: useId(), row: useId(), defaultHint: useId(), oneHint: useId() };
  const numbers = Array.from({ length: count }, (_, i) => String(i + 1));
  return (
    <fieldset className="hw-keymap" aria-describedby={ids.hint}>
      <legend id={ids.title} className="hw-subtitle">
        {t('hardware.keyMap')}
      </legend>
      <p id={ids.hint} className="field-hint">
        {t('hardware.keyMapHint')}
      </p>
      <div className="hw-keymap-rows">
        {numbers.map((key) => (
          <div key={key} className="hw-keymap-row">
            <label htmlFor={`${ids.row}-${key}`} className="field-title">
              {t('hardware.keyLabel', { key })}
            </label>
            <select
              id={`${ids.row}-${key}`}
              className="hw-select"
              value={keys[key] ?? 'none'}
              onChange={(e) => onChange({ ...keys, [key]: e.target.value as KeyAction })}
            >
              {KEY_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {t(`hardware.action_${action}`)}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <div className="hw-row hw-presets">
        <button type="button" className="hw-button" aria-describedby={ids.defaultHint} onClick={() => onChange(defaultKeys(count))}>
          {t('hardware.presetDefault')}
        </button>
        <button type="button" className="hw-button" aria-describedby={ids.oneHint} onClick={() => onChange(oneButtonKeys(count))}>
          {t('hardware.presetOneButton')}
        </button>
      </div>
      <ul className="field-hint hw-preset-hints">
        <li>
          <strong>{t('hardware.presetDefault')}:</strong> <span id={ids.defaultHint}>{t('hardware.presetDefaultHint')}</span>
        </li>
        <li>
          <strong>{t('hardware.presetOneButton')}:</strong> <span id={ids.oneHint}>{t('hardware.presetOneButtonHint')}</span>
        </li>
      </ul>
      <button type="button" className="key-button key-button-primary" onClick={onSave} disabled={busy}>
        {t('hardware.saveKeys')}
      </button>
    </fieldset>
  );
}

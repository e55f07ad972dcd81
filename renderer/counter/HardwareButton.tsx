import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { HardwareState } from '../../core/hardware-ipc.ts';
import { STATE_SYMBOL, summarize } from '../technician/hardware-config.ts';

interface HardwareButtonProps {
  /** The call-button and display; null while unknown (then the button alone is shown). */
  hardware: HardwareState | null;
  onOpen: () => void;
}

/**
 * The header's way to the device screen, carrying the devices' state as a symbol and a word (never
 * colour alone). Its title and description say what the state means at the counter; a hidden
 * polite status announces a change ("Tombol & layar: gagal").
 */
export function HardwareButton({ hardware, onOpen }: HardwareButtonProps) {
  const { t } = useTranslation();
  const statusId = useId();
  const summary = hardware ? summarize(hardware) : null;
  const word = summary ? t(`hardware.short_${summary}`) : '';
  const description = summary ? t(`hardware.describe_${summary}`, { path: hardware?.config?.path ?? '' }) : undefined;
  return (
    <>
      <button
        type="button"
        className="header-button hw-header-button status-host"
        title={description}
        aria-describedby={summary ? statusId : undefined}
        onClick={onOpen}
      >
        {t('header.hardware')}
        {hardware && summary && (
          <span className={`hw-badge hw-badge-${summary}`} aria-hidden="true">
            {STATE_SYMBOL[hardware.state]} {word}
          </span>
        )}
        {description && (
          <span className="status-tip" aria-hidden="true">
            {description}
          </span>
        )}
      </button>
      <span id={statusId} role="status" className="visually-hidden" data-hardware={summary ?? undefined}>
        {summary ? `${t('hardware.status', { state: word })}. ${description}` : ''}
      </span>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import type { Service } from '../../core/domain.ts';
import { PAUSE_REASONS, type PauseReason } from '../../core/events.ts';
import { ChoiceDialog } from './ChoiceDialog.tsx';

/** The walk-in's service: 1–9 picks one. */
export function ServiceChooser({ services, onChoose, onClose }: { services: readonly Service[]; onChoose: (serviceId: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ChoiceDialog
      title={t('chooser.title')}
      hint={services.length ? t('chooser.hint') : t('chooser.empty')}
      choices={services.map((s) => ({ id: s.id, label: s.name, tag: s.prefix }))}
      onChoose={onChoose}
      onClose={onClose}
    />
  );
}

/** Why the counter pauses (break, prayer, system problem, other): the reports total pauses by it. */
export function PauseDialog({ onChoose, onClose }: { onChoose: (reason: PauseReason) => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ChoiceDialog
      title={t('workday.pauseTitle')}
      hint={t('workday.pauseHint')}
      choices={PAUSE_REASONS.map((reason) => ({ id: reason, label: t(`workday.reason_${reason}`) }))}
      onChoose={(id) => onChoose(id as PauseReason)}
      onClose={onClose}
    />
  );
}

/** Closing the counter for the day takes the board's "open" away: one key (1 or Enter) confirms it. */
export function CloseCounterDialog({ counterNumber, onConfirm, onClose }: { counterNumber: number; onConfirm: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ChoiceDialog
      title={t('workday.closeTitle', { number: counterNumber })}
      hint={t('workday.closeHint')}
      choices={[{ id: 'close', label: t('workday.closeConfirm') }]}
      onChoose={onConfirm}
      onClose={onClose}
    />
  );
}

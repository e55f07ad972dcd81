import { useTranslation } from 'react-i18next';
import type { PrintOutcome } from '../../core/kiosk-printing.ts';

interface PrintStatusProps {
  print: PrintOutcome;
  busy: boolean;
  onReprint: () => void;
}

/**
 * What became of the ticket's print: "printing" (network printer took it, or the browser prints
 * it), or why it did not print and what to do, with a button to print it again. Nothing when the
 * kiosk has no printer.
 */
export function PrintStatus({ print, busy, onReprint }: PrintStatusProps) {
  const { t } = useTranslation();
  if (print.kind === 'none') return null;
  const reprint = (
    <button type="button" className="kiosk-button reprint-button" disabled={busy} onClick={onReprint}>
      {busy ? t('kiosk.reprinting') : t('kiosk.reprint')}
    </button>
  );
  if (print.kind === 'network' && !print.ok) {
    return (
      <div role="alert" className="print-status print-failed">
        <p className="print-failed-title">{t('kiosk.printFailedTitle')}</p>
        <p className="print-failed-text">{t(`kiosk.${print.error.code}`)}</p>
        <p className="print-failed-hint">{t('kiosk.printFailedHint')}</p>
        {reprint}
      </div>
    );
  }
  return (
    <div className="print-status print-ok">
      <p role="status" className="print-ok-text">
        {print.kind === 'browser' ? t('kiosk.printing') : t('kiosk.printed')}
      </p>
      {print.kind === 'browser' && reprint}
    </div>
  );
}

import { useTranslation } from 'react-i18next';

/** "Kembali": always bottom left, also reached with Escape. */
export function BackButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="kiosk-button kiosk-button-back" aria-keyshortcuts="Escape" onClick={onClick}>
      <span aria-hidden="true">←</span> {t('kiosk.back')}
    </button>
  );
}

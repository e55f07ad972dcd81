import { useTranslation } from 'react-i18next';
import type { HardwareState } from '../../core/hardware-ipc.ts';
import { formatTime } from '../shared/format.ts';
import { LanguageSwitch } from '../shared/language.tsx';
import { ConnectionStatus, OutboxStatus } from './ConnectionStatus.tsx';
import { HardwareButton } from './HardwareButton.tsx';
import { useNow } from './useNow.ts';

interface HeaderProps {
  hallName: string;
  counterNumber: number;
  timeZone: string;
  /** The hall link, when the PC is enrolled: online state, the officer and the sign-out. */
  link?: {
    online: boolean;
    serverUrl: string | null;
    officerName: string | null;
    paused: boolean;
    /** Actions recorded here and not yet acknowledged by the hall server. */
    pending: number;
    onSignOut: (() => void) | null;
  };
  /** The call-button and display: their state (null while unknown) and the way to their screen. */
  hardware?: { state: HardwareState | null; onOpen: () => void };
}

export function Header({ hallName, counterNumber, timeZone, link, hardware }: HeaderProps) {
  const { t } = useTranslation();
  return (
    <header className="header">
      <h1 className="header-hall">{hallName}</h1>
      <p className="header-counter">{t('header.counter', { number: counterNumber })}</p>
      {link && <ConnectionStatus online={link.online} serverUrl={link.serverUrl} />}
      {link && <OutboxStatus pending={link.pending} />}
      {link?.paused && <p className="header-paused">{t('connection.paused')}</p>}
      <nav className="header-menu" aria-label={t('header.menu')}>
        {link?.officerName && <span className="header-officer">{t('header.officer', { name: link.officerName })}</span>}
        {hardware && <HardwareButton hardware={hardware.state} onOpen={hardware.onOpen} />}
        {link?.onSignOut && (
          <button type="button" className="header-button" onClick={link.onSignOut}>
            {t('header.signOut')}
          </button>
        )}
        <LanguageButton />
      </nav>
      <Clock timeZone={timeZone} label={t('header.clock')} />
    </header>
  );
}

/** The language switch, styled as a header button. */
export function LanguageButton() {
  return <LanguageSwitch className="header-button header-lang" compact />;
}

function Clock({ timeZone, label }: { timeZone: string; label: string }) {
  const now = useNow(1000);
  const time = formatTime(now, timeZone);
  return (
    <p className="header-clock">
      <span className="visually-hidden">{label} </span>
      <time dateTime={time}>{time}</time>
    </p>
  );
}

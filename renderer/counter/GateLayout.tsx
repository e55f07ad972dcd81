import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../../core/ipc.ts';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { DashboardLink } from './DashboardLink.tsx';
import { LanguageButton } from './Header.tsx';

interface GateLayoutProps {
  title: string;
  /** The hall and the counter, when known. */
  hallName: string | null;
  counterNumber: number | null;
  connection: ConnectionState | null;
  /** Extra buttons in the top menu (e.g. sign out). */
  menu?: ReactNode;
  children: ReactNode;
}

/** The frame of the screens before serving (enrollment, sign-in, opening): one centred card. */
export function GateLayout({ title, hallName, counterNumber, connection, menu, children }: GateLayoutProps) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <div className="gate">
      <header className="header">
        <p className="header-hall">{hallName ?? t('app.title')}</p>
        {counterNumber !== null && <p className="header-counter">{t('header.counter', { number: counterNumber })}</p>}
        {connection?.enrolled && <ConnectionStatus online={connection.online} serverUrl={connection.serverUrl} />}
        <nav className="header-menu" aria-label={t('header.menu')}>
          {menu}
          {connection?.enrolled && <DashboardLink serverUrl={connection.serverUrl} />}
          <LanguageButton />
        </nav>
      </header>
      <main className="gate-main">
        <section className="gate-card" aria-labelledby={titleId}>
          <h1 id={titleId} className="gate-title">
            {title}
          </h1>
          {children}
        </section>
      </main>
    </div>
  );
}

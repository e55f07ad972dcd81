import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallConfig } from '../../core/domain.ts';
import type { ErrorInfo } from '../../core/errors.ts';
import { isUnauthorized } from '../shared/hall-api.ts';
import type { WebSocketLike } from '../shared/hall-stream.ts';
import { LanguageSwitch } from '../shared/language.tsx';
import { hallLookup } from './hall-lookup.ts';
import { LiveView } from './live/LiveView.tsx';
import type { LiveTimings } from './live/useLiveView.ts';
import { PrintSummary } from './report/PrintSummary.tsx';
import { ReportView } from './report/ReportView.tsx';
import type { SaveFile } from './report/save-file.ts';
import type { ReportBundle } from './report/useReports.ts';
import type { SupervisorApi } from './supervisor-api.ts';
import type { SupervisorSession } from './supervisor-session.ts';

export interface DashboardEnvironment {
  streamUrl: string;
  createSocket?: ((url: string) => WebSocketLike) | undefined;
  liveTimings: LiveTimings;
  /** Retry loading the hall's configuration after this long. */
  retryMs: number;
  now: () => number;
  save: SaveFile;
  print: () => void;
}

interface DashboardProps {
  session: SupervisorSession;
  api: SupervisorApi;
  env: DashboardEnvironment;
  onSignOut: () => void;
  onExpired: () => void;
}

type View = 'live' | 'reports';

/**
 * The signed-in dashboard: the hall's configuration first (names of agencies, services and
 * counters; its time zone), then the live view and the reports behind a two-item navigation. Both
 * stay mounted once opened, so switching keeps the live feed and the chosen report; the A4
 * summary replaces the whole frame until the supervisor goes back.
 */
export function Dashboard({ session, api, env, onSignOut, onExpired }: DashboardProps) {
  const { t } = useTranslation();
  const [config, setConfig] = useState<HallConfig | null>(null);
  const [problem, setProblem] = useState<ErrorInfo | null>(null);
  const [view, setView] = useState<View>('live');
  const [reportsOpened, setReportsOpened] = useState(false);
  const [printing, setPrinting] = useState<ReportBundle | null>(null);
  const lookup = useMemo(() => (config === null ? null : hallLookup(config)), [config]);
  // Back from the print view, the focus returns to the button that opened it.
  const printOpener = useRef<HTMLElement | null>(null);
  const openPrint = useCallback((bundle: ReportBundle): void => {
    printOpener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setPrinting(bundle);
  }, []);
  const closePrint = useCallback((): void => setPrinting(null), []);
  useEffect(() => {
    if (printing !== null) return;
    printOpener.current?.focus();
    printOpener.current = null;
  }, [printing]);
  const { retryMs } = env;

  useEffect(() => {
    let disposed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (): Promise<void> => {
      const result = await api.config();
      if (disposed) return;
      if (result.ok) {
        setConfig(result.value);
        setProblem(null);
      } else if (isUnauthorized(result)) {
        onExpired();
      } else {
        setProblem(result.error);
        timer = setTimeout(() => void load(), retryMs);
      }
    };
    void load();
    return () => {
      disposed = true;
      clearTimeout(timer);
    };
  }, [api, onExpired, retryMs]);

  const open = (next: View): void => {
    setView(next);
    if (next === 'reports') setReportsOpened(true);
  };

  const header = (
    <header className="dash-header">
      <div className="dash-brand">
        <p className="dash-hall">{config?.hall.name ?? ''}</p>
        <h1>{t('dashboard.title')}</h1>
      </div>
      {config !== null && (
        <nav className="dash-nav" aria-label={t('dashboard.navLabel')}>
          {(['live', 'reports'] as const).map((v) => (
            <button key={v} type="button" className="dash-nav-item" aria-current={view === v ? 'page' : undefined} onClick={() => open(v)}>
              {t(v === 'live' ? 'dashboard.navLive' : 'dashboard.navReports')}
            </button>
          ))}
        </nav>
      )}
      <div className="dash-user">
        <span>{t('dashboard.signedInAs', { name: session.user.name, role: t(`dashboard.role_${session.user.role}`) })}</span>
        <LanguageSwitch className="dash-button dash-button-quiet" compact />
        <button type="button" className="dash-button dash-button-quiet" onClick={onSignOut}>
          {t('dashboard.signOut')}
        </button>
      </div>
    </header>
  );

  if (config === null || lookup === null) {
    return (
      <div className="dash-app">
        {header}
        <main className="dash-main">
          <p className="dash-loading">{t('dashboard.loadingHall')}</p>
          {problem && (
            <div className="dash-alert" role="alert">
              <p>{problem.code === 'network' ? t('dashboard.network') : t('dashboard.errorDetail', { message: problem.message })}</p>
            </div>
          )}
        </main>
      </div>
    );
  }

  return (
    <>
      <div className="dash-app" hidden={printing !== null}>
        {header}
        <main className="dash-main">
          <div hidden={view !== 'live'}>
            <LiveView
              api={api}
              token={session.token}
              lookup={lookup}
              streamUrl={env.streamUrl}
              createSocket={env.createSocket}
              timings={env.liveTimings}
              onUnauthorized={onExpired}
            />
          </div>
          {reportsOpened && (
            <div hidden={view !== 'reports'}>
              <ReportView api={api} config={config} lookup={lookup} now={env.now} save={env.save} onPrintView={openPrint} onUnauthorized={onExpired} />
            </div>
          )}
        </main>
      </div>
      {printing !== null && <PrintSummary bundle={printing} lookup={lookup} hallName={config.hall.name} print={env.print} onBack={closePrint} />}
    </>
  );
}

import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { WebSocketLike } from '../shared/hall-stream.ts';
import { createI18n, type Language, type LanguageStorage } from '../shared/i18n.ts';
import type { DashboardEnvironment } from './Dashboard.tsx';
import { DashboardApp } from './DashboardApp.tsx';
import { DEFAULT_LIVE_TIMINGS, type LiveTimings } from './live/useLiveView.ts';
import type { SaveFile } from './report/save-file.ts';
import { createSupervisorApi } from './supervisor-api.ts';
import type { SessionStorageLike } from './supervisor-session.ts';

export interface DashboardOptions {
  /** Where the session is kept (sessionStorage in the browser, a map in tests). */
  sessionStorage?: SessionStorageLike | undefined;
  /** Where the language choice is remembered (localStorage in the browser). */
  languageStorage?: LanguageStorage | undefined;
  language?: Language | undefined;
  /** The hall server's fetch (a fake in tests). */
  fetch?: typeof fetch;
  /** '' = the page's own origin, which serves the API. */
  baseUrl?: string;
  /** `ws(s)://<server>/api/v1/stream`. */
  streamUrl: string;
  createSocket?: (url: string) => WebSocketLike;
  liveTimings?: Partial<LiveTimings>;
  retryMs?: number;
  now?: () => number;
  /** How a downloaded export is handed over (a blob link in the browser). */
  save: SaveFile;
  /** Opens the print dialog (window.print in the browser). */
  print: () => void;
}

/** Mounts the supervisor dashboard (served by the hall server at /dashboard/). Bahasa Indonesia unless chosen otherwise. */
export function startDashboardApp(container: Element, options: DashboardOptions): Root {
  const i18n = createI18n(options.languageStorage);
  if (options.language) void i18n.changeLanguage(options.language);
  const apiFor = (token: string | null) => createSupervisorApi({ baseUrl: options.baseUrl, token, fetch: options.fetch });
  const env: DashboardEnvironment = {
    streamUrl: options.streamUrl,
    createSocket: options.createSocket,
    liveTimings: { ...DEFAULT_LIVE_TIMINGS, ...options.liveTimings },
    retryMs: options.retryMs ?? 5_000,
    now: options.now ?? Date.now,
    save: options.save,
    print: options.print,
  };
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <DashboardApp apiFor={apiFor} storage={options.sessionStorage} env={env} />
      </I18nextProvider>
    </StrictMode>,
  );
  return root;
}

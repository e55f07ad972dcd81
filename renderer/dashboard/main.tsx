import '../shared/base.css';
import './dashboard.css';
import './dashboard-live.css';
import './dashboard-report.css';
import './dashboard-print.css';
import { hallStreamUrl } from '../shared/hall-stream.ts';
import { isLanguage } from '../shared/i18n.ts';
import { startDashboardApp } from './bootstrap.tsx';
import { browserSaveFile } from './report/save-file.ts';
import { browserSessionStorage } from './supervisor-session.ts';

function browserLanguageStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

// /dashboard/?lang=en opens in English (the counter app may pass its officer's language).
const language = new URLSearchParams(window.location.search).get('lang');
const container = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
startDashboardApp(container, {
  sessionStorage: browserSessionStorage(),
  languageStorage: browserLanguageStorage(),
  language: isLanguage(language) ? language : undefined,
  streamUrl: hallStreamUrl(window.location),
  save: browserSaveFile(document),
  print: () => window.print(),
});

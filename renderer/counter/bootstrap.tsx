import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { LoketApi } from '../../core/ipc.ts';
import { createI18n, currentLanguage, type LanguageStorage } from '../shared/i18n.ts';
import { App, NotConnected } from './App.tsx';

/**
 * Mounts the counter screen. Without an api (the page opened outside the Loket app) it shows
 * what is wrong and how to start it properly, instead of crashing.
 */
export function startCounterApp(container: Element, api: LoketApi | undefined, storage?: LanguageStorage): Root {
  const i18n = createI18n(storage);
  document.documentElement.lang = currentLanguage(i18n);
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>{api ? <App api={api} /> : <NotConnected />}</I18nextProvider>
    </StrictMode>,
  );
  return root;
}

/** `localStorage`, or nothing where reading it throws (an opaque origin, storage switched off). */
export function browserStorage(): LanguageStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

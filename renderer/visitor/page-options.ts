import { isLanguage, type LanguageStorage } from '../shared/languages.ts';
import type { VisitorPageOptions } from './visitor-page.tsx';

/** `localStorage`, or nothing where reading it throws (an opaque origin, storage switched off). */
export function browserStorage(): LanguageStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** What every visitor page takes from the browser: remembered language, and `?lang=en` in a link. */
export function browserPageOptions(options: { rememberLanguage?: boolean } = {}): VisitorPageOptions {
  const lang = new URLSearchParams(window.location.search).get('lang');
  return { storage: options.rememberLanguage === false ? undefined : browserStorage(), language: isLanguage(lang) ? lang : undefined };
}

/** The page's root element (the HTML has one). */
export const pageRoot = (): Element => document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));

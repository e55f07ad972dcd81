import type { i18n as I18n } from 'i18next';

/**
 * The languages Loket ships and how a choice is remembered: apart from i18n.ts, which loads the
 * whole message catalogue, so that a page that needs only these (the language switch, the
 * visitor's pages with their own small catalogue) does not pull the catalogue into its bundle.
 */
export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'id';
/** Where the language choice is remembered. */
export const LANGUAGE_STORAGE_KEY = 'loket.lang';

/** The part of `localStorage` the language choice uses (injectable, so tests need no global). */
export type LanguageStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language the instance shows now, narrowed to one Loket ships. */
export function currentLanguage(instance: I18n): Language {
  const lng = instance.resolvedLanguage ?? instance.language;
  return isLanguage(lng) ? lng : DEFAULT_LANGUAGE;
}

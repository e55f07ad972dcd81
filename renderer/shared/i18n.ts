import { createInstance, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en.ts';
import { id, type Messages } from './locales/id.ts';
import { DEFAULT_LANGUAGE, LANGUAGES, LANGUAGE_STORAGE_KEY, isLanguage, type Language, type LanguageStorage } from './languages.ts';

export { DEFAULT_LANGUAGE, LANGUAGES, LANGUAGE_STORAGE_KEY, currentLanguage, isLanguage, type Language, type LanguageStorage } from './languages.ts';

const resources: Record<Language, { translation: Messages }> = {
  id: { translation: id },
  en: { translation: en },
};

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

function storedLanguage(storage: LanguageStorage | undefined): Language {
  try {
    const value = storage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE; // storage can be unavailable (privacy mode, opaque origin): use the default
  }
}

/**
 * Builds an i18next instance for one screen: starts in the remembered language (Bahasa Indonesia
 * by default) and remembers every later choice. Synchronous: the resources are bundled.
 */
export function createI18n(storage?: LanguageStorage): I18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: storedLanguage(storage),
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
  });
  instance.on('languageChanged', (lng) => {
    if (!isLanguage(lng)) return;
    try {
      storage?.setItem(LANGUAGE_STORAGE_KEY, lng);
    } catch {
      // not remembered; the choice still applies to this session
    }
  });
  return instance;
}

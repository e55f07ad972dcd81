import { createInstance, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, LANGUAGE_STORAGE_KEY, isLanguage, type Language, type LanguageStorage } from '../shared/languages.ts';
import { visitorEn } from '../shared/locales/visitor-en.ts';
import { visitorId } from '../shared/locales/visitor-id.ts';

/**
 * The visitor pages' i18next instance: as `createI18n` of renderer/shared/i18n.ts (Bahasa
 * Indonesia unless the visitor chose English; the choice remembered), but loading only the
 * visitor pages' strings and the language switch's (`header.switchLanguage*`). The whole
 * catalogue of the counter, technician and hall screens would add about 20 kB gzipped to a page
 * opened on a cheap phone. Keys are those of the shared `Messages` type, so `t()` stays checked.
 */
const only = (messages: typeof visitorId) => ({
  translation: {
    header: { switchLanguage: messages.switchLanguage, switchLanguageLabel: messages.switchLanguageLabel },
    visitorPages: messages,
  },
});

function storedLanguage(storage: LanguageStorage | undefined): Language {
  try {
    const value = storage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE; // storage unavailable (privacy mode): the default
  }
}

export function createVisitorI18n(storage?: LanguageStorage): I18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    resources: { id: only(visitorId), en: only(visitorEn) },
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
      // not remembered; the choice still applies to this visit
    }
  });
  return instance;
}

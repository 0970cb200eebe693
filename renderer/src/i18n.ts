import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { uiLanguages, type UiLanguageCode } from '../../shared/contract/languages.js';
import { uiCatalogs } from '../../shared/i18n/ui-catalogs.js';

export type { UiLanguageCode };
export { uiLanguages };

const storageKey = 'kmsd.language';

/**
 * The UI language for the OS/browser language list: ja for any Japanese, zh-TW for Traditional
 * Chinese (zh-TW, zh-HK, zh-MO, zh-Hant), English otherwise.
 */
export function languageFor(preferred: readonly string[]): UiLanguageCode {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower === 'ja' || lower.startsWith('ja-')) return 'ja';
    if (/^zh-(tw|hk|mo)\b|^zh-hant/.test(lower)) return 'zh-TW';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'en';
}

/** The language chosen earlier in the header switcher, else the OS language. */
export function initialLanguage(): UiLanguageCode {
  try {
    const saved = window.localStorage.getItem(storageKey);
    if (saved !== null && (uiLanguages as readonly string[]).includes(saved)) return saved as UiLanguageCode;
  } catch {
    // Storage can be disabled; the OS language is the documented default anyway.
  }
  return languageFor(window.navigator.languages ?? [window.navigator.language]);
}

/** Remembers the switcher's choice for the next start. */
export function rememberLanguage(language: UiLanguageCode): void {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Not remembering is harmless: the next start uses the OS language.
  }
}

/** A fresh i18next instance with the three UI catalogs (one per app or per test). */
export function createI18n(language: UiLanguageCode): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...uiLanguages],
    resources: { en: { translation: uiCatalogs.en }, ja: { translation: uiCatalogs.ja }, 'zh-TW': { translation: uiCatalogs['zh-TW'] } },
    // React escapes text itself; i18next escaping would show &lt; in commands.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

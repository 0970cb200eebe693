import i18next, { type i18n } from 'i18next';
import { findingsEn } from './findings.en.js';
import { findingsJa } from './findings.ja.js';
import { findingsZhTw } from './findings.zh-TW.js';
import { reportEn, reportJa, reportZhTw } from './report.js';

export type { UiLanguageCode as Lang } from '../contract/languages.js';
import type { UiLanguageCode as Lang } from '../contract/languages.js';
export type Translator = (key: string, vars?: Readonly<Record<string, string | number>>) => string;

/**
 * i18next resources by language and namespace. `findings` holds the finding catalog texts (keys
 * `<scope>.<name>.title|explanation…|fix.<key>`), `report` the CLI and HTML report strings. The UI adds
 * its own namespaces next to these.
 */
export const resources = {
  en: { findings: findingsEn, report: reportEn },
  ja: { findings: findingsJa, report: reportJa },
  'zh-TW': { findings: findingsZhTw, report: reportZhTw },
} as const;

const instances = new Map<Lang, i18n>();

function instance(lang: Lang): i18n {
  let found = instances.get(lang);
  if (!found) {
    found = i18next.createInstance();
    // Synchronous init (resources are in memory); values are not HTML-escaped here: renderers escape.
    void found.init({
      resources,
      lng: lang,
      fallbackLng: 'en',
      ns: ['findings', 'report'],
      defaultNS: 'findings',
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    instances.set(lang, found);
  }
  return found;
}

/** A `t` function for one language; `report:` prefixes select the report namespace. */
export function createTranslator(lang: Lang): Translator {
  const i = instance(lang);
  return (key, vars) => i.t(key, { ...(vars ?? {}) }) as string;
}

/** True when the language is one we ship. */
export function isLang(value: string): value is Lang {
  return value === 'en' || value === 'ja' || value === 'zh-TW';
}

import { useTranslation } from 'react-i18next';
import type { UiLanguageCode } from './i18n.js';

/** The current UI language as the contract's language code (for run.get and Intl formatting). */
export function useLanguage(): UiLanguageCode {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return language === 'ja' || language === 'zh-TW' ? language : 'en';
}

import type { UiLanguageCode } from '../contract/languages.js';
import { uiEn, type UiCatalog } from './ui-en.js';
import { uiJa } from './ui-ja.js';
import { uiZhTw } from './ui-zh-tw.js';

/** The UI catalogs by language: the renderer's i18n and the desktop's native dialogs read the same texts. */
export const uiCatalogs: Readonly<Record<UiLanguageCode, UiCatalog>> = { en: uiEn, ja: uiJa, 'zh-TW': uiZhTw };

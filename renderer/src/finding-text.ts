import type { i18n, TFunction } from 'i18next';
import { formatList } from './format.js';

/**
 * A finding's short name in the UI language (the catalog's findingName), or the title the engine wrote
 * when the id is not in the catalog. Used where a run is summed up in a line: history, comparison, gaps.
 */
export function findingName(t: TFunction, i18nInstance: i18n, id: string, title: string): string {
  const key = `findingName.${id}`;
  return i18nInstance.exists(key) ? t(key) : title;
}

/** "2 problems and 1 warning" (plural-correct, the language's list), or "no problems or warnings". */
export function severityCounts(t: TFunction, language: string, counts: { readonly problem: number; readonly warning: number; readonly info?: number }): string {
  const parts: string[] = [];
  if (counts.problem > 0) parts.push(t('counts.problem', { count: counts.problem }));
  if (counts.warning > 0) parts.push(t('counts.warning', { count: counts.warning }));
  if (counts.info !== undefined && counts.info > 0) parts.push(t('counts.info', { count: counts.info }));
  return parts.length === 0 ? t('counts.none') : formatList(parts, language);
}

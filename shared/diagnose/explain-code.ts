import { lookupErrorCode } from '../kms/error-codes.js';
import type { Lang } from './types.js';

/**
 * An HRESULT in words, in the output language: a thin seam over the error-code catalog
 * (shared/kms/error-codes.ts), so rules never format codes themselves.
 */
export function explainHresult(hresult: string, lang: Lang): { name: string; meaning: string; known: boolean } {
  const info = lookupErrorCode(hresult);
  // The catalog's meanings end with a full stop; the finding texts add their own punctuation.
  return { name: info.name ?? '', meaning: info.known ? info.meaning[lang].replace(/[.。]\s*$/, '') : '', known: info.known };
}

/** The catalog's fixes for a code, in the output language (commands kept verbatim). */
export function codeFixes(hresult: string, lang: Lang): ReadonlyArray<{ text: string; command?: string }> {
  return lookupErrorCode(hresult).fixes.map((f) => ({ text: f.text[lang], ...(f.command === undefined ? {} : { command: f.command }) }));
}

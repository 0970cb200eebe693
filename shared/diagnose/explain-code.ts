import type { Lang } from './types.js';

/**
 * An HRESULT in words, in the output language. Thin seam over the error-code catalog of
 * shared/kms/error-codes.ts (owned by the parsers issue), so rules never format codes themselves.
 * Until that catalog lands every code is reported as not described (rules then say so).
 */
export function explainHresult(_hresult: string, _lang: Lang): { name: string; meaning: string; known: boolean } {
  return { name: '', meaning: '', known: false };
}

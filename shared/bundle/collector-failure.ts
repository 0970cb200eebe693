/**
 * Why a collector produced no evidence, as a code the findings word in each language; the collector's
 * own message stays verbatim as the evidence. A manifest written by this version carries the code; one
 * written before (or by the exported script) is classified from the message, which our collectors word
 * in English whatever the machine's language, with the OS's error names and codes where they quote one.
 */

export const collectorFailureCodes = [
  'timeout',
  'not-found',
  'access-denied',
  'constrained-language',
  'no-vbscript',
  'no-powershell',
  'could-not-start',
  'cancelled',
  'exit-code',
  'no-output',
  'not-saved',
  'unreadable',
  'other',
] as const;

export type CollectorFailureCode = (typeof collectorFailureCodes)[number];

/** First match wins: the more specific causes before the general ones (a missing cscript is "no VBScript", not "not found"). */
const patterns: ReadonlyArray<readonly [CollectorFailureCode, RegExp]> = [
  ['cancelled', /\bcancell?ed\b/i],
  ['constrained-language', /\b(ConstrainedLanguage|RestrictedLanguage|NoLanguage)\b/],
  ['no-vbscript', /VBScript|cscript(\.exe)? is missing/i],
  ['timeout', /timed out|did not answer within|\bETIMEDOUT\b/i],
  ['access-denied', /access (is )?denied|UnauthorizedAccess|E_ACCESSDENIED|0x80070005|\bEACCES\b|\bEPERM\b|requires? (elevation|an administrator)|not elevated/i],
  ['no-powershell', /powershell(\.exe)? is missing|PowerShell could not start/i],
  ['could-not-start', /could not start/i],
  ['not-saved', /could not save/i],
  ['not-found', /does not exist|not found|could not be found|cannot find|no such file|\bENOENT\b|is missing|ObjectNotFound|the bundle has no|no slmgr\.ini/i],
  ['no-output', /printed no result|no output/i],
  ['exit-code', /\bexit code -?\d+/i],
  ['unreadable', /does not match|Unexpected token|not valid JSON|JSON at position|could not read|not a probe document|too big/i],
];

/** The code of a collector's failure message (`other` when none of the known causes). */
export function collectorFailureCode(reason: string): CollectorFailureCode {
  return patterns.find(([, pattern]) => pattern.test(reason))?.[0] ?? 'other';
}

const isCode = (value: unknown): value is CollectorFailureCode => typeof value === 'string' && (collectorFailureCodes as readonly string[]).includes(value);

/** The code a failure carries (when this version knows it), else the one its message shows. */
export function codeOfFailure(failure: { readonly reason: string; readonly code?: string | undefined }): CollectorFailureCode {
  return isCode(failure.code) ? failure.code : collectorFailureCode(failure.reason);
}

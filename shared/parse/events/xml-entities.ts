/** XML character and predefined entity references → text (XML 1.0 §4.6, §4.1). */

const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeOne(whole: string, body: string): string {
  const named = NAMED[body];
  if (named !== undefined) return named;
  const code = body.charCodeAt(1) === 0x78 ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
  // A reference to a code point XML does not allow (NUL, surrogates, beyond U+10FFFF) stays literal.
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
  return String.fromCodePoint(code);
}

/**
 * Decodes the five predefined entities and numeric character references; an unknown or malformed
 * reference is left as written rather than dropped.
 */
export function decodeXmlEntities(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(ENTITY, decodeOne);
}

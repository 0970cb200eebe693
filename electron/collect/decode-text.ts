import { detectTextEncoding, type TextEncodingName } from '../../shared/parse/decode-text.js';

/**
 * Decodes command output or an evidence file to text, with Node's fast decoders.
 *
 * The encoding is recognised exactly as the parsers do (shared/parse/decode-text.ts: BOM, then BOM-less
 * UTF-16 by its zero bytes, then UTF-8). `fallback: 'utf-16le'` is for output known to be UTF-16LE
 * (cscript //U writes it without a BOM): then only a BOM overrides it.
 */
export function decodeText(bytes: Uint8Array, fallback: 'utf-16le' | 'utf-8' = 'utf-8'): { readonly text: string; readonly encoding: TextEncodingName } {
  const detected = detectTextEncoding(bytes);
  const encoding = detected.bomLength === 0 && fallback === 'utf-16le' ? 'utf-16le' : detected.encoding;
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(detected.bomLength);
  if (encoding === 'utf-8') return { text: body.toString('utf8'), encoding };
  // A dangling odd byte (truncated output) is dropped; UTF-16BE is swapped on a copy, never in place.
  const whole = body.subarray(0, body.length - (body.length % 2));
  return { text: (encoding === 'utf-16be' ? Buffer.from(whole).swap16() : whole).toString('utf16le'), encoding };
}

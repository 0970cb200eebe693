/**
 * Byte → text decoding for evidence files. Windows tools write UTF-16LE (often with a BOM, but
 * `cscript ... > file` from some hosts and copy-paste tools drop it), PowerShell 5.1 writes UTF-16LE
 * with BOM, and files people paste into editors are UTF-8. Pure: no TextDecoder (not in the shared
 * lib), so the decoders are written out here.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
}

const REPLACEMENT = 0xfffd;
// String.fromCharCode with a spread argument list overflows the stack on large inputs.
const CHUNK = 8192;

function codeUnitsToString(units: Uint16Array): string {
  let out = '';
  for (let i = 0; i < units.length; i += CHUNK) out += String.fromCharCode(...units.subarray(i, i + CHUNK));
  return out;
}

/** UTF-16LE of an even-length body (decodeText handles a dangling odd byte). */
function decodeUtf16le(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length >> 1);
  for (let i = 0; i < units.length; i += 1) units[i] = (bytes[2 * i] ?? 0) | ((bytes[2 * i + 1] ?? 0) << 8);
  return codeUnitsToString(units);
}

/** Decodes UTF-8 with one U+FFFD per maximal ill-formed subpart (the WHATWG / TextDecoder rule). */
function decodeUtf8(bytes: Uint8Array, start: number): string {
  const units: number[] = [];
  let out = '';
  let i = start;
  while (i < bytes.length) {
    const b0 = bytes[i] ?? 0;
    i += 1;
    let cp = REPLACEMENT;
    if (b0 < 0x80) {
      cp = b0;
    } else {
      const need = b0 >= 0xc2 && b0 <= 0xdf ? 1 : b0 >= 0xe0 && b0 <= 0xef ? 2 : b0 >= 0xf0 && b0 <= 0xf4 ? 3 : 0;
      if (need > 0) {
        let value = b0 & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
        let lo = b0 === 0xe0 ? 0xa0 : b0 === 0xf0 ? 0x90 : 0x80;
        let hi = b0 === 0xed ? 0x9f : b0 === 0xf4 ? 0x8f : 0xbf;
        let got = 0;
        while (got < need && i < bytes.length) {
          const b = bytes[i] ?? 0;
          if (b < lo || b > hi) break;
          value = (value << 6) | (b & 0x3f);
          lo = 0x80;
          hi = 0xbf;
          got += 1;
          i += 1;
        }
        if (got === need) cp = value;
      }
    }
    if (cp > 0xffff) {
      const v = cp - 0x10000;
      units.push(0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff));
    } else {
      units.push(cp);
    }
    if (units.length >= CHUNK) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return out + String.fromCharCode(...units);
}

/** True when the bytes are well-formed UTF-8 (used to break ties in the UTF-16 heuristic). */
function isValidUtf8(bytes: Uint8Array, limit: number): boolean {
  let i = 0;
  const end = Math.min(bytes.length, limit);
  while (i < end) {
    const b0 = bytes[i] ?? 0;
    if (b0 < 0x80) {
      i += 1;
      continue;
    }
    const size = b0 >= 0xc2 && b0 <= 0xdf ? 2 : b0 >= 0xe0 && b0 <= 0xef ? 3 : b0 >= 0xf0 && b0 <= 0xf4 ? 4 : 0;
    if (size === 0) return false;
    for (let k = 1; k < size; k += 1) {
      if (i + k >= bytes.length) return i + k >= limit; // cut by the sampling window, not by the file
      if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return false;
    }
    i += size;
  }
  return true;
}

/**
 * Guesses BOM-less UTF-16 from where the zero bytes fall: ASCII-heavy text (slmgr output always has
 * digits, GUIDs, spaces and line breaks) in UTF-16LE has a zero in nearly every odd byte.
 */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = Math.min(bytes.length, 65536) & ~1;
  if (sample < 2) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZero += 1;
    if (bytes[i + 1] === 0) oddZero += 1;
  }
  const pairs = sample / 2;
  if (oddZero / pairs >= 0.25 && evenZero / pairs <= 0.05) return 'utf-16le';
  if (evenZero / pairs >= 0.25 && oddZero / pairs <= 0.05) return 'utf-16be';
  // Text with no ASCII at all (rare): accept UTF-16 only when it is not UTF-8 and the high bytes sit in
  // the kana / CJK / Hangul blocks, which random binary does not.
  if (bytes.length % 2 === 0 && bytes.length >= 16 && !isValidUtf8(bytes, 65536)) {
    // ANSI code-page text (the usual non-UTF-8 case) is printable ASCII on both byte parities;
    // CJK UTF-16 has evenly spread low bytes, so require those to be mostly non-ASCII.
    const le = cjkHighBytes(bytes, sample, 1);
    const be = cjkHighBytes(bytes, sample, 0);
    if (le / pairs >= 0.8 && le >= be && asciiBytes(bytes, sample, 0) / pairs < 0.6) return 'utf-16le';
    if (be / pairs >= 0.8 && asciiBytes(bytes, sample, 1) / pairs < 0.6) return 'utf-16be';
  }
  return null;
}

function asciiBytes(bytes: Uint8Array, sample: number, offset: 0 | 1): number {
  let count = 0;
  for (let i = offset; i < sample; i += 2) {
    const b = bytes[i] ?? 0;
    if ((b >= 0x20 && b <= 0x7e) || b === 0x0a || b === 0x0d || b === 0x09) count += 1;
  }
  return count;
}

function cjkHighBytes(bytes: Uint8Array, sample: number, offset: 0 | 1): number {
  let count = 0;
  for (let i = offset; i < sample; i += 2) {
    const b = bytes[i] ?? 0;
    if ((b >= 0x30 && b <= 0x9f) || (b >= 0xac && b <= 0xd7) || b === 0xff) count += 1;
  }
  return count;
}

/** Which encoding `decodeText` reads these bytes as, and how many leading bytes are a BOM. */
export function detectTextEncoding(bytes: Uint8Array): { readonly encoding: TextEncodingName; readonly bomLength: number } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: sniffUtf16(bytes) ?? 'utf-8', bomLength: 0 };
}

/**
 * Turns the body of a text (no BOM) into a string. The pure decoders here run anywhere; a runtime with
 * faster native decoders (Node's Buffer) passes its own, which must give the same string (U+FFFD for
 * each maximal ill-formed UTF-8 subpart, the WHATWG rule). UTF-16 bodies always have an even length.
 */
export interface BodyDecoders {
  readonly utf8: (body: Uint8Array) => string;
  readonly utf16le: (body: Uint8Array) => string;
}

const pureDecoders: BodyDecoders = { utf8: (body) => decodeUtf8(body, 0), utf16le: decodeUtf16le };

export interface DecodeTextOptions {
  /** The encoding when there is no BOM: `utf-16le` for output known to be UTF-16LE (cscript //U writes it without a BOM); default: recognise it. */
  readonly fallback?: 'utf-16le' | 'utf-8';
  /** Native decoders for the same result, faster (electron/collect/decode-text.ts passes Node's). */
  readonly decoders?: BodyDecoders;
}

/**
 * Decodes an evidence file or command output: honours a UTF-8 / UTF-16LE / UTF-16BE BOM (and strips it),
 * otherwise recognises BOM-less UTF-16 by its zero bytes, otherwise reads UTF-8 (malformed bytes → U+FFFD).
 * A dangling odd byte of UTF-16 (a truncated file) becomes U+FFFD rather than vanishing.
 */
export function decodeText(bytes: Uint8Array, options: DecodeTextOptions = {}): DecodedText {
  const detected = detectTextEncoding(bytes);
  const encoding = detected.bomLength === 0 && options.fallback === 'utf-16le' ? 'utf-16le' : detected.encoding;
  const body = bytes.subarray(detected.bomLength);
  const decoders = options.decoders ?? pureDecoders;
  if (encoding === 'utf-8') return { text: decoders.utf8(body), encoding };
  const odd = body.length % 2 === 1;
  const even = odd ? body.subarray(0, body.length - 1) : body;
  const text = decoders.utf16le(encoding === 'utf-16be' ? swapBytePairs(even) : even);
  return { text: odd ? `${text}\uFFFD` : text, encoding };
}

/** A copy with each byte pair swapped (UTF-16BE → LE); the input is never changed. */
function swapBytePairs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1]!;
    out[i + 1] = bytes[i]!;
  }
  return out;
}

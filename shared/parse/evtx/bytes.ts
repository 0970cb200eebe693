/**
 * Little-endian reads and UTF-16LE text over a byte range, for the .evtx reader. Every read is checked
 * against the end the caller allows (a chunk, a record, a value), so damaged offsets can never reach
 * outside it: they throw EvtxFormatError, which the caller turns into a remark.
 */

/** A structure of the log that cannot be read as the format describes (caught per record or chunk). */
export class EvtxFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvtxFormatError';
  }
}

export function need(at: number, size: number, end: number, what: string): void {
  if (at < 0 || size < 0 || at + size > end) throw new EvtxFormatError(`${what} at offset ${at} runs past the end (${end})`);
}

export const u8 = (b: Uint8Array, at: number): number => b[at] as number;
export const u16 = (b: Uint8Array, at: number): number => (b[at] as number) | ((b[at + 1] as number) << 8);
export const u32 = (b: Uint8Array, at: number): number =>
  ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16) | ((b[at + 3] as number) << 24)) >>> 0;

/** A 64-bit unsigned value as a number: exact up to 2^53, which record numbers and sizes never pass. */
export const u64 = (b: Uint8Array, at: number): number => u32(b, at) + u32(b, at + 4) * 0x1_0000_0000;

/** A 64-bit unsigned value, exact. */
export function u64Big(b: Uint8Array, at: number): bigint {
  return (BigInt(u32(b, at + 4)) << 32n) | BigInt(u32(b, at));
}

// String.fromCharCode with a spread argument list overflows the stack on long inputs.
const PIECE = 4096;

/**
 * `units` UTF-16LE code units from b[at]. Unpaired surrogates are kept as they are (the text is data,
 * not something to repair). The caller has checked the range.
 */
export function utf16le(b: Uint8Array, at: number, units: number): string {
  if (units <= 0) return '';
  if (units <= 32) {
    let s = '';
    for (let i = 0, p = at; i < units; i++, p += 2) s += String.fromCharCode((b[p] as number) | ((b[p + 1] as number) << 8));
    return s;
  }
  let out = '';
  const codes: number[] = new Array<number>(Math.min(units, PIECE));
  for (let done = 0; done < units; done += PIECE) {
    const n = Math.min(PIECE, units - done);
    if (n !== codes.length) codes.length = n;
    for (let i = 0, p = at + 2 * done; i < n; i++, p += 2) codes[i] = (b[p] as number) | ((b[p + 1] as number) << 8);
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** UTF-16LE text of `units` code units, cut at the first NUL (strings in values are often NUL-terminated). */
export function utf16leToNul(b: Uint8Array, at: number, units: number): string {
  let n = 0;
  while (n < units && ((b[at + 2 * n] as number) | (b[at + 2 * n + 1] as number)) !== 0) n++;
  return utf16le(b, at, n);
}

let crcTable: Uint32Array | null = null;

function table(): Uint32Array {
  if (crcTable !== null) return crcTable;
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  crcTable = t;
  return t;
}

/** CRC-32 (IEEE 802.3, as zip and the .evtx checksums use it) of b[start, end), continuing from `crc`. */
export function crc32(b: Uint8Array, start: number, end: number, crc = 0): number {
  const t = table();
  let c = ~crc >>> 0;
  for (let i = start; i < end; i++) c = (t[(c ^ (b[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

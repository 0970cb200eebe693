import { createRequire } from 'node:module';
import zlib from 'node:zlib';

type Crc32Module = { unsigned: (data: Buffer | string, previous?: number) => number };

/**
 * Makes yazl compute CRC-32 with Node's native zlib.crc32 instead of buffer-crc32's JavaScript loop.
 *
 * Why: on a 200 MB event log the JavaScript CRC costs about 1 s of CPU, more than deflate itself, and
 * the export must not be slower than `zip -6` (bench/bundle.bench.ts). yazl looks `crc32.unsigned` up on
 * its buffer-crc32 module at every call, so replacing that one function on yazl's own instance is
 * enough. The replacement is checked against the CRC-32 check value first and left out if it differs,
 * or if this Node has no zlib.crc32 (added in 20.15).
 */
export function useNativeCrc32ForYazl(): boolean {
  const native = (zlib as unknown as { crc32?: (data: Buffer | string, value?: number) => number }).crc32;
  if (typeof native !== 'function') return false;
  try {
    // The CommonJS bundle (Electron main) has `require` and no import.meta.url; the ESM CLI the reverse.
    const requireFromHere = typeof require === 'function' ? require : createRequire(import.meta.url);
    const crcModule = createRequire(requireFromHere.resolve('yazl'))('buffer-crc32') as Crc32Module;
    const replacement = (data: Buffer | string, previous?: number): number => native(typeof data === 'string' ? Buffer.from(data) : data, previous ?? 0) >>> 0;
    // CRC-32 of "123456789" is 0xCBF43926 (the standard check value); chaining must agree too.
    const check = Buffer.from('123456789');
    if (replacement(check) !== 0xcbf43926 || replacement(check.subarray(4), replacement(check.subarray(0, 4))) !== 0xcbf43926) return false;
    if (crcModule.unsigned(check) !== 0xcbf43926) return false;
    crcModule.unsigned = replacement;
    return true;
  } catch {
    return false;
  }
}

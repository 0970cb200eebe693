/**
 * Decodes command output or an evidence file to text, honouring a BOM first.
 *
 * cscript //U writes UTF-16LE (usually without BOM); files customers send may be UTF-8 or UTF-16 with BOM.
 */
export function decodeText(bytes: Uint8Array, fallback: 'utf-16le' | 'utf-8' = 'utf-8'): { readonly text: string; readonly encoding: string } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return { text: buffer.subarray(2).toString('utf16le'), encoding: 'utf-16le' };
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) return { text: swap16(buffer.subarray(2)).toString('utf16le'), encoding: 'utf-16be' };
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8' };
  // Without a BOM, ASCII text in UTF-16LE has a zero in every odd byte.
  const looksUtf16 = buffer.length >= 4 && buffer[1] === 0 && buffer[3] === 0 && buffer[0] !== 0;
  if (fallback === 'utf-16le' || looksUtf16) return { text: buffer.subarray(0, buffer.length - (buffer.length % 2)).toString('utf16le'), encoding: 'utf-16le' };
  return { text: buffer.toString('utf8'), encoding: 'utf-8' };
}

function swap16(buffer: Buffer): Buffer {
  const copy = Buffer.from(buffer.subarray(0, buffer.length - (buffer.length % 2)));
  return copy.swap16();
}

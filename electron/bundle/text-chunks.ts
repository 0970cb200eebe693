import { createReadStream } from 'node:fs';
import { decodeText } from '../collect/decode-text.js';

/**
 * Reads a text file in chunks that end on a line (or tag) boundary, so redaction can run on a 200 MB
 * event log without holding it in memory; events from ToXml() are one line each.
 */
export async function* textChunks(file: string, encoding: 'utf-8' | 'utf-16le'): AsyncGenerator<string> {
  let carry = '';
  let first = true;
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
  let pending: Buffer = Buffer.alloc(0);
  for await (const raw of stream as AsyncIterable<Buffer>) {
    let bytes: Buffer = pending.length > 0 ? Buffer.concat([pending, raw]) : raw;
    if (encoding === 'utf-16le') {
      // Keep whole code units; a BOM on the first chunk is dropped by decodeText.
      const usable = bytes.length - (bytes.length % 2);
      pending = bytes.subarray(usable);
      bytes = bytes.subarray(0, usable);
    } else {
      // Keep whole UTF-8 sequences: cut before a trailing incomplete lead byte.
      let cut = bytes.length;
      for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
        const byte = bytes[i]!;
        if ((byte & 0xc0) === 0x80) continue;
        const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
        if (bytes.length - i < need) cut = i;
        break;
      }
      pending = bytes.subarray(cut);
      bytes = bytes.subarray(0, cut);
    }
    let text = first ? decodeText(bytes, encoding).text : bytes.toString(encoding === 'utf-16le' ? 'utf16le' : 'utf8');
    first = false;
    text = carry + text;
    const boundary = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('>'));
    if (boundary < 0 && text.length < 16 * 1024 * 1024) {
      carry = text;
      continue;
    }
    const end = boundary < 0 ? text.length : boundary + 1;
    carry = text.slice(end);
    yield text.slice(0, end);
  }
  const rest = carry + (pending.length > 0 ? pending.toString(encoding === 'utf-16le' ? 'utf16le' : 'utf8') : '');
  if (rest !== '') yield rest;
}

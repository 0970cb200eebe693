/**
 * Builds a large .evtx log from the real logs' chunks (test/fixtures/evtx), repeated until the size is
 * reached: a chunk carries its own string and template tables, so it can be copied into another file as
 * it is, with its record numbers, its checksums and the file header rewritten. Only chunks whose two
 * checksums hold are used, so the copy is a clean log every reader accepts.
 */
import { closeSync, openSync, readFileSync, readdirSync, writeSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';

const HEADER = 4096;
const CHUNK = 65536;

function cleanChunks(dir: string): Buffer[] {
  const chunks: Buffer[] = [];
  // The Windows Event Collector log is left out: libevtx, the baseline, cannot read it.
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.evtx') && !n.includes('_wec')).sort()) {
    const file = readFileSync(path.join(dir, name));
    for (let at = HEADER; at + CHUNK <= file.length; at += CHUNK) {
      const c = file.subarray(at, at + CHUNK);
      if (c.toString('latin1', 0, 8) !== 'ElfChnk\0') continue;
      const free = c.readUInt32LE(48);
      if (free < 512 || free > CHUNK) continue;
      const headerOk = c.readUInt32LE(124) === crc32(c.subarray(128, 512), crc32(c.subarray(0, 120)));
      const dataOk = c.readUInt32LE(52) === crc32(c.subarray(512, free));
      if (headerOk && dataOk) chunks.push(Buffer.from(c));
    }
  }
  return chunks;
}

export interface BigEvtx {
  readonly bytes: number;
  readonly chunks: number;
  readonly records: number;
}

/** Writes about `targetBytes` of .evtx to `out` from the clean chunks of the logs in `fixtures`. */
export function writeBigEvtx(out: string, targetBytes: number, fixtures: string): BigEvtx {
  const sources = cleanChunks(fixtures);
  if (sources.length === 0) throw new Error(`no clean chunks in ${fixtures}`);
  const count = Math.max(1, Math.min(0xffff, Math.round((targetBytes - HEADER) / CHUNK)));
  const fd = openSync(out, 'w');
  let nextRecord = 1;
  try {
    writeSync(fd, Buffer.alloc(HEADER), 0, HEADER, 0);
    for (let i = 0; i < count; i++) {
      const c = Buffer.from(sources[i % sources.length] as Buffer);
      const free = c.readUInt32LE(48);
      const first = nextRecord;
      for (let at = 512; at + 24 <= free && c.readUInt32LE(at) === 0x2a2a; ) {
        const size = c.readUInt32LE(at + 4);
        if (size < 28 || at + size > free) break;
        c.writeBigUInt64LE(BigInt(nextRecord++), at + 8);
        at += size;
      }
      c.writeBigUInt64LE(BigInt(first), 8);
      c.writeBigUInt64LE(BigInt(nextRecord - 1), 16);
      c.writeBigUInt64LE(BigInt(first), 24);
      c.writeBigUInt64LE(BigInt(nextRecord - 1), 32);
      c.writeUInt32LE(crc32(c.subarray(512, free)), 52);
      c.writeUInt32LE(crc32(c.subarray(128, 512), crc32(c.subarray(0, 120))), 124);
      writeSync(fd, c, 0, CHUNK, HEADER + i * CHUNK);
    }
    const h = Buffer.alloc(HEADER);
    h.write('ElfFile\0', 0, 'latin1');
    h.writeBigUInt64LE(0n, 8);
    h.writeBigUInt64LE(BigInt(count - 1), 16);
    h.writeBigUInt64LE(BigInt(nextRecord), 24);
    h.writeUInt32LE(128, 32);
    h.writeUInt16LE(1, 36);
    h.writeUInt16LE(3, 38);
    h.writeUInt16LE(HEADER, 40);
    h.writeUInt16LE(count, 42);
    h.writeUInt32LE(crc32(h.subarray(0, 120)), 124);
    writeSync(fd, h, 0, HEADER, 0);
  } finally {
    closeSync(fd);
  }
  return { bytes: HEADER + count * CHUNK, chunks: count, records: nextRecord - 1 };
}

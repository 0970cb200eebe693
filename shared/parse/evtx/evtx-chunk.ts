/**
 * The .evtx container (libyal "Windows XML Event Log (EVTX) format"): a 4 KB file header, then 64 KB
 * chunks, each with a 512-byte header (checksums, string and template tables) and event records.
 *
 * Logs copied from a failing machine are often damaged, so nothing here trusts the file: a header not
 * updated since the last write (dirty flag, chunk count behind) is read past, a chunk with a bad
 * signature or checksum is skipped with a remark and the next one read, a record that is cut, has size
 * zero or cannot be decoded ends or skips with a remark naming the chunk and record. No read leaves the
 * chunk and every loop advances.
 */
import { ChunkContext, readRecordXml, type XmlNode } from './binxml.js';
import { crc32, EvtxFormatError, u16, u32, u64 } from './bytes.js';

export const FILE_HEADER_SIZE = 4096;
export const CHUNK_SIZE = 65536;
export const CHUNK_HEADER_SIZE = 512;
const RECORD_SIGNATURE = 0x00002a2a;
const RECORD_OVERHEAD = 28;

const FILE_MAGIC = [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00]; // ElfFile\0
const CHUNK_MAGIC = [0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00]; // ElfChnk\0

const hasMagic = (b: Uint8Array, at: number, magic: readonly number[]): boolean => magic.every((m, i) => b[at + i] === m);

/** Whether bytes start like an .evtx log. */
export function isEvtx(head: Uint8Array): boolean {
  return head.length >= 8 && hasMagic(head, 0, FILE_MAGIC);
}

export interface EvtxFileHeader {
  readonly majorVersion: number;
  readonly minorVersion: number;
  /** Chunks the header counts (behind the file when it was not closed cleanly). */
  readonly chunkCount: number;
  readonly nextRecordId: number;
  readonly dirty: boolean;
  readonly full: boolean;
}

/** The file header, with remarks about it (dirty, checksum, version); throws for a file that is not .evtx at all. */
export function readFileHeader(b: Uint8Array, remark: (text: string) => void): EvtxFileHeader {
  if (!isEvtx(b)) throw new EvtxFormatError('not an .evtx log (no ElfFile signature)');
  if (b.length < 128) throw new EvtxFormatError(`the file header is cut (${b.length} of 128 bytes)`);
  const flags = u32(b, 120);
  const header: EvtxFileHeader = {
    minorVersion: u16(b, 36),
    majorVersion: u16(b, 38),
    chunkCount: u16(b, 42),
    nextRecordId: u64(b, 24),
    dirty: (flags & 1) !== 0,
    full: (flags & 2) !== 0,
  };
  if (header.majorVersion !== 3) remark(`file header: format version ${header.majorVersion}.${header.minorVersion}, not 3.x: read as 3.x`);
  const stored = u32(b, 124);
  if (stored !== 0 && stored !== crc32(b, 0, 120)) remark('file header: checksum does not match (header damaged): every chunk in the file is read');
  if (header.dirty) remark('file header: the log was not closed cleanly (dirty flag): every chunk in the file is read, not only those the header counts');
  return header;
}

/** One event record of a chunk. */
export interface EvtxRecord {
  /** Chunk number in the file, from 0. */
  readonly chunk: number;
  /** The record's identifier from its header (EventRecordID). */
  readonly recordId: number;
  /** The record's resolved XML (normally one Event element). */
  readonly nodes: readonly XmlNode[];
}

/**
 * How many records a chunk's header numbers (its first and last log record number, offsets 8 and 16),
 * or null when the header is absent or its numbers are impossible. In a log written by EvtExportLog the
 * numbers run 1..n through the file, so the records a damaged chunk loses can be counted.
 */
export function chunkRecordCount(b: Uint8Array, at: number): number | null {
  if (b.length - at < CHUNK_HEADER_SIZE || !hasMagic(b, at, CHUNK_MAGIC)) return null;
  const first = u64(b, at + 8);
  const last = u64(b, at + 16);
  const count = last - first + 1;
  return first >= 1 && count >= 1 && count <= Math.floor((CHUNK_SIZE - CHUNK_HEADER_SIZE) / RECORD_OVERHEAD) ? count : null;
}

/** `no-signature`: not a chunk (damaged, or slack space); the caller remarks on runs of them. */
export type ChunkOutcome = 'read' | 'unused' | 'skipped' | 'no-signature';

/**
 * Reads the chunk in b[at, at + CHUNK_SIZE) (shorter when the file is cut), giving each record in order
 * and a remark for each damage found. `previousRecordId` is the last record id given before, so a record
 * found past the chunk's recorded end is taken only when it continues the numbering.
 */
export function readChunk(b: Uint8Array, at: number, chunk: number, onRecord: (record: EvtxRecord) => void, remark: (text: string) => void): ChunkOutcome {
  const where = `chunk ${chunk}`;
  const available = Math.min(CHUNK_SIZE, b.length - at);
  if (available < CHUNK_HEADER_SIZE) {
    if (available > 0 && !allZero(b, at, at + available)) remark(`${where}: cut to ${available} bytes at the end of the file: skipped`);
    return available > 0 && !allZero(b, at, at + available) ? 'skipped' : 'unused';
  }
  if (!hasMagic(b, at, CHUNK_MAGIC)) {
    if (allZero(b, at, at + 8)) return 'unused';
    return 'no-signature';
  }
  const end = at + available;
  const headerCrc = u32(b, at + 124);
  const dataCrc = u32(b, at + 52);
  let freeSpace = u32(b, at + 48);
  // A checksum that does not match is reported, and the records are still read: each is checked on its
  // own (signature, size and its copy, Binary XML), so a damaged string table or a record written after
  // the checksum (a log not closed cleanly) loses nothing that can be read. libevtx and python-evtx
  // read these chunks too (test/shared/parse/evtx/evtx-oracle.int.test.ts).
  if (headerCrc !== 0 && headerCrc !== crc32(b, at + 128, at + CHUNK_HEADER_SIZE, crc32(b, at, at + 120))) {
    remark(`${where}: header checksum does not match (string or template table damaged): records read one by one`);
  }
  if (available < CHUNK_SIZE) remark(`${where}: cut to ${available} bytes at the end of the file: records read up to the cut`);
  if (freeSpace < CHUNK_HEADER_SIZE || freeSpace > CHUNK_SIZE) {
    remark(`${where}: free-space offset ${freeSpace} is impossible: records read up to the first that does not fit`);
    freeSpace = available;
  } else if (freeSpace > available) {
    freeSpace = available;
  } else if (dataCrc !== 0 && dataCrc !== crc32(b, at + CHUNK_HEADER_SIZE, at + freeSpace)) {
    remark(`${where}: record data checksum does not match (damaged or written after the checksum): records read one by one`);
  }
  if (headerCrc === 0 && dataCrc === 0) remark(`${where}: checksums not set (0): read without checking`);

  const ctx = new ChunkContext(b.subarray(at, end), available);
  let offset = CHUNK_HEADER_SIZE;
  let previous = -1;
  while (offset + 24 <= available) {
    const beyond = offset >= freeSpace;
    const cb = ctx.b;
    if (u32(cb, offset) !== RECORD_SIGNATURE) {
      if (!beyond) remark(`${where}, after record ${previous === -1 ? '(none)' : previous}: no record signature at chunk offset ${offset}: rest of the chunk skipped`);
      break;
    }
    const size = u32(cb, offset + 4);
    const recordId = u64(cb, offset + 8);
    const at2 = `${where}, record ${recordId}`;
    if (beyond && (previous === -1 || recordId !== previous + 1)) break;
    if (size === 0) {
      remark(`${at2}: size 0 at chunk offset ${offset}: rest of the chunk skipped`);
      break;
    }
    if (size < RECORD_OVERHEAD || offset + size > available) {
      remark(`${at2}: size ${size} at chunk offset ${offset} runs past the chunk (record cut): rest of the chunk skipped`);
      break;
    }
    if (u32(cb, offset + size - 4) !== size) {
      remark(`${at2}: size ${size} and its copy at the record's end (${u32(cb, offset + size - 4)}) differ: rest of the chunk skipped`);
      break;
    }
    if (beyond) remark(`${at2}: found past the chunk's recorded end (log not closed cleanly): read`);
    try {
      const nodes = readRecordXml(ctx, offset + 24, offset + size - 4);
      onRecord({ chunk, recordId, nodes });
    } catch (error) {
      if (!(error instanceof EvtxFormatError)) throw error;
      remark(`${at2}: ${error.message}: skipped`);
    }
    previous = recordId;
    offset += size;
  }
  return 'read';
}

function allZero(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i] !== 0) return false;
  return true;
}

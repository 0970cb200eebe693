/**
 * Streams an .evtx log from disk through the pure reader (shared/parse/evtx): the file header, then
 * 16 chunks (1 MB) per read into one reused buffer, so memory stays the same for any size of log.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { CHUNK_HEADER_SIZE, CHUNK_SIZE, chunkRecordCount, EvtxSink, FILE_HEADER_SIZE, isEvtx, readEvtx, renderEventXml, type EvtxReadSummary, type EvtxSinkOptions, type XmlNode } from '../../shared/parse/evtx/index.js';

const CHUNKS_PER_READ = 16;

export interface StreamEvtxOptions extends EvtxSinkOptions {
  /** Awaited after each read has been parsed (e.g. until stdout has drained). */
  readonly afterChunk?: () => Promise<void> | void;
}

/** Whether the file starts with the .evtx signature. */
export async function isEvtxFile(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = new Uint8Array(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    return isEvtx(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** Reads the log at `file` record by record; throws EvtxFormatError when it is not an .evtx log. */
export async function streamEvtxFile(file: string, options: StreamEvtxOptions): Promise<EvtxReadSummary> {
  const sink = new EvtxSink(options);
  const handle = await open(file, 'r');
  try {
    const header = new Uint8Array(FILE_HEADER_SIZE);
    const first = await handle.read(header, 0, FILE_HEADER_SIZE, 0);
    sink.header(header.subarray(0, first.bytesRead));
    const buffer = new Uint8Array(CHUNK_SIZE * CHUNKS_PER_READ);
    let position = FILE_HEADER_SIZE;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      sink.chunks(buffer.subarray(0, bytesRead));
      position += bytesRead;
      await options.afterChunk?.();
      if (bytesRead < buffer.length) break;
    }
  } finally {
    await handle.close();
  }
  return sink.summary();
}

/** What converting a log to event XML gave. */
export interface EvtxXmlExport {
  /** Records written as XML. */
  readonly records: number;
  /** Records the log holds that could be read (more than `records` when only the newest were kept). */
  readonly readable: number;
  /** Records lost to damage (EvtxReadSummary.recordsSkipped). */
  readonly skipped: number;
  readonly remarks: readonly string[];
}

export interface EvtxXmlOptions {
  /** Keep only the newest this many records (a log is in time order, oldest first): a cap on the window. */
  readonly keepNewest?: number;
}

/**
 * How many records the log's chunk headers number (512 bytes read a chunk, nothing parsed): an upper
 * bound on what the reader gives for an exported log, or null when a chunk header cannot say.
 */
async function numberedRecords(source: string | Uint8Array): Promise<number | null> {
  const chunkAt = async (read: (at: number) => Promise<Uint8Array>, size: number): Promise<number | null> => {
    let total = 0;
    for (let at = FILE_HEADER_SIZE; at + CHUNK_HEADER_SIZE <= size; at += CHUNK_SIZE) {
      const head = await read(at);
      // Not a chunk (slack space, damage): the reader gives no record from it.
      if (Buffer.from(head.buffer, head.byteOffset, 8).toString('latin1') !== 'ElfChnk\0') continue;
      const count = chunkRecordCount(head, 0);
      if (count === null) return null;
      total += count;
    }
    return total;
  };
  if (typeof source !== 'string') return chunkAt(async (at) => source.subarray(at, at + CHUNK_HEADER_SIZE), source.length);
  const handle = await open(source, 'r');
  try {
    const head = new Uint8Array(CHUNK_HEADER_SIZE);
    const { size } = await handle.stat();
    return await chunkAt(async (at) => {
      await handle.read(head, 0, CHUNK_HEADER_SIZE, at);
      return head;
    }, size);
  } finally {
    await handle.close();
  }
}

/**
 * Writes the log (a file on disk, or its bytes) as event XML — an `<Events>` document as Event Viewer's
 * "Save as XML" writes, one `<Event>` a line — streamed to `out`, so a log of any size stays in bounded
 * memory. A redacted bundle carries an .evtx this way (DESIGN.md §6): the binary cannot be rewritten;
 * collect reads its exported event queries this way. With `keepNewest`, a log whose chunk headers number
 * more records than that is read twice (count, then write the newest), so the others are never held.
 */
export async function writeEvtxAsXml(source: string | Uint8Array, out: string, options: EvtxXmlOptions = {}): Promise<EvtxXmlExport> {
  const read = (sink: EvtxSinkOptions & StreamEvtxOptions): Promise<EvtxReadSummary> =>
    typeof source === 'string' ? streamEvtxFile(source, sink) : Promise.resolve(readEvtx(source, sink));
  const { keepNewest } = options;
  let leaveOut = 0;
  if (keepNewest !== undefined) {
    const bound = await numberedRecords(source);
    if (bound === null || bound > keepNewest) leaveOut = Math.max(0, (await read({})).records - keepNewest);
  }
  const written = await writeRecords(read, out, leaveOut);
  // More than the headers numbered (records past a chunk's recorded end): written again, the newest only.
  if (keepNewest !== undefined && written.records > keepNewest) return writeRecords(read, out, written.readable - keepNewest);
  return written;
}

/** One pass: every record after the first `leaveOut` written as event XML to `out`. */
async function writeRecords(read: (sink: EvtxSinkOptions & StreamEvtxOptions) => Promise<EvtxReadSummary>, out: string, leaveOut: number): Promise<EvtxXmlExport> {
  const stream = createWriteStream(out, { encoding: 'utf8', mode: 0o600 });
  let pending = '<?xml version="1.0" encoding="utf-8"?>\n<Events>\n';
  let seen = 0;
  let records = 0;
  const onRecord = (record: { readonly nodes: readonly XmlNode[] }): void => {
    if (seen++ < leaveOut) return;
    records++;
    pending += `${renderEventXml(record.nodes)}\n`;
  };
  const flush = async (): Promise<void> => {
    if (pending === '') return;
    const ok = stream.write(pending);
    pending = '';
    if (!ok) await once(stream, 'drain');
  };
  try {
    const summary = await read({ onRecord, afterChunk: flush });
    pending += '</Events>\n';
    await flush();
    stream.end();
    await once(stream, 'finish');
    return { records, readable: summary.records, skipped: summary.recordsSkipped, remarks: summary.remarks };
  } catch (error) {
    stream.destroy();
    throw error;
  }
}

/**
 * A log held in memory as readable text for the app's step output: a line saying what was read, then
 * its records as event XML, one a line, up to a little over `maxChars` (the caller cuts and says so).
 */
export function evtxAsText(bytes: Uint8Array, maxChars: number): string {
  let text = '';
  let records = 0;
  let summary: EvtxReadSummary;
  try {
    summary = readEvtx(bytes, {
      onRecord: (record) => {
        records++;
        if (text.length <= maxChars) text += `${renderEventXml(record.nodes)}\n`;
      },
    });
  } catch (error) {
    return `(an .evtx log that cannot be read: ${error instanceof Error ? error.message : String(error)})`;
  }
  const damaged = summary.remarks.length === 0 ? '' : `; ${summary.remarks.length} damaged part(s), first: ${summary.remarks[0]}`;
  return `<!-- .evtx log, ${bytes.length} bytes, ${records} records, shown as event XML${damaged} -->\n${text}`;
}

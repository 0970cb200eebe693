/**
 * Native .evtx reading (pure: bytes in, events out). The file streaming lives in
 * electron/evidence/evtx-file.ts; this module gives the pieces it feeds and a whole-buffer reader for
 * logs already in memory (a zip entry, a test).
 */
import type { KmsEvent } from '../types.js';
import { CHUNK_SIZE, chunkRecordCount, FILE_HEADER_SIZE, readChunk, readFileHeader, type EvtxRecord } from './evtx-chunk.js';
import { evtxRecordEvent } from './evtx-event.js';

export { chunkRecordCount, isEvtx, readChunk, readFileHeader, CHUNK_HEADER_SIZE, CHUNK_SIZE, FILE_HEADER_SIZE } from './evtx-chunk.js';
export type { EvtxFileHeader, EvtxRecord } from './evtx-chunk.js';
export { EvtxFormatError } from './bytes.js';
export { renderEventXml, evtxRecordEvent, eventElement, eventParts } from './evtx-event.js';
export type { XmlNode, XmlElement } from './binxml.js';

/** What reading a log gave besides its events. */
export interface EvtxReadSummary {
  readonly records: number;
  readonly events: number;
  readonly chunksRead: number;
  readonly chunksSkipped: number;
  /**
   * Records known to be lost to damage: those a chunk's header numbers but that could not be read, and
   * records read whose event could not be built. A chunk without a readable header adds nothing here
   * (its records are unknown); it is in chunksSkipped and the remarks.
   */
  readonly recordsSkipped: number;
  /** Damage and anything not read, each saying where (file header, chunk, record), in file order. */
  readonly remarks: readonly string[];
}

export interface EvtxSinkOptions {
  /** Each event as parsed (DESIGN.md §5). */
  readonly onEvent?: (event: KmsEvent, record: EvtxRecord) => void;
  /** Each record's resolved XML, before the event is built (redaction renders it as XML). */
  readonly onRecord?: (record: EvtxRecord) => void;
  /** Remarks kept in the summary (default 1000); the rest are counted. */
  readonly maxRemarks?: number;
}

/** Feeds a log's header and chunks in file order and keeps the summary; used by every .evtx reader. */
export class EvtxSink {
  private records = 0;
  private events = 0;
  private chunksRead = 0;
  private chunksSkipped = 0;
  private recordsSkipped = 0;
  /** Records given for the chunk being read (to compare with the count its header numbers). */
  private chunkRecords = 0;
  private readonly remarks: string[] = [];
  private moreRemarks = 0;
  private nextChunk = 0;

  constructor(private readonly options: EvtxSinkOptions = {}) {}

  readonly remark = (text: string): void => {
    if (this.remarks.length < (this.options.maxRemarks ?? 1000)) this.remarks.push(text);
    else this.moreRemarks++;
  };

  /** The file header (its first 4096 bytes, or all there is); throws EvtxFormatError when it is not .evtx. */
  header(b: Uint8Array): void {
    readFileHeader(b, this.remark);
  }

  /** Consecutive chunks in b[0, length) (the last may be cut short by the end of the file). */
  chunks(b: Uint8Array): void {
    for (let at = 0; at < b.length; at += CHUNK_SIZE) {
      const chunk = this.nextChunk++;
      const numbered = chunkRecordCount(b, at);
      this.chunkRecords = 0;
      const outcome = readChunk(b, at, chunk, this.record, this.remark);
      if (numbered !== null && outcome === 'read' && this.chunkRecords < numbered) {
        this.recordsSkipped += numbered - this.chunkRecords;
        this.remark(`chunk ${chunk}: ${numbered - this.chunkRecords} of the ${numbered} records its header numbers could not be read`);
      }
      if (outcome === 'no-signature') {
        this.chunksSkipped++;
        if (this.unsignedFrom === -1) this.unsignedFrom = chunk;
        continue;
      }
      this.flushUnsigned();
      if (outcome === 'read') this.chunksRead++;
      else if (outcome === 'skipped') this.chunksSkipped++;
    }
  }

  private unsignedFrom = -1;

  /** One remark for a run of chunks without a chunk signature (slack space after the last chunk is often a long run). */
  private flushUnsigned(): void {
    if (this.unsignedFrom === -1) return;
    const last = this.nextChunk - 2;
    const run = this.unsignedFrom === last ? `chunk ${last}` : `chunks ${this.unsignedFrom}-${last}`;
    this.remark(`${run}: no chunk signature (damaged, or not a chunk): skipped`);
    this.unsignedFrom = -1;
  }

  private readonly record = (record: EvtxRecord): void => {
    this.records++;
    this.chunkRecords++;
    this.options.onRecord?.(record);
    if (this.options.onEvent === undefined) return;
    const built = evtxRecordEvent(record.nodes, record.recordId);
    if ('problem' in built) {
      this.remark(`chunk ${record.chunk}, record ${record.recordId}: ${built.problem}: skipped`);
      this.recordsSkipped++;
      return;
    }
    for (const problem of built.problems) this.remark(`chunk ${record.chunk}, record ${record.recordId}: ${problem}`);
    this.events++;
    this.options.onEvent(built.event, record);
  };

  summary(): EvtxReadSummary {
    if (this.unsignedFrom !== -1) {
      this.nextChunk++;
      this.flushUnsigned();
      this.nextChunk--;
    }
    const remarks = this.moreRemarks === 0 ? this.remarks : [...this.remarks, `… ${this.moreRemarks} more remarks`];
    return { records: this.records, events: this.events, chunksRead: this.chunksRead, chunksSkipped: this.chunksSkipped, recordsSkipped: this.recordsSkipped, remarks };
  }
}

/** Reads a whole log held in memory. Throws EvtxFormatError when it is not .evtx. */
export function readEvtx(bytes: Uint8Array, options: EvtxSinkOptions = {}): EvtxReadSummary {
  const sink = new EvtxSink(options);
  sink.header(bytes.subarray(0, FILE_HEADER_SIZE));
  if (bytes.length > FILE_HEADER_SIZE) sink.chunks(bytes.subarray(FILE_HEADER_SIZE));
  return sink.summary();
}

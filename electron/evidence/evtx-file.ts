/**
 * Streams an .evtx log from disk through the pure reader (shared/parse/evtx): the file header, then
 * 16 chunks (1 MB) per read into one reused buffer, so memory stays the same for any size of log.
 */
import { open } from 'node:fs/promises';
import { CHUNK_SIZE, EvtxSink, FILE_HEADER_SIZE, isEvtx, type EvtxReadSummary, type EvtxSinkOptions } from '../../shared/parse/evtx/index.js';

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

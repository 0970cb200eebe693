/**
 * Reads an event file (XML as Get-WinEvent/wevtutil/Event Viewer write it) in chunks and streams its
 * events, so a 500 MB export is parsed without being held in memory. With takeBytes, the events of a
 * UTF-8 file that fit a layout the text parser has learned are read straight from the read buffers
 * (byte-layout.ts); the text parser reads everything else, and the two hand over between events.
 */
import { isAscii } from 'node:buffer';
import { open } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { compileByteLayout, matchByteLayout, MISMATCH, NEED_MORE, type ByteEventView, type ByteLayout } from '../../shared/parse/events/byte-layout.js';
import type { LayoutParts } from '../../shared/parse/events/event-layout.js';
import { createEventStreamParser, type EventParseSummary, type EventStreamParserOptions } from '../../shared/parse/events/index.js';
import type { KmsEvent } from '../../shared/parse/types.js';

export type EventFileEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface EventFileSummary extends EventParseSummary {
  readonly encoding: EventFileEncoding;
  /** Whether the file started with a byte-order mark. */
  readonly bom: boolean;
  readonly bytes: number;
}

/** Thrown for a file that cannot hold event text at all (a binary .evtx log): its message is one line. */
export class EventFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventFileError';
  }
}

// Read 1 MB at a time (fewer async round trips), decode and parse it in 64 KB pieces: a 64 KB piece
// becomes an ordinary young-generation string, while strings of 512 KB-1 MB go to V8's large-object
// space or become external, which made decoding an order of magnitude slower (bench/README.md).
const READ_BYTES = 1 << 20;
const PIECE_BYTES = 1 << 16;
// Room in front of each read for an event left unfinished by the last one (longer ones go as text).
const CARRY_BYTES = 1 << 16;

/**
 * The encoding of a file from its first bytes: a BOM when there is one, else the zero bytes of ASCII
 * text in UTF-16 (`<\0` little-endian, `\0<` big-endian), else UTF-8.
 */
export function sniffEncoding(head: Uint8Array): { encoding: EventFileEncoding; bom: boolean } {
  const [a, b, c] = [head[0], head[1], head[2]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', bom: true };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', bom: true };
  // Without a BOM: ASCII text in UTF-16 has a zero byte in every pair; ask for it in each of the
  // first (up to four) pairs, so one stray zero byte in a binary file does not count.
  const pairs = Math.min(4, Math.floor(head.length / 2));
  const every = (test: (lo: number, hi: number) => boolean): boolean => {
    for (let i = 0; i < pairs; i++) if (!test(head[2 * i] as number, head[2 * i + 1] as number)) return false;
    return pairs > 0;
  };
  if (every((x, y) => x !== 0 && x < 0x80 && y === 0)) return { encoding: 'utf-16le', bom: false };
  if (every((x, y) => x === 0 && y !== 0 && y < 0x80)) return { encoding: 'utf-16be', bom: false };
  return { encoding: 'utf-8', bom: false };
}

export interface StreamEventsOptions {
  /** Awaited after each 1 MB read has been parsed (e.g. until stdout has drained). */
  readonly afterChunk?: () => Promise<void> | void;
  /** Passed to the parser: takes events before they are built (see EventStreamParserOptions.takeRaw). */
  readonly takeRaw?: EventStreamParserOptions['takeRaw'];
  /**
   * Offered each event of a UTF-8 file that a learned layout reads straight from the bytes (see
   * byte-layout.ts), before any text is made of it: returning true takes it (counted, neither parsed as
   * text nor delivered); false sends it to the text parser as usual (takeRaw, then onEvent).
   */
  readonly takeBytes?: (event: ByteEventView) => boolean;
  /** Bytes per read (default 1 MB); tests use small reads to put read boundaries everywhere. */
  readonly readBytes?: number;
}

const EVTX_MAGIC = 'ElfFile\0';

/**
 * Whether a UTF-8 TextDecoder in stream mode may be holding the start of a character cut at the end of
 * `bytes`. Errs towards true: that only sends the next chunk through the decoder too.
 */
function mayEndInsideCharacter(bytes: Uint8Array): boolean {
  for (let back = 1; back <= 4 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back] as number;
    if (b < 0x80) return false;
    if (b >= 0xc0) {
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return back < length;
    }
  }
  return true;
}

const isBlankByte = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/** What streamEventsFile asks of a file: an open file, or bytes already in memory (an entry of a small zip). */
interface EventSource {
  stat(): Promise<{ readonly size: number }>;
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

function bytesSource(bytes: Uint8Array): EventSource {
  return {
    stat: () => Promise.resolve({ size: bytes.length }),
    read: (buffer, offset, length, position) => {
      const end = Math.min(bytes.length, position + length);
      if (end > position) buffer.set(bytes.subarray(position, end), offset);
      return Promise.resolve({ bytesRead: Math.max(0, end - position) });
    },
    close: () => Promise.resolve(),
  };
}

/**
 * Streams the events of an XML event file (a path, or its bytes) to `onEvent` and resolves with the
 * parse summary and the encoding found (UTF-8 or UTF-16LE/BE, with or without BOM).
 *
 * Rejects with the file system's error (ENOENT, EISDIR, …) or an EventFileError for a binary .evtx.
 */
export async function streamEventsFile(
  path: string | Uint8Array,
  onEvent: (event: KmsEvent) => void,
  options: StreamEventsOptions = {},
): Promise<EventFileSummary> {
  const takeBytes = options.takeBytes;
  const handle: EventSource = typeof path === 'string' ? await open(path, 'r') : bytesSource(path);
  try {
    // A small file (a client's few events) gets buffers its size, not 2 × 1 MB.
    const readBytes = options.readBytes ?? Math.min(READ_BYTES, Math.max(64 * 1024, (await handle.stat()).size + 1));
    // Two buffers: the next read runs (on libuv's thread pool) while this thread parses the last one.
    // Each read lands CARRY_BYTES into its buffer, so the unfinished last event of one read can be put
    // in front of the next and read from bytes whole.
    let chunk = Buffer.allocUnsafe(CARRY_BYTES + readBytes);
    let spare = Buffer.allocUnsafe(CARRY_BYTES + readBytes);
    let chunkWords = new DataView(chunk.buffer, chunk.byteOffset, chunk.length);
    let spareWords = new DataView(spare.buffer, spare.byteOffset, spare.length);
    const parser = createEventStreamParser(onEvent, options.takeRaw === undefined ? {} : { takeRaw: options.takeRaw });
    let decoder: TextDecoder | null = null;
    let sniffed: { encoding: EventFileEncoding; bom: boolean } = { encoding: 'utf-8', bom: false };
    let decoderHolds = false;
    // Bytes read so far, which is also where the next read starts.
    let bytes = 0;
    const readAt = (buffer: Buffer, at: number): Promise<{ bytesRead: number }> => {
      const reading = handle.read(buffer, CARRY_BYTES, readBytes, at);
      // Awaited below; a read still running when parsing throws must not be an unhandled rejection.
      reading.catch(() => undefined);
      return reading;
    };

    /** Decodes bytes [from, to) of the chunk and hands them to the text parser, 64 KB at a time. */
    const pushText = (from: number, to: number): void => {
      for (let at = from; at < to; at += PIECE_BYTES) {
        const piece = chunk.subarray(at, Math.min(to, at + PIECE_BYTES));
        if (sniffed.encoding === 'utf-8' && !decoderHolds && isAscii(piece)) {
          // Pure ASCII is the same text in Latin-1, which V8 builds far faster than TextDecoder
          // decodes UTF-8 (bench/README.md).
          parser.push(piece.toString('latin1'));
        } else {
          parser.push((decoder as TextDecoder).decode(piece, { stream: true }));
          decoderHolds = sniffed.encoding !== 'utf-8' || mayEndInsideCharacter(piece);
        }
      }
    };

    // The byte reader: the parser's learned layouts compiled for bytes, most recently matched first.
    const layouts: ByteLayout[] = [];
    let layoutsSeen = 0;
    /** Whether the byte reader may read from here: it has a layout, and the text parser holds nothing. */
    const byteReaderReady = (): boolean => {
      if (takeBytes === undefined || sniffed.encoding !== 'utf-8') return false;
      const learned = parser.layouts();
      for (; layoutsSeen < learned.length; layoutsSeen++) {
        const layout = compileByteLayout(learned[layoutsSeen] as LayoutParts);
        if (layout !== null) layouts.push(layout);
      }
      return layouts.length > 0 && !decoderHolds && parser.idle();
    };

    /**
     * Reads the event at chunk[at] with any layout: its end, NEED_MORE or MISMATCH. The layout that read
     * it moves to the front, so its filled view is layouts[0].view.
     */
    const matchAny = (at: number, end: number): number => {
      let result = MISMATCH;
      for (let i = 0; i < layouts.length; i++) {
        const layout = layouts[i] as ByteLayout;
        const next = matchByteLayout(layout, chunk, chunkWords, at, end);
        if (next >= 0) {
          if (i > 0) [layouts[0], layouts[i]] = [layout, layouts[0] as ByteLayout];
          return next;
        }
        if (next === NEED_MORE) result = NEED_MORE;
      }
      return result;
    };

    /**
     * Where the text parser should stop so that the byte reader can take over again: after the end tag
     * of the event at or after `at`, or `end` when that is not within a 64 KB piece.
     */
    const afterNextEvent = (at: number, end: number): number => {
      const endTag = (layouts[0] as ByteLayout).endTag;
      const found = chunk.indexOf(endTag, at);
      return found === -1 || found + endTag.length > Math.min(end, at + PIECE_BYTES) ? Math.min(end, at + PIECE_BYTES) : found + endTag.length;
    };

    /** Parses chunk[at, end): by bytes where a layout fits and takeBytes takes, else as text. Returns where it stopped. */
    const parseChunk = (from: number, end: number, last: boolean): number => {
      let at = from;
      while (at < end) {
        if (!byteReaderReady()) {
          // Not (or no longer) at an event boundary the byte reader may start at: text up to the next one.
          // (Layouts are compiled only for takeBytes on a UTF-8 file; without one, text goes 64 KB at a time.)
          const next = layouts.length === 0 ? Math.min(end, at + PIECE_BYTES) : afterNextEvent(at, end);
          pushText(at, next);
          at = next;
          continue;
        }
        const runStart = at;
        let taken = 0;
        let stop = MISMATCH;
        let eventEnd = at;
        for (;;) {
          while (at < end && isBlankByte(chunk[at] as number)) at++;
          if (at >= end) {
            stop = 0;
            break;
          }
          eventEnd = matchAny(at, end);
          if (eventEnd < 0) {
            stop = eventEnd;
            break;
          }
          if (!takeBytes!((layouts[0] as ByteLayout).view)) break;
          taken++;
          at = eventEnd;
        }
        if (at > runStart) parser.skip(at - runStart, taken);
        if (at >= end) break;
        // An unfinished event at the end of the read: read it whole with the next read.
        if (stop === NEED_MORE && !last && end - at <= CARRY_BYTES) return at;
        // Declined: that one event goes to the text parser. Not a layout's event: text up to the next event's end.
        const next = stop === MISMATCH && eventEnd > at ? eventEnd : afterNextEvent(at, end);
        pushText(at, next);
        at = next;
      }
      return end;
    };

    let pending = readAt(chunk, 0);
    // chunk[kept, CARRY_BYTES) holds the bytes carried from the last read.
    let kept = CARRY_BYTES;
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      bytes += bytesRead;
      pending = readAt(spare, bytes);
      if (decoder === null) {
        if (bytesRead >= EVTX_MAGIC.length && chunk.toString('latin1', CARRY_BYTES, CARRY_BYTES + EVTX_MAGIC.length) === EVTX_MAGIC) {
          throw new EventFileError(
            'this is a binary .evtx event log, not event XML: export it with `wevtutil qe <log> /lf:true /f:xml` or Get-WinEvent … ToXml()',
          );
        }
        sniffed = sniffEncoding(chunk.subarray(CARRY_BYTES, CARRY_BYTES + bytesRead));
        // TextDecoder drops the BOM itself (ignoreBOM: false); stream: true carries split characters over.
        decoder = new TextDecoder(sniffed.encoding);
      }
      const end = CARRY_BYTES + bytesRead;
      const stoppedAt = parseChunk(kept, end, bytesRead < readBytes);
      // Backpressure: a consumer that writes the events somewhere slow can make reading wait.
      if (options.afterChunk !== undefined) await options.afterChunk();
      // The unread rest goes in front of the next read (which writes only from CARRY_BYTES on).
      kept = CARRY_BYTES - (end - stoppedAt);
      chunk.copy(spare, kept, stoppedAt, end);
      [chunk, spare] = [spare, chunk];
      [chunkWords, spareWords] = [spareWords, chunkWords];
    }
    // Bytes still carried (an event cut off by the end of the file): the text parser reports them.
    if (kept < CARRY_BYTES) pushText(kept, CARRY_BYTES);
    if (decoder !== null) parser.push(decoder.decode());
    return { ...parser.end(), ...sniffed, bytes };
  } finally {
    await handle.close();
  }
}

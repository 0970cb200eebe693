/**
 * Reads events of a learned layout (event-layout.ts) straight from the bytes of a UTF-8 file, without
 * decoding them to text first: the constant parts are compared eight bytes at a time, the holes are
 * scanned four at a time to their end, and the reader gets byte ranges instead of strings
 * (ByteEventView): far cheaper per event than decoding to Latin-1 text and running the layout's regular
 * expression, which also made a string per value (figures in bench/README.md, events-parse).
 *
 * It reads only what the text parser would read the same way with the same layout and no remark: every
 * byte of the event ASCII, no '&' (so no entity to decode), a text hole ending at the first '<', an
 * attribute hole at its quote. Anything else is a mismatch, and the caller hands that event to the text
 * parser, which reads it as always.
 */
import { CAP_COMPUTER, CAP_DATA, CAP_EVENT_ID, H_ATTR, H_ATTR_SYSTEM_TIME, H_EMPTY_DATA, isDoubleQuoted, type LayoutParts } from './event-layout.js';

/** An event read from bytes: where its values are. Reused from event to event: read it during the call only. */
export interface ByteEventView {
  /** The bytes the ranges below point into. */
  bytes: Uint8Array;
  /** The same memory, from the same start, for reading four bytes at a time. */
  words: DataView;
  /** EventID's text, [start, end). */
  eventIdStart: number;
  eventIdEnd: number;
  /** TimeCreated's SystemTime; start -1 when the layout has none. */
  systemTimeStart: number;
  systemTimeEnd: number;
  /** Computer's text, untrimmed; start -1 when the layout has none. */
  computerStart: number;
  computerEnd: number;
  /** The <Data> items in order: dataStart[i], dataEnd[i] for i < dataCount. */
  dataCount: number;
  readonly dataStart: Int32Array;
  readonly dataEnd: Int32Array;
}

// A byte repeated in each of a word's four bytes, for the hole scan in matchByteLayout.
const ONES4 = 0x01010101;
const HIGH4 = 0x80808080 | 0;
const LT4 = 0x3c3c3c3c;
const AMP4 = 0x26262626;
const APOS4 = 0x27272727;
const QUOT4 = 0x22222222;

/** matchByteLayout: the event runs past the bytes given (it may fit once more arrive). */
export const NEED_MORE = -1;
/** matchByteLayout: the bytes are not an event of this layout that may be read from bytes. */
export const MISMATCH = -2;

// What a step between two constants does.
const STEP_SKIP = 0;
const STEP_EVENT_ID = 1;
const STEP_SYSTEM_TIME = 2;
const STEP_COMPUTER = 3;
const STEP_DATA = 4;
const STEP_EMPTY_DATA = 5;

/** A layout compiled for bytes: constants[0] step[0] constants[1] … step[n-1] constants[n]. */
export interface ByteLayout {
  /** All constants' bytes, one after another; constant k is bytes [constStart[k], constStart[k + 1]). */
  readonly constBytes: Uint8Array;
  readonly constStart: Int32Array;
  /**
   * The same bytes eight at a time, read as little-endian doubles: constant k's start at constDouble[k],
   * and constLast[k] is its last eight bytes (so an overlapping read checks the rest). Equal doubles are
   * equal bytes here: bytes 1-127 are never a NaN's or a zero's bit pattern.
   */
  readonly constDoubles: Float64Array;
  readonly constDouble: Int32Array;
  readonly constLast: Float64Array;
  readonly steps: Int32Array;
  /** The byte that ends each step's hole: '<' for text, the quote for an attribute; -1 for no hole. */
  readonly stops: Int32Array;
  /** The end tag of the event element (`</Event>`, `</e:Event>`), to find where an event ends. */
  readonly endTag: Uint8Array;
  readonly view: ByteEventView;
}

/** Bytes 1-127 only (see ByteLayout.constDoubles for why not 0). */
const isAsciiText = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || c > 127) return false;
  }
  return true;
};

/** Compiles a learned layout for bytes; null when a constant is not ASCII or holds a NUL (the text parser then reads it). */
export function compileByteLayout(parts: LayoutParts): ByteLayout | null {
  // Normalise to constant, step, constant, …, constant: neighbouring constants joined, an empty
  // constant between neighbouring steps.
  const constants: string[] = [''];
  const steps: number[] = [];
  const stops: number[] = [];
  let dataItems = 0;
  for (const part of parts) {
    if (typeof part === 'string') {
      if (!isAsciiText(part)) return null;
      constants[constants.length - 1] += part;
      continue;
    }
    let step = STEP_SKIP;
    let stop = 60;
    if (part === H_EMPTY_DATA) {
      step = STEP_EMPTY_DATA;
      stop = -1;
    } else if (part >= H_ATTR) {
      stop = isDoubleQuoted(part) ? 34 : 39;
      if (part >= H_ATTR_SYSTEM_TIME) step = STEP_SYSTEM_TIME;
    } else if (part === CAP_EVENT_ID) {
      step = STEP_EVENT_ID;
    } else if (part === CAP_COMPUTER) {
      step = STEP_COMPUTER;
    } else if (part === CAP_DATA) {
      step = STEP_DATA;
    }
    if (step === STEP_DATA || step === STEP_EMPTY_DATA) dataItems++;
    steps.push(step);
    stops.push(stop);
    constants.push('');
  }
  const last = constants[constants.length - 1] as string;
  const endTagAt = last.lastIndexOf('</');
  if (endTagAt === -1) return null;

  const constStart = new Int32Array(constants.length + 1);
  const constDouble = new Int32Array(constants.length + 1);
  let byteCount = 0;
  let doubleCount = 0;
  constants.forEach((text, k) => {
    constStart[k] = byteCount;
    constDouble[k] = doubleCount;
    byteCount += text.length;
    doubleCount += text.length >> 3;
  });
  constStart[constants.length] = byteCount;
  constDouble[constants.length] = doubleCount;
  const constBytes = new Uint8Array(byteCount);
  constants.forEach((text, k) => {
    for (let i = 0; i < text.length; i++) constBytes[(constStart[k] as number) + i] = text.charCodeAt(i);
  });
  const asDoubles = new DataView(constBytes.buffer);
  const constDoubles = new Float64Array(doubleCount);
  const constLast = new Float64Array(constants.length);
  constants.forEach((text, k) => {
    const at = constStart[k] as number;
    for (let d = 0; d < text.length >> 3; d++) constDoubles[(constDouble[k] as number) + d] = asDoubles.getFloat64(at + 8 * d, true);
    if (text.length >= 8) constLast[k] = asDoubles.getFloat64(at + text.length - 8, true);
  });
  const endTag = new Uint8Array(last.length - endTagAt);
  for (let i = 0; i < endTag.length; i++) endTag[i] = last.charCodeAt(endTagAt + i);
  return {
    constBytes,
    constStart,
    constDoubles,
    constDouble,
    constLast,
    steps: Int32Array.from(steps),
    stops: Int32Array.from(stops),
    endTag,
    view: {
      bytes: constBytes,
      words: new DataView(constBytes.buffer),
      eventIdStart: 0,
      eventIdEnd: 0,
      systemTimeStart: -1,
      systemTimeEnd: -1,
      computerStart: -1,
      computerEnd: -1,
      dataCount: 0,
      dataStart: new Int32Array(dataItems),
      dataEnd: new Int32Array(dataItems),
    },
  };
}

/**
 * Reads the event that starts at bytes[at] with `layout`, filling layout.view: the index after the
 * event, NEED_MORE if it would run past `end`, MISMATCH if it is not one the layout reads from bytes.
 * `words` is a DataView over the same memory as `bytes`, from the same start (for four-byte comparisons).
 */
export function matchByteLayout(layout: ByteLayout, bytes: Uint8Array, words: DataView, at: number, end: number): number {
  const { constBytes, constStart, constDoubles, constDouble, constLast, steps, stops, view } = layout;
  let p = at;
  let data = 0;
  view.systemTimeStart = -1;
  view.computerStart = -1;
  for (let k = 0; ; k++) {
    const cs = constStart[k] as number;
    const n = (constStart[k + 1] as number) - cs;
    if (p + n > end) return NEED_MORE;
    if (n >= 8) {
      const base = constDouble[k] as number;
      const whole = n & ~7;
      for (let i = 0; i < whole; i += 8) if (words.getFloat64(p + i, true) !== constDoubles[base + (i >> 3)]) return MISMATCH;
      if (whole !== n && words.getFloat64(p + n - 8, true) !== constLast[k]) return MISMATCH;
    } else {
      for (let i = 0; i < n; i++) if (bytes[p + i] !== constBytes[cs + i]) return MISMATCH;
    }
    p += n;
    if (k === steps.length) break;
    const step = steps[k] as number;
    const stop = stops[k] as number;
    const start = p;
    if (stop !== -1) {
      // Four bytes at a time while none of them is the stop, '<', '&' or beyond ASCII (the usual zero-byte
      // test on the word XORed with each byte looked for); the byte loop below finds which one it is.
      const stopWord = stop === 60 ? LT4 : stop === 39 ? APOS4 : QUOT4;
      while (p + 4 <= end) {
        const w = words.getInt32(p, true);
        const x = w ^ stopWord;
        const y = w ^ LT4;
        const z = w ^ AMP4;
        if ((((x - ONES4) & ~x) | ((y - ONES4) & ~y) | ((z - ONES4) & ~z) | w) & HIGH4) break;
        p += 4;
      }
      for (;;) {
        if (p >= end) return NEED_MORE;
        const c = bytes[p] as number;
        if (c === stop) break;
        // An entity, a non-ASCII character or a '<' in a quoted value: the text parser reads it.
        if (c === 38 || c > 127 || c === 60) return MISMATCH;
        p++;
      }
    }
    switch (step) {
      case STEP_EVENT_ID:
        view.eventIdStart = start;
        view.eventIdEnd = p;
        break;
      case STEP_SYSTEM_TIME:
        view.systemTimeStart = start;
        view.systemTimeEnd = p;
        break;
      case STEP_COMPUTER:
        view.computerStart = start;
        view.computerEnd = p;
        break;
      case STEP_DATA:
      case STEP_EMPTY_DATA:
        view.dataStart[data] = start;
        view.dataEnd[data] = p;
        data++;
        break;
    }
  }
  view.bytes = bytes;
  view.words = words;
  view.dataCount = data;
  return p;
}

/** Text of ASCII bytes [start, end) (the ranges of a ByteEventView are ASCII). */
export function asciiText(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  // apply takes a typed array as it is (a spread would go through its iterator); 4096 at a time keeps the
  // argument count small. A plain Uint8Array view, not bytes.subarray: a Buffer's subarray builds a Buffer.
  for (let at = start; at < end; at += 4096) {
    const view = new Uint8Array(bytes.buffer, bytes.byteOffset + at, Math.min(end, at + 4096) - at);
    text += String.fromCharCode.apply(null, view as unknown as number[]);
  }
  return text;
}

/** Whether bytes [start, end) are exactly the ASCII `text`. */
export function bytesEqualText(bytes: Uint8Array, start: number, end: number, text: string): boolean {
  if (end - start !== text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[start + i] !== text.charCodeAt(i)) return false;
  return true;
}

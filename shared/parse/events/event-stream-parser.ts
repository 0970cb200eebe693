/**
 * Streaming parser for Windows event XML: `Get-WinEvent … | ForEach-Object ToXml()` and
 * `wevtutil qe /f:xml` (many `<Event>` elements with no root), Event Viewer's "Save as XML" (`<Events>`
 * root), in any chunking.
 *
 * A purpose-built scanner over the event grammar rather than a generic SAX library (saxes was about a
 * quarter of the rate the issue asks for: bench/README.md). It reads only the elements an event
 * needs (System's Provider/EventID/TimeCreated/EventRecordID/Channel/Computer, EventData's Data,
 * UserData leaves, RenderingInfo's Message) and keeps only the unfinished tail of the input between
 * chunks. A log repeats one event layout, so after two clean events it learns that layout and reads
 * each following event with one sticky regular expression (see learnTemplate/fastEvent); anything
 * that does not fit the layout exactly goes through the general scanner, with the same result.
 *
 * It is still an XML reader where it matters: entities and character references, CDATA, comments,
 * processing instructions, a DOCTYPE, attributes in any order with either quote, `>` inside quoted
 * attribute values, self-closing elements, namespace prefixes (matched by local name). Whatever it
 * cannot read is described in `unrecognized`, never dropped silently and never thrown.
 */
import type { KmsEvent } from '../types.js';
import { buildKmsEvent, clip, levelValue, type EventHeader } from './event-fields.js';
import { systemTimeToIso } from './event-time.js';
import {
  CAP_CHANNEL,
  CAP_COMPUTER,
  CAP_DATA,
  CAP_EVENT_ID,
  CAP_LEVEL,
  CAP_MESSAGE,
  CAP_NONE,
  CAP_RECORD_ID,
  CAP_USER_DATA,
  H_ATTR,
  H_ATTR_SYSTEM_TIME,
  H_EMPTY_DATA,
  H_TEXT,
  isDoubleQuoted,
  type LayoutParts,
} from './event-layout.js';
import { decodeXmlEntities } from './xml-entities.js';

/** What a parse produced besides the events themselves. */
export interface EventParseSummary {
  /** Events delivered to the callback. */
  readonly events: number;
  /** Short descriptions of what could not be read (elements, text, fields), in input order. */
  readonly unrecognized: readonly string[];
}

/** An incremental parser: push text chunks in order, then end. */
export interface EventStreamParser {
  push(chunk: string): void;
  end(): EventParseSummary;
  /**
   * The event layouts learned so far, oldest first (a new one is appended; none is dropped). A reader
   * of the raw bytes may read events of these layouts itself (byte-layout.ts) and then skip them here.
   */
  layouts(): readonly LayoutParts[];
  /** True between events with nothing held back: no unfinished tail, no open event, no pending text. */
  idle(): boolean;
  /**
   * Passes over the next `length` characters of the input, read elsewhere while idle(): blanks and
   * `events` whole events of a learned layout, each taken (see takeRaw: counted, neither built nor
   * delivered). Positions in later remarks count those characters.
   */
  skip(length: number, events: number): void;
}

export interface EventStreamParserOptions {
  /** How many descriptions `unrecognized` lists before it only counts (default 200). */
  readonly maxUnrecognized?: number;
  /**
   * Learn each log's event layout and read matching events in one step (default true). The result is
   * the same either way; false forces the general scanner (tests compare the two).
   */
  readonly learnLayouts?: boolean;
  /**
   * Offered each event read with a learned layout, before it is built: returning true takes the event
   * as it stands (it is counted, neither built nor delivered). The host digest reads the usual 12290
   * request this way without making an event object (hostRecordOfRaw, host-record.ts); whatever it
   * declines is built and delivered as usual. The view is reused: read it during the call only.
   */
  readonly takeRaw?: (event: RawEventView) => boolean;
}

/** An event's values as read, entities decoded, before any field is checked or named. */
export interface RawEventView {
  /** EventID's text as it stands (not trimmed). */
  eventId: string;
  /** TimeCreated's SystemTime attribute, null without one. */
  systemTime: string | null;
  /** Computer, trimmed; null without the element or with nothing in it (as the built event has it). */
  computer: string | null;
  /** The <Data> items in order. */
  data: readonly string[];
}

// A tag longer than this without its closing `>` is not markup (binary garbage, a stray `<`).
const MAX_TAG = 64 * 1024;
// How much of a new chunk is joined to the unfinished tail of the previous one (see push).
const HEAD = 4096;
// One text value (a <Data> item, a message) is cut at this length so garbage cannot exhaust memory.
const MAX_TEXT = 1024 * 1024;

// Element codes: the scanner compares names in the input instead of slicing a string per tag.
const E_OTHER = 0;
const E_EVENT = 1;
const E_EVENTS = 2;
const E_SYSTEM = 3;
const E_EVENT_DATA = 4;
const E_USER_DATA = 5;
const E_RENDERING_INFO = 6;
const E_DATA = 7;
const E_EVENT_ID = 8;
const E_EVENT_RECORD_ID = 9;
const E_CHANNEL = 10;
const E_COMPUTER = 11;
const E_PROVIDER = 12;
const E_TIME_CREATED = 13;
const E_MESSAGE = 14;
// Frequent System children nobody reads, coded so they need no string either.
const E_LEVEL = 15;
const E_TASK = 16;
const E_OPCODE = 17;
const E_VERSION = 18;
const E_KEYWORDS = 19;

/**
 * The code of the local name s[a, a + n). Written out character by character: this runs for every tag,
 * and a call to startsWith or a loop over a literal costs several times more here.
 */
function classify(s: string, a: number, n: number): number {
  switch (n) {
    case 4:
      switch (s.charCodeAt(a)) {
        case 68: // D
          if (s.charCodeAt(a + 1) === 97 && s.charCodeAt(a + 2) === 116 && s.charCodeAt(a + 3) === 97) return E_DATA; // Data
          return E_OTHER;
        case 84: // T
          if (s.charCodeAt(a + 1) === 97 && s.charCodeAt(a + 2) === 115 && s.charCodeAt(a + 3) === 107) return E_TASK; // Task
          return E_OTHER;
      }
      return E_OTHER;
    case 5:
      switch (s.charCodeAt(a)) {
        case 69: // E
          if (s.charCodeAt(a + 1) === 118 && s.charCodeAt(a + 2) === 101 && s.charCodeAt(a + 3) === 110 && s.charCodeAt(a + 4) === 116) return E_EVENT; // Event
          return E_OTHER;
        case 76: // L
          if (s.charCodeAt(a + 1) === 101 && s.charCodeAt(a + 2) === 118 && s.charCodeAt(a + 3) === 101 && s.charCodeAt(a + 4) === 108) return E_LEVEL; // Level
          return E_OTHER;
      }
      return E_OTHER;
    case 6:
      switch (s.charCodeAt(a)) {
        case 83: // S
          if (s.charCodeAt(a + 1) === 121 && s.charCodeAt(a + 2) === 115 && s.charCodeAt(a + 3) === 116 && s.charCodeAt(a + 4) === 101 && s.charCodeAt(a + 5) === 109) return E_SYSTEM; // System
          return E_OTHER;
        case 69: // E
          if (s.charCodeAt(a + 1) === 118 && s.charCodeAt(a + 2) === 101 && s.charCodeAt(a + 3) === 110 && s.charCodeAt(a + 4) === 116 && s.charCodeAt(a + 5) === 115) return E_EVENTS; // Events
          return E_OTHER;
        case 79: // O
          if (s.charCodeAt(a + 1) === 112 && s.charCodeAt(a + 2) === 99 && s.charCodeAt(a + 3) === 111 && s.charCodeAt(a + 4) === 100 && s.charCodeAt(a + 5) === 101) return E_OPCODE; // Opcode
          return E_OTHER;
      }
      return E_OTHER;
    case 7:
      switch (s.charCodeAt(a)) {
        case 69: // E
          if (s.charCodeAt(a + 1) === 118 && s.charCodeAt(a + 2) === 101 && s.charCodeAt(a + 3) === 110 && s.charCodeAt(a + 4) === 116 && s.charCodeAt(a + 5) === 73 && s.charCodeAt(a + 6) === 68) return E_EVENT_ID; // EventID
          return E_OTHER;
        case 67: // C
          if (s.charCodeAt(a + 1) === 104 && s.charCodeAt(a + 2) === 97 && s.charCodeAt(a + 3) === 110 && s.charCodeAt(a + 4) === 110 && s.charCodeAt(a + 5) === 101 && s.charCodeAt(a + 6) === 108) return E_CHANNEL; // Channel
          return E_OTHER;
        case 86: // V
          if (s.charCodeAt(a + 1) === 101 && s.charCodeAt(a + 2) === 114 && s.charCodeAt(a + 3) === 115 && s.charCodeAt(a + 4) === 105 && s.charCodeAt(a + 5) === 111 && s.charCodeAt(a + 6) === 110) return E_VERSION; // Version
          return E_OTHER;
        case 77: // M
          if (s.charCodeAt(a + 1) === 101 && s.charCodeAt(a + 2) === 115 && s.charCodeAt(a + 3) === 115 && s.charCodeAt(a + 4) === 97 && s.charCodeAt(a + 5) === 103 && s.charCodeAt(a + 6) === 101) return E_MESSAGE; // Message
          return E_OTHER;
      }
      return E_OTHER;
    case 8:
      switch (s.charCodeAt(a)) {
        case 67: // C
          if (s.charCodeAt(a + 1) === 111 && s.charCodeAt(a + 2) === 109 && s.charCodeAt(a + 3) === 112 && s.charCodeAt(a + 4) === 117 && s.charCodeAt(a + 5) === 116 && s.charCodeAt(a + 6) === 101 && s.charCodeAt(a + 7) === 114) return E_COMPUTER; // Computer
          return E_OTHER;
        case 80: // P
          if (s.charCodeAt(a + 1) === 114 && s.charCodeAt(a + 2) === 111 && s.charCodeAt(a + 3) === 118 && s.charCodeAt(a + 4) === 105 && s.charCodeAt(a + 5) === 100 && s.charCodeAt(a + 6) === 101 && s.charCodeAt(a + 7) === 114) return E_PROVIDER; // Provider
          return E_OTHER;
        case 75: // K
          if (s.charCodeAt(a + 1) === 101 && s.charCodeAt(a + 2) === 121 && s.charCodeAt(a + 3) === 119 && s.charCodeAt(a + 4) === 111 && s.charCodeAt(a + 5) === 114 && s.charCodeAt(a + 6) === 100 && s.charCodeAt(a + 7) === 115) return E_KEYWORDS; // Keywords
          return E_OTHER;
        case 85: // U
          if (s.charCodeAt(a + 1) === 115 && s.charCodeAt(a + 2) === 101 && s.charCodeAt(a + 3) === 114 && s.charCodeAt(a + 4) === 68 && s.charCodeAt(a + 5) === 97 && s.charCodeAt(a + 6) === 116 && s.charCodeAt(a + 7) === 97) return E_USER_DATA; // UserData
          return E_OTHER;
      }
      return E_OTHER;
    case 9:
      switch (s.charCodeAt(a)) {
        case 69: // E
          if (s.charCodeAt(a + 1) === 118 && s.charCodeAt(a + 2) === 101 && s.charCodeAt(a + 3) === 110 && s.charCodeAt(a + 4) === 116 && s.charCodeAt(a + 5) === 68 && s.charCodeAt(a + 6) === 97 && s.charCodeAt(a + 7) === 116 && s.charCodeAt(a + 8) === 97) return E_EVENT_DATA; // EventData
          return E_OTHER;
      }
      return E_OTHER;
    case 11:
      switch (s.charCodeAt(a)) {
        case 84: // T
          if (s.charCodeAt(a + 1) === 105 && s.charCodeAt(a + 2) === 109 && s.charCodeAt(a + 3) === 101 && s.charCodeAt(a + 4) === 67 && s.charCodeAt(a + 5) === 114 && s.charCodeAt(a + 6) === 101 && s.charCodeAt(a + 7) === 97 && s.charCodeAt(a + 8) === 116 && s.charCodeAt(a + 9) === 101 && s.charCodeAt(a + 10) === 100) return E_TIME_CREATED; // TimeCreated
          return E_OTHER;
      }
      return E_OTHER;
    case 13:
      switch (s.charCodeAt(a)) {
        case 69: // E
          if (s.charCodeAt(a + 1) === 118 && s.charCodeAt(a + 2) === 101 && s.charCodeAt(a + 3) === 110 && s.charCodeAt(a + 4) === 116 && s.charCodeAt(a + 5) === 82 && s.charCodeAt(a + 6) === 101 && s.charCodeAt(a + 7) === 99 && s.charCodeAt(a + 8) === 111 && s.charCodeAt(a + 9) === 114 && s.charCodeAt(a + 10) === 100 && s.charCodeAt(a + 11) === 73 && s.charCodeAt(a + 12) === 68) return E_EVENT_RECORD_ID; // EventRecordID
          return E_OTHER;
        case 82: // R
          if (s.charCodeAt(a + 1) === 101 && s.charCodeAt(a + 2) === 110 && s.charCodeAt(a + 3) === 100 && s.charCodeAt(a + 4) === 101 && s.charCodeAt(a + 5) === 114 && s.charCodeAt(a + 6) === 105 && s.charCodeAt(a + 7) === 110 && s.charCodeAt(a + 8) === 103 && s.charCodeAt(a + 9) === 73 && s.charCodeAt(a + 10) === 110 && s.charCodeAt(a + 11) === 102 && s.charCodeAt(a + 12) === 111) return E_RENDERING_INFO; // RenderingInfo
          return E_OTHER;
      }
      return E_OTHER;
  }
  return E_OTHER;
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

// XML NameStartChar, simplified: ASCII letters, '_', ':' and anything beyond ASCII.
const isNameStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c > 127;

/** 1 to max decimal digits. */
function isDigits(text: string, max: number): boolean {
  if (text.length === 0 || text.length > max) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const localName = (name: string): string => {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
};

/** The value of attribute `wanted` (by local name) in the attribute text s[from, to), decoded; null if absent. */
function attribute(s: string, from: number, to: number, wanted: string): string | null {
  let i = from;
  while (i < to) {
    while (i < to && isSpace(s.charCodeAt(i))) i++;
    const nameStart = i;
    while (i < to) {
      const c = s.charCodeAt(i);
      if (c === 61 || isSpace(c) || c === 47 || c === 62) break;
      i++;
    }
    const name = s.slice(nameStart, i);
    while (i < to && isSpace(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== 61) return null;
    i++;
    while (i < to && isSpace(s.charCodeAt(i))) i++;
    const quote = s.charCodeAt(i);
    if (quote !== 34 && quote !== 39) return null;
    const close = s.indexOf(quote === 34 ? '"' : "'", i + 1);
    if (close === -1 || close > to) return null;
    if (name === wanted || localName(name) === wanted) return decodeXmlEntities(s.slice(i + 1, close));
    i = close + 1;
  }
  return null;
}

const MAX_TEMPLATES = 16;

// Attributes whose values change from record to record; other values nobody reads (Guid, Qualifiers,
// Level, blanks…) are taken as constant: an event that differs there gets a layout of its own.
const VARYING_ATTRIBUTES: ReadonlySet<string> = new Set(['ProcessID', 'ThreadID', 'ActivityID', 'RelatedActivityID', 'UserID']);

/**
 * The layout of one event s[start, end) that the general scanner read without any remark: its text,
 * with holes for the values the parser reads (and attribute values that vary per record), the rest
 * taken as constant. Null for events it will not describe
 * (comments, CDATA, processing instructions, UserData, children inside a captured element, unusual
 * attribute syntax): those are always read by the general scanner.
 */
function learnTemplate(s: string, start: number, end: number): (string | number)[] | null {
  const parts: (string | number)[] = [];
  const stack: string[] = [];
  let constStart = start;
  let i = start;
  let capturing = false;
  while (i < end) {
    if (s.charCodeAt(i) !== 60) return null;
    const c1 = s.charCodeAt(i + 1);
    if (c1 === 33 || c1 === 63) return null;
    const close = c1 === 47;
    let nameStart = close ? i + 2 : i + 1;
    let j = nameStart;
    for (; j < end; j++) {
      const c = s.charCodeAt(j);
      if (c === 62 || c === 47 || isSpace(c)) break;
      if (c === 58) nameStart = j + 1;
    }
    const name = s.slice(nameStart, j);
    if (close) {
      while (j < end && isSpace(s.charCodeAt(j))) j++;
      if (stack.pop() !== name || s.charCodeAt(j) !== 62) return null;
      capturing = false;
      i = j + 1;
    } else {
      if (capturing || name === 'UserData') return null;
      const parent = stack[stack.length - 1];
      const seen = new Set<string>();
      // Attributes, each as the general scanner's attribute() reads them: name = 'value' or "value".
      for (;;) {
        while (j < end && isSpace(s.charCodeAt(j))) j++;
        const c = s.charCodeAt(j);
        if (c === 62 || c === 47) break;
        const attrStart = j;
        while (j < end) {
          const a = s.charCodeAt(j);
          if (a === 61 || isSpace(a) || a === 47 || a === 62) break;
          j++;
        }
        const attrName = s.slice(attrStart, j);
        while (j < end && isSpace(s.charCodeAt(j))) j++;
        if (s.charCodeAt(j) !== 61) return null;
        j++;
        while (j < end && isSpace(s.charCodeAt(j))) j++;
        const quote = s.charCodeAt(j);
        if (quote !== 34 && quote !== 39) return null;
        const valueStart = j + 1;
        const valueEnd = s.indexOf(quote === 34 ? '"' : "'", valueStart);
        if (valueEnd === -1 || valueEnd >= end) return null;
        const local = localName(attrName);
        let role = 0;
        if (parent === 'System' && !seen.has(local)) {
          if (name === 'Provider' && local === 'Name') role = 1;
          else if (name === 'TimeCreated' && local === 'SystemTime') role = 2;
        }
        // attribute() answers for the first attribute whose name or local name matches.
        seen.add(attrName);
        seen.add(local);
        if (role !== 0 || VARYING_ATTRIBUTES.has(local)) {
          parts.push(s.slice(constStart, valueStart), H_ATTR + 2 * role + (quote === 39 ? 0 : 1));
          constStart = valueEnd;
        }
        j = valueEnd + 1;
      }
      const selfClosing = s.charCodeAt(j) === 47;
      if (selfClosing) j++;
      if (s.charCodeAt(j) !== 62) return null;
      i = j + 1;
      if (selfClosing) {
        if (name === 'Event') return null;
        if (name === 'Data' && parent === 'EventData') {
          parts.push(s.slice(constStart, i), H_EMPTY_DATA);
          constStart = i;
        }
      } else {
        stack.push(name);
        let role = H_TEXT;
        if (parent === 'System') {
          if (name === 'EventID') role = CAP_EVENT_ID;
          else if (name === 'EventRecordID') role = CAP_RECORD_ID;
          else if (name === 'Channel') role = CAP_CHANNEL;
          else if (name === 'Computer') role = CAP_COMPUTER;
        } else if (name === 'Data' && parent === 'EventData') {
          role = CAP_DATA;
        } else if (name === 'Message' && parent === 'RenderingInfo') {
          role = CAP_MESSAGE;
        }
        capturing = role !== H_TEXT;
        if (i < end) {
          const next = s.indexOf('<', i);
          if (next === -1 || next >= end) return null;
          if (capturing) {
            parts.push(s.slice(constStart, i), role);
            constStart = next;
          }
          i = next;
        }
        continue;
      }
    }
    // Text nobody reads (blanks between elements) stays part of the constant.
    if (i < end) {
      const next = s.indexOf('<', i);
      if (next === -1 || next >= end) return null;
      i = next;
    }
  }
  if (stack.length !== 0) return null;
  parts.push(s.slice(constStart, end));
  // Merge the empty constants the loop leaves between adjacent holes.
  return parts.filter((part) => part !== '');
}

/** A learned layout: a sticky expression for the whole event, and what to do with each hole. */
interface Template {
  readonly re: RegExp;
  /** Pairs (hole code, capture group number; group 0 for an empty <Data/>), in document order. */
  readonly actions: readonly number[];
  /** Level and the Data names: constant text of the layout, so read once from the event it was learned from. */
  readonly level: number | null;
  readonly dataNames: readonly (string | null)[];
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// Compiled layouts shared by all parsers (a RegExp is used synchronously, lastIndex set before each
// exec, so sharing is safe): parsing many small inputs then does not recompile the same layout.
const compiledTemplates = new Map<string, Template>();
const MAX_COMPILED = 256;

/** Turns learned parts into one sticky expression: text holes `([^<]*)`, attribute holes `([^']*)`. */
function compileTemplate(parts: LayoutParts, level: number | null, dataNames: readonly (string | null)[]): Template {
  const key = JSON.stringify(parts);
  const cached = compiledTemplates.get(key);
  if (cached !== undefined) return cached;
  const template = compileTemplateUncached(parts, level, dataNames);
  if (compiledTemplates.size >= MAX_COMPILED) compiledTemplates.clear();
  compiledTemplates.set(key, template);
  return template;
}

function compileTemplateUncached(parts: LayoutParts, level: number | null, dataNames: readonly (string | null)[]): Template {
  let source = '';
  const actions: number[] = [];
  let group = 0;
  for (const part of parts) {
    if (typeof part === 'string') {
      source += escapeRegExp(part);
    } else if (part === H_EMPTY_DATA) {
      actions.push(part, 0);
    } else if (part === H_TEXT || part === H_ATTR || part === H_ATTR + 1) {
      // A hole nobody reads (ProcessID…): matched, not captured, so no string is made for it.
      source += part === H_TEXT ? '[^<]*' : part === H_ATTR ? "[^']*" : '[^"]*';
    } else {
      source += part < H_ATTR ? '([^<]*)' : isDoubleQuoted(part) ? '([^"]*)' : "([^']*)";
      group++;
      actions.push(part, group);
    }
  }
  return { re: new RegExp(source, 'y'), actions, level, dataNames };
}

/**
 * Creates an incremental event XML parser that calls `onEvent` for every complete `<Event>`.
 *
 * Chunks may split the input anywhere (inside a tag, an entity, a CDATA section); the result is the
 * same as for the whole text at once.
 */
export function createEventStreamParser(
  onEvent: (event: KmsEvent) => void,
  options: EventStreamParserOptions = {},
): EventStreamParser {
  const maxNotes = options.maxUnrecognized ?? 200;
  const maxTemplates = options.learnLayouts === false ? 0 : MAX_TEMPLATES;
  const takeRaw = options.takeRaw;
  const rawView: RawEventView = { eventId: '', systemTime: null, computer: null, data: [] };
  const notes: string[] = [];
  let moreNotes = 0;
  const note = (text: string): void => {
    if (notes.length < maxNotes) notes.push(text);
    else moreNotes++;
  };

  let buf = '';
  let pos = 0;
  // Absolute character offset of buf[0], for "near character N" in descriptions.
  let base = 0;
  let ended = false;
  let events = 0;

  // Text outside any <Event>: the first non-blank characters of the current run, reported at its end.
  let outsideAt = -1;
  let outsideSnippet = '';

  // The event being read.
  let inEvent = false;
  let notesAtEventStart = 0;
  let eventAt = 0;
  // Open elements of the current event: their codes, and the names of those coded E_OTHER.
  // A depth counter over arrays that only grow: assigning `length` is a slow runtime call in V8.
  const codes: number[] = [];
  const names: (string | null)[] = [];
  let open = 0;
  let eventId = '';
  let recordId = '';
  let channel: string | null = null;
  let computer: string | null = null;
  let provider: string | null = null;
  let systemTime: string | null = null;
  let message: string | undefined;
  let data: string[] = [];
  let level: number | null = null;
  // The Data items' Name attributes as the general scanner reads them, or a layout's (templateNames).
  let dataNames: (string | null)[] = [];
  let templateNames: readonly (string | null)[] | null = null;
  let userDataDepth = -1;
  let cap = CAP_NONE;
  let capDepth = -1;
  let capText = '';
  let capCut = false;

  const flushOutside = (): void => {
    if (outsideAt === -1) return;
    note(`text outside any <Event> near character ${outsideAt}: '${clip(outsideSnippet, 40)}'`);
    outsideAt = -1;
    outsideSnippet = '';
  };

  const outsideText = (s: string, from: number, to: number): void => {
    if (outsideAt === -1) {
      let k = from;
      // Blank lines between events and a byte-order mark are not content.
      while (k < to && (isSpace(s.charCodeAt(k)) || s.charCodeAt(k) === 0xfeff)) k++;
      if (k === to) return;
      outsideAt = base + k;
      outsideSnippet = s.slice(k, Math.min(to, k + 48));
    } else if (outsideSnippet.length < 48) {
      outsideSnippet += s.slice(from, Math.min(to, from + 48 - outsideSnippet.length));
    }
  };

  const appendCapture = (piece: string): void => {
    if (capText.length + piece.length <= MAX_TEXT) {
      capText += piece;
    } else if (!capCut) {
      capText += piece.slice(0, Math.max(0, MAX_TEXT - capText.length));
      capCut = true;
    }
  };

  const beginEvent = (at: number): void => {
    inEvent = true;
    notesAtEventStart = notes.length + moreNotes;
    eventAt = at;
    open = 0;
    eventId = '';
    recordId = '';
    channel = null;
    computer = null;
    provider = null;
    systemTime = null;
    message = undefined;
    data = [];
    level = null;
    if (dataNames.length !== 0) dataNames = [];
    templateNames = null;
    userDataDepth = -1;
    cap = CAP_NONE;
    capDepth = -1;
  };

  const finishCapture = (): void => {
    let value = capText.indexOf('&') === -1 ? capText : decodeXmlEntities(capText);
    if (capCut) {
      note(`a value longer than ${MAX_TEXT} characters in the <Event> near character ${eventAt} was cut`);
      value = value.slice(0, MAX_TEXT);
    }
    switch (cap) {
      case CAP_EVENT_ID:
        eventId = value;
        break;
      case CAP_RECORD_ID:
        recordId = value;
        break;
      case CAP_CHANNEL:
        channel = value.trim();
        break;
      case CAP_COMPUTER:
        computer = value.trim();
        break;
      case CAP_DATA:
        data.push(value);
        break;
      case CAP_MESSAGE:
        message = value.trim();
        break;
      case CAP_LEVEL:
        level = levelValue(value);
        break;
      case CAP_USER_DATA: {
        const t = value.trim();
        if (t !== '') data.push(t);
        break;
      }
    }
    cap = CAP_NONE;
    capDepth = -1;
    capText = '';
    capCut = false;
  };

  const finishEvent = (): boolean => {
    inEvent = false;
    open = 0;
    const idText = eventId.trim();
    if (!isDigits(idText, 5)) {
      note(
        idText === ''
          ? `an <Event> near character ${eventAt} has no EventID: skipped`
          : `an <Event> near character ${eventAt} has EventID '${clip(idText, 20)}', not a number: skipped`,
      );
      return false;
    }
    const recordText = recordId.trim();
    const timeCreated = systemTime === null ? null : systemTimeToIso(systemTime);
    if (systemTime !== null && timeCreated === null) note(`event ${idText} near character ${eventAt}: TimeCreated '${clip(systemTime, 40)}' is not a UTC time`);
    const header: EventHeader = {
      eventId: Number(idText),
      logName: channel === '' ? null : channel,
      provider: provider === '' ? null : provider,
      timeCreated,
      computer: computer === '' ? null : computer,
      recordId: isDigits(recordText, 16) ? Number(recordText) : null,
      message: message === '' ? undefined : message,
      level,
      dataNames: templateNames ?? dataNames,
    };
    const built = buildKmsEvent(header, data);
    for (const problem of built.problems) note(problem);
    events++;
    onEvent(built.event);
    return true;
  };

  const openElement = (code: number, s: string, nameStart: number, nameEnd: number): void => {
    codes[open] = code;
    names[open] = code === E_OTHER ? s.slice(nameStart, nameEnd) : null;
    open++;
  };

  /** A start tag: s[lt] is '<', the local name is s[nameStart, nameEnd), s[gt] is '>'. */
  const startTag = (s: string, lt: number, nameStart: number, nameEnd: number, gt: number): void => {
    const code = classify(s, nameStart, nameEnd - nameStart);
    const selfClosing = s.charCodeAt(gt - 1) === 47;
    if (!inEvent) {
      flushOutside();
      if (code === E_EVENT) {
        beginEvent(base + lt);
        if (selfClosing) finishEvent();
        else openElement(code, s, nameStart, nameEnd);
      } else if (code !== E_EVENTS) {
        note(`element <${clip(s.slice(nameStart, nameEnd), 30)}> outside any <Event> near character ${base + lt}: ignored`);
      }
      return;
    }
    if (code === E_EVENT && userDataDepth === -1) {
      note(`the <Event> near character ${eventAt} has no end before the next <Event>: not read`);
      beginEvent(base + lt);
      if (selfClosing) finishEvent();
      else openElement(code, s, nameStart, nameEnd);
      return;
    }
    const depth = open;
    const parent = codes[depth - 1];
    if (userDataDepth !== -1) {
      // Under UserData every element may be a leaf: its own text, if it has no children, is a data item.
      cap = CAP_USER_DATA;
      capDepth = depth;
      capText = '';
    } else if (parent === E_SYSTEM) {
      if (code === E_EVENT_ID) cap = CAP_EVENT_ID;
      else if (code === E_EVENT_RECORD_ID) cap = CAP_RECORD_ID;
      else if (code === E_CHANNEL) cap = CAP_CHANNEL;
      else if (code === E_COMPUTER) cap = CAP_COMPUTER;
      else if (code === E_PROVIDER) provider = attribute(s, nameEnd, gt, 'Name');
      else if (code === E_TIME_CREATED) systemTime = attribute(s, nameEnd, gt, 'SystemTime');
      else if (code === E_LEVEL) cap = CAP_LEVEL;
    } else if (code === E_DATA && parent === E_EVENT_DATA) {
      cap = CAP_DATA;
      dataNames.push(gt - nameEnd > 1 ? attribute(s, nameEnd, gt, 'Name') : null);
    } else if (code === E_USER_DATA) {
      userDataDepth = depth;
    } else if (code === E_MESSAGE && parent === E_RENDERING_INFO) {
      cap = CAP_MESSAGE;
    }
    if (cap !== CAP_NONE && capDepth === -1) {
      capDepth = depth;
      capText = '';
    }
    if (selfClosing) {
      if (capDepth === depth) finishCapture();
      if (userDataDepth === depth) userDataDepth = -1;
    } else {
      openElement(code, s, nameStart, nameEnd);
    }
  };

  /** An end tag whose local name is s[nameStart, nameEnd). */
  /** An end tag; true when it closed an <Event> (so the caller may learn its layout). */
  const endTag = (s: string, lt: number, nameStart: number, nameEnd: number): boolean => {
    const code = classify(s, nameStart, nameEnd - nameStart);
    if (!inEvent) {
      flushOutside();
      if (code !== E_EVENTS) note(`end tag </${clip(s.slice(nameStart, nameEnd), 30)}> outside any <Event> near character ${base + lt}: ignored`);
      return false;
    }
    let depth = open - 1;
    if (codes[depth] !== code || (code === E_OTHER && names[depth] !== s.slice(nameStart, nameEnd))) {
      const name = s.slice(nameStart, nameEnd);
      depth--;
      while (depth >= 0 && (codes[depth] !== code || (code === E_OTHER && names[depth] !== name))) depth--;
      if (depth === -1) {
        note(`end tag </${clip(name, 30)}> near character ${base + lt} matches no open element: ignored`);
        return false;
      }
      note(`an element was left open before </${clip(name, 30)}> near character ${base + lt}`);
    }
    if (capDepth >= depth) finishCapture();
    if (userDataDepth >= depth) userDataDepth = -1;
    open = depth;
    if (depth !== 0) return false;
    finishEvent();
    return true;
  };

  const text = (s: string, from: number, to: number): void => {
    if (inEvent) {
      if (cap !== CAP_NONE) appendCapture(s.slice(from, to));
    } else {
      outsideText(s, from, to);
    }
  };

  /** Markup that is not an element: comment, CDATA, DOCTYPE, processing instruction. -1 = need more input. */
  const special = (s: string, lt: number, final: boolean): number => {
    const len = s.length;
    if (s.charCodeAt(lt + 1) === 63) {
      const end = s.indexOf('?>', lt + 2);
      if (end !== -1) return end + 2;
      if (!final && len - lt <= MAX_TAG) return -1;
      note(`unterminated processing instruction near character ${base + lt}`);
      return Math.min(len, lt + MAX_TAG);
    }
    if (!final && len - lt < 9) return -1;
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      if (end !== -1) return end + 3;
      if (!final && len - lt <= MAX_TEXT) return -1;
      note(`unterminated comment near character ${base + lt}`);
      return Math.min(len, lt + MAX_TEXT);
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const end = s.indexOf(']]>', lt + 9);
      if (end === -1) {
        if (!final && len - lt <= MAX_TEXT) return -1;
        note(`unterminated CDATA section near character ${base + lt}`);
        return Math.min(len, lt + MAX_TEXT);
      }
      if (inEvent) {
        // Captured text is entity-decoded as a whole at the end, so CDATA's literal '&' is escaped here.
        if (cap !== CAP_NONE) appendCapture(s.slice(lt + 9, end).replace(/&/g, '&amp;'));
      } else {
        outsideText(s, lt + 9, end);
      }
      return end + 3;
    }
    // <!DOCTYPE …> with an optional [internal subset]; other <!…> declarations end at '>'.
    let gt = s.indexOf('>', lt + 2);
    const bracket = s.indexOf('[', lt + 2);
    if (bracket !== -1 && (gt === -1 || bracket < gt)) {
      const close = s.indexOf(']', bracket);
      gt = close === -1 ? -1 : s.indexOf('>', close);
    }
    if (gt !== -1) return gt + 1;
    if (!final && len - lt <= MAX_TAG) return -1;
    note(`unterminated declaration near character ${base + lt}`);
    return Math.min(len, lt + MAX_TAG);
  };

  // Event layouts learned from events the general scanner read cleanly (see learnTemplate). A log
  // repeats one layout with different values, so most events are then read by one sticky regular
  // expression per event (irregexp's compiled matcher) instead of being scanned tag by tag.
  const templates: Template[] = [];
  const learned: LayoutParts[] = [];

  /**
   * Reads the event at s[lt] with a learned layout: the index after its end tag, or -1 when no layout
   * fits (then the general scanner reads it). A layout fits only if every constant part is there
   * verbatim and every hole is plain text up to the next '<' or a quoted value up to its quote, so the
   * general scanner would see exactly the same elements and read the same values.
   */
  const fastEvent = (s: string, lt: number): number => {
    for (let t = 0; t < templates.length; t++) {
      const template = templates[t] as Template;
      const re = template.re;
      re.lastIndex = lt;
      const m = re.exec(s);
      if (m === null) continue;
      if (t > 0) {
        // Most recently matched layout first.
        templates[t] = templates[0] as Template;
        templates[0] = template;
      }
      flushOutside();
      beginEvent(base + lt);
      level = template.level;
      templateNames = template.dataNames;
      const actions = template.actions;
      for (let k = 0; k < actions.length; k += 2) {
        const role = actions[k] as number;
        const value = m[actions[k + 1] as number] ?? '';
        if (role === CAP_DATA && value.length <= MAX_TEXT && value.indexOf('&') === -1) {
          // The common case of finishCapture, without its dispatch.
          data.push(value);
        } else if (role < H_ATTR) {
          // The same steps as the general scanner, including its cut of over-long values.
          cap = role;
          capCut = value.length > MAX_TEXT;
          capText = capCut ? value.slice(0, MAX_TEXT) : value;
          finishCapture();
        } else if (role === H_EMPTY_DATA) {
          data.push('');
        } else if (role >= H_ATTR_SYSTEM_TIME) {
          systemTime = decodeXmlEntities(value);
        } else {
          provider = decodeXmlEntities(value);
        }
      }
      // Offered only when reading it left no remark: then building it would add none either way.
      if (takeRaw !== undefined && notes.length + moreNotes === notesAtEventStart) {
        rawView.eventId = eventId;
        rawView.systemTime = systemTime;
        rawView.computer = computer === '' ? null : computer;
        rawView.data = data;
        if (takeRaw(rawView)) {
          inEvent = false;
          open = 0;
          events++;
          return re.lastIndex;
        }
      }
      finishEvent();
      return re.lastIndex;
    }
    return -1;
  };

  // Where the next ' and " are in buf (-1: none left), found with indexOf once and reused by every tag
  // before them: most tags have no attributes, and a fresh search per tag could run far ahead.
  let nextApos = -2;
  let nextQuot = -2;

  /**
   * End of the start tag whose name ends at nameEnd, skipping '>' inside quoted values: the index of
   * its '>', -1 if the input ends first, -2 if none comes within MAX_TAG of lt (not markup).
   */
  const tagEnd = (s: string, lt: number, nameEnd: number): number => {
    const gt = s.indexOf('>', nameEnd);
    if (nextApos !== -1 && nextApos < nameEnd) nextApos = s.indexOf("'", nameEnd);
    if (nextQuot !== -1 && nextQuot < nameEnd) nextQuot = s.indexOf('"', nameEnd);
    if (gt !== -1 && gt - lt <= MAX_TAG && (nextApos === -1 || nextApos > gt) && (nextQuot === -1 || nextQuot > gt)) return gt;
    // Quoted values before the '>' (or no '>' yet): walk the tag.
    const limit = Math.min(s.length, lt + MAX_TAG);
    let quote = 0;
    for (let i = nameEnd; i < limit; i++) {
      const c = s.charCodeAt(i);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 62) {
        return i;
      } else if (c === 34 || c === 39) {
        quote = c;
      }
    }
    return limit === lt + MAX_TAG ? -2 : -1;
  };

  const drain = (final: boolean): void => {
    const s = buf;
    const len = s.length;
    let p = pos;
    nextApos = -2;
    nextQuot = -2;
    while (p < len) {
      // Elements usually follow each other directly: test for '<' before searching for it.
      const lt = s.charCodeAt(p) === 60 ? p : s.indexOf('<', p);
      if (lt === -1) {
        text(s, p, len);
        p = len;
        break;
      }
      if (lt > p) text(s, p, lt);
      p = lt;
      if (lt + 1 >= len && !final) break;
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 47) {
        // </prefix:Name  > : the local name, then optional blanks, then '>'.
        let nameStart = lt + 2;
        let i = nameStart;
        const limit = Math.min(len, lt + MAX_TAG);
        for (; i < limit; i++) {
          const c = s.charCodeAt(i);
          if (c === 62 || isSpace(c)) break;
          if (c === 58) nameStart = i + 1;
        }
        const nameEnd = i;
        while (i < limit && isSpace(s.charCodeAt(i))) i++;
        if (i >= limit || s.charCodeAt(i) !== 62) {
          if (i >= limit && !final && limit === len && len - lt <= MAX_TAG) break;
          text(s, lt, lt + 1);
          p = lt + 1;
          continue;
        }
        const closedEvent = endTag(s, lt, nameStart, nameEnd);
        p = i + 1;
        // Learn from the second clean event on: a one-event input is not worth a layout.
        if (closedEvent && events > 1 && notes.length + moreNotes === notesAtEventStart && eventAt >= base && templates.length < maxTemplates) {
          const parts = learnTemplate(s, eventAt - base, p);
          const template = parts === null ? null : compileTemplate(parts, level, dataNames.slice());
          // An event cut by a chunk boundary is read by the general scanner even when a layout fits it.
          if (template !== null && !templates.includes(template)) {
            templates.push(template);
            learned.push(parts as LayoutParts);
          }
        }
      } else if (c1 === 33 || c1 === 63) {
        const next = special(s, lt, final);
        if (next === -1) break;
        p = next;
      } else if (isNameStart(c1)) {
        if (!inEvent && templates.length > 0) {
          const end = fastEvent(s, lt);
          if (end !== -1) {
            p = end;
            continue;
          }
        }
        let nameStart = c1 === 58 ? lt + 2 : lt + 1;
        let nameEnd = lt + 2;
        while (nameEnd < len) {
          const c = s.charCodeAt(nameEnd);
          if (c === 62 || c === 47 || isSpace(c)) break;
          if (c === 58) nameStart = nameEnd + 1;
          nameEnd++;
        }
        const gt = nameEnd < len && s.charCodeAt(nameEnd) === 62 ? nameEnd : tagEnd(s, lt, nameEnd);
        if (gt < 0) {
          if (gt === -1 && !final) break;
          // Not markup after all (a stray '<', or a tag cut off at the end of the input).
          if (gt === -1 && inEvent) note(`input ends inside a tag near character ${base + lt}: '${clip(s.slice(lt, lt + 40), 40)}'`);
          text(s, lt, lt + 1);
          p = lt + 1;
          continue;
        }
        startTag(s, lt, nameStart, nameEnd, gt);
        p = gt + 1;
      } else {
        // '<' followed by something no tag starts with: plain text.
        text(s, lt, lt + 1);
        p = lt + 1;
      }
    }
    pos = p;
  };

  return {
    push(chunk: string): void {
      if (ended) throw new Error('createEventStreamParser: push after end');
      if (chunk.length === 0) return;
      // The unfinished tail of the previous chunk is short (one tag at most, text is consumed as it
      // comes). Joining it to the whole new chunk would make a V8 cons string, on which indexOf and
      // startsWith are several times slower; so the tail is finished in a small joined head and the
      // scan then continues in the new chunk itself.
      const tail = pos < buf.length ? buf.slice(pos) : '';
      const tailBase = base + pos;
      if (tail === '') {
        buf = chunk;
        base = tailBase;
        pos = 0;
        drain(false);
        return;
      }
      const headLength = Math.min(chunk.length, HEAD);
      buf = tail + chunk.slice(0, headLength);
      base = tailBase;
      pos = 0;
      drain(false);
      if (pos >= tail.length) {
        pos -= tail.length;
        buf = chunk;
        base = tailBase + tail.length;
        drain(false);
      } else if (headLength < chunk.length) {
        // A construct longer than the head straddles the boundary (a long comment): join it all.
        buf = buf.slice(pos) + chunk.slice(headLength);
        base += pos;
        pos = 0;
        drain(false);
      }
    },
    layouts(): readonly LayoutParts[] {
      return learned;
    },
    idle(): boolean {
      return !ended && !inEvent && pos >= buf.length && outsideAt === -1;
    },
    skip(length: number, taken: number): void {
      if (!this.idle()) throw new Error('createEventStreamParser: skip while not idle');
      base += buf.length + length;
      buf = '';
      pos = 0;
      events += taken;
    },
    end(): EventParseSummary {
      if (!ended) {
        ended = true;
        drain(true);
        flushOutside();
        if (inEvent) {
          note(`input ends inside the <Event> near character ${eventAt}: that event is incomplete and was not read`);
          inEvent = false;
        }
        if (moreNotes > 0) notes.push(`… and ${moreNotes} more not listed`);
        buf = '';
        pos = 0;
      }
      return { events, unrecognized: notes };
    },
  };
}

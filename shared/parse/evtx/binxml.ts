/**
 * Binary XML of .evtx event records (libyal "Windows XML Event Log (EVTX) format", MS-EVEN6 §2.2.12):
 * tokens, names held in the chunk, templates (a definition appears once per chunk, inline in the first
 * record that uses it, then by offset), substitution values of every type, and Binary XML nested in a
 * value. A record becomes a small resolved XML tree; evtx-event.ts reads the event from it and renders it
 * as XML text.
 *
 * Rendering follows what Windows itself does when it turns a record into XML (EvtRender), which is
 * what libevtx reproduces: an element whose whole content is an optional substitution whose value is
 * NULL is left out, as is an attribute whose value is one (an empty string is a value: an empty
 * element); an element whose content is an array substitution is repeated once per item.
 *
 * Safety: all positions are offsets into the chunk; every read is bounded by the chunk (names,
 * templates) or by the record or value being read; template definitions are cached per chunk with a
 * guard against a template that includes itself; nesting and the size of the resolved tree are capped.
 */
import { EvtxFormatError, need, u16, u32, u64Big, u8, utf16le, utf16leToNul } from './bytes.js';

/** One element of a resolved record. */
export interface XmlElement {
  readonly name: string;
  readonly attrs: readonly XmlAttr[];
  readonly children: readonly XmlNode[];
}
export interface XmlAttr {
  readonly name: string;
  readonly value: string;
}
/** A processing instruction (rare in event records, kept so nothing is lost). */
export interface XmlPi {
  readonly target: string;
  readonly data: string;
}
/** An element, text (entities and character references already decoded), or a processing instruction. */
export type XmlNode = XmlElement | string | XmlPi;

export const isElement = (n: XmlNode): n is XmlElement => typeof n === 'object' && 'children' in n;

// --- compiled template content -------------------------------------------------------------

interface TSub {
  readonly k: 1;
  readonly index: number;
  readonly optional: boolean;
}
interface TElement {
  readonly k: 2;
  readonly name: string;
  readonly attrs: readonly { readonly name: string; readonly value: readonly TPart[] }[];
  readonly children: readonly TContent[];
}
interface TInstance {
  readonly k: 3;
  readonly body: readonly TContent[];
  readonly values: readonly Value[];
}
interface TPi {
  readonly k: 4;
  readonly pi: XmlPi;
}
type TPart = string | TSub;
type TContent = string | TSub | TElement | TInstance | TPi;

/** A substitution value: null (no value), text, an array's items as text, or nested Binary XML. */
type Value = null | string | ArrayValue | XmlValue;
interface ArrayValue {
  readonly k: 'array';
  readonly items: readonly string[];
}
interface XmlValue {
  readonly k: 'xml';
  readonly nodes: readonly XmlNode[];
}

const IN_PROGRESS: readonly TContent[] = [];
const MAX_DEPTH = 64;
/** Binary XML inside a value, and templates compiled while reading another: how deep they may nest. */
const MAX_NESTED_XML = 16;
/**
 * Resolved nodes per record and per chunk: far above any real event (a record resolves to about 60, a
 * chunk to about 6,000), low enough that arrays repeated by a hostile template cannot take memory or
 * minutes.
 */
const MAX_RESOLVED_NODES = 100_000;
const MAX_CHUNK_NODES = 2_000_000;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Per-chunk state: the chunk's bytes, and its names and template definitions read so far (by offset). */
export class ChunkContext {
  readonly names = new Map<number, string>();
  readonly templates = new Map<number, readonly TContent[]>();
  /** Resolved nodes this chunk may still make (see MAX_CHUNK_NODES). */
  nodeBudget = MAX_CHUNK_NODES;
  constructor(
    readonly b: Uint8Array,
    /** The chunk's end within b (names and templates must lie inside it). */
    readonly end: number,
  ) {}
}

/** Reads one record's Binary XML, b[start, end), into its resolved nodes. */
export function readRecordXml(ctx: ChunkContext, start: number, end: number): XmlNode[] {
  const allowed = Math.min(MAX_RESOLVED_NODES, ctx.nodeBudget);
  const budget: Budget = { budget: allowed };
  try {
    const reader = new TokenReader(ctx, start, end, 0, budget);
    return resolve(reader.nodes(false, 0), [], budget);
  } finally {
    ctx.nodeBudget -= allowed - Math.max(0, budget.budget);
  }
}

class TokenReader {
  p: number;
  constructor(
    private readonly ctx: ChunkContext,
    start: number,
    private readonly end: number,
    private readonly nesting: number,
    private readonly budget: Budget,
  ) {
    this.p = start;
  }

  private fail(what: string): never {
    throw new EvtxFormatError(`${what} at offset ${this.p}`);
  }

  /** Content until end of stream (top level) or the end element closing the open element. */
  nodes(inElement: boolean, depth: number): TContent[] {
    const out: TContent[] = [];
    const b = this.ctx.b;
    for (;;) {
      if (this.p >= this.end) {
        if (inElement) this.fail('the data ends inside an element');
        return out;
      }
      const token = u8(b, this.p);
      switch (token & 0xbf) {
        case 0x00:
          if (inElement) this.fail('end of stream inside an element');
          this.p++;
          return out;
        case 0x0f:
          need(this.p, 4, this.end, 'fragment header');
          this.p += 4;
          break;
        case 0x01:
          out.push(this.element(depth + 1));
          break;
        case 0x04:
          if (!inElement) this.fail('an end element with no open element');
          this.p++;
          return out;
        case 0x05:
        case 0x07:
        case 0x08:
        case 0x09:
          out.push(this.text());
          break;
        case 0x0a:
          out.push(this.pi());
          break;
        case 0x0c:
          out.push(this.instance());
          break;
        case 0x0d:
        case 0x0e:
          out.push(this.sub());
          break;
        default:
          this.fail(`unexpected token 0x${token.toString(16)}`);
      }
    }
  }

  private name(): string {
    const b = this.ctx.b;
    need(this.p, 4, this.end, 'name offset');
    const offset = u32(b, this.p);
    this.p += 4;
    const name = this.nameAt(offset);
    // A name defined here (its offset is where we stand) is skipped over.
    if (offset === this.p) this.p += 10 + 2 * u16(b, offset + 6);
    if (this.p > this.end) this.fail('an inline name runs past the data');
    return name;
  }

  /** Whether the name offset at `at` (within bounds) is the inline name that follows it or a readable earlier name. */
  private plausibleName(at: number): boolean {
    if (at + 4 > this.end) return false;
    const offset = u32(this.ctx.b, at);
    if (offset === at + 4) return true;
    if (offset >= at) return false;
    try {
      this.nameAt(offset);
      return true;
    } catch {
      return false;
    }
  }

  private nameAt(offset: number): string {
    const cached = this.ctx.names.get(offset);
    if (cached !== undefined) return cached;
    const b = this.ctx.b;
    need(offset, 8, this.ctx.end, 'name');
    const units = u16(b, offset + 6);
    need(offset + 8, 2 * units + 2, this.ctx.end, 'name text');
    const name = utf16le(b, offset + 8, units);
    if (name === '' || !isXmlName(name)) throw new EvtxFormatError(`name at offset ${offset} is not an XML name`);
    this.ctx.names.set(offset, name);
    return name;
  }

  private element(depth: number): TElement {
    if (depth > MAX_DEPTH) this.fail(`elements nested deeper than ${MAX_DEPTH}`);
    const b = this.ctx.b;
    const hasAttrs = (u8(b, this.p) & 0x40) !== 0;
    // token, dependency id (u16), data size (u32). Logs gathered by Windows Event Collector write
    // elements outside templates without the dependency id: the name offset that makes sense decides.
    need(this.p, 9, this.end, 'element');
    this.p += this.plausibleName(this.p + 7) || !this.plausibleName(this.p + 5) ? 7 : 5;
    const name = this.name();
    const attrs: { name: string; value: TPart[] }[] = [];
    if (hasAttrs) {
      need(this.p, 4, this.end, 'attribute list');
      this.p += 4;
      while (this.p < this.end && (u8(b, this.p) & 0xbf) === 0x06) {
        this.p++;
        const attrName = this.name();
        attrs.push({ name: attrName, value: this.attrValue() });
      }
    }
    need(this.p, 1, this.end, 'element start');
    const close = u8(b, this.p);
    this.p++;
    if (close === 0x03) return { k: 2, name, attrs, children: [] };
    if (close !== 0x02) {
      this.p--;
      this.fail(`element <${name}> has token 0x${close.toString(16)} where its start tag should close`);
    }
    return { k: 2, name, attrs, children: this.nodes(true, depth) };
  }

  private attrValue(): TPart[] {
    const parts: TPart[] = [];
    const b = this.ctx.b;
    while (this.p < this.end) {
      const base = u8(b, this.p) & 0xbf;
      if (base === 0x05 || base === 0x08 || base === 0x09 || base === 0x07) parts.push(this.text());
      else if (base === 0x0d || base === 0x0e) parts.push(this.sub());
      else break;
    }
    return parts;
  }

  private text(): string {
    const b = this.ctx.b;
    const token = u8(b, this.p) & 0xbf;
    this.p++;
    switch (token) {
      case 0x05: {
        need(this.p, 3, this.end, 'value');
        const type = u8(b, this.p);
        const units = u16(b, this.p + 1);
        this.p += 3;
        if (type !== 0x01) this.fail(`value text of type 0x${type.toString(16)}`);
        need(this.p, 2 * units, this.end, 'value text');
        const s = utf16le(b, this.p, units);
        this.p += 2 * units;
        return s;
      }
      case 0x07: {
        need(this.p, 2, this.end, 'CDATA');
        const units = u16(b, this.p);
        this.p += 2;
        need(this.p, 2 * units, this.end, 'CDATA text');
        const s = utf16le(b, this.p, units);
        this.p += 2 * units;
        return s;
      }
      case 0x08: {
        need(this.p, 2, this.end, 'character reference');
        const c = u16(b, this.p);
        this.p += 2;
        return String.fromCharCode(c);
      }
      default: {
        const name = this.name();
        return ENTITIES[name] ?? `&${name};`;
      }
    }
  }

  private pi(): TPi {
    this.p++;
    const target = this.name();
    const b = this.ctx.b;
    need(this.p, 3, this.end, 'processing instruction');
    if ((u8(b, this.p) & 0xbf) !== 0x0b) this.fail('a processing instruction target without data');
    const units = u16(b, this.p + 1);
    this.p += 3;
    need(this.p, 2 * units, this.end, 'processing instruction data');
    const data = utf16le(b, this.p, units);
    this.p += 2 * units;
    return { k: 4, pi: { target, data } };
  }

  private sub(): TSub {
    const b = this.ctx.b;
    need(this.p, 4, this.end, 'substitution');
    const optional = (u8(b, this.p) & 0xbf) === 0x0e;
    const index = u16(b, this.p + 1);
    this.p += 4;
    return { k: 1, index, optional };
  }

  private instance(): TInstance {
    const b = this.ctx.b;
    // token, unknown (u8), template id (u32), definition offset (u32)
    need(this.p, 10, this.end, 'template instance');
    const defOffset = u32(b, this.p + 6);
    this.p += 10;
    let body: readonly TContent[];
    if (defOffset === this.p) {
      need(this.p, 24, this.end, 'template definition');
      const size = u32(b, this.p + 20);
      need(this.p + 24, size, this.end, 'template definition body');
      body = this.template(defOffset);
      this.p += 24 + size;
    } else {
      body = this.template(defOffset);
    }
    return { k: 3, body, values: this.values() };
  }

  /** The compiled template whose definition starts at `offset` in the chunk (cached per chunk). */
  private template(offset: number): readonly TContent[] {
    const cached = this.ctx.templates.get(offset);
    if (cached === IN_PROGRESS) throw new EvtxFormatError(`template at offset ${offset} includes itself`);
    if (cached !== undefined) return cached;
    if (this.nesting >= MAX_NESTED_XML) throw new EvtxFormatError(`templates nested deeper than ${MAX_NESTED_XML} at offset ${offset}`);
    need(offset, 24, this.ctx.end, 'template definition');
    const size = u32(this.ctx.b, offset + 20);
    need(offset + 24, size, this.ctx.end, 'template definition body');
    this.ctx.templates.set(offset, IN_PROGRESS);
    try {
      const body = new TokenReader(this.ctx, offset + 24, offset + 24 + size, this.nesting + 1, this.budget).nodes(false, 0);
      this.ctx.templates.set(offset, body);
      return body;
    } catch (error) {
      this.ctx.templates.delete(offset);
      throw error;
    }
  }

  private values(): Value[] {
    const b = this.ctx.b;
    need(this.p, 4, this.end, 'substitution count');
    const count = u32(b, this.p);
    this.p += 4;
    need(this.p, 4 * count, this.end, 'substitution descriptors');
    const descriptors = this.p;
    this.p += 4 * count;
    const values: Value[] = new Array<Value>(count);
    for (let i = 0; i < count; i++) {
      const size = u16(b, descriptors + 4 * i);
      const type = u8(b, descriptors + 4 * i + 2);
      need(this.p, size, this.end, `substitution ${i} (${size} bytes)`);
      values[i] = this.value(type, this.p, size);
      this.p += size;
    }
    return values;
  }

  private value(type: number, at: number, size: number): Value {
    if (type === 0x00 || (size === 0 && type !== 0x21)) return type === 0x00 ? null : '';
    if (type === 0x21) {
      if (this.nesting >= MAX_NESTED_XML) throw new EvtxFormatError(`Binary XML nested deeper than ${MAX_NESTED_XML} at offset ${at}`);
      const nested = new TokenReader(this.ctx, at, at + size, this.nesting + 1, this.budget);
      return { k: 'xml', nodes: resolve(nested.nodes(false, 0), [], this.budget) };
    }
    if ((type & 0x80) !== 0) return { k: 'array', items: arrayItems(this.ctx.b, type & 0x7f, at, size) };
    return scalar(this.ctx.b, type, at, size);
  }
}

/** XML names as Windows writes them: letters, digits, `_ - . :` (a damaged name is caught here). */
function isXmlName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || (i > 0 && ((c >= 48 && c <= 57) || c === 45 || c === 46)) || c > 0xbf;
    if (!ok || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) return false;
  }
  return true;
}

// --- values ---------------------------------------------------------------------------------

const HEX = '0123456789ABCDEF';
const hexByte = (v: number): string => (HEX[v >>> 4] as string) + (HEX[v & 15] as string);
const pad = (v: number, n: number): string => String(v).padStart(n, '0');

/** Fixed sizes of the scalar types (0 = variable). */
const FIXED_SIZE: Readonly<Record<number, number>> = {
  0x03: 1, 0x04: 1, 0x05: 2, 0x06: 2, 0x07: 4, 0x08: 4, 0x09: 8, 0x0a: 8, 0x0b: 4, 0x0c: 8, 0x0d: 4,
  0x0f: 16, 0x11: 8, 0x12: 16, 0x14: 4, 0x15: 8,
};

/** Seconds from 1601-01-01 (the FILETIME epoch) to 1970-01-01. */
const FILETIME_UNIX_EPOCH_SECONDS = 11_644_473_600;

/**
 * A FILETIME as current Windows renders SystemTime: ISO 8601 UTC, 9 fraction digits of which the last
 * two are always 0 (the FILETIME counts 100 ns). libevtx prints the same.
 */
export function filetimeText(b: Uint8Array, at: number): string {
  const lo = u32(b, at);
  const hi = u32(b, at + 4);
  // hi × 2^32 = hi × 429 × 10^7 + hi × 4,967,296: seconds and 100 ns ticks stay exact in doubles for
  // any FILETIME up to year 30,000 (hi < 2^30); beyond that, BigInt.
  let seconds: number;
  let frac: number;
  if (hi < 0x40000000) {
    const rest = hi * 4_967_296 + lo;
    seconds = hi * 429 + Math.floor(rest / 10_000_000);
    frac = rest % 10_000_000;
  } else {
    const ft = u64Big(b, at);
    seconds = Number(ft / 10_000_000n);
    frac = Number(ft % 10_000_000n);
  }
  const date = new Date((seconds - FILETIME_UNIX_EPOCH_SECONDS) * 1000);
  if (Number.isNaN(date.getTime())) return `0x${u64Big(b, at).toString(16)}`;
  return `${date.toISOString().slice(0, -5)}.${pad(frac, 7)}00Z`;
}

/** A 64-bit unsigned value in decimal (doubles while exact, BigInt above 2^53). */
function u64Text(b: Uint8Array, at: number): string {
  const hi = u32(b, at + 4);
  return hi < 0x200000 ? String(hi * 0x1_0000_0000 + u32(b, at)) : u64Big(b, at).toString();
}

/** A 64-bit unsigned value in hex without leading zeros. */
function hex64(b: Uint8Array, at: number): string {
  const hi = u32(b, at + 4);
  const lo = u32(b, at).toString(16);
  return hi === 0 ? lo : `${hi.toString(16)}${lo.padStart(8, '0')}`;
}

function guidText(b: Uint8Array, at: number): string {
  const h = (i: number): string => hexByte(b[at + i] as number);
  return `{${h(3)}${h(2)}${h(1)}${h(0)}-${h(5)}${h(4)}-${h(7)}${h(6)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}}`;
}

function sidText(b: Uint8Array, at: number, size: number): string | null {
  if (size < 8) return null;
  const count = u8(b, at + 1);
  if (8 + 4 * count > size) return null;
  let authority = 0;
  for (let i = 2; i < 8; i++) authority = authority * 256 + (b[at + i] as number);
  let s = `S-${u8(b, at)}-${authority}`;
  for (let i = 0; i < count; i++) s += `-${u32(b, at + 8 + 4 * i)}`;
  return s;
}

function binaryText(b: Uint8Array, at: number, size: number): string {
  let s = '';
  for (let i = 0; i < size; i++) s += hexByte(b[at + i] as number);
  return s;
}

function scalar(b: Uint8Array, type: number, at: number, size: number): string {
  const fixed = FIXED_SIZE[type];
  if (fixed !== undefined && size < fixed) throw new EvtxFormatError(`value of type 0x${type.toString(16)} has ${size} bytes, needs ${fixed}, at offset ${at}`);
  switch (type) {
    case 0x01:
      return utf16leToNul(b, at, size >>> 1);
    case 0x02: {
      let s = '';
      for (let i = 0; i < size && b[at + i] !== 0; i++) s += String.fromCharCode(b[at + i] as number);
      return s;
    }
    case 0x03:
      return String((u8(b, at) << 24) >> 24);
    case 0x04:
      return String(u8(b, at));
    case 0x05:
      return String((u16(b, at) << 16) >> 16);
    case 0x06:
      return String(u16(b, at));
    case 0x07:
      return String(u32(b, at) | 0);
    case 0x08:
      return String(u32(b, at));
    case 0x09:
      return u32(b, at + 4) < 0x200000 ? u64Text(b, at) : BigInt.asIntN(64, u64Big(b, at)).toString();
    case 0x0a:
      return u64Text(b, at);
    case 0x0b:
      return String(new DataView(b.buffer, b.byteOffset + at, 4).getFloat32(0, true));
    case 0x0c:
      return String(new DataView(b.buffer, b.byteOffset + at, 8).getFloat64(0, true));
    case 0x0d:
      // Any non-zero value is true (sample-with-irregular-bool-values holds others than 1).
      return u32(b, at) !== 0 ? 'true' : 'false';
    case 0x0f:
      return guidText(b, at);
    case 0x10:
      // size_t (win:Pointer, e.g. 4624's ProcessId, 4688's NewProcessId): Windows renders it in hex
      // without leading zeros ("0x4"); libevtx and python-evtx print decimal.
      return size >= 8 ? `0x${hex64(b, at)}` : `0x${u32(b, at).toString(16)}`;
    case 0x11:
      return filetimeText(b, at);
    case 0x12:
      // SYSTEMTIME counts milliseconds: 3 fraction digits (as libevtx prints it).
      return `${pad(u16(b, at), 4)}-${pad(u16(b, at + 2), 2)}-${pad(u16(b, at + 6), 2)}T${pad(u16(b, at + 8), 2)}:${pad(u16(b, at + 10), 2)}:${pad(u16(b, at + 12), 2)}.${pad(u16(b, at + 14), 3)}Z`;
    case 0x13:
      return sidText(b, at, size) ?? binaryText(b, at, size);
    case 0x14:
      return `0x${u32(b, at).toString(16)}`;
    case 0x15:
      return `0x${hex64(b, at)}`;
    default:
      // Binary (0x0e), EvtHandle, EvtXml and types this reader does not know: the bytes in hex.
      return binaryText(b, at, size);
  }
}

function arrayItems(b: Uint8Array, type: number, at: number, size: number): string[] {
  const items: string[] = [];
  if (type === 0x01) {
    // NUL-separated UTF-16LE strings.
    const units = size >>> 1;
    let from = 0;
    for (let i = 0; i < units; i++) {
      if (u16(b, at + 2 * i) === 0) {
        items.push(utf16le(b, at + 2 * from, i - from));
        from = i + 1;
      }
    }
    if (from < units) items.push(utf16le(b, at + 2 * from, units - from));
    return items;
  }
  if (type === 0x02) {
    let s = '';
    for (let i = 0; i < size; i++) {
      const c = b[at + i] as number;
      if (c === 0) {
        items.push(s);
        s = '';
      } else s += String.fromCharCode(c);
    }
    if (s !== '') items.push(s);
    return items;
  }
  const item = type === 0x10 ? (size % 8 === 0 ? 8 : 4) : type === 0x13 ? 0 : (FIXED_SIZE[type] ?? 0);
  if (type === 0x13) {
    // SIDs are variable-sized: each says how many sub-authorities follow.
    let p = at;
    while (p + 8 <= at + size) {
      const n = 8 + 4 * u8(b, p + 1);
      if (p + n > at + size) break;
      items.push(sidText(b, p, n) ?? binaryText(b, p, n));
      p += n;
    }
    return items;
  }
  if (item === 0) return [binaryText(b, at, size)];
  for (let p = at; p + item <= at + size; p += item) items.push(scalar(b, type, p, item));
  return items;
}

// --- resolution -----------------------------------------------------------------------------

interface Budget {
  budget: number;
}

/**
 * Whether an optional substitution has no value, so that its element or attribute is left out: only a
 * NULL value (NullType, or no value at all) is, per MS-EVEN6 3.1.4.7.2. An empty string is a value:
 * Windows and libevtx render it as an empty element (`<Data/>`), which keeps positional Data in place.
 */
const isNull = (v: Value | undefined): boolean => v === undefined || v === null;

function valueText(v: Value | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (v.k === 'array') return v.items.join(', ');
  return '';
}

function spend(budget: Budget, n: number): void {
  budget.budget -= n;
  if (budget.budget < 0) throw new EvtxFormatError(`a record resolves to more nodes than allowed (${MAX_RESOLVED_NODES} a record, ${MAX_CHUNK_NODES} a chunk)`);
}

function resolveAttrs(attrs: TElement['attrs'], values: readonly Value[]): XmlAttr[] {
  const out: XmlAttr[] = [];
  for (const a of attrs) {
    const only = a.value.length === 1 ? a.value[0] : undefined;
    if (only !== undefined && typeof only !== 'string' && only.optional && isNull(values[only.index])) continue;
    let text = '';
    for (const part of a.value) text += typeof part === 'string' ? part : valueText(values[part.index]);
    out.push({ name: a.name, value: text });
  }
  return out;
}

function resolve(content: readonly TContent[], values: readonly Value[], budget: Budget): XmlNode[] {
  const out: XmlNode[] = [];
  for (const c of content) {
    if (typeof c === 'string') {
      out.push(c);
      continue;
    }
    switch (c.k) {
      case 1: {
        const v = values[c.index];
        if (v === undefined || v === null) break;
        if (typeof v === 'string') {
          if (v !== '') out.push(v);
        } else if (v.k === 'array') {
          out.push(v.items.join(', '));
        } else {
          spend(budget, v.nodes.length);
          for (const n of v.nodes) out.push(n);
        }
        break;
      }
      case 2: {
        const only = c.children.length === 1 ? c.children[0] : undefined;
        if (only !== undefined && typeof only !== 'string' && only.k === 1) {
          const v = values[only.index];
          if (only.optional && isNull(v)) break;
          if (v !== null && v !== undefined && typeof v !== 'string' && v.k === 'array') {
            // An element holding an array is repeated once per item, as Windows renders it.
            spend(budget, v.items.length);
            const attrs = resolveAttrs(c.attrs, values);
            for (const item of v.items) out.push({ name: c.name, attrs, children: item === '' ? [] : [item] });
            break;
          }
        }
        spend(budget, 1);
        out.push({ name: c.name, attrs: resolveAttrs(c.attrs, values), children: resolve(c.children, values, budget) });
        break;
      }
      case 3:
        // A loop, not push(...): a spread of that many arguments can overflow the stack.
        for (const n of resolve(c.body, c.values, budget)) out.push(n);
        break;
      case 4:
        out.push(c.pi);
        break;
    }
  }
  return out;
}

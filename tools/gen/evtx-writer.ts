// A small .evtx writer for tests and the samples: builds logs whose events are Binary XML templates with substitutions
// (as Windows writes them), so KMS events are proven through the .evtx path, and evtxexport can check
// that what we write is a real .evtx. Written from the same public format description as the reader
// (libyal "Windows XML Event Log (EVTX) format", MS-EVEN6), deliberately without sharing its code.
import { crc32 } from 'node:zlib';

export const T_NULL = 0x00;
export const T_STRING = 0x01;
export const T_UINT16 = 0x06;
export const T_UINT8 = 0x04;
export const T_UINT32 = 0x08;
export const T_UINT64 = 0x0a;
export const T_HEXINT64 = 0x15;
export const T_FILETIME = 0x11;
export const T_GUID = 0x0f;
export const T_STRING_ARRAY = 0x81;

/** A substitution value: its type and its bytes. */
export interface SubValue {
  readonly type: number;
  readonly bytes: Uint8Array;
}

export type WChild = WElement | { readonly text: string } | { readonly sub: number; readonly type: number; readonly optional?: boolean };
export interface WElement {
  readonly el: string;
  readonly attrs?: readonly (readonly [string, { readonly text: string } | { readonly sub: number; readonly type: number; readonly optional?: boolean }])[];
  readonly children?: readonly WChild[];
}

export const utf16 = (s: string, nul = false): Uint8Array => new Uint8Array(Buffer.from(nul ? `${s}\0` : s, 'utf16le'));
export const str = (s: string): SubValue => ({ type: T_STRING, bytes: utf16(s) });
export const nul = (): SubValue => ({ type: T_NULL, bytes: new Uint8Array(0) });
export const strArray = (items: readonly string[]): SubValue => ({ type: T_STRING_ARRAY, bytes: utf16(items.map((i) => `${i}\0`).join('')) });
export function uint(type: number, value: number | bigint): SubValue {
  const size = type === T_UINT8 ? 1 : type === T_UINT16 ? 2 : type === T_UINT32 ? 4 : 8;
  const b = Buffer.alloc(size);
  if (size === 1) b.writeUInt8(Number(value));
  else if (size === 2) b.writeUInt16LE(Number(value));
  else if (size === 4) b.writeUInt32LE(Number(value));
  else b.writeBigUInt64LE(BigInt(value));
  return { type, bytes: new Uint8Array(b) };
}
export function filetime(iso: string): SubValue {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(Date.parse(iso)) * 10_000n + 116_444_736_000_000_000n);
  return { type: T_FILETIME, bytes: new Uint8Array(b) };
}

/** One record: a template (shared by every record that passes the same object) and its values. */
export interface WRecord {
  readonly template: WElement;
  readonly values: readonly SubValue[];
  readonly recordId?: number;
}

const CHUNK_SIZE = 65536;

class ChunkWriter {
  readonly b = Buffer.alloc(CHUNK_SIZE);
  pos = 512;
  private readonly names = new Map<string, number>();
  private readonly templates = new Map<WElement, number>();
  private nextTemplateId = 1;

  u8(v: number): void {
    this.b.writeUInt8(v, this.pos++);
  }
  u16(v: number): void {
    this.b.writeUInt16LE(v, this.pos);
    this.pos += 2;
  }
  u32(v: number): void {
    this.b.writeUInt32LE(v >>> 0, this.pos);
    this.pos += 4;
  }
  bytes(v: Uint8Array): void {
    this.b.set(v, this.pos);
    this.pos += v.length;
  }

  name(n: string): void {
    const known = this.names.get(n);
    if (known !== undefined) {
      this.u32(known);
      return;
    }
    const at = this.pos + 4;
    this.u32(at);
    this.names.set(n, at);
    let hash = 0;
    for (const c of n) hash = (Math.imul(hash, 65599) + c.charCodeAt(0)) >>> 0;
    this.u32(0);
    this.u16(hash & 0xffff);
    this.u16(n.length);
    this.bytes(utf16(n, true));
  }

  value(v: { readonly text: string } | { readonly sub: number; readonly type: number; readonly optional?: boolean }): void {
    if ('text' in v) {
      this.u8(0x05);
      this.u8(0x01);
      this.u16(v.text.length);
      this.bytes(utf16(v.text));
    } else {
      this.u8(v.optional === true ? 0x0e : 0x0d);
      this.u16(v.sub);
      this.u8(v.type);
    }
  }

  element(e: WElement): void {
    const attrs = e.attrs ?? [];
    this.u8(attrs.length > 0 ? 0x41 : 0x01);
    this.u16(0xffff);
    const sizeAt = this.pos;
    this.u32(0);
    this.name(e.el);
    if (attrs.length > 0) {
      const listAt = this.pos;
      this.u32(0);
      attrs.forEach(([name, value], i) => {
        this.u8(i < attrs.length - 1 ? 0x46 : 0x06);
        this.name(name);
        this.value(value);
      });
      this.b.writeUInt32LE(this.pos - listAt - 4, listAt);
    }
    const children = e.children ?? [];
    if (children.length === 0) {
      this.u8(0x03);
    } else {
      this.u8(0x02);
      for (const c of children) {
        if ('el' in c) this.element(c);
        else this.value(c);
      }
      this.u8(0x04);
    }
    this.b.writeUInt32LE(this.pos - sizeAt - 4, sizeAt);
  }

  instance(template: WElement, values: readonly SubValue[]): void {
    this.u8(0x0c);
    this.u8(0x01);
    const known = this.templates.get(template);
    if (known !== undefined) {
      this.u32(this.b.readUInt32LE(known + 4));
      this.u32(known);
    } else {
      const id = this.nextTemplateId++;
      this.u32(id);
      const at = this.pos + 4;
      this.u32(at);
      this.templates.set(template, at);
      this.u32(0); // next template in the hash bucket
      const guid = new Uint8Array(16);
      new DataView(guid.buffer).setUint32(0, id, true); // the instance's template id is the GUID's first 4 bytes
      this.bytes(guid);
      const sizeAt = this.pos;
      this.u32(0);
      this.bytes(Uint8Array.of(0x0f, 0x01, 0x01, 0x00));
      this.element(template);
      this.u8(0x00);
      this.b.writeUInt32LE(this.pos - sizeAt - 4, sizeAt);
    }
    this.u32(values.length);
    for (const v of values) {
      this.u16(v.bytes.length);
      this.u8(v.type);
      this.u8(0);
    }
    for (const v of values) this.bytes(v.bytes);
  }
}

/**
 * An .evtx file holding the records in order, as many per chunk as fit. Record ids count from
 * `firstRecordId` unless a record gives its own.
 */
export function writeEvtx(records: readonly WRecord[], options: { firstRecordId?: number; dirty?: boolean } = {}): Buffer {
  const chunks: Buffer[] = [];
  let nextId = options.firstRecordId ?? 1;
  let chunk = new ChunkWriter();
  let first = nextId;
  // Log record numbers run 1..n through the file (as in an exported log), apart from the record ids.
  let number = 1;
  let firstNumber = 1;
  let lastRecordAt = 0;
  const finish = (): void => {
    const b = chunk.b;
    b.write('ElfChnk\0', 0, 'latin1');
    b.writeBigUInt64LE(BigInt(firstNumber), 8);
    b.writeBigUInt64LE(BigInt(number - 1), 16);
    b.writeBigUInt64LE(BigInt(first), 24);
    b.writeBigUInt64LE(BigInt(nextId - 1), 32);
    b.writeUInt32LE(128, 40);
    b.writeUInt32LE(lastRecordAt, 44);
    b.writeUInt32LE(chunk.pos, 48);
    b.writeUInt32LE(crc32(b.subarray(512, chunk.pos)), 52);
    b.writeUInt32LE(crc32(b.subarray(128, 512), crc32(b.subarray(0, 120))), 124);
    chunks.push(b);
  };
  for (const r of records) {
    const id = r.recordId ?? nextId;
    let start = chunk.pos;
    const attempt = (): void => {
      start = chunk.pos;
      chunk.u32(0x00002a2a);
      chunk.u32(0);
      chunk.b.writeBigUInt64LE(BigInt(id), chunk.pos);
      chunk.pos += 8;
      chunk.b.writeBigUInt64LE(BigInt(Date.parse('2026-10-01T00:00:00Z')) * 10_000n + 116_444_736_000_000_000n, chunk.pos);
      chunk.pos += 8;
      chunk.bytes(Uint8Array.of(0x0f, 0x01, 0x01, 0x00));
      chunk.instance(r.template, r.values);
      chunk.u8(0x00); // end of the record's fragment
      const size = chunk.pos + 4 - start;
      chunk.u32(size);
      chunk.b.writeUInt32LE(size, start + 4);
    };
    try {
      if (chunk.pos + 8192 > CHUNK_SIZE) throw new RangeError('chunk full');
      attempt();
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      chunk.b.fill(0, start);
      chunk.pos = start;
      finish();
      chunk = new ChunkWriter();
      first = id;
      firstNumber = number;
      attempt();
    }
    lastRecordAt = start;
    nextId = id + 1;
    number++;
  }
  finish();
  const header = Buffer.alloc(4096);
  header.write('ElfFile\0', 0, 'latin1');
  header.writeBigUInt64LE(0n, 8);
  header.writeBigUInt64LE(BigInt(chunks.length - 1), 16);
  header.writeBigUInt64LE(BigInt(nextId), 24);
  header.writeUInt32LE(128, 32);
  header.writeUInt16LE(1, 36);
  header.writeUInt16LE(3, 38);
  header.writeUInt16LE(4096, 40);
  header.writeUInt16LE(chunks.length, 42);
  header.writeUInt32LE(options.dirty === true ? 1 : 0, 120);
  header.writeUInt32LE(crc32(header.subarray(0, 120)), 124);
  return Buffer.concat([header, ...chunks]);
}

// --- KMS events as Windows logs them -------------------------------------------------------------

const sub = (n: number, type: number, optional = true): { sub: number; type: number; optional: boolean } => ({ sub: n, type, optional });

/** The System part of a manifest event (values 0-7), then EventData as `data`. */
function eventTemplate(data: WElement): WElement {
  return {
    el: 'Event',
    attrs: [['xmlns', { text: 'http://schemas.microsoft.com/win/2004/08/events/event' }]],
    children: [
      {
        el: 'System',
        children: [
          { el: 'Provider', attrs: [['Name', sub(0, T_STRING)], ['Guid', sub(1, T_GUID)]] },
          { el: 'EventID', attrs: [['Qualifiers', sub(2, T_UINT16)]], children: [sub(3, T_UINT16)] },
          { el: 'Level', children: [sub(4, T_UINT8)] },
          { el: 'TimeCreated', attrs: [['SystemTime', sub(5, T_FILETIME)]] },
          { el: 'EventRecordID', children: [sub(6, T_UINT64)] },
          { el: 'Channel', children: [{ text: '' }, sub(7, T_STRING)] },
          { el: 'Computer', children: [sub(8, T_STRING)] },
        ],
      },
      data,
    ],
  };
}

/**
 * 12290 as the KMS host logs it and Get-WinEvent reads it: the Info fields comma-joined (`%1`), then the
 * nine fields as their own items (Properties[1..9], SLMGR-AND-EVENTS.md).
 */
export const TEMPLATE_12290 = eventTemplate({
  el: 'EventData',
  children: Array.from({ length: 10 }, (_, i): WElement => ({ el: 'Data', children: [sub(9 + i, T_STRING)] })),
});
/** 12288/12289 as clients log them: the Info as ONE `<Data>` string, ", "-separated. */
export const TEMPLATE_INFO_ONE_STRING = eventTemplate({ el: 'EventData', children: [{ el: 'Data', children: [sub(9, T_STRING)] }] });
/** A classic event whose strings are one array substitution (each item becomes a Data element). */
export const TEMPLATE_ARRAY = eventTemplate({ el: 'EventData', children: [{ el: 'Data', children: [sub(9, T_STRING_ARRAY)] }] });
/** Two named Data items (12293: HRESULT and domain). */
export const TEMPLATE_TWO_NAMED = eventTemplate({
  el: 'EventData',
  children: [
    { el: 'Data', attrs: [['Name', { text: 'Error' }]], children: [sub(9, T_STRING)] },
    { el: 'Data', attrs: [['Name', { text: 'Domain' }]], children: [sub(10, T_STRING)] },
  ],
});

/**
 * Four named Data items, A, B and D optional substitutions (9, 10, 12) and C a plain one (11): what an
 * empty string and a NULL value render as in each (the readers' tests).
 */
export const TEMPLATE_OPTIONAL_AND_PLAIN = eventTemplate({
  el: 'EventData',
  children: (['A', 'B', 'C', 'D'] as const).map((name, i): WElement => ({ el: 'Data', attrs: [['Name', { text: name }]], children: [sub(9 + i, T_STRING, name !== 'C')] })),
});

export interface SystemValues {
  readonly provider: string;
  readonly eventId: number;
  readonly qualifiers?: number;
  readonly level?: number;
  readonly time: string;
  readonly recordId: number;
  readonly channel: string;
  readonly computer: string;
}

export function systemValues(s: SystemValues): SubValue[] {
  return [
    str(s.provider),
    nul(),
    s.qualifiers === undefined ? nul() : uint(T_UINT16, s.qualifiers),
    uint(T_UINT16, s.eventId),
    uint(T_UINT8, s.level ?? 4),
    filetime(s.time),
    uint(T_UINT64, s.recordId),
    str(s.channel),
    str(s.computer),
  ];
}

/** A KMS host's 12290 record. */
export function record12290(s: Omit<SystemValues, 'eventId' | 'provider' | 'channel'>, info: readonly string[]): WRecord {
  return {
    template: TEMPLATE_12290,
    values: [...systemValues({ ...s, eventId: 12290, qualifiers: 16384, provider: 'Microsoft-Windows-Security-SPP', channel: 'Key Management Service' }), str(info.join(',')), ...info.map(str)],
    recordId: s.recordId,
  };
}

/** A client's 12288 (request sent) or 12289 (response processed) record, Application log. */
export function recordClientInfo(eventId: 12288 | 12289, s: Omit<SystemValues, 'eventId' | 'provider' | 'channel'>, info: readonly string[]): WRecord {
  return {
    template: TEMPLATE_INFO_ONE_STRING,
    values: [...systemValues({ ...s, eventId, qualifiers: 16384, provider: 'Microsoft-Windows-Security-SPP', channel: 'Application' }), str(info.join(', '))],
    recordId: s.recordId,
  };
}

/** A KMS host's 12293 (DNS publishing failed): HRESULT and domain. */
export function record12293(s: Omit<SystemValues, 'eventId' | 'provider' | 'channel'>, hresult: string, domain: string): WRecord {
  return {
    template: TEMPLATE_TWO_NAMED,
    values: [...systemValues({ ...s, eventId: 12293, qualifiers: 49152, provider: 'Microsoft-Windows-Security-SPP', channel: 'Key Management Service' }), str(hresult), str(domain)],
    recordId: s.recordId,
  };
}

// --- event XML → .evtx ---------------------------------------------------------------------------

const xmlText = (s: string): string =>
  s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_m, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );

const dataTemplates = new Map<number, WElement>();
/** The manifest-event template with `n` Data items (one template per count, shared like Windows shares them). */
function templateWithData(n: number): WElement {
  let t = dataTemplates.get(n);
  if (t === undefined) {
    t = eventTemplate({ el: 'EventData', children: Array.from({ length: n }, (_, i): WElement => ({ el: 'Data', children: [sub(9 + i, T_STRING)] })) });
    dataTemplates.set(n, t);
  }
  return t;
}

/**
 * The events of an event XML document (Get-WinEvent ToXml / wevtutil, as in samples/) written as an
 * .evtx log: the same System values and Data items, now in Binary XML templates with substitutions.
 * Regular expressions over the simple, machine-written XML of the samples (test support only).
 */
export function eventXmlToEvtx(xml: string): Buffer {
  const records: WRecord[] = [];
  for (const m of xml.matchAll(/<Event[\s>][\s\S]*?<\/Event>/g)) {
    const e = m[0];
    const pick = (re: RegExp): string | undefined => re.exec(e)?.[1];
    const data = [...e.matchAll(/<Data(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/Data>)/g)].map((d) => xmlText(d[1] ?? ''));
    const qualifiers = pick(/<EventID Qualifiers=['"](\d+)['"]/);
    const recordId = Number(pick(/<EventRecordID>(\d+)</) ?? records.length + 1);
    const time = pick(/SystemTime=['"]([^'"]+)['"]/) ?? '2026-01-01T00:00:00Z';
    records.push({
      template: templateWithData(data.length),
      values: [
        ...systemValues({
          provider: xmlText(pick(/<Provider Name=['"]([^'"]+)['"]/) ?? ''),
          eventId: Number(pick(/<EventID[^>]*>(\d+)</)),
          ...(qualifiers === undefined ? {} : { qualifiers: Number(qualifiers) }),
          time: time.replace(/(\.\d{3})\d*Z$/, '$1Z'),
          recordId,
          channel: xmlText(pick(/<Channel>([^<]*)</) ?? ''),
          computer: xmlText(pick(/<Computer>([^<]*)</) ?? ''),
        }),
        ...data.map(str),
      ],
      recordId,
    });
  }
  return writeEvtx(records);
}

/**
 * Event data → the named fields of DESIGN.md §5 "Parsed events", for the KMS event ids of §4.
 * Shared by the XML scanner and the pasted-text parser, so both give the same event for the same data.
 */
import type { KmsEvent } from '../types.js';
import { byteDigits, clientTimeToIso, digits } from './event-time.js';

/** What every event carries besides its data (from <System>, or from a pasted text header). */
export interface EventHeader {
  readonly eventId: number;
  readonly logName: string | null;
  readonly provider: string | null;
  readonly timeCreated: string | null;
  readonly computer: string | null;
  readonly recordId: number | null;
  readonly timeCreatedLocal?: string;
  readonly message?: string;
  /** System's Level; null or absent when there is none, or it is not an integer. */
  readonly level?: number | null;
  /** The Name attribute of each data item (null where it has none), parallel to the data. */
  readonly dataNames?: readonly (string | null)[];
}

/** The event ids whose data this parser names (DESIGN.md §4). */
export const KNOWN_EVENT_IDS: ReadonlySet<number> = new Set([12288, 12289, 12290, 12293, 12294, 8198, 12308, 1003]);

/** Number of comma-separated Info fields per event id. */
export const INFO_FIELD_COUNT: Readonly<Record<number, number>> = { 12288: 10, 12289: 8, 12290: 9 };

/** The value of 1 to 10 decimal digits, or -1 (a loop, not a regex + Number: this runs several times per event). */
export function uintValue(raw: string): number {
  return raw.length === 0 || raw.length > 10 ? -1 : digits(raw, 0, raw.length);
}

/** uintValue of the text in the ASCII bytes [start, end). */
export function uintValueInBytes(b: Uint8Array, start: number, end: number): number {
  return end <= start || end - start > 10 ? -1 : byteDigits(b, start, end);
}

/** `0x` + 1 to 8 hex digits, either case. */
export function isHresult(raw: string): boolean {
  if (raw.length < 3 || raw.length > 10 || raw.charCodeAt(0) !== 48 || (raw.charCodeAt(1) | 32) !== 120) return false;
  for (let i = 2; i < raw.length; i++) {
    const c = raw.charCodeAt(i) | 32;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

function trimmed(data: readonly string[], from: number, to: number): string[] {
  const out: string[] = new Array<string>(to - from);
  for (let i = from; i < to; i++) out[i - from] = (data[i] as string).trim();
  return out;
}

/**
 * The Info fields of 12288/12289/12290 from whichever form the event carries.
 *
 * Forms seen: one comma-joined string (12288/12289 `<Data>`, Event Viewer text), the fields as separate
 * items (n items), or the joined string followed by the separate items (12290 as Get-WinEvent reads it:
 * `Properties[1..9]` are the fields). Null when none fits.
 */
export function infoFields(data: readonly string[], n: number): string[] | null {
  if (data.length > n) {
    const separate = trimmed(data, 1, n + 1);
    if (separate.some((item) => item !== '')) return separate;
  }
  if (data.length === n) return trimmed(data, 0, n);
  const joined = data.find((item) => item.includes(','));
  if (joined === undefined) return null;
  return joined.split(',').map((s) => s.trim());
}

/** An event's Level from the text of <Level>: null unless it is 1 to 3 digits. */
export function levelValue(text: string): number | null {
  const t = text.trim();
  return /^\d{1,3}$/.test(t) ? Number(t) : null;
}

/** Shortens a value for a one-line problem description. */
export function clip(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max)}…`;
}

function describe(h: EventHeader): string {
  return h.recordId === null ? `event ${h.eventId}` : `event ${h.eventId} (record ${h.recordId})`;
}

function splitHostPort(raw: string | undefined): { host?: string; port?: number } {
  if (raw === undefined || raw === '') return {};
  const m = /^(.*):(\d{1,5})$/.exec(raw);
  if (m === null || m[1] === undefined || m[1] === '') return { host: raw };
  const host = m[1].startsWith('[') && m[1].endsWith(']') ? m[1].slice(1, -1) : m[1];
  return { host, port: Number(m[2]) };
}

const HEX_IN_TEXT = /(?:hr\s*=\s*|error code:?\s*)?(0x[0-9a-f]{1,8})\b/i;

/** The result of naming one event's data. */
export interface BuiltEvent {
  readonly event: KmsEvent;
  /** Fields that could not be read (the raw data is then kept on the event). */
  readonly problems: readonly string[];
}

const NO_PROBLEMS: readonly string[] = [];

/** A mutable event under construction; only fields the event carries are ever assigned. */
type Draft = { -readonly [K in keyof KmsEvent]: KmsEvent[K] };

/**
 * Writes one event's named fields, checking each value; a value that does not fit is left out and
 * described (the raw data is then kept on the event, so nothing is lost).
 */
class FieldWriter {
  problems: string[] | null = null;
  constructor(
    readonly event: Draft,
    private readonly header: EventHeader,
  ) {}

  private problem(what: string, raw: string, expected: string): void {
    (this.problems ??= []).push(`${describe(this.header)}: ${what} '${clip(raw)}' is not ${expected}`);
  }

  text(key: 'clientName' | 'cmid' | 'activationId' | 'dnsDomain' | 'activationObjectName' | 'activationObjectDn' | 'applicationId', raw: string | undefined): void {
    if (raw !== undefined && raw !== '') this.event[key] = raw;
  }

  hresult(key: 'hresult' | 'statusFlags', raw: string | undefined): void {
    if (raw === undefined || raw === '') return;
    if (isHresult(raw)) this.event[key] = raw;
    else this.problem(key === 'hresult' ? 'hresult' : 'status flags', raw, 'a 0x… code');
  }

  uint(
    key: 'minimumCount' | 'licenseState' | 'minutesToExpiry' | 'currentCount' | 'activationIntervalMinutes' | 'renewalIntervalMinutes',
    raw: string | undefined,
  ): void {
    if (raw === undefined || raw === '') return;
    const value = uintValue(raw);
    if (value !== -1) this.event[key] = value;
    else this.problem(key, raw, 'a number');
  }

  flag(key: 'isVm' | 'activated', raw: string | undefined): void {
    if (raw === '0') this.event[key] = false;
    else if (raw === '1') this.event[key] = true;
    else if (raw !== undefined && raw !== '') this.problem(key, raw, '0 or 1');
  }

  clientTime(raw: string | undefined): void {
    if (raw === undefined || raw === '') return;
    const iso = clientTimeToIso(raw);
    if (iso !== null) this.event.clientTime = iso;
    else this.problem('client time', raw, 'yyyy/M/d H:mm');
  }

  note(text: string): void {
    (this.problems ??= []).push(`${describe(this.header)}: ${text}`);
  }
}

/**
 * Builds the parsed event of DESIGN.md §5 from its header and data items.
 *
 * Unknown ids keep their raw data; known ids keep it too when something could not be read, so nothing
 * is lost.
 */
export function buildKmsEvent(header: EventHeader, data: readonly string[]): BuiltEvent {
  const event: Draft = {
    eventId: header.eventId,
    logName: header.logName,
    provider: header.provider,
    timeCreated: header.timeCreated,
    computer: header.computer,
    recordId: header.recordId,
  };
  if (header.level !== undefined && header.level !== null) event.level = header.level;
  const w = new FieldWriter(event, header);
  const id = header.eventId;
  let keepData = !KNOWN_EVENT_IDS.has(id);
  const count = INFO_FIELD_COUNT[id];
  if (count !== undefined) {
    const f = infoFields(data, count);
    if (f === null) {
      if (data.length > 0 || header.message === undefined) w.note('no Info fields found');
    } else {
      if (f.length !== count) w.note(`${f.length} Info fields, expected ${count}`);
      if (id === 12290) {
        w.hresult('hresult', f[0]);
        w.uint('minimumCount', f[1]);
        w.text('clientName', f[2]);
        w.text('cmid', f[3]);
        w.clientTime(f[4]);
        w.flag('isVm', f[5]);
        w.uint('licenseState', f[6]);
        w.uint('minutesToExpiry', f[7]);
        w.text('activationId', f[8]);
      } else if (id === 12288) {
        w.hresult('hresult', f[0]);
        w.hresult('statusFlags', f[1]);
        const hp = splitHostPort(f[2]);
        if (hp.host !== undefined) event.kmsHost = hp.host;
        if (hp.port !== undefined) event.kmsPort = hp.port;
        w.text('cmid', f[3]);
        w.clientTime(f[4]);
        w.flag('isVm', f[5]);
        w.uint('licenseState', f[6]);
        w.uint('minutesToExpiry', f[7]);
        w.text('activationId', f[8]);
        w.uint('minimumCount', f[9]);
      } else {
        w.hresult('hresult', f[0]);
        w.hresult('statusFlags', f[1]);
        w.flag('activated', f[2]);
        w.uint('currentCount', f[4]);
        w.uint('activationIntervalMinutes', f[5]);
        w.uint('renewalIntervalMinutes', f[6]);
        w.clientTime(f[7]);
      }
    }
  } else if (id === 12293) {
    w.hresult('hresult', data[0]?.trim());
    w.text('dnsDomain', data[1]?.trim());
  } else if (id === 12294) {
    w.text('dnsDomain', data[0]?.trim());
  } else if (id === 12308) {
    w.text('activationId', data[0]?.trim());
    w.text('activationObjectName', data[1]?.trim());
    w.text('activationObjectDn', data[2]?.trim());
  } else if (id === 1003) {
    w.text('applicationId', data[0]?.trim());
    // The per-SKU status lines have no documented layout: kept raw.
    keepData = data.length > 1;
  } else if (id === 8198) {
    for (const item of data) {
      const m = HEX_IN_TEXT.exec(item);
      if (m?.[1] !== undefined) {
        event.hresult = m[1];
        break;
      }
    }
    keepData = data.length > 0;
  }
  if (w.problems !== null) keepData = true;
  if (header.timeCreatedLocal !== undefined) event.timeCreatedLocal = header.timeCreatedLocal;
  if (keepData && data.length > 0) {
    event.data = data.slice();
    const names = header.dataNames;
    if (names !== undefined && names.length === data.length && names.some((n) => n !== null)) event.dataNames = names.map((n) => n ?? '');
  }
  if (header.message !== undefined) event.message = header.message;
  return { event, problems: w.problems ?? NO_PROBLEMS };
}

/**
 * The one record the KMS host digest folds (shared/diagnose/host-events.ts): a 12290 activation request
 * or a 12293/12294 DNS publishing event as plain values, times already in milliseconds. Every reader
 * gives its events to the digest through one adapter into this record: an event object (XML, .evtx,
 * pasted text, JSON/CSV exports) through hostRecordOfEvent, the stream parser's raw values through
 * hostRecordOfRaw, the byte reader's view through host-record-bytes.ts. The fast adapters take only
 * what hostRecordOfEvent would make the same record of; a test holds every adapter to that.
 */
import type { KmsEvent } from '../types.js';
import type { RawEventView } from './event-stream-parser.js';
import { isHresult, uintValue } from './event-fields.js';
import { clientTimeFastMs, isoTimeMs, systemTimeFastMs } from './event-time.js';

/** One host event as the digest folds it. Fast readers reuse one record: the digest keeps none of it but copies. */
export interface HostEventRecord {
  /** The event id; the digest folds 12290, 12293 and 12294 and only counts the rest. */
  eventId: number;
  /** When it was logged (TimeCreated), milliseconds since the epoch; NaN when unknown. */
  time: number;
  /** The logging machine (Computer), null when unknown. */
  computer: string | null;
  /** The HRESULT as logged (`0x…`); null when the event gave none. */
  hresult: string | null;
  /** 12290: the requesting machine's name and CMID, as logged. */
  clientName: string | null;
  cmid: string | null;
  /** 12290: the minimum count the client asked for. */
  minimumCount: number | undefined;
  /** 12290: the client's clock when it asked, milliseconds since the epoch; NaN when unknown. */
  clientTime: number;
  isVm: boolean | undefined;
  licenseState: number | undefined;
  minutesToExpiry: number | undefined;
  activationId: string | null;
  /** 12293/12294: the DNS domain the host published to. */
  dnsDomain: string | null;
}

/** A record with nothing in it, for a reader to fill again and again. */
export function emptyHostRecord(): HostEventRecord {
  return {
    eventId: 0,
    time: Number.NaN,
    computer: null,
    hresult: null,
    clientName: null,
    cmid: null,
    minimumCount: undefined,
    clientTime: Number.NaN,
    isVm: undefined,
    licenseState: undefined,
    minutesToExpiry: undefined,
    activationId: null,
    dnsDomain: null,
  };
}

/** The record of a parsed event (any reader's): the reference every other adapter matches. */
export function hostRecordOfEvent(event: KmsEvent, into: HostEventRecord = emptyHostRecord()): HostEventRecord {
  into.eventId = event.eventId;
  into.time = event.timeCreated === null ? Number.NaN : isoTimeMs(event.timeCreated);
  into.computer = event.computer;
  into.hresult = event.hresult ?? null;
  into.clientName = event.clientName ?? null;
  into.cmid = event.cmid ?? null;
  into.minimumCount = event.minimumCount;
  into.clientTime = event.clientTime === undefined ? Number.NaN : isoTimeMs(event.clientTime);
  into.isVm = event.isVm;
  into.licenseState = event.licenseState;
  into.minutesToExpiry = event.minutesToExpiry;
  into.activationId = event.activationId ?? null;
  into.dnsDomain = event.dnsDomain ?? null;
  return into;
}

/** Non-empty with no blank at either end: what `trim()` would leave as it is (ASCII ends only). */
function isPlain(s: string): boolean {
  if (s.length === 0) return false;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  return first > 32 && first < 127 && last > 32 && last < 127;
}

/**
 * Fills `into` from the stream parser's raw values (EventStreamParserOptions.takeRaw) for a 12290 in
 * Get-WinEvent's usual form, where buildKmsEvent would read every field without a remark; false, and
 * `into` not to be used, for anything else (the parser then builds the event as usual).
 */
export function hostRecordOfRaw(raw: RawEventView, into: HostEventRecord): boolean {
  if (raw.eventId !== '12290' || raw.systemTime === null) return false;
  const data = raw.data;
  // Get-WinEvent's 12290: the joined Info string, then its nine fields as separate items.
  if (data.length !== 10) return false;
  const hresult = data[1] as string;
  const name = data[3] as string;
  const cmid = data[4] as string;
  if (!isPlain(hresult) || !isHresult(hresult) || !isPlain(name) || !isPlain(cmid)) return false;
  const minimumCount = uintValue(data[2] as string);
  const licenseState = uintValue(data[7] as string);
  const minutesToExpiry = uintValue(data[8] as string);
  const vm = data[6] as string;
  if (minimumCount < 0 || licenseState < 0 || minutesToExpiry < 0 || (vm !== '0' && vm !== '1')) return false;
  const time = systemTimeFastMs(raw.systemTime);
  const clientTime = clientTimeFastMs(data[5] as string);
  if (Number.isNaN(time) || Number.isNaN(clientTime)) return false;
  const activationId = (data[9] as string).trim();
  into.eventId = 12290;
  into.time = time;
  into.computer = raw.computer;
  into.hresult = hresult;
  into.clientName = name;
  into.cmid = cmid;
  into.minimumCount = minimumCount;
  into.clientTime = clientTime;
  into.isVm = vm === '1';
  into.licenseState = licenseState;
  into.minutesToExpiry = minutesToExpiry;
  into.activationId = activationId === '' ? null : activationId;
  into.dnsDomain = null;
  return true;
}

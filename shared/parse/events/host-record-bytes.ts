/**
 * The byte reader's adapter into the host record (host-record.ts): hostRecordOfRaw's checks made on the
 * bytes of an event a learned layout matched (byte-layout.ts), so a busy host's log is folded without
 * decoding it to text. The strings the record holds are made once and reused: the CMID and name from
 * a table keyed by their bytes (a host log repeats the same few thousand machines), each machine's
 * activation ID and the log's host name while their bytes stay the same.
 */
import { asciiText, bytesEqualText, type ByteEventView } from './byte-layout.js';
import { createBytePairIndex } from './byte-pair-index.js';
import { uintValueInBytes } from './event-fields.js';
import { clientTimeFastMsInBytes, systemTimeFastMsInBytes } from './event-time.js';
import type { HostEventRecord } from './host-record.js';

/** Fills `into` from an event read from bytes and says whether it did (false: the text parser reads it). */
export type ByteHostRecordReader = (view: ByteEventView, into: HostEventRecord) => boolean;

/** isPlain (host-record.ts) of the text in the ASCII bytes [start, end). */
function isPlainInBytes(b: Uint8Array, start: number, end: number): boolean {
  if (end <= start) return false;
  const first = b[start] as number;
  const last = b[end - 1] as number;
  return first > 32 && first < 127 && last > 32 && last < 127;
}

/** isHresult of the text in the ASCII bytes [start, end): `0x` and 1 to 8 hex digits, either case. */
function isHresultInBytes(b: Uint8Array, start: number, end: number): boolean {
  if (end - start < 3 || end - start > 10 || b[start] !== 48 || ((b[start + 1] as number) | 32) !== 120) return false;
  for (let i = start + 2; i < end; i++) {
    const c = (b[i] as number) | 32;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

interface Pair {
  readonly cmid: string;
  readonly name: string;
  /** The activation ID this machine sent last, as its text stood (untrimmed), and trimmed: it rarely changes. */
  activationText: string;
  activationId: string | null;
}

/** A reader with its own string tables (one per file or stream: they grow with the distinct values read). */
export function createByteHostRecordReader(): ByteHostRecordReader {
  const pairs = createBytePairIndex<Pair>();
  // The logging machine's name: the same in every event of a log, so the last one is compared first.
  let lastComputer = '';
  let lastComputerTrimmed = '';

  return (view, into) => {
    const b = view.bytes;
    if (!bytesEqualText(b, view.eventIdStart, view.eventIdEnd, '12290') || view.systemTimeStart === -1) return false;
    if (view.dataCount !== 10) return false;
    const starts = view.dataStart;
    const ends = view.dataEnd;
    const hresultStart = starts[1] as number;
    const hresultEnd = ends[1] as number;
    const nameStart = starts[3] as number;
    const nameEnd = ends[3] as number;
    const cmidStart = starts[4] as number;
    const cmidEnd = ends[4] as number;
    if (!isHresultInBytes(b, hresultStart, hresultEnd) || !isPlainInBytes(b, nameStart, nameEnd) || !isPlainInBytes(b, cmidStart, cmidEnd)) return false;
    const minimumCount = uintValueInBytes(b, starts[2] as number, ends[2] as number);
    const licenseState = uintValueInBytes(b, starts[7] as number, ends[7] as number);
    const minutesToExpiry = uintValueInBytes(b, starts[8] as number, ends[8] as number);
    const vmAt = starts[6] as number;
    const vm = ends[6] === vmAt + 1 ? (b[vmAt] as number) : -1;
    if (minimumCount < 0 || licenseState < 0 || minutesToExpiry < 0 || (vm !== 48 && vm !== 49)) return false;
    const time = systemTimeFastMsInBytes(b, view.systemTimeStart, view.systemTimeEnd);
    const clientTime = clientTimeFastMsInBytes(b, starts[5] as number, ends[5] as number);
    if (Number.isNaN(time) || Number.isNaN(clientTime)) return false;
    const words = view.words;
    let pair = pairs.get(b, words, cmidStart, cmidEnd, nameStart, nameEnd);
    if (pair === undefined) {
      pair = { cmid: asciiText(b, cmidStart, cmidEnd), name: asciiText(b, nameStart, nameEnd), activationText: '', activationId: null };
      pairs.add(b, words, cmidStart, cmidEnd, nameStart, nameEnd, pair);
    }
    const activationStart = starts[9] as number;
    const activationEnd = ends[9] as number;
    if (!bytesEqualText(b, activationStart, activationEnd, pair.activationText)) {
      pair.activationText = asciiText(b, activationStart, activationEnd);
      const trimmed = pair.activationText.trim();
      pair.activationId = trimmed === '' ? null : trimmed;
    }
    // Nearly every request succeeds: its code is the one literal, not a new string each time.
    const hresult = bytesEqualText(b, hresultStart, hresultEnd, '0x0') ? '0x0' : asciiText(b, hresultStart, hresultEnd);
    let computer: string | null = null;
    if (view.computerStart !== -1) {
      if (!bytesEqualText(b, view.computerStart, view.computerEnd, lastComputer)) {
        lastComputer = asciiText(b, view.computerStart, view.computerEnd);
        lastComputerTrimmed = lastComputer.trim();
      }
      if (lastComputerTrimmed !== '') computer = lastComputerTrimmed;
    }
    into.eventId = 12290;
    into.time = time;
    into.computer = computer;
    into.hresult = hresult;
    into.clientName = pair.name;
    into.cmid = pair.cmid;
    into.minimumCount = minimumCount;
    into.clientTime = clientTime;
    into.isVm = vm === 49;
    into.licenseState = licenseState;
    into.minutesToExpiry = minutesToExpiry;
    into.activationId = pair.activationId;
    into.dnsDomain = null;
    return true;
  };
}

/**
 * Time strings found in KMS events → ISO 8601. Pure string work (no clock, no local time zone):
 * the event's SystemTime is UTC already, the client time in the Info string is the client's UTC clock.
 */

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const DAYS_IN_MONTH: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether every part is a real calendar value (Feb 29 only in leap years; years Windows can log). */
function validParts(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59 || y < 1601 || y > 9999) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[mo - 1] ?? 0);
}

/** Builds `YYYY-MM-DDTHH:MM:SS.mmm` after checking every part is a real calendar value; null otherwise. */
function isoParts(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): string | null {
  if (!validParts(y, mo, d, h, mi, s)) return null;
  const msText = ms < 10 ? `00${ms}` : ms < 100 ? `0${ms}` : `${ms}`;
  return `${y}-${pad2(mo)}-${pad2(d)}T${pad2(h)}:${pad2(mi)}:${pad2(s)}.${msText}`;
}

let lastClientRaw = '';
let lastClientIso: string | null = null;

/** Digits of s[from, to) as a number, or -1 if any is not a digit. */
export function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

// The parts the fast readers below leave behind (module scratch: this runs once per event, and an
// object or array per call would be garbage).
let fy = 0;
let fmo = 0;
let fd = 0;
let fh = 0;
let fmi = 0;
let fs = 0;
let fms = 0;

/**
 * Milliseconds since the epoch of a valid UTC calendar time, by arithmetic (days from the civil date,
 * proleptic Gregorian): the same number as Date.UTC for the years 1601-9999 these readers accept, at a
 * fraction of the cost of its runtime call, which ran twice per event.
 */
function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return days * 86_400_000 + h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
}

/** `yyyy/M/d H:mm` (unpadded or padded) into the scratch parts; false for anything else. */
function readClientTimeFast(s: string): boolean {
  if (s.charCodeAt(4) !== 47) return false;
  const y = digits(s, 0, 4);
  let i = 5;
  const moEnd = s.charCodeAt(i + 1) === 47 ? i + 1 : i + 2;
  const mo = digits(s, i, moEnd);
  if (s.charCodeAt(moEnd) !== 47) return false;
  i = moEnd + 1;
  const dEnd = s.charCodeAt(i + 1) === 32 ? i + 1 : i + 2;
  const d = digits(s, i, dEnd);
  if (s.charCodeAt(dEnd) !== 32) return false;
  i = dEnd + 1;
  const hEnd = s.charCodeAt(i + 1) === 58 ? i + 1 : i + 2;
  const h = digits(s, i, hEnd);
  if (s.charCodeAt(hEnd) !== 58 || s.length !== hEnd + 3) return false;
  const mi = digits(s, hEnd + 1, hEnd + 3);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || !validParts(y, mo, d, h, mi, 0)) return false;
  fy = y;
  fmo = mo;
  fd = d;
  fh = h;
  fmi = mi;
  fs = 0;
  fms = 0;
  return true;
}

/** `yyyy/M/d H:mm` read by hand (the regex below is the general case): this runs once per event. */
function clientTimeFast(s: string): string | null {
  return readClientTimeFast(s) ? `${isoParts(fy, fmo, fd, fh, fmi, 0, 0)}Z` : null;
}

/**
 * Milliseconds since the epoch of the client time a 12290 logs, for the usual `yyyy/M/d H:mm` form
 * only: exactly `Date.parse(clientTimeToIso(raw))` there, NaN for every other form (whose readers
 * then take the general path).
 */
export function clientTimeFastMs(raw: string): number {
  return readClientTimeFast(raw) ? utcMs(fy, fmo, fd, fh, fmi, 0, 0) : Number.NaN;
}

const CLIENT_TIME = /^(\d{4})\/(\d{1,2})\/(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Normalises the client time of a 12288/12289/12290 Info string to ISO 8601 UTC.
 *
 * Windows logs `yyyy/M/d H:mm` (12290, unpadded) or `yyyy/MM/dd HH:mm` (12288/12289); both mean UTC.
 * Anything else gives null: the caller keeps the raw text, nothing is guessed.
 */
export function clientTimeToIso(raw: string): string | null {
  // Requests come in bursts within the same minute: remember the last answer.
  if (raw === lastClientRaw) return lastClientIso;
  const fast = clientTimeFast(raw);
  if (fast !== null) {
    lastClientRaw = raw;
    lastClientIso = fast;
    return fast;
  }
  const m = CLIENT_TIME.exec(raw.trim());
  if (m === null) return null;
  const iso = isoParts(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), 0);
  return iso === null ? null : `${iso}Z`;
}

/**
 * The usual SystemTime form, `YYYY-MM-DDTHH:MM:SS.fffffffZ` (3 or more fraction digits), into the
 * scratch parts (milliseconds: the first 3 fraction digits); false for any other form. Checked by hand:
 * this runs once per event.
 */
function readSystemTimeFast(raw: string): boolean {
  if (
    raw.length >= 24 &&
    raw.charCodeAt(raw.length - 1) === 90 &&
    raw.charCodeAt(4) === 45 &&
    raw.charCodeAt(7) === 45 &&
    raw.charCodeAt(10) === 84 &&
    raw.charCodeAt(13) === 58 &&
    raw.charCodeAt(16) === 58 &&
    raw.charCodeAt(19) === 46 &&
    digits(raw, 20, raw.length - 1) >= 0
  ) {
    const y = digits(raw, 0, 4);
    const mo = digits(raw, 5, 7);
    const d = digits(raw, 8, 10);
    const h = digits(raw, 11, 13);
    const mi = digits(raw, 14, 16);
    const sec = digits(raw, 17, 19);
    if (y >= 0 && mo >= 0 && d >= 0 && h >= 0 && mi >= 0 && sec >= 0 && validParts(y, mo, d, h, mi, sec)) {
      fy = y;
      fmo = mo;
      fd = d;
      fh = h;
      fmi = mi;
      fs = sec;
      fms = digits(raw, 20, 23);
      return true;
    }
  }
  return false;
}

/**
 * Milliseconds since the epoch of an event's SystemTime in the usual form: exactly
 * `Date.parse(systemTimeToIso(raw))` there, NaN for every other form (read by the general path).
 */
export function systemTimeFastMs(raw: string): number {
  return readSystemTimeFast(raw) ? utcMs(fy, fmo, fd, fh, fmi, fs, fms) : Number.NaN;
}

/**
 * Milliseconds since the epoch of an ISO 8601 time as the event readers write it
 * (`YYYY-MM-DDTHH:MM:SS.mmmZ`), read by hand as systemTimeFastMs reads it; any other form through
 * Date.parse (its general path is slow for the many times a host log holds).
 */
export function isoTimeMs(iso: string): number {
  const fast = systemTimeFastMs(iso);
  return Number.isNaN(fast) ? Date.parse(iso) : fast;
}

/** b[i] when i is before `end`, else -1 (a reader must not look past its value). */
const byteBefore = (b: Uint8Array, i: number, end: number): number => (i < end ? (b[i] as number) : -1);

/** digits() over bytes [from, to). */
export function byteDigits(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = (b[i] as number) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * systemTimeFastMs of the text in the ASCII bytes [start, end): the same number for the same text (the
 * byte reader's twin of readSystemTimeFast, checked against it by a property test).
 */
export function systemTimeFastMsInBytes(b: Uint8Array, start: number, end: number): number {
  if (
    end - start >= 24 &&
    b[end - 1] === 90 &&
    b[start + 4] === 45 &&
    b[start + 7] === 45 &&
    b[start + 10] === 84 &&
    b[start + 13] === 58 &&
    b[start + 16] === 58 &&
    b[start + 19] === 46 &&
    byteDigits(b, start + 20, end - 1) >= 0
  ) {
    const y = byteDigits(b, start, start + 4);
    const mo = byteDigits(b, start + 5, start + 7);
    const d = byteDigits(b, start + 8, start + 10);
    const h = byteDigits(b, start + 11, start + 13);
    const mi = byteDigits(b, start + 14, start + 16);
    const sec = byteDigits(b, start + 17, start + 19);
    if (y >= 0 && mo >= 0 && d >= 0 && h >= 0 && mi >= 0 && sec >= 0 && validParts(y, mo, d, h, mi, sec)) {
      return utcMs(y, mo, d, h, mi, sec, byteDigits(b, start + 20, start + 23));
    }
  }
  return Number.NaN;
}

/**
 * clientTimeFastMs of the text in the ASCII bytes [start, end): the same number for the same text (the
 * twin of readClientTimeFast; nothing at or after `end` is read as part of it).
 */
export function clientTimeFastMsInBytes(b: Uint8Array, start: number, end: number): number {
  if (byteBefore(b, start + 4, end) !== 47) return Number.NaN;
  const y = byteDigits(b, start, start + 4);
  const moEnd = byteBefore(b, start + 6, end) === 47 ? start + 6 : start + 7;
  if (byteBefore(b, moEnd, end) !== 47) return Number.NaN;
  const mo = byteDigits(b, start + 5, moEnd);
  const dAt = moEnd + 1;
  const dEnd = byteBefore(b, dAt + 1, end) === 32 ? dAt + 1 : dAt + 2;
  if (byteBefore(b, dEnd, end) !== 32) return Number.NaN;
  const d = byteDigits(b, dAt, dEnd);
  const hAt = dEnd + 1;
  const hEnd = byteBefore(b, hAt + 1, end) === 58 ? hAt + 1 : hAt + 2;
  if (byteBefore(b, hEnd, end) !== 58 || end !== hEnd + 3) return Number.NaN;
  const h = byteDigits(b, hAt, hEnd);
  const mi = byteDigits(b, hEnd + 1, hEnd + 3);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || !validParts(y, mo, d, h, mi, 0)) return Number.NaN;
  return utcMs(y, mo, d, h, mi, 0, 0);
}

const SYSTEM_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Normalises an event's `TimeCreated SystemTime` (7 or 9 fraction digits, `Z`) to ISO 8601 UTC with
 * milliseconds, the form `Date.prototype.toISOString` prints. An explicit offset is converted; a time
 * without any zone is not UTC-safe and gives null.
 */
export function systemTimeToIso(raw: string): string | null {
  if (readSystemTimeFast(raw)) return `${raw.slice(0, 23)}Z`;
  const m = SYSTEM_TIME.exec(raw.trim());
  if (m === null || m[8] === undefined) return null;
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const iso = isoParts(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
  if (iso === null) return null;
  if (m[8] === 'Z') return `${iso}Z`;
  const sign = m[8].startsWith('-') ? -1 : 1;
  const offsetMinutes = sign * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(4, 6)));
  if (Math.abs(offsetMinutes) > 14 * 60) return null;
  return new Date(Date.parse(`${iso}Z`) - offsetMinutes * 60_000).toISOString();
}

const LOCAL_YMD = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?$/;
const LOCAL_XYY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?$/;

function hour12(h: number, ampm: string | undefined): number | null {
  if (ampm === undefined) return h;
  if (h < 1 || h > 12) return null;
  const pm = ampm.toUpperCase() === 'PM';
  return (h % 12) + (pm ? 12 : 0);
}

/**
 * Reads a date as Event Viewer or PowerShell print it on the viewing machine (`9/29/2010 5:52:13 PM`,
 * `2010/09/29 17:52:13`) into ISO 8601 without a zone. Day/month order is decided only when it is
 * certain: year first, or an AM/PM time (the en-US M/d/yyyy pattern), or one part above 12.
 */
export function localTimeToIso(raw: string): string | null {
  const text = raw.trim();
  let m = LOCAL_YMD.exec(text);
  let y: number;
  let mo: number;
  let d: number;
  if (m !== null) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else {
    m = LOCAL_XYY.exec(text);
    if (m === null) return null;
    const a = Number(m[1]);
    const b = Number(m[2]);
    y = Number(m[3]);
    if (m[7] !== undefined || b > 12) [mo, d] = [a, b];
    else if (a > 12) [mo, d] = [b, a];
    else return null;
  }
  const h = hour12(Number(m[4]), m[7]);
  if (h === null) return null;
  const iso = isoParts(y, mo, d, h, Number(m[5]), Number(m[6] ?? 0), 0);
  return iso === null ? null : iso.slice(0, 19);
}

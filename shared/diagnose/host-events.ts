import { emptyHostRecord, hostRecordOfEvent, type HostEventRecord } from '../parse/events/host-record.js';
import type { KmsEvent } from '../parse/types.js';
import { canonicalHresult, isSuccessHresult } from '../kms/error-codes.js';
import {
  clientOsThreshold,
  countCap,
  countWindowMs,
  expiresSoonMinutes,
  familyOfMinimumCount,
  maxClockSkewMs,
  serverOfficeThreshold,
} from '../kms/thresholds.js';

/**
 * Host event analysis (issue #5 §4). Events are folded into a digest one at a time while the file
 * streams (no array of 200,000 events); the digest keeps per-CMID and per-name first/last times, so the
 * 30-day window can be chosen afterwards (manifest `created`, else the newest event) and the
 * duplicate-CMID answer stays exact. The fold takes one plain record (HostEventRecord); every reader
 * brings its events to it through its adapter in shared/parse/events (host-record*.ts).
 */

interface NameSeen {
  readonly name: string;
  first: number;
  last: number;
  requests: number;
}

/**
 * A value requests report, as the newest request that carried it gave it (a later event wins a tie),
 * with that request's time. Kept this way, a CMID's state does not depend on the order events arrive
 * in, so the digests of a stream's parts merge into exactly the digest of the whole.
 */
interface Newest<T> {
  value: T | null;
  /** Time of the request that gave `value`; -Infinity while none did. */
  at: number;
}

const unseen = <T>(): Newest<T> => ({ value: null, at: Number.NEGATIVE_INFINITY });

/** Keeps `value` (when the request carried one) if the request is at least as new as the one kept. */
function keepNewest<T>(slot: Newest<T>, value: T | undefined, time: number): void {
  if (value !== undefined && time >= slot.at) {
    slot.value = value;
    slot.at = time;
  }
}

/** The newer of two slots, as a copy; `b` holds the later events, so it wins a tie. */
const newerOf = <T>(a: Readonly<Newest<T>>, b: Readonly<Newest<T>>): Newest<T> => (b.at >= a.at ? { ...b } : { ...a });

/** One CMID: the names that used it, and what its newest requests reported. */
interface CmidState {
  /** The CMID, lower-case. */
  readonly key: string;
  readonly names: Map<string, NameSeen>;
  /** The client name of the newest request. */
  readonly lastName: Newest<string>;
  readonly minimumCount: Newest<number>;
  readonly isVm: Newest<boolean>;
  readonly licenseState: Newest<number>;
  readonly minutesToExpiry: Newest<number>;
  maxSkewMs: number;
}

interface DayState {
  total: number;
  failed: number;
}

interface FailureState {
  readonly times: number[];
  readonly names: Map<string, number>;
  sample: string;
}

export interface PublishEvent {
  readonly time: string;
  readonly eventId: 12293 | 12294;
  readonly domain: string | null;
  readonly hresult: string | null;
  /** The file the event was read from, when the loader knows it (12293/12294 live in the Application log, not the KMS log). */
  readonly source?: string;
}

/** What the stream leaves behind: enough to answer every windowed question exactly. */
export interface HostEventDigest {
  readonly requests12290: number;
  readonly otherEvents: number;
  readonly newest: number | null;
  readonly oldest: number | null;
  readonly hostComputer: string | null;
  readonly cmids: ReadonlyMap<string, Readonly<CmidState>>;
  /** Requests per UTC day, keyed by days since the epoch. */
  readonly days: ReadonlyMap<number, Readonly<DayState>>;
  readonly failures: ReadonlyMap<string, Readonly<FailureState>>;
  readonly publish: readonly PublishEvent[];
}

export interface HostEventAccumulator {
  /**
   * Folds one event in (12290, 12293, 12294 are used; others are counted and ignored). The record is
   * not kept: a reader may fill the same one again for the next event.
   */
  add(record: Readonly<HostEventRecord>): void;
  digest(): HostEventDigest;
}

/** The 12290 Info line as Windows shows it, for evidence excerpts. */
export function formatInfo12290(r: Readonly<HostEventRecord>): string {
  const clientTime = Number.isNaN(r.clientTime) ? '' : new Date(r.clientTime).toISOString();
  return [r.hresult, r.minimumCount, r.clientName, r.cmid, clientTime, r.isVm === undefined ? '' : r.isVm ? 1 : 0, r.licenseState, r.minutesToExpiry, r.activationId]
    .map((v) => (v === undefined || v === null ? '' : String(v)))
    .join(',');
}

/**
 * A copy of a string that holds no reference to the text it was cut from. Parsers hand out slices of
 * their megabyte-sized chunks; keeping one slice per client in the digest would keep every chunk alive
 * (hundreds of MB and constant GC for a 200,000-event log). Concatenating and slicing a flat copy cuts
 * the link; done once per new key, not per event.
 */
function detach(s: string): string {
  return (s + ' ').slice(0, -1);
}

/** A CMID's state with one of its names: what one request folds into. */
interface CmidPair {
  readonly state: CmidState;
  readonly seen: NameSeen;
}

/** The pairs of one CMID as spelled: most CMIDs have one machine, so the first name is kept apart. */
interface SpelledCmid {
  readonly first: CmidPair;
  more: Map<string, CmidPair> | null;
}

function newCmidState(key: string): CmidState {
  return { key, names: new Map(), lastName: unseen(), minimumCount: unseen(), isVm: unseen(), licenseState: unseen(), minutesToExpiry: unseen(), maxSkewMs: 0 };
}

/** Starts an empty digest; each reader feeds it records through its adapter (shared/parse/events/host-record*.ts). */
export function createHostEventAccumulator(): HostEventAccumulator {
  let requests12290 = 0;
  let otherEvents = 0;
  let newest: number | null = null;
  let oldest: number | null = null;
  let hostComputer: string | null = null;
  const byCmid = new Map<string, CmidState>();
  // Lookups by text in prototype-less objects: V8 finds a freshly parsed string there through its string
  // table, cheaper per event than Map.get with the same string (bench/README.md, analyze).
  const cmidIndex: Record<string, CmidState | undefined> = Object.create(null) as Record<string, CmidState | undefined>;
  // The pairs by the CMID as spelled: the case-folded CMID is looked up only for a new pair.
  const pairIndex: Record<string, SpelledCmid | undefined> = Object.create(null) as Record<string, SpelledCmid | undefined>;
  const days = new Map<number, DayState>();
  const failures = new Map<string, FailureState>();
  const publish: PublishEvent[] = [];

  /** The request count, the newest/oldest times and the host's name: every 12290/12293/12294 has them. */
  const seenEvent = (time: number, computer: string | null | undefined): void => {
    if (!Number.isNaN(time)) {
      if (newest === null || time > newest) newest = time;
      if (oldest === null || time < oldest) oldest = time;
    }
    if (hostComputer === null && computer) hostComputer = detach(computer);
  };

  const dayOf = (time: number): DayState => {
    const day = Math.floor(time / 86_400_000);
    let dayState = days.get(day);
    if (!dayState) days.set(day, (dayState = { total: 0, failed: 0 }));
    dayState.total++;
    return dayState;
  };

  /** The CMID's state and the name's entry for a pair (made on first sight), by the case-folded CMID. */
  const findPair = (cmid: string, name: string, time: number): CmidPair => {
    const lower = cmid.toLowerCase();
    let state = cmidIndex[lower];
    if (state === undefined) {
      state = newCmidState(detach(lower));
      byCmid.set(state.key, state);
      cmidIndex[state.key] = state;
    }
    let seen = state.names.get(name);
    if (seen === undefined) {
      seen = { name: detach(name), first: time, last: time, requests: 0 };
      state.names.set(seen.name, seen);
    }
    return { state, seen };
  };

  /** findPair through the index by the values as they came: one lookup by the CMID, then its first name compared. */
  const pairFor = (cmid: string, name: string, time: number): CmidPair => {
    const spelled = pairIndex[cmid];
    if (spelled === undefined) {
      const pair = findPair(cmid, name, time);
      pairIndex[detach(cmid)] = { first: pair, more: null };
      return pair;
    }
    if (spelled.first.seen.name === name) return spelled.first;
    let pair = spelled.more?.get(name);
    if (pair === undefined) {
      pair = findPair(cmid, name, time);
      (spelled.more ??= new Map()).set(pair.seen.name, pair);
    }
    return pair;
  };

  /**
   * A refused request: counted on its day and under its HRESULT with the machine that sent it. The
   * record is passed whole (not a closure over it) for the sample: a closure would put it in a context
   * allocated on every call of add(), failure or not.
   */
  const recordFailure = (dayState: DayState, time: number, name: string, r: Readonly<HostEventRecord>): void => {
    dayState.failed++;
    const code = canonicalHresult(r.hresult as string);
    let f = failures.get(code);
    if (!f) failures.set(detach(code), (f = { times: [], names: new Map(), sample: detach(formatInfo12290(r)) }));
    f.times.push(time);
    const prev = f.names.get(name);
    if (prev === undefined) f.names.set(detach(name), time);
    else if (prev < time) f.names.set(name, time);
  };

  /**
   * Folds one request into its CMID's state. `clientTime` is the client's clock (NaN when unknown); one in
   * the same UTC hour as the request is not counted as skew (it is under an hour, far below 4 h).
   */
  const foldPair = (
    pair: CmidPair,
    time: number,
    minimumCount: number | undefined,
    isVm: boolean | undefined,
    licenseState: number | undefined,
    minutesToExpiry: number | undefined,
    clientTime: number,
  ): void => {
    const { state, seen } = pair;
    seen.requests++;
    if (time < seen.first) seen.first = time;
    if (time > seen.last) seen.last = time;
    keepNewest(state.lastName, seen.name, time);
    keepNewest(state.minimumCount, minimumCount, time);
    keepNewest(state.isVm, isVm, time);
    keepNewest(state.licenseState, licenseState, time);
    keepNewest(state.minutesToExpiry, minutesToExpiry, time);
    if (!Number.isNaN(clientTime) && Math.floor(clientTime / 3_600_000) !== Math.floor(time / 3_600_000)) {
      const skew = Math.abs(clientTime - time);
      if (skew > state.maxSkewMs) state.maxSkewMs = skew;
    }
  };

  return {
    add(r) {
      let time = r.time;
      // Pasted Event Viewer text often lost its Date line; the client time the 12290 logs is then the best clock there is.
      if (Number.isNaN(time)) time = r.clientTime;
      const eventId = r.eventId;
      if (eventId !== 12290 && eventId !== 12293 && eventId !== 12294) {
        otherEvents++;
        return;
      }
      seenEvent(time, r.computer);
      if (eventId !== 12290) {
        publish.push({
          time: Number.isNaN(r.time) ? '' : new Date(r.time).toISOString(),
          eventId,
          domain: r.dnsDomain ? detach(r.dnsDomain) : null,
          hresult: r.hresult ? detach(r.hresult) : null,
        });
        return;
      }
      requests12290++;
      if (Number.isNaN(time)) return;
      const dayState = dayOf(time);
      const name = r.clientName ?? '(unknown)';
      if (!isSuccessHresult(r.hresult)) recordFailure(dayState, time, name, r);
      const cmid = r.cmid;
      if (!cmid) return;
      foldPair(pairFor(cmid, name, time), time, r.minimumCount, r.isVm, r.licenseState, r.minutesToExpiry, r.clientTime);
    },
    digest() {
      return { requests12290, otherEvents, newest, oldest, hostComputer, cmids: byCmid, days, failures, publish };
    },
  };
}

function mergeCmid(a: Readonly<CmidState>, b: Readonly<CmidState>): CmidState {
  const names = new Map<string, NameSeen>();
  for (const seen of a.names.values()) names.set(seen.name, { ...seen });
  for (const seen of b.names.values()) {
    const known = names.get(seen.name);
    if (known === undefined) names.set(seen.name, { ...seen });
    else {
      known.first = Math.min(known.first, seen.first);
      known.last = Math.max(known.last, seen.last);
      known.requests += seen.requests;
    }
  }
  return {
    key: a.key,
    names,
    lastName: newerOf(a.lastName, b.lastName),
    minimumCount: newerOf(a.minimumCount, b.minimumCount),
    isVm: newerOf(a.isVm, b.isVm),
    licenseState: newerOf(a.licenseState, b.licenseState),
    minutesToExpiry: newerOf(a.minutesToExpiry, b.minutesToExpiry),
    maxSkewMs: Math.max(a.maxSkewMs, b.maxSkewMs),
  };
}

/**
 * The digest of two event streams read one after the other: `a` holds the earlier events (an earlier
 * file, or a file's first part), `b` the later. Exactly what one accumulator fed both streams in that
 * order would hold, so each event file gets its own digest and the loader merges them in file order.
 * Neither input is changed (unchanged entries are shared with the result).
 */
export function mergeHostEventDigests(a: HostEventDigest, b: HostEventDigest): HostEventDigest {
  const cmids = new Map<string, Readonly<CmidState>>(a.cmids);
  for (const [key, state] of b.cmids) {
    const known = cmids.get(key);
    cmids.set(key, known === undefined ? state : mergeCmid(known, state));
  }
  const days = new Map<number, Readonly<DayState>>(a.days);
  for (const [day, state] of b.days) {
    const known = days.get(day);
    days.set(day, known === undefined ? state : { total: known.total + state.total, failed: known.failed + state.failed });
  }
  const failures = new Map<string, Readonly<FailureState>>(a.failures);
  for (const [code, state] of b.failures) {
    const known = failures.get(code);
    if (known === undefined) {
      failures.set(code, state);
      continue;
    }
    const names = new Map(known.names);
    for (const [name, last] of state.names) names.set(name, Math.max(names.get(name) ?? last, last));
    // The first failure's Info line is the sample, and `a` came first.
    failures.set(code, { times: [...known.times, ...state.times], names, sample: known.sample });
  }
  const pick = (x: number | null, y: number | null, f: (p: number, q: number) => number): number | null => (x === null ? y : y === null ? x : f(x, y));
  return {
    requests12290: a.requests12290 + b.requests12290,
    otherEvents: a.otherEvents + b.otherEvents,
    newest: pick(a.newest, b.newest, Math.max),
    oldest: pick(a.oldest, b.oldest, Math.min),
    hostComputer: a.hostComputer ?? b.hostComputer,
    cmids,
    days,
    failures,
    publish: [...a.publish, ...b.publish],
  };
}

/** Builds a digest from events already in memory (the UI, tests). */
export function digestHostEvents(events: Iterable<KmsEvent>): HostEventDigest {
  const acc = createHostEventAccumulator();
  const record = emptyHostRecord();
  for (const event of events) acc.add(hostRecordOfEvent(event, record));
  return acc.digest();
}

export interface FamilyCount {
  readonly family: 'client-os' | 'server-office';
  /** The count this family needs (25 or 5). */
  readonly needs: number;
  /** Distinct CMIDs in the window asking with this minimum count. */
  readonly clients: number;
  /** The host's count (all distinct CMIDs in the window, capped): what the family is compared against. */
  readonly has: number;
  readonly met: boolean;
}

export interface DuplicateCmid {
  readonly cmid: string;
  readonly names: ReadonlyArray<{ readonly name: string; readonly first: string; readonly last: string; readonly requests: number }>;
  readonly first: string;
  readonly last: string;
}

export interface FailureGroup {
  readonly hresult: string;
  readonly requests: number;
  readonly machines: readonly string[];
  readonly first: string;
  readonly last: string;
  readonly sample: string;
}

/** The windowed answer (`hostAnalysis` in `analyze --json`). */
export interface HostAnalysis {
  readonly windowStart: string | null;
  readonly windowEnd: string | null;
  readonly windowEndSource: 'manifest' | 'given' | 'newest-event' | 'none';
  readonly requestsTotal: number;
  /** 12290 events on the days the window covers (whole UTC days, like the chart). */
  readonly requestsInWindow: number;
  readonly distinctCmids: number;
  /** The count the host would report: distinct CMIDs in the window capped at 2 × the highest threshold asked. */
  readonly effectiveCount: number;
  readonly families: readonly FamilyCount[];
  readonly duplicateCmids: readonly DuplicateCmid[];
  readonly failures: readonly FailureGroup[];
  readonly vm: { readonly vmClients: number; readonly clients: number; readonly share: number | null };
  readonly requestsPerDay: ReadonlyArray<{ readonly day: string; readonly total: number; readonly failed: number }>;
  readonly expiringSoon: ReadonlyArray<{ readonly clientName: string; readonly cmid: string; readonly licenseState: number | null; readonly expiresAt: string }>;
  readonly clockSkew: ReadonlyArray<{ readonly clientName: string; readonly cmid: string; readonly skewMinutes: number }>;
  readonly publish: readonly PublishEvent[];
  readonly hostComputer: string | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Order of machine-written text (ISO times, CMIDs, HRESULTs): by code units, which is time order for ISO
 * times. localeCompare would sort these the same way, but its first call loads ICU's collator.
 */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The smallest and largest of many numbers (a spread into Math.min overflows the stack at ~120,000). */
function extremes(values: readonly number[]): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/**
 * Answers the windowed questions from a digest. `windowEnd` is the manifest's `created` (or a time the
 * caller knows the evidence was collected); without it the newest event ends the window — never the
 * analysing machine's clock.
 */
export function analyzeHostEvents(digest: HostEventDigest, windowEnd: { time: string; source: 'manifest' | 'given' } | null): HostAnalysis {
  let endMs: number | null = windowEnd === null ? null : Date.parse(windowEnd.time);
  let source: HostAnalysis['windowEndSource'] = windowEnd?.source ?? 'none';
  if (endMs === null || Number.isNaN(endMs)) {
    endMs = digest.newest;
    source = endMs === null ? 'none' : 'newest-event';
  }
  const startMs = endMs === null ? Number.NEGATIVE_INFINITY : endMs - countWindowMs;
  const endLimit = endMs ?? Number.POSITIVE_INFINITY;
  const inWindow = (t: number): boolean => t >= startMs && t <= endLimit;

  let distinct = 0;
  let anyClientOs = false;
  const familyClients = { 'client-os': 0, 'server-office': 0 };
  let vmClients = 0;
  const duplicates: DuplicateCmid[] = [];
  const expiring: Array<HostAnalysis['expiringSoon'][number]> = [];
  const skewed: Array<HostAnalysis['clockSkew'][number]> = [];
  for (const [cmid, state] of digest.cmids) {
    // Most CMIDs have one name: count those in the window before building any list.
    let namesInWindow = 0;
    for (const seen of state.names.values()) if (seen.last >= startMs && seen.first <= endLimit) namesInWindow++;
    if (namesInWindow === 0) continue;
    distinct++;
    if (state.minimumCount.value !== null) {
      const family = familyOfMinimumCount(state.minimumCount.value);
      familyClients[family]++;
      if (family === 'client-os') anyClientOs = true;
    }
    if (state.isVm.value === true) vmClients++;
    if (namesInWindow > 1) {
      const names = [...state.names].filter(([, seen]) => seen.last >= startMs && seen.first <= endLimit);
      const sorted = names.sort((a, b) => a[1].first - b[1].first || a[0].localeCompare(b[0]));
      duplicates.push({
        cmid,
        names: sorted.map(([name, seen]) => ({ name, first: iso(seen.first), last: iso(seen.last), requests: seen.requests })),
        first: iso(extremes(sorted.map(([, s]) => s.first)).min),
        last: iso(extremes(sorted.map(([, s]) => s.last)).max),
      });
    }
    // Every state was made by a request, so it has a newest name.
    const lastName = state.lastName.value ?? '';
    const minutesLeft = state.minutesToExpiry.value;
    if (minutesLeft !== null && endMs !== null) {
      const expiresAt = state.minutesToExpiry.at + minutesLeft * 60_000;
      if (expiresAt - endMs <= expiresSoonMinutes * 60_000) {
        expiring.push({ clientName: lastName, cmid, licenseState: state.licenseState.value, expiresAt: iso(expiresAt) });
      }
    }
    if (state.maxSkewMs > maxClockSkewMs) skewed.push({ clientName: lastName, cmid, skewMinutes: Math.round(state.maxSkewMs / 60_000) });
  }
  duplicates.sort((a, b) => b.names.length - a.names.length || byCodeUnits(a.cmid, b.cmid));
  expiring.sort((a, b) => byCodeUnits(a.expiresAt, b.expiresAt));

  const cap = countCap(anyClientOs);
  const effectiveCount = Math.min(distinct, cap);
  const families: FamilyCount[] = [];
  if (familyClients['client-os'] > 0) families.push({ family: 'client-os', needs: clientOsThreshold, clients: familyClients['client-os'], has: effectiveCount, met: effectiveCount >= clientOsThreshold });
  if (familyClients['server-office'] > 0) families.push({ family: 'server-office', needs: serverOfficeThreshold, clients: familyClients['server-office'], has: effectiveCount, met: effectiveCount >= serverOfficeThreshold });

  const failures: FailureGroup[] = [];
  for (const [hresult, f] of digest.failures) {
    const times = f.times.filter(inWindow);
    if (times.length === 0) continue;
    const machines = [...f.names].filter(([, last]) => inWindow(last)).map(([name]) => name).sort();
    const { min, max } = extremes(times);
    failures.push({ hresult, requests: times.length, machines, first: iso(min), last: iso(max), sample: f.sample });
  }
  failures.sort((a, b) => b.requests - a.requests || byCodeUnits(a.hresult, b.hresult));

  const startDay = endMs === null ? '' : iso(startMs).slice(0, 10);
  const endDay = endMs === null ? '9999' : iso(endMs).slice(0, 10);
  const perDay = [...digest.days]
    .map(([day, s]) => ({ day: iso(day * 86_400_000).slice(0, 10), total: s.total, failed: s.failed }))
    .filter(({ day }) => day >= startDay && day <= endDay)
    .sort((a, b) => byCodeUnits(a.day, b.day));
  const requestsInWindow = perDay.reduce((sum, d) => sum + d.total, 0);

  return {
    windowStart: endMs === null ? null : iso(startMs),
    windowEnd: endMs === null ? null : iso(endMs),
    windowEndSource: source,
    requestsTotal: digest.requests12290,
    requestsInWindow,
    distinctCmids: distinct,
    effectiveCount,
    families,
    duplicateCmids: duplicates,
    failures,
    vm: { vmClients, clients: distinct, share: distinct === 0 ? null : vmClients / distinct },
    requestsPerDay: perDay,
    expiringSoon: expiring,
    clockSkew: skewed,
    publish: digest.publish.filter((p) => { const t = Date.parse(p.time); return Number.isNaN(t) || inWindow(t); }),
    hostComputer: digest.hostComputer,
  };
}

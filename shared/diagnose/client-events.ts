import type { KmsEvent } from '../parse/types.js';
import { maxClockSkewMs } from '../kms/thresholds.js';
import { canonicalHresult, isSuccessHresult } from '../kms/error-codes.js';
import { isoTimeMs } from '../parse/events/event-time.js';

/**
 * Client event analysis (issue #5 §4, client side): 12288 requests paired with the 12289 response that
 * follows them in time order, requests left without a response, the host count reported in 12289, the
 * latest error, and client time vs event time.
 */

export interface RequestPair {
  readonly request: KmsEvent;
  /** The 12289 logged after this request and before the next one, or null: no answer. */
  readonly response: KmsEvent | null;
}

export interface ClientAnalysis {
  readonly requests: number;
  readonly responses: number;
  readonly pairs: readonly RequestPair[];
  /** Requests with no response before the next request (or the end of the log). */
  readonly unanswered: readonly KmsEvent[];
  /** True when the most recent request got no response. */
  readonly latestUnanswered: boolean;
  readonly latestRequest: KmsEvent | null;
  readonly latestResponse: KmsEvent | null;
  /** The host's count as reported in the latest 12289, and the minimum the client asked for. */
  readonly hostCount: number | null;
  readonly minimumCount: number | null;
  readonly activated: boolean | null;
  /** The newest non-success HRESULT in 12288/12289/8198, with the event that carries it. */
  readonly latestError: { readonly hresult: string; readonly event: KmsEvent } | null;
  /** Requests whose logged client time differs from the event time by more than 4 hours. */
  readonly clockSkew: ReadonlyArray<{ readonly event: KmsEvent; readonly skewMinutes: number }>;
  readonly hostsContacted: readonly string[];
  readonly adActivations: number;
  readonly newest: string | null;
  /** The 8198 ("License Activation failed") when it is the newest activation outcome (no 12289 activated or 12308 after it). */
  readonly failedAfterwards: KmsEvent | null;
}

const time = (e: KmsEvent): number => (e.timeCreated === null ? Number.NaN : isoTimeMs(e.timeCreated));

/** The hresult an 8198 carries: a parsed field, or the first 0x… in its data/message. */
function hresultOf(e: KmsEvent): string | undefined {
  if (e.hresult) return e.hresult;
  const text = [...(e.data ?? []), e.message ?? ''].join(' ');
  return /0x[0-9a-f]{8}/i.exec(text)?.[0];
}

/** Pairs and summarises the client's Application-log KMS events (any order in, time order used). */
export function analyzeClientEvents(events: readonly KmsEvent[]): ClientAnalysis {
  const sorted = events
    .filter((e) => [12288, 12289, 8198, 12308].includes(e.eventId))
    .map((e, index) => ({ e, index, t: time(e) }))
    .sort((a, b) => (a.t - b.t) || (a.e.recordId ?? a.index) - (b.e.recordId ?? b.index))
    .map((x) => x.e);
  const pairs: Array<{ request: KmsEvent; response: KmsEvent | null }> = [];
  let latestResponse: KmsEvent | null = null;
  let latestError: ClientAnalysis['latestError'] = null;
  const clockSkew: Array<ClientAnalysis['clockSkew'][number]> = [];
  const hosts = new Set<string>();
  let adActivations = 0;
  let failedAfterwards: KmsEvent | null = null;
  for (const e of sorted) {
    if (e.eventId === 8198) failedAfterwards = e;
    else if (e.eventId === 12308 || (e.eventId === 12289 && e.activated === true)) failedAfterwards = null;
    if (e.eventId === 12288) {
      pairs.push({ request: e, response: null });
      if (e.kmsHost) hosts.add(e.kmsPort ? `${e.kmsHost}:${e.kmsPort}` : e.kmsHost);
      if (e.clientTime) {
        const skew = Math.abs(isoTimeMs(e.clientTime) - time(e));
        // The client time is logged to the minute: allow that rounding on top of the 4 hours.
        if (!Number.isNaN(skew) && skew > maxClockSkewMs + 60_000) clockSkew.push({ event: e, skewMinutes: Math.round(skew / 60_000) });
      }
    } else if (e.eventId === 12289) {
      const open = pairs[pairs.length - 1];
      if (open && open.response === null) open.response = e;
      latestResponse = e;
    } else if (e.eventId === 12308) {
      adActivations++;
    }
    const code = e.eventId === 12308 ? undefined : hresultOf(e);
    if (code !== undefined && !isSuccessHresult(code)) latestError = { hresult: canonicalHresult(code), event: e };
    else if (e.eventId === 12289 && e.activated) latestError = null;
  }
  const unanswered = pairs.filter((p) => p.response === null).map((p) => p.request);
  const last = pairs[pairs.length - 1] ?? null;
  const answered = [...pairs].reverse().find((p) => p.response !== null);
  return {
    requests: pairs.length,
    responses: sorted.filter((e) => e.eventId === 12289).length,
    pairs,
    unanswered,
    latestUnanswered: last !== null && last.response === null,
    latestRequest: last?.request ?? null,
    latestResponse,
    hostCount: latestResponse?.currentCount ?? null,
    minimumCount: answered?.request.minimumCount ?? last?.request.minimumCount ?? null,
    activated: latestResponse?.activated ?? null,
    latestError,
    clockSkew,
    hostsContacted: [...hosts],
    adActivations,
    newest: sorted.length === 0 ? null : sorted[sorted.length - 1]!.timeCreated,
    failedAfterwards,
  };
}

/**
 * One machine of a case (DESIGN.md §5 "Case"), as little as the pair checks need: who it is (computer
 * name, CMID, role), the requests it sent per KMS host, and, for a host, its event digest and count.
 * Built from the evidence and the machine's own diagnosis, then the evidence can be dropped: a fleet of
 * a thousand bundles keeps only these.
 */
import type { EvidenceSet } from '../diagnose/evidence.js';
import type { HostEventDigest } from '../diagnose/host-events.js';
import { isoTimeMs } from '../parse/events/event-time.js';
import type { DetectedRole, DiagnosisResult, Finding } from '../diagnose/types.js';

/** A client's 12288 requests to one KMS host (as the client logged its name and port). */
export interface RequestsToHost {
  /** The host as the client named it, lower-case ("kms01.contoso.com", or an IP). */
  readonly host: string;
  readonly port: number | null;
  /** Request times on the client's clock, ms since the epoch, ascending. */
  readonly times: readonly number[];
  /** The highest minimum count these requests asked for (25 client OS, 5 server / Office), or null. */
  readonly minimumCount: number | null;
}

/** The KMS host side of a machine: its names, its log's digest and the count it reports. */
export interface CaseHostSide {
  /** Every name the host is known by, lower-case: computer name, FQDN, the <Computer> of its log. */
  readonly names: readonly string[];
  readonly digest: HostEventDigest;
  /** The host's current count (slmgr's "Current count", else the count its log implies), or null. */
  readonly count: number | null;
  /** The file of the machine's evidence the count comes from, for the evidence line (null: not known). */
  readonly countSource: string | null;
  /** The file of the machine's evidence its host events (12290) were read from, or null. */
  readonly eventsSource: string | null;
}

export interface CaseMachine {
  /** Where the machine's evidence was read (the path given, or the bundle inside a folder). */
  readonly source: string;
  readonly name: string;
  readonly role: DetectedRole;
  /** The client's CMID(s), lower-case: slmgr's "Client Machine ID (CMID)", else its 12288 requests'. */
  readonly cmids: readonly string[];
  readonly requests: readonly RequestsToHost[];
  /** The file of the machine's evidence its client events (12288) were read from, or null. */
  readonly requestsSource: string | null;
  readonly host: CaseHostSide | null;
  readonly verdict: DiagnosisResult['summary']['verdict'];
  readonly findings: readonly Finding[];
}

const lower = (s: string): string => s.trim().toLowerCase();

/** The machine's name: the manifest's, else the system info's, else its events' <Computer>, else the path. */
function machineName(evidence: EvidenceSet, source: string): string {
  const fromEvents = evidence.clientEvents?.find((e) => e.computer)?.computer ?? evidence.hostEvents?.hostComputer ?? null;
  const name = evidence.manifest?.machine.name ?? evidence.system?.computerName ?? fromEvents;
  if (name) return name;
  const parts = source.split(/[\\/]/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? source;
}

function clientCmids(evidence: EvidenceSet): string[] {
  const found = new Set<string>();
  for (const p of evidence.slmgr?.products ?? []) if (p.kmsClient?.cmid) found.add(lower(p.kmsClient.cmid));
  if (found.size === 0) for (const e of evidence.clientEvents ?? []) if (e.eventId === 12288 && e.cmid) found.add(lower(e.cmid));
  return [...found];
}

function requestsByHost(evidence: EvidenceSet): RequestsToHost[] {
  const byHost = new Map<string, { host: string; port: number | null; times: number[]; minimumCount: number | null }>();
  for (const e of evidence.clientEvents ?? []) {
    if (e.eventId !== 12288 || !e.kmsHost || e.timeCreated === null) continue;
    const time = isoTimeMs(e.timeCreated);
    if (Number.isNaN(time)) continue;
    const host = lower(e.kmsHost);
    const port = e.kmsPort ?? null;
    const key = `${host}:${port ?? ''}`;
    let entry = byHost.get(key);
    if (!entry) byHost.set(key, (entry = { host, port, times: [], minimumCount: null }));
    entry.times.push(time);
    if (e.minimumCount !== undefined && (entry.minimumCount === null || e.minimumCount > entry.minimumCount)) entry.minimumCount = e.minimumCount;
  }
  return [...byHost.values()].map((r) => ({ ...r, times: r.times.sort((a, b) => a - b) }));
}

function hostSide(evidence: EvidenceSet, result: DiagnosisResult, name: string): CaseHostSide | null {
  const hostProducts = (evidence.slmgr?.products ?? []).filter((p) => p.kmsHost !== null);
  if (evidence.hostEvents === null && hostProducts.length === 0) return null;
  const names = new Set<string>([lower(name)]);
  const system = evidence.system;
  if (system?.computerName) {
    names.add(lower(system.computerName));
    if (system.domain) names.add(lower(`${system.computerName}.${system.domain}`));
  }
  if (evidence.hostEvents?.hostComputer) names.add(lower(evidence.hostEvents.hostComputer));
  const slmgrCounts = hostProducts.map((p) => p.kmsHost?.currentCount).filter((c): c is number => typeof c === 'number');
  const count = slmgrCounts.length > 0 ? Math.max(...slmgrCounts) : (result.hostAnalysis?.effectiveCount ?? null);
  const countSource = slmgrCounts.length > 0 ? evidence.slmgrSource : evidence.hostEventsSource;
  return { names: [...names], digest: evidence.hostEvents ?? emptyDigest, count, countSource, eventsSource: evidence.hostEventsSource };
}

const emptyDigest: HostEventDigest = {
  requests12290: 0,
  otherEvents: 0,
  newest: null,
  oldest: null,
  hostComputer: null,
  cmids: new Map(),
  days: new Map(),
  failures: new Map(),
  publish: [],
};

/** The case's view of one machine, from its evidence and its own diagnosis. */
export function caseMachineOf(source: string, evidence: EvidenceSet, result: DiagnosisResult): CaseMachine {
  const name = machineName(evidence, source);
  return {
    source,
    name,
    role: result.role,
    cmids: clientCmids(evidence),
    requests: requestsByHost(evidence),
    requestsSource: evidence.clientEventsSource,
    host: hostSide(evidence, result, name),
    verdict: result.summary.verdict,
    findings: result.findings,
  };
}

/**
 * Where a case finding's proof is: the machine by its computer name, then the file in its evidence (a
 * case holds several "slmgr/dlv-all.txt"), as a path from what was given ("bundles/pc2.zip/slmgr/…").
 */
export function citeMachine(machine: Pick<CaseMachine, 'name' | 'source'>, file: string | null): string {
  const source = machine.source.replace(/[\\/]+$/, '');
  // A single file given is its own evidence file: say it once.
  const single = file === null || source === file || source.endsWith(`/${file}`) || source.endsWith(`\\${file}`);
  return `${machine.name}: ${single ? source : `${source}/${file}`}`;
}

/**
 * True when a client's name for its KMS host ("kms01.contoso.com", "KMS01") is one of the host's names:
 * equal, or the same first label when one side is a short name.
 */
export function namesHost(requested: string, hostNames: readonly string[]): boolean {
  const wanted = lower(requested).replace(/\.$/, '');
  const wantedShort = wanted.split('.')[0]!;
  return hostNames.some((n) => {
    const name = n.replace(/\.$/, '');
    if (name === wanted) return true;
    const short = name.split('.')[0]!;
    const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(wanted) || wanted.includes(':');
    return !isIp && (!wanted.includes('.') || !name.includes('.')) && short === wantedShort;
  });
}

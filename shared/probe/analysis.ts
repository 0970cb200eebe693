/**
 * Pure flags over a probe document, for the diagnosis rules (client.dns-servers-disagree,
 * client.dns-multiple-hosts, client.dns-srv-target-unresolved, client.port-unreachable, …).
 */
import type { HostProbeResult, ProbeDocument, SrvLookupResult, SrvStatus } from './types.js';
import { NO_SERVICE_TARGET } from './discovery-plan.js';
import { formatHostPort } from './target.js';

/** Statuses that are an answer about the name (as opposed to a server or transport failure). */
const ANSWERS: ReadonlySet<SrvStatus> = new Set(['ok', 'nxdomain', 'nodata']);

export interface ServerAnswer {
  readonly server: string;
  readonly status: SrvStatus;
  /** "target:port (priority p, weight w)" per record, sorted. */
  readonly records: readonly string[];
}

export interface ServerDisagreement {
  readonly name: string;
  readonly answers: readonly ServerAnswer[];
}

export interface UnresolvedTarget {
  readonly name: string;
  readonly server: string;
  readonly target: string;
  readonly port: number;
}

export interface ProbeFlags {
  /** SRV names were asked, and no server returned any `_vlmcs._tcp` record for any of them. */
  readonly noSrvRecords: boolean;
  readonly serversDisagree: readonly ServerDisagreement[];
  /** Distinct SRV targets as host:port, when there is more than one (the count is split). */
  readonly multipleHosts: readonly string[];
  readonly unresolvedTargets: readonly UnresolvedTarget[];
  /** Names whose SRV record has the target "." (RFC 2782: the service is decidedly not available). */
  readonly serviceNotAvailable: readonly { readonly name: string; readonly server: string }[];
  /** SRV lookups that failed (any status but ok). */
  readonly srvFailures: readonly SrvLookupResult[];
  /** Hosts whose TCP connect did not succeed (refused, filtered, unreachable, unresolved). */
  readonly unreachableHosts: readonly HostProbeResult[];
  /** Hosts with an open port where no KMS RPC endpoint answered the bind. */
  readonly notKmsEndpoints: readonly HostProbeResult[];
  readonly kmsEndpoints: readonly HostProbeResult[];
}

/** A DNS name as compared: case-insensitive, the absolute form's trailing dot dropped ("." itself kept). */
export function normalizeTarget(target: string): string {
  return target === NO_SERVICE_TARGET ? target : target.toLowerCase().replace(/\.$/, '');
}

function describeRecords(lookup: SrvLookupResult): string[] {
  return lookup.records.map((record) => `${normalizeTarget(record.target)}:${record.port} (priority ${record.priority}, weight ${record.weight})`).sort();
}

/**
 * Names for which DNS servers gave different answers: different records, or records from one and
 * "no such name"/"no records" from another. Failed queries (timeout, servfail, …) are not answers.
 */
export function serversDisagree(doc: ProbeDocument): ServerDisagreement[] {
  const byName = new Map<string, SrvLookupResult[]>();
  for (const lookup of doc.srv) byName.set(lookup.name, [...(byName.get(lookup.name) ?? []), lookup]);
  const disagreements: ServerDisagreement[] = [];
  for (const [name, lookups] of byName) {
    const answers = lookups.filter((lookup) => ANSWERS.has(lookup.status)).map((lookup) => ({ server: lookup.server, status: lookup.status, records: describeRecords(lookup) }));
    const signatures = new Set(answers.map((answer) => `${answer.status === 'ok' ? 'ok' : 'none'}|${answer.records.join(',')}`));
    if (signatures.size > 1) disagreements.push({ name, answers });
  }
  return disagreements;
}

/** Distinct SRV targets (host:port) over every name and server; listed only when there are several. */
export function multipleHosts(doc: ProbeDocument): string[] {
  const targets = new Set<string>();
  for (const lookup of doc.srv) {
    for (const record of lookup.records) if (record.target !== NO_SERVICE_TARGET) targets.add(formatHostPort(normalizeTarget(record.target), record.port));
  }
  return targets.size > 1 ? [...targets] : [];
}

/** SRV targets that have no A/AAAA record on the server that returned the SRV record. */
export function unresolvedTargets(doc: ProbeDocument): UnresolvedTarget[] {
  return doc.srv.flatMap((lookup) =>
    lookup.records.filter((record) => record.addresses.length === 0 && record.target !== NO_SERVICE_TARGET).map((record) => ({ name: lookup.name, server: lookup.server, target: record.target, port: record.port })),
  );
}

/** All flags at once. */
export function analyzeProbeDocument(doc: ProbeDocument): ProbeFlags {
  return {
    noSrvRecords: doc.srv.length > 0 && !doc.srv.some((lookup) => lookup.records.length > 0),
    serversDisagree: serversDisagree(doc),
    multipleHosts: multipleHosts(doc),
    unresolvedTargets: unresolvedTargets(doc),
    serviceNotAvailable: doc.srv.filter((lookup) => lookup.records.some((record) => record.target === NO_SERVICE_TARGET)).map(({ name, server }) => ({ name, server })),
    srvFailures: doc.srv.filter((lookup) => lookup.status !== 'ok'),
    unreachableHosts: doc.hosts.filter((host) => host.tcp.status !== 'connected'),
    notKmsEndpoints: doc.hosts.filter((host) => host.tcp.status === 'connected' && host.rpc.status !== 'kms'),
    kmsEndpoints: doc.hosts.filter((host) => host.rpc.status === 'kms'),
  };
}

/**
 * Runs a discovery plan: every SRV name against every DNS server, every candidate host through TCP and
 * the KMS RPC bind, all at once, each step bounded by the per-probe timeout.
 */
import { isIP } from 'node:net';
import { NO_SERVICE_TARGET, type DiscoveryPlan, type PlannedHost } from '../../shared/probe/discovery-plan.js';
import type { HostProbeResult, HostSource, ProbeDocument, SrvLookupResult } from '../../shared/probe/types.js';
import { elapsedMs } from './deadline.js';
import { createResolver, lookupAddresses, lookupSrv, type ResolverFactory } from './dns-srv.js';
import { probeEndpoint, SKIPPED_RPC } from './endpoint-probe.js';

export const DEFAULT_TIMEOUT_MS = 3000;

export type ProbeProgress = { readonly kind: 'srv'; readonly result: SrvLookupResult } | { readonly kind: 'host'; readonly result: HostProbeResult };

export interface RunProbesOptions {
  /** Per probe (one DNS query round, one connect, one bind reply), not for the whole run. */
  readonly timeoutMs: number;
  /** Tests and callers with their own resolvers; by default a c-ares resolver per server. */
  readonly resolverFactory?: ResolverFactory;
  readonly signal?: AbortSignal;
  /** Called as each lookup and host probe finishes (the app's live progress). */
  readonly onProgress?: (event: ProbeProgress) => void;
}

interface Candidate {
  readonly host: string;
  readonly port: number;
  readonly source: HostSource;
  addresses: string[];
  foundBy: { name: string; server: string }[];
  probe?: Promise<HostProbeResult>;
}

/**
 * Probes everything the plan names and returns the probe document (DESIGN.md §5).
 *
 * Direct hosts start at once; an SRV target starts as soon as a server returns it with an address, so a
 * run with several dead hosts or servers costs about one timeout per hop, not the sum. Host names given
 * directly are resolved by the plan's servers (the system resolver only if the plan includes it).
 * Rejects only when `signal` aborts.
 */
export async function runProbes(plan: DiscoveryPlan, options: RunProbesOptions): Promise<ProbeDocument> {
  const { timeoutMs, signal } = options;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new RangeError(`timeoutMs must be a positive integer, got ${timeoutMs}`);
  const factory = options.resolverFactory ?? createResolver;
  const start = performance.now();
  const report = (event: ProbeProgress) => options.onProgress?.(event);

  const probeCandidate = async (candidate: Candidate, address: string | null): Promise<HostProbeResult> => {
    const base = { host: candidate.host, port: candidate.port, source: candidate.source };
    const result: HostProbeResult =
      address === null
        ? { ...base, tcp: { status: 'unresolved', ms: 0 }, rpc: SKIPPED_RPC, address: null }
        : { ...base, ...(await probeEndpoint(address, candidate.port, timeoutMs, signal)), address };
    report({ kind: 'host', result });
    return result;
  };

  const direct: Candidate[] = plan.hosts.map((host) => ({ ...host, addresses: [], foundBy: [] }));
  for (const candidate of direct) candidate.probe = resolveDirect(candidate, plan.servers, factory, timeoutMs, signal).then((addresses) => {
    candidate.addresses = addresses;
    return probeCandidate(candidate, addresses[0] ?? null);
  });

  const srvCandidates = new Map<string, Candidate>();
  const lookups = plan.srvNames.flatMap(({ name }) =>
    plan.servers.map(async (server) => {
      const result = await lookupSrv(name, server, { timeoutMs, resolverFactory: factory, signal });
      report({ kind: 'srv', result });
      for (const record of result.records) {
        if (record.target === NO_SERVICE_TARGET) continue;
        const key = `${record.target}|${record.port}`;
        let candidate = srvCandidates.get(key);
        if (candidate === undefined) {
          candidate = { host: record.target, port: record.port, source: 'srv', addresses: [], foundBy: [] };
          srvCandidates.set(key, candidate);
        }
        candidate.foundBy.push({ name, server });
        for (const address of record.addresses) if (!candidate.addresses.includes(address)) candidate.addresses.push(address);
        // The first server to give the target an address decides which address is probed.
        if (candidate.probe === undefined && record.addresses[0] !== undefined) candidate.probe = probeCandidate(candidate, record.addresses[0]);
      }
      return result;
    }),
  );
  const srv = await Promise.all(lookups);
  for (const candidate of srvCandidates.values()) candidate.probe ??= probeCandidate(candidate, null);

  // SRV hosts in the order of the plan (name, then server, then record rank), not of arrival.
  const srvOrder = srv.flatMap((lookup) => lookup.records.map((record) => srvCandidates.get(`${record.target}|${record.port}`)));
  const ordered = [...direct, ...new Set(srvOrder)];
  const hosts: HostProbeResult[] = [];
  for (const candidate of ordered) {
    if (candidate?.probe === undefined) continue;
    const result = await candidate.probe;
    hosts.push({ ...result, addresses: [...candidate.addresses], ...(candidate.source === 'srv' ? { foundBy: candidate.foundBy } : {}) });
  }
  if (signal?.aborted) throw signal.reason ?? new Error('aborted');
  return { srv, hosts, timeoutMs, totalMs: elapsedMs(start), clientUsesDns: plan.clientUsesDns };
}

/**
 * Addresses of a directly given host: an IP literal as is; a name asked of every planned server at
 * once, taking the answer of the first server in plan order that has one.
 */
async function resolveDirect(host: PlannedHost, servers: readonly string[], factory: ResolverFactory, timeoutMs: number, signal?: AbortSignal): Promise<string[]> {
  if (isIP(host.host) !== 0) return [host.host];
  const answers = await Promise.all(servers.map((server) => lookupAddresses(factory(server, timeoutMs), host.host, timeoutMs, signal)));
  return [...(answers.find((answer) => answer.addresses.length > 0)?.addresses ?? [])];
}

/**
 * SRV lookups against one DNS server at a time, with the A/AAAA lookup of every target asked of the
 * same server (a client that got the SRV record from it would ask it too).
 */
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { hresultForSrvStatus, srvStatusFromDnsError } from '../../shared/probe/hresult.js';
import { NO_SERVICE_TARGET, SYSTEM_RESOLVER } from '../../shared/probe/discovery-plan.js';
import type { SrvLookupResult, SrvRecordResult } from '../../shared/probe/types.js';
import { elapsedMs, withDeadline } from './deadline.js';
import { errorCode } from './error-code.js';

/** What the probes need of a resolver; `dns.promises.Resolver` is one. */
export interface ProbeResolver {
  resolveSrv(name: string): Promise<ReadonlyArray<{ name: string; port: number; priority: number; weight: number }>>;
  resolve4(name: string): Promise<string[]>;
  resolve6(name: string): Promise<string[]>;
  /** Cancels every outstanding query (they reject with ECANCELLED). */
  cancel(): void;
}

/** Makes a resolver for "system" or "IP:PORT"; one per query chain, so cancelling one cancels no other. */
export type ResolverFactory = (server: string, timeoutMs: number) => ProbeResolver;

/**
 * A c-ares resolver that asks only `server`; for "system", the operating system's configured servers.
 *
 * One try: the probe's own deadline bounds the wait, and a client's retry policy is not ours to copy.
 */
export const createResolver: ResolverFactory = (server, timeoutMs) => {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  if (server !== SYSTEM_RESOLVER) resolver.setServers([server]);
  return resolver;
};

/** Sorts SRV records as a client ranks them (RFC 2782): priority ascending, then weight descending. */
export function sortSrvRecords<T extends { priority: number; weight: number }>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => a.priority - b.priority || b.weight - a.weight);
}

export interface AddressLookup {
  readonly addresses: readonly string[];
  /** The error codes of failed queries (A and AAAA), for evidence. */
  readonly errors: readonly string[];
  readonly timedOut: boolean;
}

/** A and AAAA of `name` on one resolver, within one deadline; IPv4 first. */
export async function lookupAddresses(resolver: ProbeResolver, name: string, timeoutMs: number, signal?: AbortSignal): Promise<AddressLookup> {
  if (isIP(name) !== 0) return { addresses: [name], errors: [], timedOut: false };
  const settle = (query: Promise<string[]>) => query.then((addresses) => ({ addresses, code: undefined }), (error: unknown) => ({ addresses: [] as string[], code: errorCode(error) ?? 'error' }));
  const work = Promise.all([settle(resolver.resolve4(name)), settle(resolver.resolve6(name))]);
  const outcome = await withDeadline(work, timeoutMs, () => resolver.cancel(), signal);
  if (outcome.expired) return { addresses: [], errors: ['ETIMEOUT'], timedOut: true };
  const [v4, v6] = outcome.value;
  return {
    addresses: [...v4.addresses, ...v6.addresses],
    errors: [v4.code, v6.code].filter((code): code is string => code !== undefined),
    timedOut: false,
  };
}

/**
 * Asks one server for the SRV records of `name`, then for the addresses of each target.
 *
 * Every failure becomes a status (nxdomain, nodata, servfail, refused, timeout, error) with the
 * HRESULT a Windows client logs; nothing throws.
 */
export async function lookupSrv(name: string, server: string, options: { timeoutMs: number; resolverFactory?: ResolverFactory; signal?: AbortSignal }): Promise<SrvLookupResult> {
  const resolver = (options.resolverFactory ?? createResolver)(server, options.timeoutMs);
  const start = performance.now();
  const srv = await withDeadline(
    resolver.resolveSrv(name).then(
      (records) => ({ records, code: undefined }),
      (error: unknown) => ({ records: [], code: errorCode(error) ?? 'error' }),
    ),
    options.timeoutMs,
    () => resolver.cancel(),
    options.signal,
  );
  const ms = elapsedMs(start);
  if (srv.expired || srv.value.code !== undefined) {
    const code = srv.expired ? 'ETIMEOUT' : srv.value.code;
    const status = srvStatusFromDnsError(code);
    return { name, server, status, hresult: hresultForSrvStatus(status, code), records: [], ms, error: code };
  }
  if (srv.value.records.length === 0) return { name, server, status: 'nodata', hresult: hresultForSrvStatus('nodata'), records: [], ms };
  // c-ares gives the root target (RFC 2782 "service decidedly not available") as ''.
  const sorted = sortSrvRecords(srv.value.records).map((record) => ({ ...record, name: record.name === '' ? NO_SERVICE_TARGET : record.name.toLowerCase() }));
  const targets = [...new Set(sorted.map((record) => record.name))].filter((target) => target !== NO_SERVICE_TARGET);
  const lookups = await Promise.all(targets.map((target) => lookupAddresses(resolver, target, options.timeoutMs, options.signal)));
  const addressesOf = new Map(targets.map((target, index) => [target, lookups[index]?.addresses ?? []]));
  const records: SrvRecordResult[] = sorted.map((record) => ({
    target: record.name,
    port: record.port,
    priority: record.priority,
    weight: record.weight,
    addresses: addressesOf.get(record.name) ?? [],
  }));
  return { name, server, status: 'ok', hresult: null, records, ms };
}

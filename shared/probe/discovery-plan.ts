/**
 * The discovery plan: which `_vlmcs._tcp` names a KMS client would ask for, which DNS servers to ask,
 * and which hosts to test directly (KNOWLEDGE: KMS-FACTS.md §4–6, the seeds' DNS procedure).
 */
import type { HostSource } from './types.js';
import { checkDnsServer, checkDomain, checkHostPort, KMS_DEFAULT_PORT, type ToAscii } from './target.js';

/** DNS client configuration evidence of the machine (ipconfig /all, registry), or null where unknown. */
export type DnsClientConfig = {
  primaryDnsSuffix: string | null;
  /** The AD domain (domain-joined) or the DHCP option 15 domain (workgroup). */
  domain: string | null;
  suffixSearchList: readonly string[];
  connectionSpecificSuffixes: readonly string[];
  /** "IP" or "IP:PORT" (port 53 by default). */
  dnsServers: readonly string[];
  /** KeyManagementServiceName / Port / LookupDomain (`slmgr /skms`, `/skms-domain`). */
  kmsOverride: { name: string | null; port: number | null; lookupDomain: string | null } | null;
};

/** Why a domain is in the plan. */
export type DomainSource = 'lookup-domain' | 'primary-suffix' | 'domain' | 'search-list' | 'connection-suffix' | 'cli';

export interface PlannedSrvName {
  /** `_vlmcs._tcp.<domain>`. */
  readonly name: string;
  readonly domain: string;
  /** Every reason the domain is in the plan, first one first. */
  readonly sources: readonly DomainSource[];
}

export interface PlannedHost {
  readonly host: string;
  readonly port: number;
  readonly source: HostSource;
}

/** An input value the plan left out, and why. */
export interface RejectedInput {
  readonly what: string;
  readonly value: string;
  readonly reason: string;
}

export interface DiscoveryPlan {
  /** SRV names in the order a client tries its suffixes, without duplicates. */
  readonly srvNames: readonly PlannedSrvName[];
  /** "system" (the operating system's resolver) or "IP:PORT", each asked separately. */
  readonly servers: readonly string[];
  readonly hosts: readonly PlannedHost[];
  /** False when a registry/`/skms` host name makes the client skip DNS discovery altogether. */
  readonly clientUsesDns: boolean;
  /** True when `/skms-domain` restricts the client to one domain (the search list is ignored). */
  readonly lookupDomainOnly: boolean;
  readonly rejected: readonly RejectedInput[];
}

export interface DiscoveryInput {
  /** Evidence from the machine, if any. */
  readonly config?: DnsClientConfig | null;
  /** `--domain` values. */
  readonly domains?: readonly string[];
  /** `--host` values as given ("h", "h:p", "[v6]:p"). */
  readonly hosts?: readonly string[];
  /** `--dns-server` values; when given, only these servers are asked (not the configuration's). */
  readonly dnsServers?: readonly string[];
  /** `--system-resolver`: ask the operating system's resolver as well. */
  readonly systemResolver?: boolean;
  /** IDN → punycode (Node: `url.domainToASCII`); without it, non-ASCII names are refused. */
  readonly toAscii?: ToAscii;
}

export const SRV_PREFIX = '_vlmcs._tcp.';
export const SYSTEM_RESOLVER = 'system';
/** The SRV target "." (RFC 2782): the service is decidedly not available in this domain. */
export const NO_SERVICE_TARGET = '.';

/**
 * Builds the ordered SRV names, the DNS servers to ask and the direct hosts from configuration
 * evidence and/or command-line values.
 *
 * Order follows the client: `/skms-domain` alone when set; else the primary DNS suffix, the AD/DHCP
 * domain, the suffix search list, then the connection-specific suffixes; command-line domains after
 * those. Invalid values are left out and listed in `rejected`, never sent anywhere.
 */
export function buildDiscoveryPlan(input: DiscoveryInput): DiscoveryPlan {
  const toAscii = input.toAscii ?? (() => '');
  const config = input.config ?? null;
  const rejected: RejectedInput[] = [];
  const names = new Map<string, { domain: string; sources: DomainSource[] }>();

  const addDomain = (value: string | null | undefined, source: DomainSource): void => {
    if (value == null || value.trim() === '') return;
    const checked = checkDomain(value.trim(), toAscii);
    if (!checked.ok) {
      rejected.push({ what: `domain (${source})`, value, reason: checked.reason });
      return;
    }
    const entry = names.get(checked.value);
    if (entry === undefined) names.set(checked.value, { domain: checked.value, sources: [source] });
    else if (!entry.sources.includes(source)) entry.sources.push(source);
  };

  const override = config?.kmsOverride ?? null;
  const lookupDomainOnly = override?.lookupDomain != null && override.lookupDomain.trim() !== '';
  if (lookupDomainOnly) {
    addDomain(override?.lookupDomain, 'lookup-domain');
  } else if (config !== null) {
    addDomain(config.primaryDnsSuffix, 'primary-suffix');
    addDomain(config.domain, 'domain');
    for (const suffix of config.suffixSearchList) addDomain(suffix, 'search-list');
    for (const suffix of config.connectionSpecificSuffixes) addDomain(suffix, 'connection-suffix');
  }
  for (const domain of input.domains ?? []) addDomain(domain, 'cli');

  const hosts: PlannedHost[] = [];
  const addHost = (text: string, defaultPort: number, source: HostSource): void => {
    const checked = checkHostPort(text.trim(), defaultPort, toAscii);
    if (!checked.ok) {
      rejected.push({ what: `host (${source})`, value: text, reason: checked.reason });
      return;
    }
    const { host, port } = checked.value;
    if (!hosts.some((known) => known.host === host && known.port === port && known.source === source)) hosts.push({ host, port, source });
  };
  const overrideName = override?.name != null && override.name.trim() !== '' ? override.name.trim() : null;
  if (overrideName !== null) addHost(overrideName, validPort(override?.port) ?? KMS_DEFAULT_PORT, 'registry');
  for (const host of input.hosts ?? []) addHost(host, KMS_DEFAULT_PORT, 'cli');

  const servers: string[] = [];
  const addServer = (text: string, what: string): void => {
    const checked = checkDnsServer(text.trim());
    if (!checked.ok) rejected.push({ what, value: text, reason: checked.reason });
    else if (!servers.includes(checked.value)) servers.push(checked.value);
  };
  const cliServers = input.dnsServers ?? [];
  if (cliServers.length > 0) for (const server of cliServers) addServer(server, 'DNS server (cli)');
  else for (const server of config?.dnsServers ?? []) addServer(server, 'DNS server (configuration)');
  // The system resolver is asked only when no server is known, or on request: it is the one resolver
  // whose answers cannot be attributed to a server.
  if (servers.length === 0 || input.systemResolver === true) servers.push(SYSTEM_RESOLVER);

  return {
    srvNames: [...names.values()].map(({ domain, sources }) => ({ name: `${SRV_PREFIX}${domain}`, domain, sources })),
    servers,
    hosts,
    clientUsesDns: overrideName === null,
    lookupDomainOnly,
    rejected,
  };
}

function validPort(port: number | null | undefined): number | null {
  return port != null && Number.isInteger(port) && port >= 1 && port <= 65535 ? port : null;
}

import { domainToASCII } from 'node:url';
import { buildDiscoveryPlan, type DnsClientConfig } from '../../shared/probe/discovery-plan.js';
import { parseDnsClientJson, parseKmsClientRegistryJson } from '../../shared/parse/system-evidence.js';
import { runProbes, DEFAULT_TIMEOUT_MS } from '../probe/run-probes.js';
import type { ProbeRunner } from './run-collection.js';

/** The probe plan's view of this machine's DNS client evidence (null when it could not be collected). */
export function dnsConfigFromEvidence(dnsClientJson: string | null, registryJson: string | null): DnsClientConfig | null {
  let dns: ReturnType<typeof parseDnsClientJson> | null;
  let registry: ReturnType<typeof parseKmsClientRegistryJson> | null;
  try {
    dns = dnsClientJson !== null ? parseDnsClientJson(dnsClientJson) : null;
  } catch {
    dns = null;
  }
  try {
    registry = registryJson !== null ? parseKmsClientRegistryJson(registryJson) : null;
  } catch {
    registry = null;
  }
  if (dns === null && registry === null) return null;
  return {
    primaryDnsSuffix: dns?.primaryDnsSuffix ?? null,
    domain: dns?.domain ?? null,
    suffixSearchList: dns?.suffixSearchList ?? [],
    connectionSpecificSuffixes: (dns?.interfaces ?? []).map((item) => item.connectionSpecificSuffix).filter((suffix): suffix is string => suffix !== null),
    dnsServers: [...new Set((dns?.serverAddresses ?? []).flatMap((item) => item.servers))],
    kmsOverride: registry === null ? null : { name: registry.kmsName, port: registry.kmsPort, lookupDomain: registry.lookupDomain },
  };
}

/**
 * Probes the way this machine's KMS client would look for a host: its domains and DNS servers (each
 * asked separately, and the system resolver), its registry override, TCP and the KMS RPC bind.
 */
export function machineProbeRunner(timeoutMs = DEFAULT_TIMEOUT_MS): ProbeRunner {
  return async ({ dnsClientJson, kmsClientRegistryJson }) => {
    const config = dnsConfigFromEvidence(dnsClientJson, kmsClientRegistryJson);
    const plan = buildDiscoveryPlan({ config, systemResolver: true, toAscii: domainToASCII });
    return runProbes(plan, { timeoutMs });
  };
}

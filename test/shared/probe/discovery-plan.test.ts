import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDiscoveryPlan, type DnsClientConfig } from '../../../shared/probe/discovery-plan.js';

const config = (overrides: Partial<DnsClientConfig> = {}): DnsClientConfig => ({
  primaryDnsSuffix: 'corp.test',
  domain: 'ad.corp.test',
  suffixSearchList: ['corp.test', 'branch.corp.test'],
  connectionSpecificSuffixes: ['dhcp.test'],
  dnsServers: ['127.0.0.1', '127.0.0.2:5353'],
  kmsOverride: null,
  ...overrides,
});

describe('buildDiscoveryPlan', () => {
  it('orders names as a client walks its suffixes, once each, remembering every reason', () => {
    const plan = buildDiscoveryPlan({ config: config() });
    expect(plan.srvNames).toEqual([
      { name: '_vlmcs._tcp.corp.test', domain: 'corp.test', sources: ['primary-suffix', 'search-list'] },
      { name: '_vlmcs._tcp.ad.corp.test', domain: 'ad.corp.test', sources: ['domain'] },
      { name: '_vlmcs._tcp.branch.corp.test', domain: 'branch.corp.test', sources: ['search-list'] },
      { name: '_vlmcs._tcp.dhcp.test', domain: 'dhcp.test', sources: ['connection-suffix'] },
    ]);
    expect(plan.servers).toEqual(['127.0.0.1:53', '127.0.0.2:5353']);
    expect(plan.clientUsesDns).toBe(true);
    expect(plan.hosts).toEqual([]);
  });

  it('asks only the lookup domain when /skms-domain is set (the search list is ignored)', () => {
    const plan = buildDiscoveryPlan({ config: config({ kmsOverride: { name: null, port: null, lookupDomain: 'kms.corp.test' } }) });
    expect(plan.srvNames.map((entry) => entry.name)).toEqual(['_vlmcs._tcp.kms.corp.test']);
    expect(plan.lookupDomainOnly).toBe(true);
  });

  it('turns a registry /skms host into a direct host and notes that the client skips DNS', () => {
    const plan = buildDiscoveryPlan({ config: config({ kmsOverride: { name: 'KMS9.corp.test', port: 1700, lookupDomain: null } }), hosts: ['127.0.0.5'] });
    expect(plan.hosts).toEqual([
      { host: 'kms9.corp.test', port: 1700, source: 'registry' },
      { host: '127.0.0.5', port: 1688, source: 'cli' },
    ]);
    expect(plan.clientUsesDns).toBe(false);
  });

  it('asks only the command-line servers when some are given, and the system resolver only when asked or when none is known', () => {
    expect(buildDiscoveryPlan({ config: config(), dnsServers: ['127.0.0.9:40000'] }).servers).toEqual(['127.0.0.9:40000']);
    expect(buildDiscoveryPlan({ config: config(), dnsServers: ['127.0.0.9'], systemResolver: true }).servers).toEqual(['127.0.0.9:53', 'system']);
    expect(buildDiscoveryPlan({ domains: ['corp.test'] }).servers).toEqual(['system']);
    expect(buildDiscoveryPlan({ config: config({ dnsServers: [] }) }).servers).toEqual(['system']);
  });

  it('appends command-line domains after the configuration, converting IDN', () => {
    const plan = buildDiscoveryPlan({ config: config({ suffixSearchList: [], connectionSpecificSuffixes: [] }), domains: ['bücher.test', 'corp.test'], toAscii: domainToASCII });
    expect(plan.srvNames.map((entry) => [entry.name, entry.sources])).toEqual([
      ['_vlmcs._tcp.corp.test', ['primary-suffix', 'cli']],
      ['_vlmcs._tcp.ad.corp.test', ['domain']],
      ['_vlmcs._tcp.xn--bcher-kva.test', ['cli']],
    ]);
  });

  it('leaves out and lists invalid evidence values instead of sending them anywhere', () => {
    const plan = buildDiscoveryPlan({
      config: config({ primaryDnsSuffix: 'corp.test; rm -rf /', dnsServers: ['dns.corp.test', '127.0.0.1'], kmsOverride: { name: '$(evil)', port: 99999, lookupDomain: null } }),
    });
    expect(plan.srvNames.map((entry) => entry.domain)).not.toContain('corp.test; rm -rf /');
    expect(plan.servers).toEqual(['127.0.0.1:53']);
    expect(plan.hosts).toEqual([]);
    expect(plan.rejected.map((entry) => entry.what)).toEqual(['domain (primary-suffix)', 'host (registry)', 'DNS server (configuration)']);
    expect(plan.rejected[0]?.reason).toMatch(/';'/);
  });

  it('uses port 1688 when the registry port is missing or out of range', () => {
    const plan = buildDiscoveryPlan({ config: config({ kmsOverride: { name: 'kms.corp.test', port: 0, lookupDomain: null } }) });
    expect(plan.hosts).toEqual([{ host: 'kms.corp.test', port: 1688, source: 'registry' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { analyzeProbeDocument, multipleHosts, serversDisagree, unresolvedTargets } from '../../../shared/probe/analysis.js';
import { formatProbePaths } from '../../../shared/probe/format-path.js';
import type { HostProbeResult, ProbeDocument, SrvLookupResult } from '../../../shared/probe/types.js';

const record = (target: string, priority = 0, addresses = ['127.0.0.11']) => ({ target, port: 1688, priority, weight: 0, addresses });
const lookup = (server: string, status: SrvLookupResult['status'], records: SrvLookupResult['records'] = [], name = '_vlmcs._tcp.corp.test'): SrvLookupResult => ({
  name,
  server,
  status,
  hresult: status === 'nxdomain' ? '0x8007232B' : status === 'timeout' ? '0x800705B4' : null,
  records,
  ms: 2,
});
const host = (name: string, tcp: HostProbeResult['tcp']['status'], rpc: HostProbeResult['rpc']['status'], source: HostProbeResult['source'] = 'srv'): HostProbeResult => ({
  host: name,
  port: 1688,
  source,
  tcp: { status: tcp, ms: 1 },
  rpc: { status: rpc, ms: 1 },
  address: tcp === 'unresolved' ? null : '127.0.0.11',
});

describe('probe flags', () => {
  it('sees servers that disagree: different records, or records against "no such name"', () => {
    const doc: ProbeDocument = {
      srv: [lookup('127.0.0.1:53', 'ok', [record('kms1.corp.test')]), lookup('127.0.0.2:53', 'ok', [record('kms2.corp.test')]), lookup('127.0.0.3:53', 'nxdomain')],
      hosts: [],
    };
    expect(serversDisagree(doc)).toEqual([
      {
        name: '_vlmcs._tcp.corp.test',
        answers: [
          { server: '127.0.0.1:53', status: 'ok', records: ['kms1.corp.test:1688 (priority 0, weight 0)'] },
          { server: '127.0.0.2:53', status: 'ok', records: ['kms2.corp.test:1688 (priority 0, weight 0)'] },
          { server: '127.0.0.3:53', status: 'nxdomain', records: [] },
        ],
      },
    ]);
  });

  it('does not count a timed-out server as a different answer, nor nxdomain against nodata', () => {
    const same: ProbeDocument = { srv: [lookup('127.0.0.1:53', 'ok', [record('kms1.corp.test')]), lookup('127.0.0.2:53', 'timeout')], hosts: [] };
    expect(serversDisagree(same)).toEqual([]);
    const none: ProbeDocument = { srv: [lookup('127.0.0.1:53', 'nxdomain'), lookup('127.0.0.2:53', 'nodata')], hosts: [] };
    expect(serversDisagree(none)).toEqual([]);
  });

  it('sees a priority difference as a disagreement (it changes which host a client picks)', () => {
    const doc: ProbeDocument = { srv: [lookup('127.0.0.1:53', 'ok', [record('kms1.corp.test', 0)]), lookup('127.0.0.2:53', 'ok', [record('kms1.corp.test', 10)])], hosts: [] };
    expect(serversDisagree(doc)).toHaveLength(1);
  });

  it('lists several published hosts, and a target without an address', () => {
    const doc: ProbeDocument = { srv: [lookup('127.0.0.1:53', 'ok', [record('kms1.corp.test'), record('Ghost.corp.test', 10, [])])], hosts: [] };
    expect(multipleHosts(doc)).toEqual(['kms1.corp.test:1688', 'ghost.corp.test:1688']);
    expect(unresolvedTargets(doc)).toEqual([{ name: '_vlmcs._tcp.corp.test', server: '127.0.0.1:53', target: 'Ghost.corp.test', port: 1688 }]);
    expect(multipleHosts({ srv: [lookup('127.0.0.1:53', 'ok', [record('kms1.corp.test')]), lookup('127.0.0.2:53', 'ok', [record('KMS1.corp.test')])], hosts: [] })).toEqual([]);
  });

  it('splits hosts into unreachable, open-but-not-KMS and KMS endpoints', () => {
    const doc: ProbeDocument = {
      srv: [lookup('127.0.0.1:53', 'nxdomain')],
      hosts: [host('a', 'connected', 'kms'), host('b', 'connected', 'not-rpc'), host('c', 'timeout', 'skipped'), host('d', 'unresolved', 'skipped', 'cli')],
    };
    const flags = analyzeProbeDocument(doc);
    expect(flags.noSrvRecords).toBe(true);
    expect(flags.srvFailures).toHaveLength(1);
    expect(flags.kmsEndpoints.map((entry) => entry.host)).toEqual(['a']);
    expect(flags.notKmsEndpoints.map((entry) => entry.host)).toEqual(['b']);
    expect(flags.unreachableHosts.map((entry) => entry.host)).toEqual(['c', 'd']);
  });

  it('treats a "." target as "service not available", not as a host or an unresolved target', () => {
    const doc: ProbeDocument = { srv: [lookup('127.0.0.1:53', 'ok', [record('.', 0, []), record('kms1.corp.test')])], hosts: [] };
    const flags = analyzeProbeDocument(doc);
    expect(flags.serviceNotAvailable).toEqual([{ name: '_vlmcs._tcp.corp.test', server: '127.0.0.1:53' }]);
    expect(flags.unresolvedTargets).toEqual([]);
    expect(flags.multipleHosts).toEqual([]);
    expect(formatProbePaths(doc)).toContain('    → [!!] target "." (priority 0, weight 0) → the record says the service is not available here\n');
  });

  it('does not claim "no SRV records" when no name was asked', () => {
    expect(analyzeProbeDocument({ srv: [], hosts: [host('a', 'connected', 'kms', 'cli')] }).noSrvRecords).toBe(false);
  });
});

describe('formatProbePaths', () => {
  it('prints each path name → server → record → TCP → RPC with a verdict per hop', () => {
    const doc: ProbeDocument = {
      srv: [lookup('127.0.0.1:53', 'ok', [record('kms1.corp.test')]), lookup('127.0.0.2:53', 'nxdomain')],
      hosts: [{ ...host('kms1.corp.test', 'connected', 'kms'), rpc: { status: 'kms', ms: 3, detail: 'bind_ack, accepted with NDR32' } }, host('10.0.0.9', 'timeout', 'skipped', 'cli')],
      timeoutMs: 3000,
      totalMs: 3012,
    };
    expect(formatProbePaths(doc)).toBe(
      [
        '_vlmcs._tcp.corp.test',
        '  → [ok] DNS 127.0.0.1:53: 1 SRV record (2 ms)',
        '    → [ok] kms1.corp.test:1688 (priority 0, weight 0) → 127.0.0.11',
        '      → [ok] TCP 127.0.0.11:1688: connected, port open (1 ms)',
        '      → [ok] RPC: kms, KMS RPC endpoint (bind accepted): bind_ack, accepted with NDR32 (3 ms)',
        '  → [!!] DNS 127.0.0.2:53: nxdomain 0x8007232B DNS name does not exist (2 ms)',
        '',
        'Direct hosts',
        '  → 10.0.0.9:1688 (cli) → 127.0.0.11',
        '    → [!!] TCP 127.0.0.11:1688: timeout, no answer to the connect (filtered by a firewall, or the host is down) (1 ms)',
        '    → [--] RPC: skipped, not tried: the port is not open',
        '',
        'Verdict',
        '  [!!] DNS servers disagree on _vlmcs._tcp.corp.test: 127.0.0.1:53 → kms1.corp.test:1688 (priority 0, weight 0); 127.0.0.2:53 → nxdomain',
        '  [!!] 10.0.0.9:1688 (cli) cannot be reached: TCP timeout',
        '',
        '2 hosts, 2 SRV queries in 3012 ms (timeout 3000 ms per probe)',
        '',
      ].join('\n'),
    );
  });

  it('marks an SRV target without an address and says when nothing answered as KMS', () => {
    const text = formatProbePaths({ srv: [lookup('127.0.0.1:53', 'ok', [record('ghost.corp.test', 0, [])])], hosts: [host('ghost.corp.test', 'unresolved', 'skipped')] });
    expect(text).toContain('    → [!!] ghost.corp.test:1688 (priority 0, weight 0) → no A/AAAA record on this server\n');
    expect(text).toContain('  [!!] SRV target ghost.corp.test (_vlmcs._tcp.corp.test on 127.0.0.1:53) has no address on that server\n');
    expect(text).toContain('  [!!] no candidate answered as a KMS RPC endpoint\n');
  });

  it('names a host with an open port that is not a KMS endpoint', () => {
    const text = formatProbePaths({ srv: [], hosts: [host('a.test', 'connected', 'kms', 'cli'), host('b.test', 'connected', 'not-rpc', 'cli')] });
    expect(text).toContain('Verdict\n  [!!] b.test:1688 (cli) has an open port but no KMS RPC endpoint: RPC not-rpc\n');
  });

  it('gives an all-clear verdict only when a KMS endpoint answered and DNS agreed', () => {
    const text = formatProbePaths({ srv: [lookup('127.0.0.1:53', 'ok', [record('kms1.corp.test')])], hosts: [host('kms1.corp.test', 'connected', 'kms')] });
    expect(text).toContain('Verdict\n  [ok] 1 KMS RPC endpoint found, no DNS problem seen\n');
  });
});

import { describe, expect, it, onTestFinished } from 'vitest';
import { createResolver, type ResolverFactory } from '../../../electron/probe/dns-srv.js';
import { runProbes, type ProbeProgress } from '../../../electron/probe/run-probes.js';
import { analyzeProbeDocument } from '../../../shared/probe/analysis.js';
import { buildDiscoveryPlan } from '../../../shared/probe/discovery-plan.js';
import { describeWithDnsmasq, startDnsmasq } from '../../helpers/dnsmasq.js';
import { findFreePort } from '../../helpers/free-port.js';
import { startKmsResponder, type ResponderMode } from '../../helpers/kms-rpc-responder.js';
import { createFilteredNamespace, netnsUnavailableReason } from '../../helpers/netns.js';

async function responder(mode: ResponderMode) {
  const running = await startKmsResponder(mode);
  onTestFinished(() => running.close());
  return running;
}

/** A resolver factory that records which servers were asked, so a test can prove "system" never was. */
function recordingFactory(): { factory: ResolverFactory; asked: string[] } {
  const asked: string[] = [];
  return { asked, factory: (server, timeoutMs) => (asked.push(server), createResolver(server, timeoutMs)) };
}

describeWithDnsmasq('runProbes end to end on loopback', () => {
  it('walks name → server → records → host → TCP → RPC and builds the probe document', async () => {
    const kms = await responder('accept-ndr32');
    const other = await responder('reject-all');
    const dns = await startDnsmasq([
      'local=/corp.test/',
      `srv-host=_vlmcs._tcp.corp.test,kms1.corp.test,${kms.port},0,0`,
      `srv-host=_vlmcs._tcp.corp.test,app.corp.test,${other.port},10,0`,
      'host-record=kms1.corp.test,127.0.0.1',
      'host-record=app.corp.test,127.0.0.1',
      'local=/nosrv.test/',
      // The name exists (an A record) but has no SRV data.
      'host-record=_vlmcs._tcp.nosrv.test,127.0.0.31',
      'local=/gone.test/',
      // absent.test: neither served nor forwarded, so this dnsmasq answers REFUSED.
    ]);
    const { factory, asked } = recordingFactory();
    const progress: ProbeProgress[] = [];
    const plan = buildDiscoveryPlan({ domains: ['corp.test', 'nosrv.test', 'gone.test', 'absent.test'], dnsServers: [dns.server] });
    const doc = await runProbes(plan, { timeoutMs: 2000, resolverFactory: factory, onProgress: (event) => progress.push(event) });

    expect(doc.srv.map((lookup) => [lookup.name, lookup.server, lookup.status, lookup.hresult])).toEqual([
      ['_vlmcs._tcp.corp.test', dns.server, 'ok', null],
      ['_vlmcs._tcp.nosrv.test', dns.server, 'nodata', '0x8007251D'],
      ['_vlmcs._tcp.gone.test', dns.server, 'nxdomain', '0x8007232B'],
      ['_vlmcs._tcp.absent.test', dns.server, 'refused', '0x8007232D'],
    ]);
    expect(doc.srv[0]?.records).toEqual([
      { target: 'kms1.corp.test', port: kms.port, priority: 0, weight: 0, addresses: ['127.0.0.1'] },
      { target: 'app.corp.test', port: other.port, priority: 10, weight: 0, addresses: ['127.0.0.1'] },
    ]);
    expect(doc.hosts.map((host) => [host.host, host.port, host.source, host.tcp.status, host.rpc.status, host.address])).toEqual([
      ['kms1.corp.test', kms.port, 'srv', 'connected', 'kms', '127.0.0.1'],
      ['app.corp.test', other.port, 'srv', 'connected', 'rejected', '127.0.0.1'],
    ]);
    expect(doc.hosts[0]?.foundBy).toEqual([{ name: '_vlmcs._tcp.corp.test', server: dns.server }]);
    expect(doc).toMatchObject({ timeoutMs: 2000, clientUsesDns: true });
    expect(asked.every((server) => server === dns.server)).toBe(true);
    expect(progress.filter((event) => event.kind === 'srv')).toHaveLength(4);
    expect(progress.filter((event) => event.kind === 'host')).toHaveLength(2);
    expect(kms.receivedTypes).toEqual([11]);
  });

  it('asks each DNS server separately and flags servers that disagree on the same name', async () => {
    const first = await responder('accept-ndr32');
    const second = await responder('accept-ndr64');
    const zone = (target: string, port: number) => ['local=/corp.test/', `srv-host=_vlmcs._tcp.corp.test,${target},${port},0,0`, `host-record=${target},127.0.0.1`];
    const dnsA = await startDnsmasq(zone('kms1.corp.test', first.port));
    const dnsB = await startDnsmasq(zone('kms2.corp.test', second.port));
    const doc = await runProbes(buildDiscoveryPlan({ domains: ['corp.test'], dnsServers: [dnsA.server, dnsB.server] }), { timeoutMs: 2000 });
    expect(doc.srv.map((lookup) => [lookup.server, lookup.records.map((record) => record.target)])).toEqual([
      [dnsA.server, ['kms1.corp.test']],
      [dnsB.server, ['kms2.corp.test']],
    ]);
    await expect.poll(() => dnsA.log()).toContain('_vlmcs._tcp.corp.test');
    await expect.poll(() => dnsB.log()).toContain('_vlmcs._tcp.corp.test');
    const flags = analyzeProbeDocument(doc);
    expect(flags.serversDisagree.map((entry) => entry.name)).toEqual(['_vlmcs._tcp.corp.test']);
    expect(flags.multipleHosts).toEqual([`kms1.corp.test:${first.port}`, `kms2.corp.test:${second.port}`]);
    expect(doc.hosts.map((host) => [host.host, host.rpc.status, host.foundBy])).toEqual([
      ['kms1.corp.test', 'kms', [{ name: '_vlmcs._tcp.corp.test', server: dnsA.server }]],
      ['kms2.corp.test', 'kms', [{ name: '_vlmcs._tcp.corp.test', server: dnsB.server }]],
    ]);
  });

  it('marks an SRV target without an address as unresolved and does not connect anywhere for it', async () => {
    const dns = await startDnsmasq(['local=/broken.test/', 'srv-host=_vlmcs._tcp.broken.test,ghost.broken.test,1688,0,0']);
    const doc = await runProbes(buildDiscoveryPlan({ domains: ['broken.test'], dnsServers: [dns.server] }), { timeoutMs: 2000 });
    expect(doc.hosts).toEqual([
      {
        host: 'ghost.broken.test',
        port: 1688,
        source: 'srv',
        tcp: { status: 'unresolved', ms: 0 },
        rpc: { status: 'skipped', ms: 0 },
        address: null,
        addresses: [],
        foundBy: [{ name: '_vlmcs._tcp.broken.test', server: dns.server }],
      },
    ]);
    expect(analyzeProbeDocument(doc).unresolvedTargets).toHaveLength(1);
  });

  it('resolves a host name given directly with the given DNS servers, never the system resolver', async () => {
    const kms = await responder('accept-ndr32');
    const dns = await startDnsmasq(['local=/corp.test/', 'host-record=kms9.corp.test,127.0.0.1']);
    const { factory, asked } = recordingFactory();
    const plan = buildDiscoveryPlan({ hosts: [`kms9.corp.test:${kms.port}`, 'nowhere.corp.test'], dnsServers: [dns.server] });
    const doc = await runProbes(plan, { timeoutMs: 2000, resolverFactory: factory });
    expect(doc.hosts.map((host) => [host.host, host.source, host.address, host.tcp.status, host.rpc.status])).toEqual([
      ['kms9.corp.test', 'cli', '127.0.0.1', 'connected', 'kms'],
      ['nowhere.corp.test', 'cli', null, 'unresolved', 'skipped'],
    ]);
    expect(asked).toEqual([dns.server, dns.server]);
    await expect.poll(() => dns.log()).toMatch(/query\[A\] kms9\.corp\.test/);
  });

  it('probes the same SRV target once when several names and servers return it', async () => {
    const kms = await responder('accept-ndr32');
    const zone = ['local=/corp.test/', `srv-host=_vlmcs._tcp.corp.test,kms1.corp.test,${kms.port},0,0`, `srv-host=_vlmcs._tcp.sub.corp.test,kms1.corp.test,${kms.port},0,0`, 'host-record=kms1.corp.test,127.0.0.1'];
    const dnsA = await startDnsmasq(zone);
    const dnsB = await startDnsmasq(zone);
    const doc = await runProbes(buildDiscoveryPlan({ domains: ['corp.test', 'sub.corp.test'], dnsServers: [dnsA.server, dnsB.server] }), { timeoutMs: 2000 });
    expect(doc.srv).toHaveLength(4);
    expect(doc.hosts).toHaveLength(1);
    expect(doc.hosts[0]?.foundBy).toHaveLength(4);
    expect(kms.connections()).toBe(1);
    expect(analyzeProbeDocument(doc).serversDisagree).toEqual([]);
  });

  it('rejects when aborted, without waiting for the timeouts', async () => {
    const silent = await responder('silent');
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stopped by the user')), 100);
    const start = performance.now();
    await expect(runProbes(buildDiscoveryPlan({ hosts: [silent.hostPort] }), { timeoutMs: 10_000, signal: controller.signal })).rejects.toThrow('stopped by the user');
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('refuses a timeout that is not a positive integer', async () => {
    await expect(runProbes(buildDiscoveryPlan({ hosts: ['127.0.0.1'] }), { timeoutMs: 0 })).rejects.toThrow(RangeError);
  });
});

describe('parallel and bounded', () => {
  const noNetns = netnsUnavailableReason();

  it(`five candidates, three of which never answer, take about one timeout (≤ 1.3 ×)${noNetns === null ? ', one of them a filtered port' : ''}`, async () => {
    const timeoutMs = 1500;
    const kms = await responder('accept-ndr32');
    const silentA = await responder('silent');
    const silentB = await responder('silent');
    const closedPort = await findFreePort();
    let third = (await responder('silent')).hostPort;
    if (noNetns === null) {
      const ns = createFilteredNamespace();
      onTestFinished(() => ns.remove());
      third = `${ns.address}:${ns.droppedPort}`;
    }
    const plan = buildDiscoveryPlan({ hosts: [kms.hostPort, `127.0.0.1:${closedPort}`, silentA.hostPort, silentB.hostPort, third] });
    const start = performance.now();
    const doc = await runProbes(plan, { timeoutMs });
    const took = performance.now() - start;
    expect(doc.hosts.map((host) => [host.tcp.status, host.rpc.status])).toEqual([
      ['connected', 'kms'],
      ['refused', 'skipped'],
      ['connected', 'silent'],
      ['connected', 'silent'],
      noNetns === null ? ['timeout', 'skipped'] : ['connected', 'silent'],
    ]);
    expect(took).toBeGreaterThanOrEqual(timeoutMs * 0.95);
    expect(took).toBeLessThanOrEqual(timeoutMs * 1.3);
  });
});

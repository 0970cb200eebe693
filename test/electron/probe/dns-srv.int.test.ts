import { expect, it, onTestFinished } from 'vitest';
import { lookupSrv, type ResolverFactory } from '../../../electron/probe/dns-srv.js';
import { describeWithDnsmasq, startDnsmasq } from '../../helpers/dnsmasq.js';
import { RCODE, startFakeDns } from '../../helpers/fake-dns.js';
import { findFreePort } from '../../helpers/free-port.js';

// Zones for every discovery outcome; nothing is forwarded anywhere but to a closed loopback port.
async function zones(closedPort: number): Promise<string[]> {
  return [
    'local=/one.test/',
    'srv-host=_vlmcs._tcp.one.test,kms1.one.test,1688,0,0',
    'host-record=kms1.one.test,127.0.0.11',
    'local=/two.test/',
    // Listed lowest rank first so the test sees the probe sort them, not the server.
    'srv-host=_vlmcs._tcp.two.test,kms-c.two.test,1700,20,0',
    'srv-host=_vlmcs._tcp.two.test,kms-b.two.test,1688,10,10',
    'srv-host=_vlmcs._tcp.two.test,kms-a.two.test,1688,10,90',
    'host-record=kms-a.two.test,127.0.0.21',
    'host-record=kms-b.two.test,127.0.0.22,::1',
    'host-record=kms-c.two.test,127.0.0.23',
    'local=/nosrv.test/',
    'host-record=nosrv.test,127.0.0.31',
    'host-record=_vlmcs._tcp.nosrv.test,127.0.0.32',
    'local=/broken.test/',
    'srv-host=_vlmcs._tcp.broken.test,ghost.broken.test,1688,0,0',
    `server=/timeout.test/127.0.0.1#${closedPort}`,
    'local=/none.test/',
    // No target: the record's target is "." (RFC 2782, the service is decidedly not available).
    'srv-host=_vlmcs._tcp.none.test',
  ];
}

describeWithDnsmasq('SRV lookup against a real dnsmasq on loopback', () => {
  it('finds one SRV record and the address of its target on the same server', async () => {
    const dns = await startDnsmasq(await zones(await findFreePort()));
    const result = await lookupSrv('_vlmcs._tcp.one.test', dns.server, { timeoutMs: 2000 });
    expect(result).toMatchObject({
      name: '_vlmcs._tcp.one.test',
      server: dns.server,
      status: 'ok',
      hresult: null,
      records: [{ target: 'kms1.one.test', port: 1688, priority: 0, weight: 0, addresses: ['127.0.0.11'] }],
    });
    // The target's address was asked of this server, not of any other resolver.
    await expect.poll(() => dns.log()).toMatch(/query\[A\] kms1\.one\.test from 127\.0\.0\.1/);
  });

  it('sorts records by priority, then weight (heaviest first), whatever order the server gave', async () => {
    const dns = await startDnsmasq(await zones(await findFreePort()));
    const result = await lookupSrv('_vlmcs._tcp.two.test', dns.server, { timeoutMs: 2000 });
    expect(result.records.map((record) => [record.target, record.priority, record.weight, record.port])).toEqual([
      ['kms-a.two.test', 10, 90, 1688],
      ['kms-b.two.test', 10, 10, 1688],
      ['kms-c.two.test', 20, 0, 1700],
    ]);
    expect(result.records[1]?.addresses).toEqual(['127.0.0.22', '::1']);
  });

  it('tells "no such name" (0x8007232B) from "name without SRV data" (0x8007251D)', async () => {
    const dns = await startDnsmasq(await zones(await findFreePort()));
    const missing = await lookupSrv('_vlmcs._tcp.absent.one.test', dns.server, { timeoutMs: 2000 });
    expect(missing).toMatchObject({ status: 'nxdomain', hresult: '0x8007232B', records: [], error: 'ENOTFOUND' });
    const noData = await lookupSrv('_vlmcs._tcp.nosrv.test', dns.server, { timeoutMs: 2000 });
    expect(noData).toMatchObject({ status: 'nodata', hresult: '0x8007251D', records: [], error: 'ENODATA' });
  });

  it('keeps an SRV record whose target has no A/AAAA record, with no addresses', async () => {
    const dns = await startDnsmasq(await zones(await findFreePort()));
    const result = await lookupSrv('_vlmcs._tcp.broken.test', dns.server, { timeoutMs: 2000 });
    expect(result).toMatchObject({ status: 'ok', records: [{ target: 'ghost.broken.test', addresses: [] }] });
    await expect.poll(() => dns.log()).toMatch(/query\[AAAA\] ghost\.broken\.test/);
  });

  it('keeps a "." target as "service not available" and asks no address for it', async () => {
    const dns = await startDnsmasq(await zones(await findFreePort()));
    const result = await lookupSrv('_vlmcs._tcp.none.test', dns.server, { timeoutMs: 2000 });
    expect(result).toMatchObject({ status: 'ok', records: [{ target: '.', port: 1, addresses: [] }] });
    // Only the SRV query reached the server: no A/AAAA for the root.
    // dnsmasq's log reaches us through a pipe, possibly after the answer: wait for the line, then count.
    await expect.poll(() => dns.log()).toMatch(/query\[/);
    expect(dns.log().match(/query\[/g)).toEqual(['query[']);
  });

  it('reports a zone forwarded to a server that never answers as a timeout (0x800705B4) within the deadline', async () => {
    const dns = await startDnsmasq(await zones(await findFreePort()));
    const start = performance.now();
    const result = await lookupSrv('_vlmcs._tcp.timeout.test', dns.server, { timeoutMs: 800 });
    const took = performance.now() - start;
    expect(result).toMatchObject({ status: 'timeout', hresult: '0x800705B4', records: [] });
    expect(took).toBeGreaterThanOrEqual(700);
    expect(took).toBeLessThan(800 * 1.5);
  });

  it.each([
    ['refused', RCODE.refused, '0x8007232D', 'EREFUSED'],
    ['servfail', RCODE.servfail, '0x8007232A', 'ESERVFAIL'],
    ['error', RCODE.formerr, '0x80072329', 'EFORMERR'],
  ] as const)('reports a %s answer from a DNS server (fake server on loopback)', async (status, rcode, hresult, error) => {
    const fake = await startFakeDns(rcode);
    onTestFinished(() => fake.close());
    const result = await lookupSrv('_vlmcs._tcp.corp.test', fake.server, { timeoutMs: 2000 });
    expect(result).toMatchObject({ status, hresult, error, records: [] });
    expect(fake.questions).toContain('_vlmcs._tcp.corp.test');
  });

  it('reports a DNS server port with nothing listening as an error, not as an answer', async () => {
    const result = await lookupSrv('_vlmcs._tcp.one.test', `127.0.0.1:${await findFreePort()}`, { timeoutMs: 1000 });
    expect(result).toMatchObject({ status: 'error', error: 'ECONNREFUSED', hresult: null, records: [] });
    expect(result.ms).toBeLessThan(1000);
  });

  it('uses only the resolver the factory gives for the server named', async () => {
    const dns = await startDnsmasq(await zones(await findFreePort()));
    const asked: string[] = [];
    const { createResolver } = await import('../../../electron/probe/dns-srv.js');
    const factory: ResolverFactory = (server, timeoutMs) => {
      asked.push(server);
      return createResolver(server, timeoutMs);
    };
    await lookupSrv('_vlmcs._tcp.one.test', dns.server, { timeoutMs: 2000, resolverFactory: factory });
    expect(asked).toEqual([dns.server]);
  });

  it('stops at once when the run is aborted', async () => {
    const dns = await startDnsmasq(await zones(await findFreePort()));
    const controller = new AbortController();
    const start = performance.now();
    setTimeout(() => controller.abort(), 100);
    const result = await lookupSrv('_vlmcs._tcp.timeout.test', dns.server, { timeoutMs: 5000, signal: controller.signal });
    expect(result.status).toBe('timeout');
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

import { Resolver } from 'node:dns/promises';
import { expect, it } from 'vitest';
import { describeWithDnsmasq, startDnsmasq } from './dnsmasq.js';

describeWithDnsmasq('the dnsmasq test helper', () => {
  it('serves the zone the test gives on loopback, and nothing else', async () => {
    const dns = await startDnsmasq([
      'local=/corp.test/',
      'srv-host=_vlmcs._tcp.corp.test,kms1.corp.test,1688,0,0',
      'host-record=kms1.corp.test,127.0.0.11',
    ]);
    const resolver = new Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([dns.server]);
    expect(await resolver.resolveSrv('_vlmcs._tcp.corp.test')).toEqual([{ name: 'kms1.corp.test', port: 1688, priority: 0, weight: 0 }]);
    expect(await resolver.resolve4('kms1.corp.test')).toEqual(['127.0.0.11']);
    await expect(resolver.resolveSrv('_vlmcs._tcp.other.corp.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect.poll(() => dns.log()).toContain('_vlmcs._tcp.corp.test');
  });

  it('stops the server so the port no longer answers', async () => {
    const dns = await startDnsmasq(['local=/corp.test/', 'host-record=a.corp.test,127.0.0.5']);
    await dns.stop();
    const resolver = new Resolver({ timeout: 300, tries: 1 });
    resolver.setServers([dns.server]);
    await expect(resolver.resolve4('a.corp.test')).rejects.toMatchObject({ code: expect.stringMatching(/ECONNREFUSED|ETIMEOUT/) });
  });

  it('refuses to listen on a non-loopback address', async () => {
    await expect(startDnsmasq([], '10.0.0.1')).rejects.toThrow(/non-loopback/);
  });
});

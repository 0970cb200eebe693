import { describe, expect, it } from 'vitest';
import { serversDisagree } from '../../../shared/probe/analysis.js';
import { windowsSrvLookups } from '../../../shared/probe/windows-resolver.js';
import type { ProbeDocument } from '../../../shared/probe/types.js';

// The resolveSrv collector's JSON as PowerShell 5.1's ConvertTo-Json prints it: one record as a bare object,
// an NXDOMAIN as Resolve-DnsName's FullyQualifiedErrorId.
const printed = JSON.stringify({
  Lookups: [
    { Name: '_vlmcs._tcp.contoso.com', ErrorId: null, Records: { Target: 'kms-old.contoso.com', Port: 1688, Priority: 0, Weight: 0, Addresses: '10.0.0.9' } },
    { Name: '_vlmcs._tcp.lab.contoso.com', ErrorId: 'DNS_ERROR_RCODE_NAME_ERROR,Microsoft.DnsClient.Commands.ResolveDnsName', Records: [] },
  ],
});

describe('the Windows resolver\'s SRV answers', () => {
  it('become probe lookups with server "windows", statuses from the language-neutral error id', () => {
    const lookups = windowsSrvLookups(printed);
    expect(lookups[0]).toEqual({ name: '_vlmcs._tcp.contoso.com', server: 'windows', status: 'ok', hresult: null, records: [{ target: 'kms-old.contoso.com', port: 1688, priority: 0, weight: 0, addresses: ['10.0.0.9'] }] });
    expect(lookups[1]).toMatchObject({ name: '_vlmcs._tcp.lab.contoso.com', server: 'windows', status: 'nxdomain', records: [], error: 'DNS_ERROR_RCODE_NAME_ERROR' });
    expect(lookups[1]!.hresult).toMatch(/^0x/);
  });

  it('a hosts-file or cached answer that differs from the DNS server is a disagreement', () => {
    const fromServer: ProbeDocument = {
      srv: [{ name: '_vlmcs._tcp.contoso.com', server: '10.0.0.2:53', status: 'ok', hresult: null, records: [{ target: 'kms01.contoso.com', port: 1688, priority: 0, weight: 0, addresses: ['10.0.0.5'] }] }],
      hosts: [],
    };
    expect(serversDisagree(fromServer)).toEqual([]);
    const withWindows = { ...fromServer, srv: [...fromServer.srv, ...windowsSrvLookups(printed)] };
    expect(serversDisagree(withWindows).map((item) => [item.name, item.answers.map((answer) => answer.server)])).toEqual([['_vlmcs._tcp.contoso.com', ['10.0.0.2:53', 'windows']]]);
  });

  it('refuses text that is not its output', () => {
    expect(() => windowsSrvLookups('{"Rules": []}')).toThrow('not Resolve-DnsName SRV output (no Lookups)');
  });
});

import { describe, expect, it } from 'vitest';
import {
  EvidenceParseError,
  parseDnsClientJson,
  parseFirewallJson,
  parseKmsClientRegistryJson,
  parseKmsHostConfigJson,
  parseLogHealthJson,
  parseSystemInfoJson,
  portListCovers,
  psDateToIso,
  recognizeSystemEvidenceJson,
} from '../../../shared/parse/system-evidence.js';

// Inputs as Windows PowerShell 5.1 ConvertTo-Json prints them: 4-space indent, enums as numbers,
// one-element pipelines as bare objects, DateTime as "\/Date(ms)\/", unset registry values as null.
describe('PowerShell evidence JSON parsers', () => {
  it('dns-client.json: one interface printed as an object, a single search suffix as a string', () => {
    const text = `{
    "ComputerName":  "PC017",
    "PrimaryDnsSuffix":  "contoso.com",
    "Domain":  "contoso.com",
    "PartOfDomain":  true,
    "SuffixSearchList":  "contoso.com",
    "Interfaces":  {
                       "InterfaceAlias":  "Ethernet0",
                       "InterfaceIndex":  6,
                       "ConnectionSpecificSuffix":  ""
                   },
    "ServerAddresses":  [
                            { "InterfaceAlias":  "Ethernet0", "InterfaceIndex":  6, "AddressFamily":  2, "ServerAddresses":  [ "10.0.0.10", "10.0.0.11" ] },
                            { "InterfaceAlias":  "Ethernet0", "InterfaceIndex":  6, "AddressFamily":  23, "ServerAddresses":  [ ] }
                        ]
}`;
    const d = parseDnsClientJson(`\uFEFF${text}`);
    expect(d.primaryDnsSuffix).toBe('contoso.com');
    expect(d.suffixSearchList).toEqual(['contoso.com']);
    expect(d.interfaces).toEqual([{ alias: 'Ethernet0', index: 6, connectionSpecificSuffix: null }]);
    expect(d.serverAddresses.map((s) => [s.family, s.servers])).toEqual([['IPv4', ['10.0.0.10', '10.0.0.11']], ['IPv6', []]]);
  });

  it('registry selections: REG_SZ port as a string, unset values null, MULTI_SZ publish list', () => {
    const client = parseKmsClientRegistryJson('{ "KeyManagementServiceName": "kms01.contoso.com", "KeyManagementServicePort": "1688", "KeyManagementServiceLookupDomain": null }');
    expect(client).toMatchObject({ kmsName: 'kms01.contoso.com', kmsPort: 1688, lookupDomain: null });
    const host = parseKmsHostConfigJson('{ "DisableDnsPublishing": 1, "DnsDomainPublishList": [ "contoso.com,0,0", "fabrikam.com" ], "KeyManagementServiceListeningPort": "1700", "EnableKmsLowPriority": null }');
    expect(host).toEqual({
      disableDnsPublishing: true,
      dnsDomainPublishList: [{ domain: 'contoso.com', priority: 0, weight: 0 }, { domain: 'fabrikam.com', priority: null, weight: null }],
      listeningPort: 1700,
      lowPriority: null,
    });
    expect(parseKmsHostConfigJson('{ "DisableDnsPublishing": null, "DnsDomainPublishList": "contoso.com,10,20", "KeyManagementServiceListeningPort": null }').dnsDomainPublishList).toEqual([{ domain: 'contoso.com', priority: 10, weight: 20 }]);
  });

  it('firewall.json: GpoBoolean 2 is false, profile flags, port ranges', () => {
    const fw = parseFirewallJson(`{
    "Profiles": [ { "Name": "Domain", "Enabled": 1 }, { "Name": "Public", "Enabled": 2 } ],
    "ActiveProfiles": 2,
    "Rules": { "Name": "SPPSVC-In-TCP", "DisplayName": "Key Management Service (TCP-In)", "Enabled": 2, "Direction": 1, "Action": 2, "Profile": 5, "Protocol": "TCP", "LocalPort": "1688" }
}`);
    expect(fw.profiles).toEqual([{ name: 'Domain', enabled: true }, { name: 'Public', enabled: false }]);
    expect(fw.activeProfiles).toEqual(['Domain']);
    expect(fw.rules[0]).toMatchObject({ enabled: false, inbound: true, allow: true, profiles: ['Domain', 'Public'], localPorts: ['1688'] });
    expect(portListCovers(['1680-1690'], 1688)).toBe(true);
    expect(portListCovers(['Any'], 1688)).toBe(true);
    expect(portListCovers(['RPC', '3389'], 1688)).toBe(false);
  });

  it('system info and log health, with /Date()/ times', () => {
    const sys = parseSystemInfoJson('{ "ComputerName": "KMS01", "OsCaption": "Microsoft Windows Server 2022 Standard", "BuildNumber": "20348", "Elevated": false, "UtcNow": "/Date(1795165200000)/" }');
    expect(sys).toMatchObject({ computerName: 'KMS01', buildNumber: '20348', elevated: false, utcNow: '2026-11-20T09:00:00.000Z' });
    const logs = parseLogHealthJson('{ "LogName": "Key Management Service", "IsLogFull": true, "LogMode": 2, "RecordCount": 512, "LastWriteTime": "\\/Date(1795165200000)\\/" }');
    expect(logs).toEqual([{ logName: 'Key Management Service', isEnabled: null, isLogFull: true, logMode: 'Retain', recordCount: 512, fileSize: null, maximumSizeInBytes: null, lastWriteTime: '2026-11-20T09:00:00.000Z' }]);
    expect(psDateToIso('not a date')).toBeNull();
  });

  it('a workgroup machine: Win32_ComputerSystem.Domain is the workgroup name, never used as a DNS domain', () => {
    // Win32_ComputerSystem docs: Domain is "the name of the workgroup" when the computer is not part of a domain.
    const workgroup = JSON.stringify({ ComputerName: 'PC7', PrimaryDnsSuffix: null, Domain: 'WORKGROUP', PartOfDomain: false, SuffixSearchList: [], Interfaces: [], ServerAddresses: [] });
    expect(parseDnsClientJson(workgroup)).toMatchObject({ domain: null, partOfDomain: false });
    expect(parseSystemInfoJson(JSON.stringify({ ComputerName: 'PC7', Domain: 'WORKGROUP', PartOfDomain: false, OsCaption: 'Windows 11 Pro', BuildNumber: '22631', Elevated: true }))).toMatchObject({ domain: null, partOfDomain: false });
    const joined = JSON.stringify({ ComputerName: 'PC8', Domain: 'contoso.com', PartOfDomain: true, SuffixSearchList: [] });
    expect(parseDnsClientJson(joined).domain).toBe('contoso.com');
  });

  it('refuses what is not the expected file with one line, never a crash', () => {
    expect(() => parseFirewallJson('{ "hello": 1 }')).toThrow(EvidenceParseError);
    expect(() => parseSystemInfoJson('{ not json')).toThrow(/not valid JSON/);
    expect(() => parseLogHealthJson('[]')).toThrow(EvidenceParseError);
    expect(() => parseDnsClientJson('"text"')).toThrow(EvidenceParseError);
  });

  it('recognises each file by its keys', () => {
    expect(recognizeSystemEvidenceJson({ LogName: 'x', IsLogFull: false })).toBe('eventLogHealth');
    expect(recognizeSystemEvidenceJson({ Rules: [], Profiles: [] })).toBe('firewall');
    expect(recognizeSystemEvidenceJson({ SuffixSearchList: [] })).toBe('dnsClient');
    expect(recognizeSystemEvidenceJson({ DisableDnsPublishing: null })).toBe('hostConfig');
    expect(recognizeSystemEvidenceJson({ KeyManagementServiceName: null })).toBe('kmsClientRegistry');
    expect(recognizeSystemEvidenceJson({ OsCaption: 'x' })).toBe('system');
    expect(recognizeSystemEvidenceJson({ unrelated: 1 })).toBeNull();
  });
});

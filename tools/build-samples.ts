/**
 * Builds the recorded machines in samples/ (issue #5 §7): bundle directories with a manifest.json that
 * validates against shared/bundle/manifest.ts, each file at its bundlePaths place with its real size and
 * SHA-256. Deterministic (fixed times, seeded generator), so re-running it changes nothing:
 *
 *   npm run samples    (npx tsx tools/build-samples.ts)
 *
 * The texts follow the real formats in ../shared/fixtures/real: slmgr /dlv as slmgr.vbs prints it,
 * events as Get-WinEvent … ToXml() prints them (12288/12289 carry the whole Info in one <Data>, 12290
 * the joined Info then the nine fields), PowerShell 5.1 ConvertTo-Json for the small JSON files.
 */
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { kmsHostEventToXml, rng, type GeneratedHostEvent } from './gen/kms-host-events.js';
import { eventXmlToEvtx } from './gen/evtx-writer.js';
import { bundleFormatVersion, bundlePaths, type BundleManifest, type EvidenceKind, type ManifestFile } from '../shared/bundle/manifest.js';
import { manifestSchema } from '../shared/bundle/manifest-schema.js';
import { licenseStates } from '../shared/kms/license.js';
import { parseSlmgrText } from '../shared/parse/slmgr.js';
import type { SlmgrProduct, SlmgrReport } from '../shared/parse/types.js';
import type { ProbeDocument } from '../shared/probe/types.js';

// The samples live in samples/, beside this tools/ folder.
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'samples');
const toolVersion = '0.1.0';
const windowsApp = '55c92734-d682-4d71-983e-d6ec3f16059f';
const enterpriseActId = '73111121-5638-40f6-bc11-f1d7b0d64300';
const serverStdActId = 'de32eafd-aaee-4662-9444-c1befb41bde2';
const hostCsvlkActId = 'b2c5b2f5-1e29-4a45-9c2b-4c3a2d1e0f01';

function guid(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const ms = (iso: string): number => Date.parse(iso);
/** SystemTime as ToXml() prints it: 7 fraction digits. */
const systemTime = (t: number): string => new Date(t).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
/** Client time as 12288/12289 log it (zero-padded) and 12290 (not padded). */
const padded = (t: number): string => {
  const d = new Date(t);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
};
const unpadded = (t: number): string => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()} ${d.getUTCHours()}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
};

// ---------------------------------------------------------------------------------------------------
// slmgr /dlv text

interface ClientDlv {
  name: string;
  channel: string;
  activationId: string;
  keyChannel: string;
  partialKey: string;
  status: 'Licensed' | 'Notification' | 'Initial grace period';
  minutes?: number;
  reason?: string;
  cmid: string;
  kms?: string;
  kmsIp?: string;
  registered?: string;
}

function clientDlv(c: ClientDlv): string {
  const lines = [
    'Software licensing service version: 10.0.22631.4460',
    '',
    `Name: ${c.name}`,
    `Description: Windows(R) Operating System, ${c.channel} channel`,
    `Activation ID: ${c.activationId}`,
    `Application ID: ${windowsApp}`,
    'Extended PID: 03612-03311-000-000001-03-1033-22631.0000-3102026',
    `Product Key Channel: ${c.keyChannel}`,
    'Installation ID: 489126343257012289105546522085205332958764158851011127139061121',
    `Partial Product Key: ${c.partialKey}`,
    `License Status: ${c.status}`,
  ];
  if (c.status === 'Licensed' && c.minutes !== undefined) lines.push(`Volume activation expiration: ${c.minutes} minute(s) (${Math.ceil(c.minutes / 1440)} day(s))`);
  if (c.status === 'Initial grace period' && c.minutes !== undefined) lines.push(`Time remaining: ${c.minutes} minute(s) (${Math.ceil(c.minutes / 1440)} day(s))`);
  if (c.status === 'Notification') lines.push(`Notification Reason: 0x${c.reason ?? 'C004F056'}.`);
  lines.push('Remaining Windows rearm count: 1001', 'Remaining SKU rearm count: 1001', 'Trusted time: 11/20/2026 8:58:12 AM');
  if (c.channel !== 'VOLUME_KMSCLIENT') return `${lines.join('\r\n')}\r\n`;
  lines.push('Configured Activation Type: All');
  if (c.status !== 'Licensed') {
    lines.push('Please use slmgr.vbs /ato to activate and update KMS client information in order to update values.');
    return `${lines.join('\r\n')}\r\n`;
  }
  lines.push(
    '',
    'Most recent activation information:',
    'Key Management Service client information',
    `    Client Machine ID (CMID): ${c.cmid}`,
    c.registered ? `    Registered KMS machine name: ${c.registered}` : c.kms ? `    KMS machine name from DNS: ${c.kms}` : '    DNS auto-discovery: KMS name not available',
    `    KMS machine IP address: ${c.kmsIp ?? 'not available'}`,
    '    KMS machine extended PID: 06401-00206-551-128466-03-1033-20348.0000-2752026',
    '    Activation interval: 120 minutes',
    '    Renewal interval: 10080 minutes',
    '    KMS host caching is enabled',
  );
  return `${lines.join('\r\n')}\r\n`;
}

interface HostDlv {
  status: 'Licensed' | 'Notification' | 'Initial grace period';
  count: number;
  port?: number;
  publishing?: boolean;
  total: number;
  failed: number;
}

function hostDlv(h: HostDlv): string {
  const lines = [
    'Software licensing service version: 10.0.20348.2849',
    '',
    'Name: Windows(R), ServerStandard edition',
    'Description: Windows(R) Operating System, VOLUME_KMS_C channel',
    `Activation ID: ${hostCsvlkActId}`,
    `Application ID: ${windowsApp}`,
    'Extended PID: 06401-00206-551-128466-03-1033-20348.0000-2752026',
    'Product Key Channel: Volume:CSVLK',
    'Installation ID: 020650770493837252929082195773527024195725809211989214',
    'Use License URL: https://activation-v2.sls.microsoft.com/SLActivateProduct/SLActivateProduct.asmx?configextension=Retail',
    'Validation URL: https://validation-v2.sls.microsoft.com/SLWGA/slwga.asmx',
    'Partial Product Key: 8XDDG',
    `License Status: ${h.status}`,
  ];
  if (h.status === 'Initial grace period') lines.push('Time remaining: 43200 minute(s) (30 day(s))');
  if (h.status === 'Notification') lines.push('Notification Reason: 0xC004F009 (grace time expired).');
  lines.push('Remaining Windows rearm count: 1000', 'Remaining SKU rearm count: 1000', 'Trusted time: 11/20/2026 8:58:12 AM');
  lines.push(
    '',
    'Key Management Service is enabled on this machine',
    `    Current count: ${h.count}`,
    `    Listening on Port: ${h.port ?? 1688}`,
    `    DNS publishing ${h.publishing === false ? 'disabled' : 'enabled'}`,
    '    KMS priority: Normal',
    '',
    'Key Management Service cumulative requests received from clients',
    `    Total requests received: ${h.total}`,
    `    Failed requests received: ${h.failed}`,
    `    Requests with License Status Unlicensed: 0`,
    `    Requests with License Status Licensed: ${h.total - h.failed}`,
    `    Requests with License Status Initial grace period: ${h.failed}`,
    '    Requests with License Status License expired or Hardware out of tolerance: 0',
    '    Requests with License Status Non-genuine grace period: 0',
    '    Requests with License Status Notification: 0',
  );
  return `${lines.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------------
// Events as ToXml() prints them

const sppProvider = "<Provider Name='Microsoft-Windows-Security-SPP' Guid='{E23B33B0-C8C9-472C-A5F9-F2BDFEA0F156}' EventSourceName='Software Protection Platform Service'/>";

function appEvent(id: number, t: number, record: number, computer: string, data: readonly string[]): string {
  return (
    `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>${sppProvider}` +
    `<EventID Qualifiers='16384'>${id}</EventID><Version>0</Version><Level>4</Level><Task>0</Task><Opcode>0</Opcode>` +
    `<Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='${systemTime(t)}'/><EventRecordID>${record}</EventRecordID>` +
    `<Correlation/><Execution ProcessID='0' ThreadID='0'/><Channel>Application</Channel><Computer>${computer}</Computer><Security/></System>` +
    `<EventData>${data.map((d) => `<Data>${d}</Data>`).join('')}</EventData></Event>`
  );
}

/** 12293/12294 (DNS publishing) as a host logs them: in the Application log, not the KMS log. */
function hostLogEvent(id: 12293 | 12294, t: number, record: number, computer: string, data: readonly string[]): string {
  return appEvent(id, t, record, computer, data);
}

/** The host's DNS-publishing events file (events/kms-host-dns-publish.xml). */
const dnsPublishXml = (events: readonly string[]): string => `${events.join('\r\n')}\r\n`;

interface ClientRequest {
  t: number;
  host: string;
  hresult: string;
  /** null: no 12289 followed. */
  response: { hresult: string; activated: boolean; count: number } | null;
  /** Client clock offset (ms) for the logged client time. */
  skewMs?: number;
  licenseState?: number;
  minutes?: number;
}

function clientEventsXml(computer: string, cmid: string, requests: readonly ClientRequest[], extra: readonly string[] = []): string {
  const out: string[] = [];
  let record = 4100;
  for (const r of requests) {
    const clientTime = padded(r.t + (r.skewMs ?? 0));
    out.push(appEvent(12288, r.t, record++, computer, [`${r.hresult}, 0x00000000, ${r.host}, ${cmid}, ${clientTime}, 0, ${r.licenseState ?? 2}, ${r.minutes ?? 43200}, ${enterpriseActId}, 25`]));
    if (r.response) {
      out.push(appEvent(12289, r.t + 1000, record++, computer, [`${r.response.hresult}, 0x00000000, ${r.response.activated ? 1 : 0}, 0, ${r.response.count}, 120, 10080, ${clientTime}`]));
    }
  }
  return `${[...out, ...extra].join('\r\n')}\r\n`;
}

interface HostClient {
  name: string;
  cmid: string;
  minimumCount: number;
  isVm?: boolean;
  hresult?: string;
  skewMs?: number;
}

function hostEventsXml(host: string, clients: readonly HostClient[], created: number, requestsEach: number, seed = 7): string {
  const next = rng(seed);
  const events: GeneratedHostEvent[] = [];
  for (const c of clients) {
    for (let i = 0; i < requestsEach; i++) {
      // Spread over the 29 days before collection, renewals a few days apart.
      const t = created - Math.floor((i * 7 + next() * 6) * 86_400_000) - Math.floor(next() * 3_600_000) - 60_000;
      events.push({
        recordId: 0,
        systemTime: systemTime(t),
        hresult: c.hresult ?? '0x0',
        minimumCount: c.minimumCount,
        clientName: c.name,
        cmid: c.cmid,
        clientTime: unpadded(t + (c.skewMs ?? 0)),
        isVm: c.isVm ?? false,
        licenseState: c.hresult && c.hresult !== '0x0' ? 2 : 1,
        minutesToExpiry: c.hresult && c.hresult !== '0x0' ? 40000 : 259200,
        activationId: c.minimumCount === 25 ? enterpriseActId : serverStdActId,
      });
    }
  }
  events.sort((a, b) => a.systemTime.localeCompare(b.systemTime));
  const xml = events.map((e, i) => kmsHostEventToXml({ ...e, recordId: 1000 + i }, host));
  return `${xml.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------------
// PowerShell 5.1 ConvertTo-Json files (shapes documented in shared/parse/system-evidence.ts)

const json = (value: unknown): string => `${JSON.stringify(value, null, 4)}\r\n`;

function systemInfo(name: string, caption: string, build: string, edition: string, elevated: boolean, utcNow: string): string {
  return json({ ComputerName: name, Domain: 'contoso.com', PartOfDomain: true, OsCaption: caption, OsVersion: `10.0.${build}`, BuildNumber: build, EditionId: edition, Elevated: elevated, TimeZoneId: 'Tokyo Standard Time', UtcOffsetMinutes: 540, UtcNow: utcNow, Locale: 'ja-JP' });
}

function dnsClient(name: string, servers: readonly string[]): string {
  return json({
    ComputerName: name,
    PrimaryDnsSuffix: 'contoso.com',
    Domain: 'contoso.com',
    PartOfDomain: true,
    SuffixSearchList: 'contoso.com',
    Interfaces: [{ InterfaceAlias: 'Ethernet0', InterfaceIndex: 6, ConnectionSpecificSuffix: 'contoso.com' }],
    ServerAddresses: [{ InterfaceAlias: 'Ethernet0', InterfaceIndex: 6, AddressFamily: 2, ServerAddresses: servers.length === 1 ? servers[0] : servers }],
  });
}

const clientRegistry = (name: string | null, port: string | null): string =>
  json({ KeyManagementServiceName: name, KeyManagementServicePort: port, KeyManagementServiceLookupDomain: null, VLActivationInterval: null, VLRenewalInterval: null });

const hostConfig = (disable: number | null, port: string | null): string =>
  json({ DisableDnsPublishing: disable, DnsDomainPublishList: null, KeyManagementServiceListeningPort: port, EnableKmsLowPriority: null });

function firewall(kmsRuleEnabled: boolean): string {
  return json({
    Profiles: [
      { Name: 'Domain', Enabled: 1, DefaultInboundAction: 0 },
      { Name: 'Private', Enabled: 1, DefaultInboundAction: 0 },
      { Name: 'Public', Enabled: 1, DefaultInboundAction: 0 },
    ],
    ActiveProfiles: 2,
    Rules: [
      { Name: 'RemoteDesktop-UserMode-In-TCP', DisplayName: 'Remote Desktop - User Mode (TCP-In)', Enabled: 1, Direction: 1, Action: 2, Profile: 0, Protocol: 'TCP', LocalPort: '3389' },
      ...(kmsRuleEnabled ? [{ Name: 'SPPSVC-In-TCP', DisplayName: 'Key Management Service (TCP-In)', Enabled: 1, Direction: 1, Action: 2, Profile: 3, Protocol: 'TCP', LocalPort: '1688' }] : []),
    ],
  });
}

const logHealth = (full: boolean, records: number): string =>
  json([
    { LogName: 'Key Management Service', IsEnabled: true, IsLogFull: full, LogMode: full ? 2 : 0, RecordCount: records, FileSize: 1052672, MaximumSizeInBytes: 1052672, LastWriteTime: '/Date(1795165200000)/' },
    { LogName: 'Application', IsEnabled: true, IsLogFull: false, LogMode: 0, RecordCount: 18234, FileSize: 20975616, MaximumSizeInBytes: 20971520, LastWriteTime: '/Date(1795165200000)/' },
  ]);

function probes(srv: ProbeDocument['srv'], hosts: ProbeDocument['hosts']): string {
  return json({ srv, hosts });
}

const srvOk = (server: string, target: string, addresses: readonly string[], extra: ReadonlyArray<{ target: string; addresses: readonly string[] }> = []): ProbeDocument['srv'][number] => ({
  name: '_vlmcs._tcp.contoso.com',
  server,
  status: 'ok',
  hresult: null,
  records: [{ target, port: 1688, priority: 0, weight: 0, addresses: [...addresses] }, ...extra.map((e) => ({ target: e.target, port: 1688, priority: 0, weight: 0, addresses: [...e.addresses] }))],
});

// ---------------------------------------------------------------------------------------------------
// The samples

interface Sample {
  readonly name: string;
  /** The root cause the verdict names, reported first (null: none). */
  readonly expectFirst: string | null;
  /** The verdict's state. */
  readonly expectState: 'healthy' | 'problem' | 'warning' | 'unknown';
  readonly role: BundleManifest['role'];
  readonly machine: string;
  readonly os: string;
  readonly build: string;
  readonly created: string;
  readonly files: Partial<Record<EvidenceKind, string>>;
  readonly failedCollectors?: BundleManifest['failedCollectors'];
  readonly notes?: string[];
}

const commands: Partial<Record<EvidenceKind, string>> = {
  slmgrDlv: 'cscript //nologo //U %SystemRoot%\\System32\\slmgr.vbs /dlv',
  slmgrDlvAll: 'cscript //nologo //U %SystemRoot%\\System32\\slmgr.vbs /dlv all',
  cimProducts: "Get-CimInstance SoftwareLicensingProduct -Filter 'PartialProductKey IS NOT NULL' | ConvertTo-Json -Depth 8",
  cimService: 'Get-CimInstance SoftwareLicensingService | ConvertTo-Json -Depth 8',
  eventsKmsHostXml: "Get-WinEvent -FilterHashtable @{LogName='Key Management Service'; Id=12290; StartTime=<created-30d>} | ForEach-Object { $_.ToXml() }",
  eventsApplicationSppXml: "Get-WinEvent -FilterHashtable @{LogName='Application'; ProviderName='Microsoft-Windows-Security-SPP'; Id=12288,12289,8198,12308,1003; StartTime=<created-30d>} | ForEach-Object { $_.ToXml() }",
  eventsHostDnsPublishXml: "wevtutil qe Application /q:*[System[(EventID=12293 or EventID=12294)]] /f:xml /e:Events /rd:true",
  eventsKmsHostEvtx: "wevtutil epl 'Key Management Service' events\\kms-host.evtx /ow:true",
  eventsHostDnsPublishEvtx: 'wevtutil epl Application events\\kms-host-dns-publish.evtx /q:*[System[(EventID=12293 or EventID=12294)]] /ow:true',
  eventsApplicationSppEvtx: "wevtutil epl Application events\\application-spp.evtx /q:*[System[Provider[@Name='Microsoft-Windows-Security-SPP'] and (EventID=12288 or EventID=12289 or EventID=8198 or EventID=12308 or EventID=1003)]] /ow:true",
  eventLogHealth: "Get-WinEvent -ListLog 'Key Management Service','Application' | Select-Object LogName, IsEnabled, IsLogFull, LogMode, RecordCount, FileSize, MaximumSizeInBytes, LastWriteTime | ConvertTo-Json",
  dnsClient: 'PowerShell: DNS client configuration | ConvertTo-Json -Depth 4',
  kmsClientRegistry: "Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SoftwareProtectionPlatform' | Select-Object KeyManagementService* | ConvertTo-Json",
  hostConfig: "Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SoftwareProtectionPlatform' | Select-Object DisableDnsPublishing, DnsDomainPublishList, KeyManagementServiceListeningPort, EnableKmsLowPriority | ConvertTo-Json",
  firewall: 'PowerShell: Get-NetFirewallProfile, Get-NetFirewallRule -Direction Inbound -Enabled True -Action Allow | ConvertTo-Json -Depth 4',
  system: 'PowerShell: Win32_OperatingSystem, Win32_ComputerSystem, elevation, time zone | ConvertTo-Json',
  probes: 'kms-doctor probe --domain contoso.com --json',
};

function samples(): Sample[] {
  const next = rng(2026);
  const created = '2026-11-20T09:00:00.000Z';
  const c = ms(created);
  const kmsIp = ['10.0.0.5'];
  const hostProbeOk = { host: 'kms01.contoso.com', port: 1688, source: 'srv' as const, tcp: { status: 'connected' as const, ms: 3 }, rpc: { status: 'kms' as const, ms: 5 } };
  const clientCmid = guid(next);
  const renewals = (hresult: string, count: number): ClientRequest[] =>
    [28, 21, 14, 7, 0].map((d) => ({ t: c - d * 86_400_000 - 3_600_000, host: 'kms01.contoso.com:1688', hresult, response: { hresult, activated: hresult === '0x00000000', count }, licenseState: 1, minutes: 259200 }));
  const healthyClients = Array.from({ length: 40 }, (_, i): HostClient => ({ name: `pc${String(i + 1).padStart(3, '0')}.contoso.com`, cmid: guid(next), minimumCount: i < 32 ? 25 : 5, isVm: i % 4 === 0 }));
  const publishOk = (t: number, record: number): string => hostLogEvent(12294, t, record, 'kms01.contoso.com', ['contoso.com']);

  const clientBase = (name: string): Partial<Record<EvidenceKind, string>> => ({
    system: systemInfo(name.toUpperCase(), 'Microsoft Windows 11 Enterprise', '22631', 'Enterprise', true, created),
    dnsClient: dnsClient(name.toUpperCase(), ['10.0.0.10', '10.0.0.11']),
    kmsClientRegistry: clientRegistry(null, null),
  });
  const hostBase = (status: HostDlv['status'], count: number, total: number, failed: number): Partial<Record<EvidenceKind, string>> => ({
    slmgrDlvAll: hostDlv({ status, count, total, failed }),
    system: systemInfo('KMS01', 'Microsoft Windows Server 2022 Standard', '20348', 'ServerStandard', true, created),
    dnsClient: dnsClient('KMS01', ['10.0.0.10']),
    hostConfig: hostConfig(null, null),
    firewall: firewall(true),
    eventLogHealth: logHealth(false, 1234),
    probes: probes([srvOk('10.0.0.10:53', 'kms01.contoso.com', kmsIp)], [{ ...hostProbeOk }]),
  });

  const dupCmid = guid(next);
  return [
    {
      name: 'healthy-client', expectFirst: null, expectState: 'healthy', role: 'client', machine: 'PC017', os: 'Microsoft Windows 11 Enterprise', build: '22631', created,
      files: {
        ...clientBase('pc017'),
        slmgrDlv: clientDlv({ name: 'Windows(R), Enterprise edition', channel: 'VOLUME_KMSCLIENT', activationId: enterpriseActId, keyChannel: 'Volume:GVLK', partialKey: '2YT43', status: 'Licensed', minutes: 259140, cmid: clientCmid, kms: 'kms01.contoso.com:1688', kmsIp: '10.0.0.5' }),
        eventsApplicationSppXml: clientEventsXml('PC017.contoso.com', clientCmid, renewals('0x00000000', 40)),
        probes: probes([srvOk('10.0.0.10:53', 'kms01.contoso.com', kmsIp), srvOk('10.0.0.11:53', 'kms01.contoso.com', kmsIp)], [{ ...hostProbeOk }]),
      },
    },
    {
      name: 'healthy-host', expectFirst: null, expectState: 'healthy', role: 'host', machine: 'KMS01', os: 'Microsoft Windows Server 2022 Standard', build: '20348', created,
      files: { ...hostBase('Licensed', 40, 1812, 0), eventsKmsHostXml: hostEventsXml('kms01.contoso.com', healthyClients, c, 4), eventsHostDnsPublishXml: dnsPublishXml([publishOk(c - 3_600_000, 9000)]) },
    },
    {
      name: 'client-no-srv', expectFirst: 'client.dns-no-srv', expectState: 'problem', role: 'client', machine: 'PC102', os: 'Microsoft Windows 11 Enterprise', build: '22631', created,
      files: {
        ...clientBase('pc102'),
        slmgrDlv: clientDlv({ name: 'Windows(R), Enterprise edition', channel: 'VOLUME_KMSCLIENT', activationId: enterpriseActId, keyChannel: 'Volume:GVLK', partialKey: '2YT43', status: 'Notification', reason: 'C004F056', cmid: guid(next) }),
        eventsApplicationSppXml: `${[
          appEvent(8198, c - 7_200_000, 5120, 'PC102.contoso.com', ['hr=0x8007232B', 'RuleId=31e71c49-8da7-4a2f-ad92-45d98a1c79ba;Action=AutoActivate;AppId=55c92734-d682-4d71-983e-d6ec3f16059f;SkuId=73111121-5638-40f6-bc11-f1d7b0d64300;NotificationInterval=1440;Trigger=TimerEvent']),
          appEvent(8198, c - 600_000, 5188, 'PC102.contoso.com', ['hr=0x8007232B', 'RuleId=31e71c49-8da7-4a2f-ad92-45d98a1c79ba;Action=AutoActivate;AppId=55c92734-d682-4d71-983e-d6ec3f16059f;SkuId=73111121-5638-40f6-bc11-f1d7b0d64300;NotificationInterval=1440;Trigger=TimerEvent']),
        ].join('\r\n')}\r\n`,
        probes: probes(
          [
            { name: '_vlmcs._tcp.contoso.com', server: '10.0.0.10:53', status: 'nxdomain', hresult: '0x8007232B', records: [] },
            { name: '_vlmcs._tcp.contoso.com', server: '10.0.0.11:53', status: 'nxdomain', hresult: '0x8007232B', records: [] },
          ],
          [],
        ),
      },
    },
    {
      name: 'client-port-filtered', expectFirst: 'client.port-unreachable', expectState: 'problem', role: 'client', machine: 'PC215', os: 'Microsoft Windows 11 Enterprise', build: '22631', created,
      files: {
        ...clientBase('pc215'),
        slmgrDlv: clientDlv({ name: 'Windows(R), Enterprise edition', channel: 'VOLUME_KMSCLIENT', activationId: enterpriseActId, keyChannel: 'Volume:GVLK', partialKey: '2YT43', status: 'Initial grace period', minutes: 28800, cmid: guid(next) }),
        eventsApplicationSppXml: clientEventsXml('PC215.contoso.com', guid(next), [
          { t: c - 4 * 3_600_000, host: 'kms01.contoso.com:1688', hresult: '0xC004F074', response: null },
          { t: c - 2 * 3_600_000, host: 'kms01.contoso.com:1688', hresult: '0xC004F074', response: null },
        ]),
        probes: probes([srvOk('10.0.0.10:53', 'kms01.contoso.com', kmsIp)], [{ host: 'kms01.contoso.com', port: 1688, source: 'srv', tcp: { status: 'timeout', ms: 3000 }, rpc: { status: 'skipped', ms: 0 } }]),
      },
    },
    {
      name: 'client-mak', expectFirst: 'client.channel-not-kms', expectState: 'problem', role: 'client', machine: 'PC330', os: 'Microsoft Windows 11 Enterprise', build: '22631', created,
      files: {
        ...clientBase('pc330'),
        slmgrDlv: clientDlv({ name: 'Windows(R), Enterprise edition', channel: 'VOLUME_MAK', activationId: enterpriseActId, keyChannel: 'Volume:MAK', partialKey: 'QF7KM', status: 'Notification', reason: 'C004F009', cmid: guid(next) }),
        eventsApplicationSppXml: '<Events>\r\n</Events>\r\n',
        probes: probes([srvOk('10.0.0.10:53', 'kms01.contoso.com', kmsIp)], [{ ...hostProbeOk }]),
      },
      notes: ['A MAK key on a machine of a KMS network (the SRV record answers): not activated, and it never asks the KMS host. Install the GVLK.'],
    },
    {
      name: 'client-clock-skew', expectFirst: 'client.clock-skew', expectState: 'problem', role: 'client', machine: 'PC404', os: 'Microsoft Windows 11 Enterprise', build: '22631', created,
      files: {
        ...clientBase('pc404'),
        slmgrDlv: clientDlv({ name: 'Windows(R), Enterprise edition', channel: 'VOLUME_KMSCLIENT', activationId: enterpriseActId, keyChannel: 'Volume:GVLK', partialKey: '2YT43', status: 'Initial grace period', minutes: 41520, cmid: guid(next) }),
        eventsApplicationSppXml: clientEventsXml('PC404.contoso.com', guid(next), [
          { t: c - 3 * 3_600_000, host: 'kms01.contoso.com:1688', hresult: '0xC004F06C', response: null, skewMs: -5 * 3_600_000 },
          { t: c - 3_600_000, host: 'kms01.contoso.com:1688', hresult: '0xC004F06C', response: null, skewMs: -5 * 3_600_000 },
        ]),
        probes: probes([srvOk('10.0.0.10:53', 'kms01.contoso.com', kmsIp)], [{ ...hostProbeOk }]),
      },
    },
    {
      name: 'client-count-insufficient', expectFirst: 'client.count-insufficient', expectState: 'problem', role: 'client', machine: 'PC005', os: 'Microsoft Windows 11 Enterprise', build: '22631', created,
      files: {
        ...clientBase('pc005'),
        slmgrDlv: clientDlv({ name: 'Windows(R), Enterprise edition', channel: 'VOLUME_KMSCLIENT', activationId: enterpriseActId, keyChannel: 'Volume:GVLK', partialKey: '2YT43', status: 'Initial grace period', minutes: 36000, cmid: guid(next) }),
        eventsApplicationSppXml: clientEventsXml('PC005.contoso.com', guid(next), [
          { t: c - 4 * 3_600_000, host: 'kms01.contoso.com:1688', hresult: '0xC004F038', response: { hresult: '0xC004F038', activated: false, count: 4 } },
          { t: c - 2 * 3_600_000, host: 'kms01.contoso.com:1688', hresult: '0xC004F038', response: { hresult: '0xC004F038', activated: false, count: 4 } },
        ]),
        probes: probes([srvOk('10.0.0.10:53', 'kms01.contoso.com', kmsIp)], [{ ...hostProbeOk }]),
      },
    },
    {
      name: 'host-count-below-threshold', expectFirst: 'host.count-below-threshold', expectState: 'problem', role: 'host', machine: 'KMS01', os: 'Microsoft Windows Server 2022 Standard', build: '20348', created,
      files: {
        ...hostBase('Licensed', 12, 96, 60),
        eventsKmsHostXml: hostEventsXml('kms01.contoso.com', healthyClients.slice(0, 12).map((h) => ({ ...h, minimumCount: 25, hresult: '0xC004F038' })), c, 4),
        eventsHostDnsPublishXml: dnsPublishXml([publishOk(c - 3_600_000, 9000)]),
      },
    },
    {
      name: 'host-duplicate-cmid', expectFirst: 'host.duplicate-cmid', expectState: 'problem', role: 'host', machine: 'KMS01', os: 'Microsoft Windows Server 2022 Standard', build: '20348', created,
      files: {
        ...hostBase('Licensed', 1, 180, 180),
        eventsKmsHostXml: hostEventsXml('kms01.contoso.com', Array.from({ length: 30 }, (_, i) => ({ name: `lab${String(i + 1).padStart(2, '0')}.contoso.com`, cmid: dupCmid, minimumCount: 25, hresult: '0xC004F038' })), c, 3),
        eventsHostDnsPublishXml: dnsPublishXml([publishOk(c - 3_600_000, 9000)]),
      },
    },
    {
      name: 'host-dns-publish-failed', expectFirst: 'host.dns-publish-failed', expectState: 'problem', role: 'host', machine: 'KMS02', os: 'Microsoft Windows Server 2022 Standard', build: '20348', created,
      files: {
        ...hostBase('Licensed', 40, 900, 0),
        system: systemInfo('KMS02', 'Microsoft Windows Server 2022 Standard', '20348', 'ServerStandard', true, created),
        dnsClient: dnsClient('KMS02', ['10.0.0.10']),
        probes: probes([srvOk('10.0.0.10:53', 'kms01.contoso.com', kmsIp)], [{ ...hostProbeOk }]),
        eventsKmsHostXml: hostEventsXml('kms02.contoso.com', healthyClients, c, 2),
        eventsHostDnsPublishXml: dnsPublishXml([
          hostLogEvent(12293, c - 26 * 3_600_000, 9001, 'kms02.contoso.com', ['0x80072338', 'contoso.com']),
          hostLogEvent(12293, c - 2 * 3_600_000, 9002, 'kms02.contoso.com', ['0x80072338', 'contoso.com']),
        ]),
      },
    },
    {
      name: 'host-not-licensed', expectFirst: 'host.not-licensed', expectState: 'problem', role: 'host', machine: 'KMS03', os: 'Microsoft Windows Server 2022 Standard', build: '20348', created,
      files: {
        ...hostBase('Initial grace period', 0, 14, 14),
        system: systemInfo('KMS03', 'Microsoft Windows Server 2022 Standard', '20348', 'ServerStandard', true, created),
        dnsClient: dnsClient('KMS03', ['10.0.0.10']),
        probes: probes([srvOk('10.0.0.10:53', 'kms03.contoso.com', ['10.0.0.7'])], [{ host: 'kms03.contoso.com', port: 1688, source: 'srv', tcp: { status: 'connected', ms: 2 }, rpc: { status: 'kms', ms: 4 } }]),
        eventsKmsHostXml: hostEventsXml('kms03.contoso.com', healthyClients.slice(0, 7).map((h) => ({ ...h, hresult: '0xC004F041' })), c, 2),
      },
    },
    {
      name: 'host-firewall-closed', expectFirst: 'host.firewall-closed', expectState: 'problem', role: 'host', machine: 'KMS04', os: 'Microsoft Windows Server 2022 Standard', build: '20348', created,
      files: {
        ...hostBase('Licensed', 0, 0, 0),
        system: systemInfo('KMS04', 'Microsoft Windows Server 2022 Standard', '20348', 'ServerStandard', true, created),
        dnsClient: dnsClient('KMS04', ['10.0.0.10']),
        firewall: firewall(false),
        probes: probes([srvOk('10.0.0.10:53', 'kms04.contoso.com', ['10.0.0.8'])], []),
        eventsKmsHostXml: '<Events>\r\n</Events>\r\n',
        eventsHostDnsPublishXml: dnsPublishXml([publishOk(c - 3_600_000, 9000).replace(/kms01/g, 'kms04')]),
      },
      notes: ['A new KMS host: published in DNS, but the built-in firewall exception was never enabled, so no client request arrived.'],
    },
    {
      name: 'client-mak-licensed', expectFirst: null, expectState: 'healthy', role: 'client', machine: 'PC331', os: 'Microsoft Windows 11 Enterprise', build: '22631', created,
      files: {
        ...clientBase('pc331'),
        slmgrDlv: clientDlv({ name: 'Windows(R), Enterprise edition', channel: 'VOLUME_MAK', activationId: enterpriseActId, keyChannel: 'Volume:MAK', partialKey: 'QF7KM', status: 'Licensed', cmid: guid(next) }),
        eventsApplicationSppXml: '<Events>\r\n</Events>\r\n',
        probes: probes([srvOk('10.0.0.10:53', 'kms01.contoso.com', kmsIp)], [{ ...hostProbeOk }]),
      },
      notes: ['Licensed through MAK: a working licence, KMS is not involved (an info line at most, never a fix).'],
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// What a real collection adds beside /dlv (DESIGN.md §3): CIM JSON, /dlv all, the Application log's health.
// The CIM objects are written from the sample's own /dlv text, property by property as Windows
// PowerShell 5.1 prints `Get-CimInstance SoftwareLicensingProduct | ConvertTo-Json` (knowledge/
// SLMGR-AND-EVENTS.md §c maps each slmgr line to its WMI property), so both sources say the same thing.

const notApplicable = 4294967295;
const statusCode = (product: SlmgrProduct): number => licenseStates.find((state) => state.status === product.licenseStatus)?.code ?? 0;

function cimProduct(product: SlmgrProduct): Record<string, unknown> {
  const client = product.kmsClient;
  const host = product.kmsHost;
  const reason = product.notificationReason === null ? 0 : Number.parseInt(product.notificationReason, 16);
  return {
    Name: product.name,
    Description: product.description,
    ID: product.activationId,
    ApplicationID: product.applicationId,
    ProductKeyID: product.extendedPid,
    ProductKeyChannel: product.productKeyChannel,
    PartialProductKey: product.partialProductKey,
    LicenseStatus: statusCode(product),
    LicenseStatusReason: reason,
    GracePeriodRemaining: product.remainingMinutes ?? 0,
    KeyManagementServiceMachine: client?.registeredKmsMachine?.name ?? null,
    KeyManagementServicePort: client?.registeredKmsMachine?.port ?? 0,
    KeyManagementServiceLookupDomain: client?.registeredLookupDomain ?? null,
    DiscoveredKeyManagementServiceMachineName: client?.kmsMachineFromDns?.name ?? null,
    DiscoveredKeyManagementServiceMachinePort: client?.kmsMachineFromDns?.port ?? 0,
    DiscoveredKeyManagementServiceMachineIpAddress: client?.kmsMachineIp ?? null,
    KeyManagementServiceProductKeyID: client?.kmsMachineExtendedPid ?? null,
    VLActivationInterval: client?.activationIntervalMinutes ?? notApplicable,
    VLRenewalInterval: client?.renewalIntervalMinutes ?? notApplicable,
    VLActivationTypeEnabled: 0,
    IsKeyManagementServiceMachine: host === null ? 0 : 1,
    KeyManagementServiceCurrentCount: host?.currentCount ?? notApplicable,
    KeyManagementServiceTotalRequests: host?.requests?.total ?? notApplicable,
    KeyManagementServiceFailedRequests: host?.requests?.failed ?? notApplicable,
    KeyManagementServiceUnlicensedRequests: host?.requests?.unlicensed ?? notApplicable,
    KeyManagementServiceLicensedRequests: host?.requests?.licensed ?? notApplicable,
    KeyManagementServiceOOBGraceRequests: host?.requests?.initialGrace ?? notApplicable,
    KeyManagementServiceOOTGraceRequests: host?.requests?.expiredOrHwOutOfTolerance ?? notApplicable,
    KeyManagementServiceNonGenuineGraceRequests: host?.requests?.nonGenuineGrace ?? notApplicable,
    KeyManagementServiceNotificationRequests: host?.requests?.notification ?? notApplicable,
  };
}

function cimService(report: SlmgrReport): Record<string, unknown> {
  const client = report.products.find((product) => product.kmsClient !== null)?.kmsClient ?? null;
  const host = report.products.find((product) => product.kmsHost !== null)?.kmsHost ?? null;
  return {
    Version: report.serviceVersion,
    ClientMachineID: client?.cmid ?? null,
    KeyManagementServiceListeningPort: host?.listeningPort ?? 0,
    KeyManagementServiceDnsPublishing: host?.dnsPublishing ?? true,
    KeyManagementServiceLowPriority: host?.lowPriority ?? false,
    KeyManagementServiceHostCaching: client?.hostCaching ?? true,
  };
}

/** The sample's files plus what a real collection of the same machine would also hold. */
function completeCollection(files: Sample['files']): Sample['files'] {
  const dlv = files.slmgrDlv ?? files.slmgrDlvAll;
  if (dlv === undefined) return files;
  const report = parseSlmgrText(dlv);
  return {
    slmgrDlvAll: dlv,
    cimProducts: json(report.products.filter((product) => product.partialProductKey !== null).map(cimProduct)),
    cimService: json(cimService(report)),
    eventLogHealth: logHealth(false, 1234),
    // A host's collection always holds the DNS-publishing query, events or not.
    ...(files.eventsKmsHostXml === undefined ? {} : { eventsHostDnsPublishXml: '<Events>\r\n</Events>\r\n' }),
    ...files,
    slmgrDlv: files.slmgrDlv ?? dlv,
  };
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Each event XML's .evtx twin: a real collection exports the same query with `wevtutil epl`. */
const evtxTwinOf: Partial<Record<EvidenceKind, EvidenceKind>> = {
  eventsKmsHostXml: 'eventsKmsHostEvtx',
  eventsHostDnsPublishXml: 'eventsHostDnsPublishEvtx',
  eventsApplicationSppXml: 'eventsApplicationSppEvtx',
};

/** The sample's files as bytes: the texts (UTF-8) and, for each event XML, the same events as .evtx. */
function withEvtx(files: Sample['files']): Array<[EvidenceKind, Buffer]> {
  const out: Array<[EvidenceKind, Buffer]> = [];
  for (const [kind, text] of Object.entries(files) as Array<[EvidenceKind, string]>) {
    out.push([kind, Buffer.from(text, 'utf8')]);
    const twin = evtxTwinOf[kind];
    if (twin !== undefined) out.push([twin, eventXmlToEvtx(text)]);
  }
  return out;
}

/** Writes every sample directory (removing what was there) and returns their names. */
export async function buildSamples(outDir = root): Promise<Array<{ name: string; expectFirst: string | null; expectState: Sample['expectState'] }>> {
  const built: Array<{ name: string; expectFirst: string | null; expectState: Sample['expectState'] }> = [];
  for (const s of samples()) {
    const dir = path.join(outDir, s.name);
    await rm(dir, { recursive: true, force: true });
    const files: ManifestFile[] = [];
    for (const [kind, content] of withEvtx(completeCollection(s.files))) {
      const rel = bundlePaths[kind];
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), content);
      const encoding = rel.endsWith('.evtx') ? 'binary' : 'utf-8';
      files.push({ path: rel, size: content.length, sha256: sha256(content), kind, producedBy: { command: commands[kind] ?? 'tool', exitCode: 0, durationMs: 250, encoding } });
    }
    files.sort((a, b) => a.path.localeCompare(b.path));
    const manifest = manifestSchema.parse({
      formatVersion: bundleFormatVersion,
      toolVersion,
      created: s.created,
      machine: { name: s.machine, os: s.os, build: s.build, edition: null, locale: 'ja-JP', elevated: true },
      role: s.role,
      redacted: false,
      files,
      failedCollectors: s.failedCollectors ?? [],
      notes: [`Sample machine "${s.name}" generated by tools/build-samples.ts; expected verdict: ${s.expectState}, root cause: ${s.expectFirst ?? 'none'}.`, ...(s.notes ?? [])],
    });
    await writeFile(path.join(dir, bundlePaths.manifest), `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    built.push({ name: s.name, expectFirst: s.expectFirst, expectState: s.expectState });
  }
  await writeFile(path.join(outDir, 'expected.json'), `${JSON.stringify(built, null, 2)}\n`, 'utf8');
  return built;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildSamples();
  process.stdout.write(`${built.length} samples written to ${root}\n`);
}

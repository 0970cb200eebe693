/**
 * Parsers for the small PowerShell evidence files of a bundle (DESIGN.md §3), other than slmgr, CIM and
 * events. Each file is what Windows PowerShell 5.1 `ConvertTo-Json` prints for the command documented
 * above its parser, so these parsers accept that serializer's quirks:
 * - a pipeline of one object is printed as an object, of several as an array (`asArray`);
 * - enums are printed as numbers (`Direction: 1`), or as strings when the collector used `-as [string]`
 *   or `Select-Object @{n=…;e={"$($_.X)"}}`; both are accepted;
 * - DateTime is printed as `"\/Date(1700000000000)\/"` (JSON-escaped slash) unless `.ToString('o')` was used;
 * - booleans are JSON booleans; registry values that are not set come out as null.
 * Every parser returns null fields rather than guessing, and throws EvidenceParseError (one line) when the
 * JSON is not the expected shape at all.
 */

export class EvidenceParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvidenceParseError';
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function parseJson(text: string, what: string): Json {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
  } catch (error) {
    throw new EvidenceParseError(`${what}: not valid JSON (${error instanceof Error ? error.message : 'parse error'})`);
  }
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** PowerShell prints one object as an object and several as an array; null as nothing. */
function asArray(value: Json | undefined): Json[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function str(value: Json | undefined): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return String(value);
  return null;
}

function num(value: Json | undefined): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return null;
}

function bool(value: Json | undefined): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    if (/^(true|1)$/i.test(value)) return true;
    if (/^(false|0)$/i.test(value)) return false;
  }
  return null;
}

function strings(value: Json | undefined): string[] {
  return asArray(value).map((item) => str(item)).filter((item): item is string => item !== null);
}

/** `"\/Date(1700000000000)\/"` (after JSON decoding: `/Date(…)/`) or an ISO string → ISO 8601 UTC. */
export function psDateToIso(value: Json | undefined): string | null {
  if (typeof value !== 'string') return null;
  const ms = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value);
  if (ms) return new Date(Number(ms[1])).toISOString();
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}

function object(json: Json, what: string): JsonObject {
  const first = Array.isArray(json) ? json[0] : json;
  if (!isObject(first)) throw new EvidenceParseError(`${what}: expected a JSON object`);
  return first;
}

// ---------------------------------------------------------------------------------------------------
// network/dns-client.json
//   [pscustomobject]@{
//     ComputerName = $env:COMPUTERNAME
//     PrimaryDnsSuffix = (Get-ItemProperty HKLM:\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters).Domain
//     Domain = (Get-CimInstance Win32_ComputerSystem).Domain
//     PartOfDomain = (Get-CimInstance Win32_ComputerSystem).PartOfDomain
//     SuffixSearchList = (Get-DnsClientGlobalSetting).SuffixSearchList
//     Interfaces = @(Get-DnsClient | Select-Object InterfaceAlias, InterfaceIndex, ConnectionSpecificSuffix)
//     ServerAddresses = @(Get-DnsClientServerAddress | Select-Object InterfaceAlias, InterfaceIndex, AddressFamily, ServerAddresses)
//   } | ConvertTo-Json -Depth 4
// AddressFamily prints as 2 (IPv4) or 23 (IPv6).

/**
 * Win32_ComputerSystem.Domain is the workgroup name on a machine that is not joined ("WORKGROUP"): it is a DNS
 * domain only when PartOfDomain is true (an unknown PartOfDomain, as in older files, keeps the value).
 */
function domainIfJoined(o: { readonly Domain?: Json; readonly PartOfDomain?: Json }): string | null {
  return bool(o.PartOfDomain) === false ? null : str(o.Domain);
}

export interface DnsClientEvidence {
  readonly computerName: string | null;
  readonly primaryDnsSuffix: string | null;
  readonly domain: string | null;
  readonly partOfDomain: boolean | null;
  readonly suffixSearchList: readonly string[];
  readonly interfaces: ReadonlyArray<{ readonly alias: string | null; readonly index: number | null; readonly connectionSpecificSuffix: string | null }>;
  readonly serverAddresses: ReadonlyArray<{ readonly alias: string | null; readonly index: number | null; readonly family: 'IPv4' | 'IPv6' | null; readonly servers: readonly string[] }>;
}

function family(value: Json | undefined): 'IPv4' | 'IPv6' | null {
  const n = num(value);
  if (n === 2 || value === 'IPv4') return 'IPv4';
  if (n === 23 || value === 'IPv6') return 'IPv6';
  return null;
}

/** Parses network/dns-client.json (see the command above). */
export function parseDnsClientJson(text: string): DnsClientEvidence {
  const o = object(parseJson(text, 'dns-client.json'), 'dns-client.json');
  if (!('SuffixSearchList' in o) && !('ServerAddresses' in o) && !('PrimaryDnsSuffix' in o)) {
    throw new EvidenceParseError('dns-client.json: none of PrimaryDnsSuffix, SuffixSearchList, ServerAddresses present');
  }
  return {
    computerName: str(o.ComputerName),
    primaryDnsSuffix: str(o.PrimaryDnsSuffix),
    domain: domainIfJoined(o),
    partOfDomain: bool(o.PartOfDomain),
    suffixSearchList: strings(o.SuffixSearchList),
    interfaces: asArray(o.Interfaces).filter(isObject).map((i) => ({
      alias: str(i.InterfaceAlias),
      index: num(i.InterfaceIndex),
      connectionSpecificSuffix: str(i.ConnectionSpecificSuffix),
    })),
    serverAddresses: asArray(o.ServerAddresses).filter(isObject).map((s) => ({
      alias: str(s.InterfaceAlias),
      index: num(s.InterfaceIndex),
      family: family(s.AddressFamily),
      servers: strings(s.ServerAddresses),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------
// network/kms-client-registry.json and host/kms-host-config.json: the same key, two selections
//   Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\SoftwareProtectionPlatform' |
//     Select-Object KeyManagementServiceName, KeyManagementServicePort, KeyManagementServiceLookupDomain,
//                   VLActivationInterval, VLRenewalInterval | ConvertTo-Json
//   Get-ItemProperty '…\SoftwareProtectionPlatform' |
//     Select-Object DisableDnsPublishing, DnsDomainPublishList, KeyManagementServiceListeningPort,
//                   EnableKmsLowPriority | ConvertTo-Json
// Values that are not set print as null; REG_SZ ports print as strings ("1688"), DWORDs as numbers,
// REG_MULTI_SZ as an array (or one string when it holds one line).

export interface KmsClientRegistryEvidence {
  readonly kmsName: string | null;
  readonly kmsPort: number | null;
  readonly lookupDomain: string | null;
  readonly activationIntervalMinutes: number | null;
  readonly renewalIntervalMinutes: number | null;
}

/** Parses network/kms-client-registry.json (see the command above). */
export function parseKmsClientRegistryJson(text: string): KmsClientRegistryEvidence {
  const o = object(parseJson(text, 'kms-client-registry.json'), 'kms-client-registry.json');
  if (!('KeyManagementServiceName' in o) && !('KeyManagementServicePort' in o) && !('KeyManagementServiceLookupDomain' in o)) {
    throw new EvidenceParseError('kms-client-registry.json: no KeyManagementService* value present');
  }
  return {
    kmsName: str(o.KeyManagementServiceName),
    kmsPort: num(o.KeyManagementServicePort),
    lookupDomain: str(o.KeyManagementServiceLookupDomain),
    activationIntervalMinutes: num(o.VLActivationInterval),
    renewalIntervalMinutes: num(o.VLRenewalInterval),
  };
}

export interface PublishDomain {
  readonly domain: string;
  readonly priority: number | null;
  readonly weight: number | null;
}

export interface KmsHostConfigEvidence {
  /** null when the value is not set (publishing is then enabled). */
  readonly disableDnsPublishing: boolean | null;
  readonly dnsDomainPublishList: readonly PublishDomain[];
  /** null when not set (the host then listens on 1688). */
  readonly listeningPort: number | null;
  readonly lowPriority: boolean | null;
}

/** Parses host/kms-host-config.json (see the command above). */
export function parseKmsHostConfigJson(text: string): KmsHostConfigEvidence {
  const o = object(parseJson(text, 'kms-host-config.json'), 'kms-host-config.json');
  if (!('DisableDnsPublishing' in o) && !('DnsDomainPublishList' in o) && !('KeyManagementServiceListeningPort' in o)) {
    throw new EvidenceParseError('kms-host-config.json: none of DisableDnsPublishing, DnsDomainPublishList, KeyManagementServiceListeningPort present');
  }
  return {
    disableDnsPublishing: bool(o.DisableDnsPublishing),
    dnsDomainPublishList: strings(o.DnsDomainPublishList).map((line) => {
      const [domain = '', priority, weight] = line.split(',').map((part) => part.trim());
      return { domain, priority: num(priority ?? null), weight: num(weight ?? null) };
    }).filter((entry) => entry.domain !== ''),
    listeningPort: num(o.KeyManagementServiceListeningPort),
    lowPriority: bool(o.EnableKmsLowPriority),
  };
}

// ---------------------------------------------------------------------------------------------------
// host/firewall.json
//   [pscustomobject]@{
//     Profiles = @(Get-NetFirewallProfile | Select-Object Name, Enabled, DefaultInboundAction)
//     ActiveProfiles = @((Get-NetConnectionProfile).NetworkCategory)
//     Rules = @(Get-NetFirewallRule -Direction Inbound -Enabled True -Action Allow | ForEach-Object {
//       $p = $_ | Get-NetFirewallPortFilter
//       [pscustomobject]@{ Name = $_.Name; DisplayName = $_.DisplayName; Enabled = $_.Enabled;
//         Direction = $_.Direction; Action = $_.Action; Profile = $_.Profile;
//         Protocol = $p.Protocol; LocalPort = $p.LocalPort } })
//   } | ConvertTo-Json -Depth 4
// Enums print as numbers: Enabled 1 True / 2 False; Direction 1 Inbound / 2 Outbound; Action 2 Allow /
// 4 Block; Profile flags 0 Any, 1 Domain, 2 Private, 4 Public; DefaultInboundAction 0 NotConfigured,
// 2 Allow, 4 Block; NetworkCategory 0 Public, 1 Private, 2 DomainAuthenticated. LocalPort is "1688",
// "Any", "1680-1690" or an array of those.

export type FirewallProfileName = 'Domain' | 'Private' | 'Public';

export interface FirewallRule {
  readonly name: string | null;
  readonly displayName: string | null;
  readonly enabled: boolean;
  readonly inbound: boolean;
  readonly allow: boolean;
  /** Empty = any profile. */
  readonly profiles: readonly FirewallProfileName[];
  readonly protocol: string | null;
  readonly localPorts: readonly string[];
}

export interface FirewallEvidence {
  readonly profiles: ReadonlyArray<{ readonly name: FirewallProfileName | null; readonly enabled: boolean | null }>;
  readonly activeProfiles: readonly FirewallProfileName[];
  readonly rules: readonly FirewallRule[];
}

function gpoBool(value: Json | undefined): boolean {
  // GpoBoolean: True = 1, False = 2 (not 0), so a plain truthiness test would be wrong.
  if (value === 1 || value === true || value === 'True' || value === '1') return true;
  return false;
}

function profileFlags(value: Json | undefined): FirewallProfileName[] {
  if (typeof value === 'string') {
    if (/^any$/i.test(value)) return [];
    return value.split(/\s*,\s*/).filter((p): p is FirewallProfileName => p === 'Domain' || p === 'Private' || p === 'Public');
  }
  const n = num(value);
  if (n === null || n === 0 || n === 0x7fffffff) return [];
  const out: FirewallProfileName[] = [];
  if (n & 1) out.push('Domain');
  if (n & 2) out.push('Private');
  if (n & 4) out.push('Public');
  return out;
}

function profileName(value: Json | undefined): FirewallProfileName | null {
  const s = str(value);
  return s === 'Domain' || s === 'Private' || s === 'Public' ? s : null;
}

function networkCategory(value: Json | undefined): FirewallProfileName | null {
  if (value === 0 || value === 'Public') return 'Public';
  if (value === 1 || value === 'Private') return 'Private';
  if (value === 2 || value === 'DomainAuthenticated') return 'Domain';
  return null;
}

/** Parses host/firewall.json (see the command above). */
export function parseFirewallJson(text: string): FirewallEvidence {
  const o = object(parseJson(text, 'firewall.json'), 'firewall.json');
  if (!('Rules' in o) && !('Profiles' in o)) throw new EvidenceParseError('firewall.json: neither Rules nor Profiles present');
  return {
    profiles: asArray(o.Profiles).filter(isObject).map((p) => ({ name: profileName(p.Name), enabled: gpoBool(p.Enabled) })),
    activeProfiles: asArray(o.ActiveProfiles).map(networkCategory).filter((p): p is FirewallProfileName => p !== null),
    rules: asArray(o.Rules).filter(isObject).map((r) => ({
      name: str(r.Name),
      displayName: str(r.DisplayName),
      enabled: gpoBool(r.Enabled),
      inbound: r.Direction === 1 || r.Direction === 'Inbound',
      allow: r.Action === 2 || r.Action === 'Allow',
      profiles: profileFlags(r.Profile),
      protocol: str(r.Protocol),
      localPorts: strings(r.LocalPort),
    })),
  };
}

/** True when a local-port list ("Any", "1688", "1680-1700", "RPC") covers the port. */
export function portListCovers(localPorts: readonly string[], port: number): boolean {
  if (localPorts.length === 0) return true;
  return localPorts.some((entry) => entry.split(',').some((item) => {
    const part = item.trim();
    if (/^any$/i.test(part)) return true;
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(part);
    if (range) return port >= Number(range[1]) && port <= Number(range[2]);
    return /^\d+$/.test(part) && Number(part) === port;
  }));
}

// ---------------------------------------------------------------------------------------------------
// system/info.json — one PowerShell call:
//   $os = Get-CimInstance Win32_OperatingSystem; $cs = Get-CimInstance Win32_ComputerSystem
//   [pscustomobject]@{
//     ComputerName = $env:COMPUTERNAME; Domain = $cs.Domain; PartOfDomain = $cs.PartOfDomain
//     OsCaption = $os.Caption; OsVersion = $os.Version; BuildNumber = $os.BuildNumber
//     EditionId = (Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion').EditionID
//     Elevated = ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole('Administrators')
//     TimeZoneId = (Get-TimeZone).Id; UtcOffsetMinutes = (Get-TimeZone).BaseUtcOffset.TotalMinutes
//     UtcNow = (Get-Date).ToUniversalTime().ToString('o'); Locale = (Get-Culture).Name
//   } | ConvertTo-Json

export interface SystemInfoEvidence {
  readonly computerName: string | null;
  readonly domain: string | null;
  readonly partOfDomain: boolean | null;
  readonly osCaption: string | null;
  readonly osVersion: string | null;
  readonly buildNumber: string | null;
  readonly editionId: string | null;
  readonly elevated: boolean | null;
  readonly timeZoneId: string | null;
  readonly utcOffsetMinutes: number | null;
  /** The machine's clock at collection time, ISO 8601 UTC. */
  readonly utcNow: string | null;
  readonly locale: string | null;
}

/** Parses system/info.json (see the command above). */
export function parseSystemInfoJson(text: string): SystemInfoEvidence {
  const o = object(parseJson(text, 'info.json'), 'system info');
  if (!('OsCaption' in o) && !('BuildNumber' in o) && !('Elevated' in o)) {
    throw new EvidenceParseError('system info: none of OsCaption, BuildNumber, Elevated present');
  }
  return {
    computerName: str(o.ComputerName),
    domain: domainIfJoined(o),
    partOfDomain: bool(o.PartOfDomain),
    osCaption: str(o.OsCaption),
    osVersion: str(o.OsVersion),
    buildNumber: str(o.BuildNumber),
    editionId: str(o.EditionId),
    elevated: bool(o.Elevated),
    timeZoneId: str(o.TimeZoneId),
    utcOffsetMinutes: num(o.UtcOffsetMinutes),
    utcNow: psDateToIso(o.UtcNow),
    locale: str(o.Locale),
  };
}

// ---------------------------------------------------------------------------------------------------
// events/log-health.json
//   Get-WinEvent -ListLog 'Key Management Service', 'Application' |
//     Select-Object LogName, IsEnabled, IsLogFull, LogMode, RecordCount, FileSize, MaximumSizeInBytes, LastWriteTime |
//     ConvertTo-Json
// LogMode prints as 0 Circular, 1 AutoBackup, 2 Retain; LastWriteTime as "\/Date(ms)\/".

export interface LogHealth {
  readonly logName: string | null;
  readonly isEnabled: boolean | null;
  readonly isLogFull: boolean | null;
  readonly logMode: 'Circular' | 'AutoBackup' | 'Retain' | null;
  readonly recordCount: number | null;
  readonly fileSize: number | null;
  readonly maximumSizeInBytes: number | null;
  readonly lastWriteTime: string | null;
}

function logMode(value: Json | undefined): LogHealth['logMode'] {
  if (value === 0 || value === 'Circular') return 'Circular';
  if (value === 1 || value === 'AutoBackup') return 'AutoBackup';
  if (value === 2 || value === 'Retain') return 'Retain';
  return null;
}

/** Parses events/log-health.json (see the command above): one entry per log. */
export function parseLogHealthJson(text: string): readonly LogHealth[] {
  const entries = asArray(parseJson(text, 'log-health.json')).filter(isObject);
  if (entries.length === 0 || !entries.every((e) => 'LogName' in e && ('IsLogFull' in e || 'LogMode' in e))) {
    throw new EvidenceParseError('log-health.json: expected Get-WinEvent -ListLog objects with LogName and IsLogFull');
  }
  return entries.map((e) => ({
    logName: str(e.LogName),
    isEnabled: bool(e.IsEnabled),
    isLogFull: bool(e.IsLogFull),
    logMode: logMode(e.LogMode),
    recordCount: num(e.RecordCount),
    fileSize: num(e.FileSize),
    maximumSizeInBytes: num(e.MaximumSizeInBytes),
    lastWriteTime: psDateToIso(e.LastWriteTime),
  }));
}

/** Which of the files above a parsed JSON value looks like, by its keys (content recognition). */
export function recognizeSystemEvidenceJson(value: unknown):
  | 'dnsClient' | 'kmsClientRegistry' | 'hostConfig' | 'firewall' | 'system' | 'eventLogHealth' | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'object' || first === null) return null;
  const has = (key: string): boolean => key in first;
  if (has('LogName') && (has('IsLogFull') || has('LogMode'))) return 'eventLogHealth';
  if (has('Rules') && (has('Profiles') || has('ActiveProfiles'))) return 'firewall';
  if (has('SuffixSearchList') || has('ServerAddresses')) return 'dnsClient';
  if (has('DisableDnsPublishing') || has('DnsDomainPublishList') || has('KeyManagementServiceListeningPort')) return 'hostConfig';
  if (has('KeyManagementServiceName') || has('KeyManagementServiceLookupDomain')) return 'kmsClientRegistry';
  if (has('OsCaption') || (has('BuildNumber') && has('Elevated'))) return 'system';
  return null;
}

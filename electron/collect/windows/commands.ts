import { z } from 'zod';

/**
 * The allowlist of everything the Windows collectors may run (DESIGN.md §3, SECURITY.md "No shell strings").
 *
 * Each entry is a fixed template with typed parameters. Process templates build an argument array (no
 * shell); PowerShell templates are a fixed script body that reads its parameters from `$p`, which arrives
 * as base64-encoded JSON: user input is never part of the script text.
 */

/** Where Windows lives; from %SystemRoot%, validated so it cannot smuggle arguments. */
export interface WindowsEnvironment {
  readonly systemRoot: string;
}

export interface ProcessTemplate<P> {
  readonly kind: 'process';
  readonly params: z.ZodType<P>;
  readonly timeoutMs: number;
  readonly encoding: 'utf-16le' | 'utf-8' | 'binary';
  build(params: P, env: WindowsEnvironment): { readonly file: string; readonly args: readonly string[] };
}

export interface PowerShellTemplate<P> {
  readonly kind: 'powershell';
  readonly params: z.ZodType<P>;
  readonly timeoutMs: number;
  /** One-line script body: statements separated by `;`, parameters only through `$p`. */
  readonly script: string;
  /** A readable description of what ran, for the manifest (parameters shown as JSON, never executed). */
  readonly describe: string;
}

const noParams = z.object({}).strict();
const windowSchema = z.object({ days: z.number().int().min(1).max(3650), maxEvents: z.number().int().min(1).max(1_000_000) }).strict();
/** A local absolute Windows path for an export file: drive letter, no quotes or wildcards. */
const exportPath = z.string().regex(/^[A-Za-z]:\\[^"*?<>|\r\n]+\.evtx$/, 'an absolute .evtx path');

const win = (env: WindowsEnvironment, ...parts: string[]): string => [env.systemRoot.replace(/[\\/]+$/, ''), ...parts].join('\\');

/** slmgr through cscript with //U, so the output is UTF-16LE whatever the console code page. */
const slmgr = (verb: readonly string[]): ProcessTemplate<Record<string, never>> => ({
  kind: 'process',
  params: noParams as z.ZodType<Record<string, never>>,
  timeoutMs: 120_000,
  encoding: 'utf-16le',
  build: (_params, env) => ({ file: win(env, 'System32', 'cscript.exe'), args: ['//nologo', '//U', win(env, 'System32', 'slmgr.vbs'), ...verb] }),
});

/** The XPath that keeps only SPP events of the client's Application log within the window. */
const sppQuery = (days: number): string =>
  `*[System[Provider[@Name='Microsoft-Windows-Security-SPP'] and (EventID=12288 or EventID=12289 or EventID=8198 or EventID=12308 or EventID=1003) and TimeCreated[timediff(@SystemTime) <= ${days * 86_400_000}]]]`;

const kmsHostIds = [12290, 12293, 12294] as const;
const clientSppIds = [12288, 12289, 8198, 12308, 1003] as const;

/** Event query body: XML of each event; a missing log or no matching events is reported, not thrown. */
const eventsScript = [
  '$since = (Get-Date).AddDays(-[int]$p.days)',
  '$filter = @{ LogName = [string]$p.logName; Id = [int[]]$p.ids; StartTime = $since }',
  'if ($p.provider) { $filter.ProviderName = [string]$p.provider }',
  '$absent = $false',
  'try { $ev = @(Get-WinEvent -FilterHashtable $filter -MaxEvents ([int]$p.maxEvents) -ErrorAction Stop) } catch { if ("$($_.FullyQualifiedErrorId)" -like "NoMatchingEventsFound*") { $ev = @() } elseif ("$($_.FullyQualifiedErrorId)" -like "NoMatchingLogsFound*") { $ev = @(); $absent = $true } else { throw } }',
  '[ordered]@{ absent = $absent; xml = @($ev | ForEach-Object { $_.ToXml() }) }',
].join('; ');

export const commandTemplates = {
  slmgrDlv: slmgr(['/dlv']),
  slmgrDlvAll: slmgr(['/dlv', 'all']),
  wevtutilExportKmsHost: {
    kind: 'process',
    params: z.object({ destination: exportPath }).strict(),
    timeoutMs: 120_000,
    encoding: 'utf-8',
    build: ({ destination }, env) => ({ file: win(env, 'System32', 'wevtutil.exe'), args: ['epl', 'Key Management Service', destination, '/ow:true'] }),
  } satisfies ProcessTemplate<{ destination: string }>,
  wevtutilExportApplicationSpp: {
    kind: 'process',
    params: z.object({ destination: exportPath, days: z.number().int().min(1).max(3650) }).strict(),
    timeoutMs: 120_000,
    encoding: 'utf-8',
    build: ({ destination, days }, env) => ({
      file: win(env, 'System32', 'wevtutil.exe'),
      args: ['epl', 'Application', destination, `/q:${sppQuery(days)}`, '/ow:true'],
    }),
  } satisfies ProcessTemplate<{ destination: string; days: number }>,
  cimProducts: {
    kind: 'powershell',
    params: noParams,
    timeoutMs: 90_000,
    describe: "Get-CimInstance SoftwareLicensingProduct -Filter 'PartialProductKey IS NOT NULL' | ConvertTo-Json -Depth 8",
    script: "@(Get-CimInstance -ClassName SoftwareLicensingProduct -Filter 'PartialProductKey IS NOT NULL' | Select-Object -Property * -ExcludeProperty Cim*)",
  },
  cimService: {
    kind: 'powershell',
    params: noParams,
    timeoutMs: 60_000,
    describe: 'Get-CimInstance SoftwareLicensingService | ConvertTo-Json -Depth 8',
    script: 'Get-CimInstance -ClassName SoftwareLicensingService | Select-Object -Property * -ExcludeProperty Cim*',
  },
  slmgrIni: {
    kind: 'powershell',
    params: noParams,
    timeoutMs: 30_000,
    describe: 'Get-Content -Encoding Byte $env:SystemRoot\\System32\\slmgr\\<LANGID>\\slmgr.ini',
    script: [
      '$langId = "{0:X4}" -f (Get-UICulture).LCID',
      '$path = Join-Path $env:SystemRoot ("System32\\slmgr\\" + $langId + "\\slmgr.ini")',
      'if (Test-Path -LiteralPath $path) { [ordered]@{ path = $path; base64 = [Convert]::ToBase64String([IO.File]::ReadAllBytes($path)) } } else { [ordered]@{ path = $path; absent = $true } }',
    ].join('; '),
  },
  kmsHostEvents: {
    kind: 'powershell',
    params: windowSchema,
    timeoutMs: 180_000,
    describe: `Get-WinEvent -FilterHashtable @{LogName='Key Management Service'; Id=${kmsHostIds.join(',')}; StartTime=<now - days>} -MaxEvents <max> | ToXml()`,
    script: eventsScript,
  },
  applicationSppEvents: {
    kind: 'powershell',
    params: windowSchema,
    timeoutMs: 180_000,
    describe: `Get-WinEvent -FilterHashtable @{LogName='Application'; ProviderName='Microsoft-Windows-Security-SPP'; Id=${clientSppIds.join(',')}; StartTime=<now - days>} -MaxEvents <max> | ToXml()`,
    script: eventsScript,
  },
  eventLogHealth: {
    kind: 'powershell',
    params: noParams,
    timeoutMs: 30_000,
    describe: "Get-WinEvent -ListLog 'Key Management Service','Application' | Select LogName,IsLogFull,LogMode,RecordCount,FileSize,MaximumSizeInBytes,IsEnabled",
    script:
      "@(Get-WinEvent -ListLog 'Key Management Service','Application' -ErrorAction SilentlyContinue | Select-Object LogName, IsEnabled, IsLogFull, @{ n = 'LogMode'; e = { \"$($_.LogMode)\" } }, RecordCount, FileSize, MaximumSizeInBytes, @{ n = 'LastWriteTime'; e = { if ($_.LastWriteTime) { $_.LastWriteTime.ToUniversalTime().ToString('o') } } })",
  },
  dnsClient: {
    kind: 'powershell',
    params: noParams,
    timeoutMs: 60_000,
    describe: 'Get-DnsClientGlobalSetting; Get-DnsClient; Get-DnsClientServerAddress; Win32_ComputerSystem Domain; Tcpip\\Parameters',
    script: [
      "$tcpip = Get-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters' -ErrorAction SilentlyContinue",
      '$cs = Get-CimInstance -ClassName Win32_ComputerSystem',
      '[ordered]@{ ComputerName = $env:COMPUTERNAME; PrimaryDnsSuffix = $tcpip.Domain; Domain = $cs.Domain; PartOfDomain = $cs.PartOfDomain; SuffixSearchList = @((Get-DnsClientGlobalSetting).SuffixSearchList); Interfaces = @(Get-DnsClient | Select-Object InterfaceAlias, InterfaceIndex, ConnectionSpecificSuffix); ServerAddresses = @(Get-DnsClientServerAddress | Select-Object InterfaceAlias, InterfaceIndex, AddressFamily, ServerAddresses) }',
    ].join('; '),
  },
  kmsClientRegistry: {
    kind: 'powershell',
    params: noParams,
    timeoutMs: 30_000,
    describe: "Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SoftwareProtectionPlatform' KeyManagementServiceName,Port,LookupDomain",
    script: [
      "$k = Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SoftwareProtectionPlatform' -ErrorAction SilentlyContinue",
      '[ordered]@{ KeyManagementServiceName = $k.KeyManagementServiceName; KeyManagementServicePort = $k.KeyManagementServicePort; KeyManagementServiceLookupDomain = $k.KeyManagementServiceLookupDomain; VLActivationInterval = $k.VLActivationInterval; VLRenewalInterval = $k.VLRenewalInterval }',
    ].join('; '),
  },
  kmsHostConfig: {
    kind: 'powershell',
    params: noParams,
    timeoutMs: 30_000,
    describe: "Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SoftwareProtectionPlatform' DisableDnsPublishing,DnsDomainPublishList,KeyManagementServiceListeningPort,EnableKmsLowPriority",
    script: [
      "$k = Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SoftwareProtectionPlatform' -ErrorAction SilentlyContinue",
      '[ordered]@{ DisableDnsPublishing = $k.DisableDnsPublishing; DnsDomainPublishList = @($k.DnsDomainPublishList); KeyManagementServiceListeningPort = $k.KeyManagementServiceListeningPort; EnableKmsLowPriority = $k.EnableKmsLowPriority }',
    ].join('; '),
  },
  firewall: {
    kind: 'powershell',
    params: noParams,
    timeoutMs: 90_000,
    describe: 'Get-NetFirewallProfile; Get-NetFirewallRule -Enabled True -Direction Inbound -Action Allow | Get-NetFirewallPortFilter (TCP 1688, 135)',
    script: [
      '$profiles = @(Get-NetFirewallProfile | Select-Object Name, Enabled, DefaultInboundAction)',
      '$active = @(Get-NetConnectionProfile -ErrorAction SilentlyContinue | ForEach-Object { $_.NetworkCategory })',
      // Only TCP (or any-protocol) rules can open 1688/135; the rule/port-range logic is the parser's.
      '$rules = @(Get-NetFirewallRule -Enabled True -Direction Inbound -Action Allow | ForEach-Object { $f = $_ | Get-NetFirewallPortFilter; if ($f.Protocol -eq "TCP" -or $f.Protocol -eq "Any") { [ordered]@{ Name = $_.Name; DisplayName = $_.DisplayName; Enabled = $_.Enabled; Direction = $_.Direction; Action = $_.Action; Profile = $_.Profile; Protocol = $f.Protocol; LocalPort = @($f.LocalPort) } } })',
      '[ordered]@{ Profiles = $profiles; ActiveProfiles = $active; Rules = $rules }',
    ].join('; '),
  },
  systemInfo: {
    kind: 'powershell',
    params: noParams,
    timeoutMs: 30_000,
    describe: 'Win32_OperatingSystem; WindowsPrincipal.IsInRole(Administrator); Get-Culture; Get-UICulture; Get-TimeZone; Get-Date',
    script: [
      '$os = Get-CimInstance -ClassName Win32_OperatingSystem',
      '$id = [Security.Principal.WindowsIdentity]::GetCurrent()',
      '$cs = Get-CimInstance -ClassName Win32_ComputerSystem',
      '$tz = Get-TimeZone',
      '[ordered]@{ ComputerName = $env:COMPUTERNAME; UserName = $id.Name; Domain = $cs.Domain; PartOfDomain = $cs.PartOfDomain; OsCaption = $os.Caption; OsVersion = $os.Version; BuildNumber = $os.BuildNumber; EditionId = (Get-ItemProperty -LiteralPath "HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" -ErrorAction SilentlyContinue).EditionID; Elevated = ([Security.Principal.WindowsPrincipal]$id).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator); TimeZoneId = $tz.Id; UtcOffsetMinutes = $tz.BaseUtcOffset.TotalMinutes; UtcNow = (Get-Date).ToUniversalTime().ToString("o"); Locale = (Get-Culture).Name; UiLocale = (Get-UICulture).Name }',
    ].join('; '),
  },
} as const;

export type CommandId = keyof typeof commandTemplates;

/** Event query parameters per log, fixed here so callers pass only the window. */
export const eventQueries = {
  kmsHost: { logName: 'Key Management Service', ids: [...kmsHostIds], provider: null },
  applicationSpp: { logName: 'Application', ids: [...clientSppIds], provider: 'Microsoft-Windows-Security-SPP' },
} as const;

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Encodes PowerShell parameters as base64 UTF-8 JSON, the only form in which values reach a script.
 *
 * Base64's alphabet has no quote, `$`, backtick or whitespace, so inside a single-quoted PowerShell literal
 * it cannot end the literal or expand: the script text is the same for every input.
 */
export function encodePowerShellParams(params: unknown): string {
  const encoded = Buffer.from(JSON.stringify(params ?? {}), 'utf8').toString('base64');
  if (!base64.test(encoded)) throw new Error('base64 encoding produced an unexpected character');
  return encoded;
}

/**
 * Builds the one-line invocation of a PowerShell template: fixed wrapper + fixed body + base64 parameters.
 *
 * The wrapper reports errors as data (`{ ok: false, error, errorId }`) and the result as JSON via
 * ConvertTo-Json -Depth, so a failing cmdlet never breaks the session or the run.
 */
export function buildPowerShellInvocation(script: string, params: unknown): string {
  const encoded = encodePowerShellParams(params);
  return (
    "& { $ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'; " +
    `$p = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${encoded}')) | ConvertFrom-Json; ` +
    `try { $r = & { param($p) ${script} } $p; $o = [ordered]@{ ok = $true; result = $r } } ` +
    'catch { $o = [ordered]@{ ok = $false; error = "$($_.Exception.Message)"; errorId = "$($_.FullyQualifiedErrorId)" } }; ' +
    '[Console]::Out.WriteLine((ConvertTo-Json -InputObject $o -Depth 8 -Compress)) }'
  );
}

/** Validates a %SystemRoot% value: a plain drive path, so it can only name a folder. */
export function validSystemRoot(value: string | undefined): string {
  return value !== undefined && /^[A-Za-z]:\\[^"*?<>|\r\n]*$/.test(value) ? value : 'C:\\Windows';
}

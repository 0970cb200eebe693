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
/**
 * A local absolute Windows path for an export file: drive letter, no quotes or wildcards. Off Windows
 * (the tests' fake programs, never wevtutil) an absolute POSIX path too; on Windows a path starting
 * with "/" would read as a wevtutil option, so it is refused there.
 */
const exportPath = z
  .string()
  .refine(
    (value) => /^[A-Za-z]:\\[^"*?<>|\r\n]+\.evtx$/.test(value) || (process.platform !== 'win32' && /^\/[^"*?<>|\r\n]+\.evtx$/.test(value)),
    'an absolute .evtx path',
  );

const win = (env: WindowsEnvironment, ...parts: string[]): string => [env.systemRoot.replace(/[\\/]+$/, ''), ...parts].join('\\');

/** slmgr through cscript with //U, so the output is UTF-16LE whatever the console code page. */
const slmgr = (verb: readonly string[]): ProcessTemplate<Record<string, never>> => ({
  kind: 'process',
  params: noParams as z.ZodType<Record<string, never>>,
  timeoutMs: 120_000,
  encoding: 'utf-16le',
  build: (_params, env) => ({ file: win(env, 'System32', 'cscript.exe'), args: ['//nologo', '//U', win(env, 'System32', 'slmgr.vbs'), ...verb] }),
});

/** The event ids each query reads (DESIGN.md §3 "KMS events"). */
const kmsHostIds = [12290] as const;
// 12293/12294 (DNS publishing) are in the Application log, not the KMS log; current builds log them as
// Security-SPP, old ones as Security-Licensing-SLC, so they are filtered by id only.
const hostDnsPublishIds = [12293, 12294] as const;
const clientSppIds = [12288, 12289, 8198, 12308, 1003] as const;
const sppProvider = 'Microsoft-Windows-Security-SPP';

/** One event query: a log, the ids it keeps and (optionally) one provider. */
export interface EventQuery {
  readonly logName: string;
  readonly ids: readonly number[];
  readonly provider: string | null;
}

/** Event queries per evidence file, fixed here so callers pass only the window. */
export const eventQueries = {
  kmsHost: { logName: 'Key Management Service', ids: kmsHostIds, provider: null },
  hostDnsPublish: { logName: 'Application', ids: hostDnsPublishIds, provider: null },
  applicationSpp: { logName: 'Application', ids: clientSppIds, provider: sppProvider },
} as const satisfies Record<string, EventQuery>;

/** The XPath of an event query within the last `days` days (the same one for the query and the .evtx export). */
export function eventXPath(query: EventQuery, days: number): string {
  const provider = query.provider === null ? '' : `Provider[@Name='${query.provider}'] and `;
  return `*[System[${provider}(${query.ids.map((id) => `EventID=${id}`).join(' or ')}) and TimeCreated[timediff(@SystemTime) <= ${days * 86_400_000}]]]`;
}

/**
 * `wevtutil qe` streaming the newest `maxEvents` matching records as XML inside one <Events> root: the
 * fallback of an event query when its export cannot be made or read (eventExportTemplate is the first
 * way). wevtutil renders each record's XML without formatting its message, written to the evidence file
 * as it arrives; it stops at the first record it cannot render, and what it read so far is kept.
 * `/uni:true`: Microsoft's wevtutil reference documents one output encoding, "Unicode" (UTF-16LE) with
 * /uni:true, and nothing about the default, so the stream asks for UTF-16LE (as cscript //U does) rather
 * than depend on the console code page; the event-file reader takes UTF-16LE with or without a BOM.
 */
const eventQueryTemplate = (query: EventQuery): ProcessTemplate<{ days: number; maxEvents: number }> => ({
  kind: 'process',
  params: windowSchema,
  timeoutMs: 300_000,
  encoding: 'utf-16le',
  build: ({ days, maxEvents }, env) => ({
    file: win(env, 'System32', 'wevtutil.exe'),
    args: ['qe', query.logName, `/q:${eventXPath(query, days)}`, '/f:xml', '/e:Events', '/rd:true', `/c:${maxEvents}`, '/uni:true'],
  }),
});

/**
 * `wevtutil epl` of a log filtered by a query: the raw .evtx for support, and the first way an event query
 * is read. EvtExportLog copies the matching records without rendering them, so a record whose XML cannot
 * be rendered is still exported; the built-in reader then skips and counts a damaged one
 * (electron/evidence/evtx-file.ts), where `wevtutil qe` would stop at it.
 */
const eventExportTemplate = (query: EventQuery, timeoutMs = 120_000): ProcessTemplate<{ destination: string; days: number }> => ({
  kind: 'process',
  params: z.object({ destination: exportPath, days: z.number().int().min(1).max(3650) }).strict(),
  timeoutMs,
  encoding: 'binary',
  build: ({ destination, days }, env) => ({
    file: win(env, 'System32', 'wevtutil.exe'),
    args: ['epl', query.logName, destination, `/q:${eventXPath(query, days)}`, '/ow:true'],
  }),
});

export const commandTemplates = {
  slmgrDlv: slmgr(['/dlv']),
  slmgrDlvAll: slmgr(['/dlv', 'all']),
  wevtutilExportKmsHost: {
    kind: 'process',
    params: z.object({ destination: exportPath }).strict(),
    timeoutMs: 120_000,
    encoding: 'binary',
    build: ({ destination }, env) => ({ file: win(env, 'System32', 'wevtutil.exe'), args: ['epl', 'Key Management Service', destination, '/ow:true'] }),
  } satisfies ProcessTemplate<{ destination: string }>,
  wevtutilExportHostDnsPublish: eventExportTemplate(eventQueries.hostDnsPublish),
  wevtutilExportApplicationSpp: eventExportTemplate(eventQueries.applicationSpp),
  // The event queries: exported with their window (the same budget as the stream), read with the built-in reader.
  kmsHostEventsExport: eventExportTemplate(eventQueries.kmsHost, 300_000),
  hostDnsPublishEventsExport: eventExportTemplate(eventQueries.hostDnsPublish, 300_000),
  applicationSppEventsExport: eventExportTemplate(eventQueries.applicationSpp, 300_000),
  kmsHostEvents: eventQueryTemplate(eventQueries.kmsHost),
  hostDnsPublishEvents: eventQueryTemplate(eventQueries.hostDnsPublish),
  applicationSppEvents: eventQueryTemplate(eventQueries.applicationSpp),
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
    // Get-NetFirewallRule alone takes about a minute cold on a server with a thousand rules.
    timeoutMs: 180_000,
    describe:
      'Get-NetFirewallProfile -PolicyStore ActiveStore; Get-NetFirewallPortFilter -All -PolicyStore ActiveStore (TCP, Any) joined by InstanceID to Get-NetFirewallRule -PolicyStore ActiveStore -Enabled True -Direction Inbound -Action Allow',
    script: [
      // ActiveStore: the rules and profiles in force, Group Policy included (the default store is the local one only).
      '$profiles = @(Get-NetFirewallProfile -PolicyStore ActiveStore | Select-Object Name, Enabled, DefaultInboundAction)',
      '$active = @(Get-NetConnectionProfile -ErrorAction SilentlyContinue | ForEach-Object { $_.NetworkCategory })',
      // "Nothing matches" is a non-terminating ObjectNotFound error: an empty answer, not a failed step.
      'try { $filters = @(Get-NetFirewallPortFilter -All -PolicyStore ActiveStore) } catch { if ("$($_.CategoryInfo.Category)" -eq "ObjectNotFound") { $filters = @() } else { throw } }',
      'try { $allowed = @(Get-NetFirewallRule -PolicyStore ActiveStore -Enabled True -Direction Inbound -Action Allow) } catch { if ("$($_.CategoryInfo.Category)" -eq "ObjectNotFound") { $allowed = @() } else { throw } }',
      // Port filters fetched once and joined on InstanceID (one query per rule overran the timeout on real servers).
      // Only TCP (or any-protocol) rules can open 1688/135; the rule/port-range logic is the parser's.
      '$byRule = @{}; foreach ($f in $filters) { if ($f.Protocol -eq "TCP" -or $f.Protocol -eq "Any") { $byRule[[string]$f.InstanceID] = $f } }',
      '$rules = @(foreach ($r in $allowed) { $f = $byRule[[string]$r.InstanceID]; if ($null -ne $f) { [ordered]@{ Name = $r.Name; DisplayName = $r.DisplayName; Enabled = $r.Enabled; Direction = $r.Direction; Action = $r.Action; Profile = $r.Profile; Protocol = $f.Protocol; LocalPort = @($f.LocalPort); PolicyStoreSource = $r.PolicyStoreSource; PolicyStoreSourceType = "$($r.PolicyStoreSourceType)" } } })',
      '[ordered]@{ PolicyStore = "ActiveStore"; Profiles = $profiles; ActiveProfiles = $active; Rules = $rules }',
    ].join('; '),
  },
  resolveSrv: {
    kind: 'powershell',
    params: z.object({ names: z.array(z.string().regex(/^_vlmcs\._tcp(\.[A-Za-z0-9_-]{1,63})+\.?$/, 'an SRV name _vlmcs._tcp.<domain>')).max(64) }).strict(),
    timeoutMs: 60_000,
    describe: 'Resolve-DnsName -Name <name> -Type SRV for each SRV name the probes asked (the Windows DNS client: hosts file, NRPT, cache), and -Type A_AAAA for each target',
    // Errors by FullyQualifiedErrorId (DNS_ERROR_RCODE_NAME_ERROR, …): the same in every display language.
    script:
      '[ordered]@{ Lookups = @(foreach ($n in @($p.names)) { try { $all = @(Resolve-DnsName -Name ([string]$n) -Type SRV -ErrorAction Stop); $records = @(foreach ($r in $all) { if ("$($r.Type)" -eq "SRV") { [ordered]@{ Target = $r.NameTarget; Port = $r.Port; Priority = $r.Priority; Weight = $r.Weight; Addresses = @(Resolve-DnsName -Name $r.NameTarget -Type A_AAAA -ErrorAction SilentlyContinue | Where-Object { $_.IPAddress } | ForEach-Object { "$($_.IPAddress)" }) } } }); [ordered]@{ Name = [string]$n; ErrorId = $null; Records = $records } } catch { [ordered]@{ Name = [string]$n; ErrorId = "$($_.FullyQualifiedErrorId)"; Records = @() } } }) }',
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

/** An absolute local folder for icacls: a drive path, no quotes, wildcards or line breaks. */
const localFolder = z.string().regex(/^[A-Za-z]:\\[^"*?<>|\r\n]+$/, 'an absolute local folder');

/**
 * The ACL of the machine-wide data folder (%ProgramData%\KMS Doctor): owned by Administrators; SYSTEM and
 * Administrators have full control and nobody else has access (SECURITY.md "Data folder"); nothing inherited from %ProgramData% (whose default lets
 * any user create and own subfolders). Well-known SIDs, so the names' language does not matter.
 */
export const dataFolderAclTemplates = {
  owner: {
    kind: 'process',
    params: z.object({ folder: localFolder }).strict(),
    timeoutMs: 60_000,
    encoding: 'utf-8',
    build: ({ folder }, env) => ({ file: win(env, 'System32', 'icacls.exe'), args: [folder, '/setowner', '*S-1-5-32-544', '/T', '/C', '/L', '/Q'] }),
  } satisfies ProcessTemplate<{ folder: string }>,
  grants: {
    kind: 'process',
    params: z.object({ folder: localFolder }).strict(),
    timeoutMs: 60_000,
    encoding: 'utf-8',
    build: ({ folder }, env) => ({
      file: win(env, 'System32', 'icacls.exe'),
      args: [folder, '/inheritance:r', '/grant:r', '*S-1-5-18:(OI)(CI)F', '*S-1-5-32-544:(OI)(CI)F', '/T', '/C', '/L', '/Q'],
    }),
  } satisfies ProcessTemplate<{ folder: string }>,
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

/** The line the wrapper prints before its result; everything after it is base64 of the UTF-8 JSON. */
export const resultMarker = 'KMSD-RESULT:';

/**
 * Builds the one-line invocation of a PowerShell template: fixed wrapper + fixed body + base64 parameters.
 *
 * The wrapper reports errors as data (`{ ok: false, error, errorId }`) and the result as JSON via
 * ConvertTo-Json -Depth, so a failing cmdlet never breaks the run. The JSON is printed as base64 of its
 * UTF-8 bytes: ASCII survives any console code page, so the console's code page is never changed.
 */
export function buildPowerShellInvocation(script: string, params: unknown): string {
  const encoded = encodePowerShellParams(params);
  return (
    "& { $ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'; " +
    `$p = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${encoded}')) | ConvertFrom-Json; ` +
    `try { $r = & { param($p) ${script} } $p; $o = [ordered]@{ ok = $true; result = $r } } ` +
    'catch { $o = [ordered]@{ ok = $false; error = "$($_.Exception.Message)"; errorId = "$($_.FullyQualifiedErrorId)" } }; ' +
    `[Console]::Out.WriteLine('${resultMarker}' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes((ConvertTo-Json -InputObject $o -Depth 8 -Compress)))) }`
  );
}

/** Windows PowerShell 5.1 by absolute path: never a PATH search, never an override from the environment. */
export function powerShellPath(env: WindowsEnvironment): string {
  return win(env, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
}

const powerShellOptions = ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass'] as const;

/**
 * The process that runs one script line: `-EncodedCommand` (base64 of UTF-16LE) carries it whole, so no
 * quoting rule of the command line can change it.
 */
export function powerShellCommand(env: WindowsEnvironment, scriptLine: string): { readonly file: string; readonly args: readonly string[] } {
  return { file: powerShellPath(env), args: [...powerShellOptions, '-EncodedCommand', Buffer.from(scriptLine, 'utf16le').toString('base64')] };
}

/** The script an -EncodedCommand argument carries (for the plan and the manifest). */
export function decodeEncodedCommand(args: readonly string[]): string | null {
  const at = args.indexOf('-EncodedCommand');
  const value = at >= 0 ? args[at + 1] : undefined;
  return value === undefined ? null : Buffer.from(value, 'base64').toString('utf16le');
}

/**
 * Reads the language mode before any script: in Constrained Language Mode (WDAC/AppLocker) the scripts'
 * .NET calls are refused, and a PowerShell that never answers is found here under a short timeout.
 * The answer is an enum name ("FullLanguage"), the same in every display language.
 */
export function languageModeProbe(env: WindowsEnvironment): { readonly file: string; readonly args: readonly string[] } {
  return { file: powerShellPath(env), args: [...powerShellOptions, '-Command', '$ExecutionContext.SessionState.LanguageMode'] };
}

/** Validates a %SystemRoot% value: a plain drive path, so it can only name a folder. */
export function validSystemRoot(value: string | undefined): string {
  return value !== undefined && /^[A-Za-z]:\\[^"*?<>|\r\n]*$/.test(value) ? value : 'C:\\Windows';
}

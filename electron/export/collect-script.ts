/**
 * `kms-doctor collect --export-script FILE.ps1` (issue #19): one self-contained Windows PowerShell 5.1
 * script that gathers what `collect` gathers and writes the same bundle zip (manifest with sizes, SHA-256
 * and producing commands), for machines where nothing is installed: run through Invoke-Command, Intune
 * or Configuration Manager.
 *
 * One source: every command in the script is built here from `commandTemplates` (the allowlist the
 * collectors run), the steps and their roles from `firstPhase` / `secondPhase`, the file places from
 * `bundlePaths`, so the script cannot drift from `collect`. Values reach commands only as data: the
 * PowerShell templates run in a child `powershell.exe -EncodedCommand` (base64) whose parameters are
 * base64 JSON, exactly as the collectors' session gets them; processes get an argument list, never a
 * shell string. Every command runs with its template's timeout and is killed after it.
 *
 * What the script does not do, and says so in the manifest: the network probes (`network/probes.json`,
 * the tool's own DNS/TCP/RPC code) and the diagnosis (`findings.json`, `report.html`): `analyze` adds both
 * views when the bundle comes back.
 */
import { bundleFormatVersion, bundlePaths, type EvidenceKind } from '../../shared/bundle/manifest.js';
import { buildPowerShellInvocation, commandTemplates, encodePowerShellParams, eventQueries, type CommandId } from '../collect/windows/commands.js';
import { firstPhase, secondPhase, type CollectStep } from '../service/collect-steps.js';
import { toolVersion } from '../version.js';

/** How a step's output becomes bundle files (mirrors what the Windows collectors do with each template). */
export type ScriptStepRun =
  | { readonly how: 'slmgr'; readonly template: 'slmgrDlv' | 'slmgrDlvAll'; readonly raw: EvidenceKind }
  | { readonly how: 'json'; readonly template: CommandId }
  | { readonly how: 'events'; readonly template: 'kmsHostEvents' | 'applicationSppEvents'; readonly query: keyof typeof eventQueries }
  | { readonly how: 'ini'; readonly template: 'slmgrIni' }
  | { readonly how: 'evtx'; readonly template: 'wevtutilExportKmsHost' | 'wevtutilExportApplicationSpp' };

/** The template behind each collect step (windows-collectors.ts calls the same ones). */
export const scriptStepRuns: Readonly<Partial<Record<EvidenceKind, ScriptStepRun>>> = {
  system: { how: 'json', template: 'systemInfo' },
  cimProducts: { how: 'json', template: 'cimProducts' },
  cimService: { how: 'json', template: 'cimService' },
  slmgrDlv: { how: 'slmgr', template: 'slmgrDlv', raw: 'slmgrDlvRaw' },
  slmgrDlvAll: { how: 'slmgr', template: 'slmgrDlvAll', raw: 'slmgrDlvAllRaw' },
  slmgrIni: { how: 'ini', template: 'slmgrIni' },
  eventsKmsHostXml: { how: 'events', template: 'kmsHostEvents', query: 'kmsHost' },
  eventsKmsHostEvtx: { how: 'evtx', template: 'wevtutilExportKmsHost' },
  eventLogHealth: { how: 'json', template: 'eventLogHealth' },
  hostConfig: { how: 'json', template: 'kmsHostConfig' },
  firewall: { how: 'json', template: 'firewall' },
  eventsApplicationSppXml: { how: 'events', template: 'applicationSppEvents', query: 'applicationSpp' },
  eventsApplicationSppEvtx: { how: 'evtx', template: 'wevtutilExportApplicationSpp' },
  dnsClient: { how: 'json', template: 'dnsClient' },
  kmsClientRegistry: { how: 'json', template: 'kmsClientRegistry' },
};

/** Evidence `collect` writes that the script cannot: the tool's own probes and diagnosis. */
export const notInScript: readonly EvidenceKind[] = ['probes', 'findings', 'report'];

// Placeholders the templates are built with, replaced by the script's run-time values.
const systemRootMark = 'C:\\KMSD-SYSTEMROOT';
const destinationMark = 'C:\\KMSD-DESTINATION\\export.evtx';
const daysMark = 3649;
const paramsMark = { kmsdPlaceholder: 'parameters go here' };

/** A PowerShell single-quoted literal (no expansion); the typographic quotes PowerShell also accepts are doubled too. */
export function psLiteral(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/** A process template's file and arguments as PowerShell expressions over $KmsdSystemRoot, $Destination and $Days. */
function processCall(id: CommandId): { file: string; args: string[]; display: string } {
  const template = commandTemplates[id];
  if (template.kind !== 'process') throw new Error(`${id} is not a process template`);
  const params = id === 'wevtutilExportApplicationSpp' ? { destination: destinationMark, days: daysMark } : id === 'wevtutilExportKmsHost' ? { destination: destinationMark } : {};
  const built = (template.build as (p: unknown, env: { systemRoot: string }) => { file: string; args: readonly string[] })(template.params.parse(params), { systemRoot: systemRootMark });
  const daysText = String(daysMark * 86_400_000);
  const expression = (value: string): string => {
    if (value === destinationMark) return '$Destination';
    if (value.startsWith(systemRootMark)) return `($KmsdSystemRoot + ${psLiteral(value.slice(systemRootMark.length))})`;
    if (value.includes(daysText)) {
      const [before, after] = value.split(daysText) as [string, string];
      return `(${psLiteral(before)} + [string]([long]$Days * 86400000) + ${psLiteral(after)})`;
    }
    if (value.includes('KMSD-')) throw new Error(`placeholder left in ${id}: ${value}`);
    return psLiteral(value);
  };
  const display = [built.file, ...built.args]
    .map((part) => part.replace(systemRootMark, '%SystemRoot%').replace(destinationMark, '<bundle>').replace(daysText, '<days × 86400000>'))
    .map((part) => (/[\s"]/.test(part) ? `"${part.replace(/"/g, '\\"')}"` : part))
    .join(' ');
  return { file: expression(built.file), args: built.args.map(expression), display };
}

/** The one-line invocation collect's session runs, split around its base64 parameters. */
function powerShellCall(id: CommandId, fixedParams: Record<string, unknown>): { before: string; after: string; fixed: string; describe: string; timeoutMs: number } {
  const template = commandTemplates[id];
  if (template.kind !== 'powershell') throw new Error(`${id} is not a PowerShell template`);
  const invocation = buildPowerShellInvocation(template.script, paramsMark);
  const marked = encodePowerShellParams(paramsMark);
  const parts = invocation.split(marked);
  if (parts.length !== 2) throw new Error(`cannot place the parameters of ${id}`);
  return { before: parts[0]!, after: parts[1]!, fixed: encodePowerShellParams(fixedParams), describe: template.describe, timeoutMs: template.timeoutMs };
}

function stepBlock(step: CollectStep, phase: 1 | 2): string {
  const run = scriptStepRuns[step.id];
  if (run === undefined) throw new Error(`collect step ${step.id} has no template in the exported script`);
  const roles = step.roles === 'any' ? "@('any')" : `@(${step.roles.map(psLiteral).join(', ')})`;
  const head = `@{ Id = ${psLiteral(step.id)}; Path = ${psLiteral(bundlePaths[step.id])}; Roles = ${roles}; Optional = $${step.optional === true}; Phase = ${phase}; How = ${psLiteral(run.how)}`;
  switch (run.how) {
    case 'slmgr':
    case 'evtx': {
      const call = processCall(run.template);
      const template = commandTemplates[run.template];
      const raw = run.how === 'slmgr' ? `; RawId = ${psLiteral(run.raw)}; RawPath = ${psLiteral(bundlePaths[run.raw])}` : '';
      return `${head}${raw}; Timeout = ${template.timeoutMs}; Display = ${psLiteral(call.display)}; Encoding = ${psLiteral(template.encoding)}; Call = { param($Destination) ,@(${call.file}, @(${call.args.join(', ')})) } }`;
    }
    case 'json':
    case 'ini':
    case 'events': {
      const fixed = run.how === 'events' ? { ...eventQueries[run.query] } : {};
      const call = powerShellCall(run.template, fixed);
      return `${head}; Timeout = ${call.timeoutMs}; Display = ${psLiteral(call.describe)}; Windowed = $${run.how === 'events'}; Fixed = ${psLiteral(call.fixed)}; Before = ${psLiteral(call.before)}; After = ${psLiteral(call.after)} }`;
    }
  }
}

export interface CollectScriptOptions {
  /**
   * A default for -OutFile, kept in the script as a literal (for Intune, which runs scripts without
   * parameters). Environment variables in it (%COMPUTERNAME%) are expanded when the script runs.
   */
  readonly defaultOutFile?: string;
}

/** The whole script text (CRLF line ends, as Windows PowerShell 5.1 reads best). */
export function buildCollectScript(options: CollectScriptOptions = {}): string {
  const outFileParam = options.defaultOutFile === undefined ? '  [Parameter(Mandatory = $true)][string]$OutFile,' : `  [string]$OutFile = ${psLiteral(options.defaultOutFile)},`;
  const steps = [...firstPhase.map((s) => stepBlock(s, 1)), ...secondPhase.map((s) => stepBlock(s, 2))];
  const lines = [
    '#Requires -Version 5.1',
    '<#',
    '.SYNOPSIS',
    'KMS Doctor evidence collection without installing anything: writes the same bundle zip as "kms-doctor collect".',
    '.DESCRIPTION',
    `Generated by kms-doctor ${toolVersion} (collect --export-script) from the command templates "kms-doctor collect" runs.`,
    'Run it elevated (an administrator) for the complete Key Management Service log and firewall rules. It only reads:',
    'slmgr /dlv, the licensing WMI classes, the KMS event logs, DNS client, registry and firewall settings.',
    'Not included (added by "kms-doctor analyze" when the bundle comes back): the network probes and the findings.',
    '.PARAMETER OutFile',
    'Where to write the bundle zip (a local path or a share); environment variables are expanded, e.g. \\\\server\\kms$\\%COMPUTERNAME%.zip.',
    '.PARAMETER Role',
    'auto (from the licensing data, as collect does), host or client.',
    '.PARAMETER Days',
    'Event window in days (1-3650).',
    '#>',
    '[CmdletBinding()]',
    'param(',
    outFileParam,
    "  [ValidateSet('auto', 'host', 'client')][string]$Role = 'auto',",
    '  [ValidateRange(1, 3650)][int]$Days = 30,',
    '  [ValidateRange(1, 1000000)][int]$MaxEvents = 100000',
    ')',
    'Set-StrictMode -Version 2',
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    `$KmsdToolVersion = ${psLiteral(toolVersion)}`,
    `$KmsdFormatVersion = ${bundleFormatVersion}`,
    // validSystemRoot's rule: a plain drive path, so it can only name a folder.
    "$KmsdSystemRoot = if ($env:SystemRoot -match '^[A-Za-z]:\\\\[^\"*?<>|\\r\\n]*$') { $env:SystemRoot.TrimEnd('\\') } else { 'C:\\Windows' }",
    '$KmsdSteps = @(',
    ...steps.map((s, i) => `  ${s}${i < steps.length - 1 ? ',' : ''}`),
    ')',
    ...scriptBody,
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** The fixed part: running the steps, hashing, the manifest and the zip. No value is ever evaluated as code. */
const scriptBody: readonly string[] = String.raw`
Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem, System.Web.Extensions
$KmsdJson = New-Object System.Web.Script.Serialization.JavaScriptSerializer
$KmsdJson.MaxJsonLength = [int]::MaxValue
$KmsdJson.RecursionLimit = 64

function New-KmsdMap { New-Object 'System.Collections.Generic.Dictionary[string,object]' }

function Get-KmsdValue($Map, [string]$Key) {
  # A missing key is $null, whatever dictionary type the JSON reader returned.
  if ($Map -is [System.Collections.IDictionary] -and $Map.Contains($Key)) { $Map[$Key] } else { $null }
}

function ConvertTo-KmsdArgument([string]$Value) {
  # CommandLineToArgvW quoting: the argument list reaches the process as exactly these strings.
  if ($Value -ne '' -and $Value -notmatch '[\s"]') { return $Value }
  $sb = New-Object System.Text.StringBuilder
  [void]$sb.Append('"')
  $slashes = 0
  foreach ($c in $Value.ToCharArray()) {
    if ($c -eq [char]'\') { $slashes++; continue }
    if ($c -eq [char]'"') { [void]$sb.Append([char]'\', 2 * $slashes + 1); [void]$sb.Append('"'); $slashes = 0; continue }
    if ($slashes -gt 0) { [void]$sb.Append([char]'\', $slashes); $slashes = 0 }
    [void]$sb.Append($c)
  }
  if ($slashes -gt 0) { [void]$sb.Append([char]'\', 2 * $slashes) }
  [void]$sb.Append('"')
  $sb.ToString()
}

function Invoke-KmsdProcess([string]$File, [string[]]$Arguments, [int]$TimeoutMs) {
  $r = @{ ExitCode = $null; DurationMs = 0; Bytes = [byte[]]@(); Error = $null; Missing = $false }
  if (-not (Test-Path -LiteralPath $File -PathType Leaf)) { $r.Error = "$File is missing"; $r.Missing = $true; return $r }
  $psi = New-Object System.Diagnostics.ProcessStartInfo
  $psi.FileName = $File
  $psi.Arguments = (@($Arguments | ForEach-Object { ConvertTo-KmsdArgument $_ }) -join ' ')
  $psi.UseShellExecute = $false
  $psi.RedirectStandardOutput = $true
  $psi.RedirectStandardError = $true
  $psi.CreateNoWindow = $true
  $watch = [System.Diagnostics.Stopwatch]::StartNew()
  $proc = [System.Diagnostics.Process]::Start($psi)
  $out = New-Object System.IO.MemoryStream
  $copy = $proc.StandardOutput.BaseStream.CopyToAsync($out)
  $err = $proc.StandardError.ReadToEndAsync()
  if (-not $proc.WaitForExit($TimeoutMs)) {
    try { $proc.Kill() } catch { }
    $r.Error = "timed out after $TimeoutMs ms; the process was killed"
  }
  [void]$copy.Wait(10000)
  [void]$err.Wait(10000)
  $r.DurationMs = [int]$watch.ElapsedMilliseconds
  $r.Bytes = $out.ToArray()
  if ($null -eq $r.Error) {
    $r.ExitCode = $proc.ExitCode
    if ($proc.ExitCode -ne 0) {
      $detail = ("$($err.Result)".Trim() -split "\r?\n")[0]
      $r.Error = "exit code $($proc.ExitCode)$(if ($detail) { ': ' + $detail })"
      if ($File -match 'cscript' -and $detail -match 'script engine' -and $detail -match 'VBScript') { $r.Missing = $true; $r.Error = "VBScript is not installed (cscript said: $detail); the diagnosis uses the CIM licensing data instead" }
    }
  }
  $r
}

function Invoke-KmsdTemplate($Step) {
  # The collectors' PowerShell call: fixed wrapper and body, parameters as base64 JSON, in a child
  # powershell.exe (so the template's timeout can stop it) given as -EncodedCommand.
  $params = $KmsdJson.DeserializeObject([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($Step.Fixed)))
  if ($null -eq $params) { $params = New-KmsdMap }
  if ($Step.Windowed) { $params['days'] = $Days; $params['maxEvents'] = $MaxEvents }
  $encoded = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($KmsdJson.Serialize($params)))
  $line = '[Console]::OutputEncoding = [Text.Encoding]::UTF8; ' + $Step.Before + $encoded + $Step.After
  $command = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($line))
  $ps = Join-Path $KmsdSystemRoot 'System32\WindowsPowerShell\v1.0\powershell.exe'
  $ran = Invoke-KmsdProcess $ps @('-NoProfile', '-NonInteractive', '-EncodedCommand', $command) ($Step.Timeout + 30000)
  $r = @{ DurationMs = $ran.DurationMs; Result = $null; Error = $ran.Error; Display = $Step.Display }
  if ($Step.Windowed) { $r.Display = $Step.Display + '  # parameters ' + $KmsdJson.Serialize(@{ days = $Days; maxEvents = $MaxEvents }) }
  if ($null -ne $r.Error) { return $r }
  $text = [Text.Encoding]::UTF8.GetString($ran.Bytes)
  $last = @($text -split "\r?\n" | Where-Object { $_.StartsWith('{') }) | Select-Object -Last 1
  if ($null -eq $last) { $r.Error = 'PowerShell printed no result'; return $r }
  $envelope = $KmsdJson.DeserializeObject($last)
  if ((Get-KmsdValue $envelope 'ok') -ne $true) { $r.Error = "$(Get-KmsdValue $envelope 'error') ($(Get-KmsdValue $envelope 'errorId'))"; return $r }
  $r.Result = Get-KmsdValue $envelope 'result'
  $r
}

$OutFile = [System.IO.Path]::GetFullPath([Environment]::ExpandEnvironmentVariables($OutFile))
if (-not $OutFile.ToLowerInvariant().EndsWith('.zip')) { [Console]::Error.WriteLine('kms-collect: -OutFile must name a .zip file'); exit 1 }
$work = Join-Path ([System.IO.Path]::GetTempPath()) ('kmsd-run-' + [guid]::NewGuid().ToString('N'))
[void](New-Item -ItemType Directory -Path $work)
$files = New-Object System.Collections.ArrayList
$failures = New-Object System.Collections.ArrayList
$texts = @{}
$utf8 = New-Object System.Text.UTF8Encoding($false)
$LF = [string][char]10

function Save-KmsdFile([string]$Id, [string]$Path, [byte[]]$Bytes, [string]$Command, $ExitCode, [int]$DurationMs, [string]$Encoding) {
  $target = Join-Path $work ($Path -replace '/', '\')
  [void](New-Item -ItemType Directory -Force -Path (Split-Path $target))
  [System.IO.File]::WriteAllBytes($target, $Bytes)
  [void]$files.Add(@{ Id = $Id; Path = $Path; File = $target; Command = $Command; ExitCode = $ExitCode; DurationMs = $DurationMs; Encoding = $Encoding })
}

function Invoke-KmsdStep($Step) {
  $failure = $null
  $absent = $false
  switch ($Step.How) {
    'slmgr' {
      $call = & $Step.Call $null
      $ran = Invoke-KmsdProcess $call[0] $call[1] $Step.Timeout
      if ($null -ne $ran.Error) { $failure = $ran.Error; $absent = $ran.Missing; break }
      $text = [Text.Encoding]::Unicode.GetString($ran.Bytes)
      $texts[$Step.Id] = $text
      Save-KmsdFile $Step.Id $Step.Path $utf8.GetBytes($text) $Step.Display $ran.ExitCode $ran.DurationMs 'utf-8'
      if ($ran.Bytes.Length -gt 0) { Save-KmsdFile $Step.RawId $Step.RawPath $ran.Bytes $Step.Display $ran.ExitCode $ran.DurationMs 'utf-16le' }
    }
    'evtx' {
      $target = Join-Path $work ($Step.Path -replace '/', '\')
      [void](New-Item -ItemType Directory -Force -Path (Split-Path $target))
      $call = & $Step.Call $target
      $ran = Invoke-KmsdProcess $call[0] $call[1] $Step.Timeout
      if ($null -ne $ran.Error) { $failure = $ran.Error; $absent = $ran.Missing; break }
      [void]$files.Add(@{ Id = $Step.Id; Path = $Step.Path; File = $target; Command = $Step.Display; ExitCode = $ran.ExitCode; DurationMs = $ran.DurationMs; Encoding = 'binary' })
    }
    default {
      $ran = Invoke-KmsdTemplate $Step
      if ($null -ne $ran.Error) { $failure = $ran.Error; break }
      if ($Step.How -eq 'json') {
        $text = $KmsdJson.Serialize($ran.Result) + $LF
        $texts[$Step.Id] = $text
        Save-KmsdFile $Step.Id $Step.Path $utf8.GetBytes($text) $ran.Display 0 $ran.DurationMs 'utf-8'
      } elseif ($Step.How -eq 'ini') {
        if ((Get-KmsdValue $ran.Result 'absent') -eq $true -or -not (Get-KmsdValue $ran.Result 'base64')) { $failure = "no slmgr.ini for the display language ($(Get-KmsdValue $ran.Result 'path')): slmgr printed English labels"; $absent = $true; break }
        Save-KmsdFile $Step.Id $Step.Path ([Convert]::FromBase64String((Get-KmsdValue $ran.Result 'base64'))) ('read ' + (Get-KmsdValue $ran.Result 'path')) 0 $ran.DurationMs 'utf-8'
      } else {
        if ((Get-KmsdValue $ran.Result 'absent') -eq $true) { $failure = 'the event log does not exist on this machine'; $absent = $true; break }
        $xml = @((Get-KmsdValue $ran.Result 'xml') | Where-Object { $_ -is [string] })
        $text = '<?xml version="1.0" encoding="utf-8"?>' + $LF + '<Events>' + $LF + ($xml -join $LF) + $LF + '</Events>' + $LF
        Save-KmsdFile $Step.Id $Step.Path $utf8.GetBytes($text) $ran.Display 0 $ran.DurationMs 'utf-8'
      }
    }
  }
  if ($null -ne $failure -and -not ($absent -and $Step.Optional)) { [void]$failures.Add(@{ collector = $Step.Id; reason = $failure; missing = @($Step.Path) }) }
  [Console]::Error.WriteLine("[$(if ($null -eq $failure) { 'ok' } elseif ($absent) { 'warn' } else { 'FAIL' })] $($Step.Id)$(if ($failure) { ' - ' + $failure })")
}

function Get-KmsdRole {
  # detect-role.ts: a VOLUME_KMS* channel other than VOLUME_KMSCLIENT (or the service's KMS flag) is a
  # host, VOLUME_KMSCLIENT a client, any other channel (MAK, RETAIL, OEM) a client too.
  $descriptions = @()
  if ($texts.ContainsKey('cimProducts')) { $descriptions = @($KmsdJson.DeserializeObject($texts['cimProducts']) | ForEach-Object { if ($_ -is [System.Collections.IDictionary]) { "$(Get-KmsdValue $_ 'Description')" } }) }
  if ($descriptions.Count -eq 0 -and $texts.ContainsKey('slmgrDlv')) { $descriptions = @([regex]::Matches($texts['slmgrDlv'], '[^\r\n]*\b(?:VOLUME_[A-Z0-9_]+|RETAIL|OEM[A-Z_:]*)\b[^\r\n]*channel[^\r\n]*') | ForEach-Object { $_.Value }) }
  $channels = @($descriptions | ForEach-Object { $m = [regex]::Match($_, '\b(VOLUME_[A-Z0-9_]+|RETAIL|OEM[A-Z_:]*|TIMEBASED_[A-Z0-9_]+|VIRTUAL_MACHINE_ACTIVATION)\b'); if ($m.Success) { $m.Groups[1].Value } })
  $service = if ($texts.ContainsKey('cimService')) { $KmsdJson.DeserializeObject($texts['cimService']) } else { $null }
  if ($service -is [object[]]) { $service = $service[0] }
  $isHost = @($channels | Where-Object { $_.StartsWith('VOLUME_KMS') -and $_ -ne 'VOLUME_KMSCLIENT' }).Count -gt 0 -or ($service -is [System.Collections.IDictionary] -and [int]("0$((Get-KmsdValue $service 'IsKeyManagementServiceMachine'))") -gt 0)
  $isClient = @($channels | Where-Object { $_ -eq 'VOLUME_KMSCLIENT' }).Count -gt 0
  if ($isHost -and $isClient) { return 'both' }
  if ($isHost) { return 'host' }
  if ($isClient -or $channels.Count -gt 0) { return 'client' }
  'unknown'
}

try {
  foreach ($step in @($KmsdSteps | Where-Object { $_.Phase -eq 1 })) { Invoke-KmsdStep $step }
  $chosen = if ($Role -eq 'auto') { Get-KmsdRole } else { $Role }
  [Console]::Error.WriteLine("[ok] role - $chosen$(if ($Role -eq 'auto') { ' (detected)' } else { ' (chosen)' })")
  foreach ($step in @($KmsdSteps | Where-Object { $_.Phase -eq 2 })) {
    if ($step.Roles -contains 'any' -or $chosen -eq 'unknown' -or $chosen -eq 'both' -or $step.Roles -contains $chosen) { Invoke-KmsdStep $step }
  }
  [void]$failures.Add(@{ collector = 'probes'; reason = 'not run by the exported script (the network probes are part of kms-doctor): run "kms-doctor probe --json" where the tool is installed'; missing = @('network/probes.json') })

  $info = if ($texts.ContainsKey('system')) { $KmsdJson.DeserializeObject($texts['system']) } else { $null }
  $get = { param($key) if ($info -is [System.Collections.IDictionary] -and $info.ContainsKey($key) -and $null -ne $info[$key]) { $info[$key] } else { $null } }
  $machine = New-KmsdMap
  $machine['name'] = if (& $get 'ComputerName') { [string](& $get 'ComputerName') } else { $env:COMPUTERNAME }
  $machine['os'] = & $get 'OsCaption'
  $machine['build'] = if (& $get 'BuildNumber') { [string](& $get 'BuildNumber') } else { $null }
  $machine['edition'] = & $get 'EditionId'
  $machine['locale'] = & $get 'Locale'
  $machine['elevated'] = if ($null -ne (& $get 'Elevated')) { [bool](& $get 'Elevated') } else { $null }
  $sha = [System.Security.Cryptography.SHA256]::Create()
  $listed = New-Object System.Collections.ArrayList
  foreach ($f in ($files | Sort-Object { $_.Path })) {
    $stream = [System.IO.File]::OpenRead($f.File)
    try { $hash = -join ($sha.ComputeHash($stream) | ForEach-Object { $_.ToString('x2') }) } finally { $stream.Dispose() }
    $producedBy = New-KmsdMap
    $producedBy['command'] = $f.Command; $producedBy['exitCode'] = $f.ExitCode; $producedBy['durationMs'] = $f.DurationMs; $producedBy['encoding'] = $f.Encoding
    $entry = New-KmsdMap
    $entry['path'] = $f.Path; $entry['size'] = (Get-Item -LiteralPath $f.File).Length; $entry['sha256'] = $hash; $entry['kind'] = $f.Id; $entry['producedBy'] = $producedBy
    [void]$listed.Add($entry)
  }
  $manifest = New-KmsdMap
  $manifest['formatVersion'] = $KmsdFormatVersion
  $manifest['toolVersion'] = $KmsdToolVersion
  $manifest['created'] = (Get-Date).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'")
  $manifest['machine'] = $machine
  $manifest['role'] = $chosen
  $manifest['redacted'] = $false
  $manifest['files'] = $listed.ToArray()
  $manifest['failedCollectors'] = @($failures | ForEach-Object { $m = New-KmsdMap; $m['collector'] = $_.collector; $m['reason'] = $_.reason; $m['missing'] = $_.missing; $m })
  $manifest['notes'] = @("Collected by the script kms-doctor $KmsdToolVersion exported (collect --export-script): no network probes, no findings or report (kms-doctor analyze adds them).")

  $partial = $OutFile + '.part'
  if (Test-Path -LiteralPath $partial) { Remove-Item -LiteralPath $partial -Force }
  $zip = [System.IO.Compression.ZipFile]::Open($partial, [System.IO.Compression.ZipArchiveMode]::Create)
  try {
    foreach ($f in $files) { [void][System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile($zip, $f.File, $f.Path, [System.IO.Compression.CompressionLevel]::Optimal) }
    $entry = $zip.CreateEntry('manifest.json', [System.IO.Compression.CompressionLevel]::Optimal)
    $writer = New-Object System.IO.StreamWriter($entry.Open(), $utf8)
    try { $writer.Write($KmsdJson.Serialize($manifest)) } finally { $writer.Dispose() }
  } finally { $zip.Dispose() }
  Move-Item -LiteralPath $partial -Destination $OutFile -Force
  Write-Output $OutFile
} catch {
  [Console]::Error.WriteLine("kms-collect: $($_.Exception.Message)")
  exit 1
} finally {
  Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
`.split('\n').slice(1, -1);

/**
 * `kms-doctor collect --export-script FILE.ps1` (issue #19): one self-contained Windows PowerShell 5.1
 * script that gathers what `collect` gathers and writes the same bundle zip (manifest with sizes, SHA-256
 * and producing commands), for machines where nothing is installed: run through Invoke-Command, Intune
 * or Configuration Manager.
 *
 * One source: every command in the script is built here from `commandTemplates` (the allowlist the
 * collectors run), the steps from `firstPhase` / `secondPhase`, the file places from `bundlePaths`, so
 * the script cannot drift from `collect`. The script decides no role: it runs every step of both roles
 * (what `collect` runs when it cannot tell the role) and records the role as unknown, so `analyze`
 * decides it from the bundle's licensing data with shared/kms/role.ts, like any other bundle's. Values reach commands only as data: the
 * PowerShell templates run in a child `powershell.exe -EncodedCommand` (base64) whose parameters are
 * base64 JSON, exactly as the collectors' session gets them; processes get an argument list, never a
 * shell string. Every command runs with its template's timeout and is killed after it.
 *
 * What the script does not do, and says so in the manifest: the network probes (`network/probes.json`,
 * the tool's own DNS/TCP/RPC code) and the diagnosis (`findings.json`, `report.html`): `analyze` adds both
 * views when the bundle comes back.
 */
import { bundleFormatVersion, bundlePaths, type EvidenceKind } from '../../shared/bundle/manifest.js';
import { commandTemplates, resultMarker } from '../collect/windows/commands.js';
import { collectPlan, type PlannedCommand } from '../service/collect-plan.js';
import { firstPhase, secondPhase } from '../service/collect-steps.js';
import type { Role } from '../../shared/kms/role.js';
import { toolVersion } from '../version.js';

/** How a planned command's output becomes bundle files (what the Windows collectors do with each kind). */
export type ScriptStepHow = 'language' | 'slmgr' | 'json' | 'ini' | 'stdout-file' | 'self-written';

/** Evidence `collect` writes that the script cannot: the tool's own probes and diagnosis. */
export const notInScript: readonly EvidenceKind[] = ['probes', 'findings', 'report'];

// The plan is made with these placeholders, replaced by the script's run-time values.
const systemRootMark = 'C:\\KMSD-SYSTEMROOT';
/** collect-plan.ts shows the run's private folder as this. */
const planWorkDir = 'C:\\Windows\\Temp\\kmsd-run-XXXXXX';
/** The plan's window (collect-plan.ts): 30 days, 100,000 events. */
const planWindow = { days: 30, maxEvents: 100_000 };
const planDaysMs = String(planWindow.days * 86_400_000);
const planMaxEvents = `/c:${planWindow.maxEvents}`;
/** The role the script records: none (decideRole reads "unknown" as not recorded), so analyze decides it. */
const recordedRole: Role = 'unknown';
/** How the plan shows a step kms-doctor runs in its own process. */
const builtIn = '(built in)';
/** wevtutil's exit code for a log that does not exist (ERROR_EVT_CHANNEL_NOT_FOUND), as the collectors read it. */
const channelNotFound = 15007;

/** A PowerShell single-quoted literal (no expansion); the typographic quotes PowerShell also accepts are doubled too. */
export function psLiteral(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/** One planned value as a PowerShell expression over $KmsdSystemRoot, $work, $Days and $MaxEvents. */
function expression(value: string): string {
  if (value.startsWith(systemRootMark)) return `($KmsdSystemRoot + ${psLiteral(value.slice(systemRootMark.length))})`;
  if (value.startsWith(planWorkDir)) return `($work + ${psLiteral(value.slice(planWorkDir.length))})`;
  if (value === planMaxEvents) return "('/c:' + [string]$MaxEvents)";
  if (value.includes(planDaysMs)) {
    const [before, after] = value.split(planDaysMs) as [string, string];
    return `(${psLiteral(before)} + [string]([long]$Days * 86400000) + ${psLiteral(after)})`;
  }
  if (value.includes('KMSD-SYSTEMROOT') || value.includes('XXXXXX')) throw new Error(`a placeholder is left in ${value}`);
  return psLiteral(value);
}

/** What the planned command is, from its program and arguments. */
export function howOf(command: PlannedCommand): ScriptStepHow {
  if (command.step === 'powershellLanguageMode') return 'language';
  if (command.script !== undefined) return command.step === 'slmgrIni' ? 'ini' : 'json';
  if (/\\cscript\.exe$/i.test(command.program)) return 'slmgr';
  if (/\\wevtutil\.exe$/i.test(command.program) && command.args[0] === 'qe') return 'stdout-file';
  if (/\\wevtutil\.exe$/i.test(command.program) && command.args[0] === 'epl') return 'self-written';
  throw new Error(`no way to run the planned step ${command.step} (${command.program})`);
}

/** The manifest's "command" for a step, as the collectors write it. */
function displayOf(command: PlannedCommand): string {
  if (command.script !== undefined) {
    const template = Object.values(commandTemplates).find((t) => t.kind === 'powershell' && command.script!.includes(t.script));
    if (template !== undefined && template.kind === 'powershell') return template.describe;
  }
  return [command.program, ...command.args]
    .map((part) => part.replace(systemRootMark, '%SystemRoot%').replace(planWorkDir, '<bundle>').replace(planDaysMs, '<days × 86400000>'))
    .map((part) => (/[\s"]/.test(part) ? `"${part.replace(/"/g, '\\"')}"` : part))
    .join(' ');
}

const collectSteps = new Map([...firstPhase, ...secondPhase].map((s) => [s.id as string, s]));

type BuildProcess = (params: unknown, env: { systemRoot: string }) => { file: string; args: readonly string[] };

/**
 * How the output of a stream written to a file is encoded (the manifest says so): its template's, found by
 * building each process template with the plan's window and comparing the command.
 */
function streamEncodingOf(command: PlannedCommand): string {
  for (const template of Object.values(commandTemplates)) {
    if (template.kind !== 'process') continue;
    const params = template.params.safeParse(planWindow);
    if (!params.success) continue;
    const built = (template.build as BuildProcess)(params.data, { systemRoot: systemRootMark });
    if (built.file === command.program && built.args.length === command.args.length && built.args.every((arg, i) => arg === command.args[i])) return template.encoding;
  }
  throw new Error(`no command template prints ${command.step}'s stream (${command.program} ${command.args[0] ?? ''})`);
}

function stepLine(command: PlannedCommand): string {
  const how = howOf(command);
  const step = collectSteps.get(command.step);
  const raw = how === 'slmgr' ? `${command.step}Raw` : null;
  const rawPath = raw !== null && raw in bundlePaths ? bundlePaths[raw as EvidenceKind] : null;
  return (
    `@{ Id = ${psLiteral(command.step)}; Optional = $${step?.optional === true}; How = ${psLiteral(how)}; ` +
    `Path = ${command.output === null ? '$null' : psLiteral(command.output)}; RawPath = ${rawPath === null ? '$null' : psLiteral(rawPath)}; ` +
    `Timeout = ${command.timeoutMs}; Encoding = ${how === 'stdout-file' ? psLiteral(streamEncodingOf(command)) : '$null'}; Display = ${psLiteral(displayOf(command))}; Call = { ,@(${expression(command.program)}, @(${command.args.map(expression).join(', ')})) } }`
  );
}

/**
 * The planned commands the script runs: all of collect's but what runs in kms-doctor's own process. The
 * probes are left out (the manifest says so). An event query that collect exports with `wevtutil epl`
 * and reads with its own .evtx reader is, in the script, the `wevtutil qe` stream collect falls back
 * to: the bundle carries the same log as .evtx too, which analyze reads first (damaged records skipped).
 */
export function scriptCommands(plan: readonly PlannedCommand[]): PlannedCommand[] {
  const readInProcess = new Set(plan.filter((c) => c.program === builtIn).map((c) => c.step));
  return plan.filter((c) => c.step !== 'probes' && c.program !== builtIn && (!readInProcess.has(c.step) || c.onlyIf !== undefined));
}

export interface CollectScriptOptions {
  /**
   * A default for -OutFile, kept in the script as a literal (for Intune, which runs scripts without
   * parameters). Environment variables in it (%COMPUTERNAME%) are expanded when the script runs.
   */
  readonly defaultOutFile?: string;
}

/**
 * The whole script text (CRLF line ends, as Windows PowerShell 5.1 reads best), from `collect --plan`'s
 * list of every command collect runs (made by the collectors themselves), for both roles: all of them run.
 */
export async function buildCollectScript(options: CollectScriptOptions = {}): Promise<string> {
  const plan = scriptCommands(await collectPlan({ role: 'both', env: { systemRoot: systemRootMark } }));
  const steps = plan.map(stepLine);
  const outFileParam = options.defaultOutFile === undefined ? '  [Parameter(Mandatory = $true)][string]$OutFile,' : `  [string]$OutFile = ${psLiteral(options.defaultOutFile)},`;
  const lines = [
    '#Requires -Version 5.1',
    '<#',
    '.SYNOPSIS',
    'KMS Doctor evidence collection without installing anything: writes the same bundle zip as "kms-doctor collect".',
    '.DESCRIPTION',
    `Generated by kms-doctor ${toolVersion} (collect --export-script) from the commands "kms-doctor collect --plan" lists.`,
    'Run it elevated (an administrator) for the complete Key Management Service log and firewall rules. It only reads:',
    'slmgr /dlv, the licensing WMI classes, the KMS event logs, DNS client, registry and firewall settings.',
    'It collects what both a KMS host and a KMS client need and records no role: "kms-doctor analyze" decides the role',
    'from the licensing data in the bundle. Not included (added by analyze): the network probes and the findings.',
    '.PARAMETER OutFile',
    'Where to write the bundle zip (a local path or a share); environment variables are expanded, e.g. \\\\server\\kms$\\%COMPUTERNAME%.zip.',
    '.PARAMETER Days',
    'Event window in days (1-3650).',
    '#>',
    '[CmdletBinding()]',
    'param(',
    outFileParam,
    '  [ValidateRange(1, 3650)][int]$Days = 30,',
    '  [ValidateRange(1, 1000000)][int]$MaxEvents = 100000',
    ')',
    'Set-StrictMode -Version 2',
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    `$KmsdToolVersion = ${psLiteral(toolVersion)}`,
    `$KmsdFormatVersion = ${bundleFormatVersion}`,
    `$KmsdRecordedRole = ${psLiteral(recordedRole)}`,
    `$KmsdResultMarker = ${psLiteral(resultMarker)}`,
    `$KmsdChannelNotFound = ${channelNotFound}`,
    // validSystemRoot's rule: a plain drive path, so it can only name a folder.
    "$KmsdSystemRoot = if ($env:SystemRoot -match '^[A-Za-z]:\\\\[^\"*?<>|\\r\\n]*$') { $env:SystemRoot.TrimEnd('\\') } else { 'C:\\Windows' }",
    '$KmsdSteps = @(',
    ...steps.map((line, i) => `  ${line}${i < steps.length - 1 ? ',' : ''}`),
    ')',
    ...scriptBody,
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** The fixed part: running the steps, hashing, the manifest and the zip. No value is ever evaluated as code. */
const scriptBody: readonly string[] = String.raw`
Add-Type -AssemblyName 'System.IO.Compression', 'System.IO.Compression.FileSystem', 'System.Web.Extensions'
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

function Invoke-KmsdProcess([string]$File, [string[]]$Arguments, [int]$TimeoutMs, [string]$StdoutFile) {
  # An argument list (never a command string), the template's timeout, the process killed after it.
  $r = @{ ExitCode = $null; DurationMs = 0; Bytes = [byte[]]@(); Error = $null; Missing = $false; Written = 0 }
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
  $out = if ($StdoutFile) { [System.IO.File]::Open($StdoutFile, [System.IO.FileMode]::CreateNew, [System.IO.FileAccess]::Write) } else { New-Object System.IO.MemoryStream }
  try {
    $copy = $proc.StandardOutput.BaseStream.CopyToAsync($out)
    $err = $proc.StandardError.ReadToEndAsync()
    if (-not $proc.WaitForExit($TimeoutMs)) {
      try { $proc.Kill() } catch { }
      $r.Error = "timed out after $TimeoutMs ms; the process was killed"
    }
    [void]$copy.Wait(30000)
    [void]$err.Wait(10000)
    $r.Written = $out.Length
    if (-not $StdoutFile) { $r.Bytes = $out.ToArray() }
  } finally { $out.Dispose() }
  $r.DurationMs = [int]$watch.ElapsedMilliseconds
  if ($null -eq $r.Error) {
    $r.ExitCode = $proc.ExitCode
    if ($proc.ExitCode -ne 0) {
      $detail = ("$($err.Result)".Trim() -split "\r?\n")[0]
      $r.Error = "exit code $($proc.ExitCode)$(if ($detail) { ': ' + $detail })"
      # VBScript removed (an optional feature since Windows 11 24H2): its engine is gone from disk. Looked for
      # there, not in cscript's words, which are localized (as the collectors do).
      $engine = Join-Path $KmsdSystemRoot 'System32\vbscript.dll'
      if ($File -match 'cscript' -and -not (Test-Path -LiteralPath $engine -PathType Leaf)) { $r.Missing = $true; $r.Error = "VBScript is not installed ($engine is absent$(if ($detail) { '; cscript said: ' + $detail })); the diagnosis uses the CIM licensing data instead" }
    }
  }
  $r
}

function Read-KmsdEnvelope([byte[]]$Bytes) {
  # The collectors' wrapper prints one marker line: base64 of the UTF-8 JSON { ok, result | error, errorId }.
  $text = [Text.Encoding]::ASCII.GetString($Bytes)
  $line = @($text -split "\r?\n" | Where-Object { $_.StartsWith($KmsdResultMarker) }) | Select-Object -Last 1
  if ($null -eq $line) { return @{ Error = 'PowerShell printed no result'; Result = $null } }
  $envelope = $KmsdJson.DeserializeObject([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($line.Substring($KmsdResultMarker.Length).Trim())))
  if ((Get-KmsdValue $envelope 'ok') -ne $true) { return @{ Error = "$(Get-KmsdValue $envelope 'error') ($(Get-KmsdValue $envelope 'errorId'))"; Result = $null } }
  @{ Error = $null; Result = (Get-KmsdValue $envelope 'result') }
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
$script:KmsdPowerShellBlocked = $null

function Save-KmsdFile([string]$Id, [string]$Path, [byte[]]$Bytes, [string]$Command, $ExitCode, [int]$DurationMs, [string]$Encoding) {
  $target = Join-Path $work ($Path -replace '/', '\')
  [void](New-Item -ItemType Directory -Force -Path (Split-Path $target))
  [System.IO.File]::WriteAllBytes($target, $Bytes)
  [void]$files.Add(@{ Id = $Id; Path = $Path; File = $target; Command = $Command; ExitCode = $ExitCode; DurationMs = $DurationMs; Encoding = $Encoding })
}

function Invoke-KmsdStep($Step) {
  $failure = $null
  $absent = $false
  $target = if ($Step.Path) { Join-Path $work ($Step.Path -replace '/', '\') } else { $null }
  if ($target) { [void](New-Item -ItemType Directory -Force -Path (Split-Path $target)) }
  $call = & $Step.Call
  if (($Step.How -eq 'json' -or $Step.How -eq 'ini') -and $null -ne $script:KmsdPowerShellBlocked) {
    $failure = $script:KmsdPowerShellBlocked
  } else {
    $ran = Invoke-KmsdProcess $call[0] $call[1] $Step.Timeout $(if ($Step.How -eq 'stdout-file') { $target } else { '' })
    switch ($Step.How) {
      'language' {
        $mode = ([Text.Encoding]::ASCII.GetString($ran.Bytes)).Trim()
        if ($null -ne $ran.Error) { $script:KmsdPowerShellBlocked = "PowerShell did not start: $($ran.Error)" }
        elseif ($mode -ne 'FullLanguage') { $script:KmsdPowerShellBlocked = "PowerShell runs in $mode mode (WDAC/AppLocker): its scripts' .NET calls are refused" }
        return
      }
      'slmgr' {
        if ($null -ne $ran.Error) { $failure = $ran.Error; $absent = $ran.Missing; break }
        $text = [Text.Encoding]::Unicode.GetString($ran.Bytes).TrimStart([char]0xFEFF)
        $texts[$Step.Id] = $text
        Save-KmsdFile $Step.Id $Step.Path $utf8.GetBytes($text) $Step.Display $ran.ExitCode $ran.DurationMs 'utf-8'
        if ($ran.Bytes.Length -gt 0 -and $Step.RawPath) { Save-KmsdFile ($Step.Id + 'Raw') $Step.RawPath $ran.Bytes $Step.Display $ran.ExitCode $ran.DurationMs 'utf-16le' }
      }
      'stdout-file' {
        if ($ran.ExitCode -eq $KmsdChannelNotFound) { $failure = 'the event log does not exist on this machine'; $absent = $true; Remove-Item -LiteralPath $target -Force -ErrorAction SilentlyContinue; break }
        # Stopped part-way: the records read so far are evidence, kept (as collect does).
        if ($null -ne $ran.Error -and $ran.Written -eq 0) { $failure = $ran.Error; Remove-Item -LiteralPath $target -Force -ErrorAction SilentlyContinue; break }
        [void]$files.Add(@{ Id = $Step.Id; Path = $Step.Path; File = $target; Command = $Step.Display; ExitCode = $ran.ExitCode; DurationMs = $ran.DurationMs; Encoding = $Step.Encoding })
      }
      'self-written' {
        if ($null -ne $ran.Error) { $failure = $ran.Error; $absent = $ran.Missing; break }
        [void]$files.Add(@{ Id = $Step.Id; Path = $Step.Path; File = $target; Command = $Step.Display; ExitCode = $ran.ExitCode; DurationMs = $ran.DurationMs; Encoding = 'binary' })
      }
      default {
        if ($null -ne $ran.Error) { $failure = $ran.Error; break }
        $read = Read-KmsdEnvelope $ran.Bytes
        if ($null -ne $read.Error) { $failure = $read.Error; break }
        if ($Step.How -eq 'json') {
          $text = $KmsdJson.Serialize($read.Result) + $LF
          $texts[$Step.Id] = $text
          Save-KmsdFile $Step.Id $Step.Path $utf8.GetBytes($text) $Step.Display 0 $ran.DurationMs 'utf-8'
        } else {
          $base64 = Get-KmsdValue $read.Result 'base64'
          if ((Get-KmsdValue $read.Result 'absent') -eq $true -or -not $base64) { $failure = "no slmgr.ini for the display language ($(Get-KmsdValue $read.Result 'path')): slmgr printed English labels"; $absent = $true; break }
          Save-KmsdFile $Step.Id $Step.Path ([Convert]::FromBase64String($base64)) ('read ' + (Get-KmsdValue $read.Result 'path')) 0 $ran.DurationMs 'utf-8'
        }
      }
    }
  }
  if ($null -ne $failure -and -not ($absent -and $Step.Optional)) { [void]$failures.Add(@{ collector = $Step.Id; reason = $failure; missing = @($Step.Path) }) }
  [Console]::Error.WriteLine("[$(if ($null -eq $failure) { 'ok' } elseif ($absent) { 'warn' } else { 'FAIL' })] $($Step.Id)$(if ($failure) { ' - ' + $failure })")
}

try {
  # Every step, for both roles: the role is decided by kms-doctor analyze from the licensing data.
  foreach ($step in $KmsdSteps) { Invoke-KmsdStep $step }
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
  $manifest['role'] = $KmsdRecordedRole
  $manifest['redacted'] = $false
  $manifest['files'] = $listed.ToArray()
  $manifest['failedCollectors'] = @($failures | ForEach-Object { $m = New-KmsdMap; $m['collector'] = $_.collector; $m['reason'] = $_.reason; $m['missing'] = $_.missing; $m })
  $manifest['notes'] = @("Collected by the script kms-doctor $KmsdToolVersion exported (collect --export-script): every step of both roles, no role decided (kms-doctor analyze decides it from the licensing data), no network probes, no findings or report (kms-doctor analyze adds them).")

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

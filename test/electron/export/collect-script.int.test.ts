import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { runCli } from '../../../electron/cli/program.js';
import { commandTemplates } from '../../../electron/collect/windows/commands.js';
import { createReplayCollectors } from '../../../electron/collect/replay/replay-collectors.js';
import { buildCollectScript, notInScript, psLiteral } from '../../../electron/export/collect-script.js';
import { collectAndBundle } from '../../../electron/service/collect-run.js';
import { collectPlan, type PlannedCommand } from '../../../electron/service/collect-plan.js';
import { firstPhase, secondPhase } from '../../../electron/service/collect-steps.js';
import { loadEvidence } from '../../../electron/evidence/load-evidence.js';
import { bundlePaths } from '../../../shared/bundle/manifest.js';
import { diagnose } from '../../../shared/diagnose/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { openRecordedBundle } from '../service/recorded-bundle.js';
import { ancestorOf, nodesOf, powershellParser, syntaxErrors } from './powershell-grammar.js';

const samplesDir = fileURLToPath(new URL('../../../samples/', import.meta.url));
const samples = JSON.parse(await readFile(path.join(samplesDir, 'expected.json'), 'utf8')) as Array<{ name: string; expectFirst: string | null; expectState: string }>;

let script = '';
let plan: PlannedCommand[] = [];
let fullPlan: PlannedCommand[] = [];
/** The step table of the script: one `@{ Id = '…'; … }` line per planned command. */
let stepLines: string[] = [];
const field = (line: string, name: string): string | undefined => new RegExp(`; ${name} = '((?:[^']|'')*)'`).exec(line)?.[1]?.replace(/''/g, "'");

beforeAll(async () => {
  script = await buildCollectScript();
  fullPlan = await collectPlan({ role: 'both' });
  // All of collect's commands but the probes, the in-process .evtx reads, and the exports only those read
  // (to a private *.query.evtx): the script cannot run kms-doctor's own code.
  plan = fullPlan.filter((c) => c.step !== 'probes' && c.program !== '(built in)' && !(c.args[0] === 'epl' && /\.query\.evtx$/.test(c.args[2] ?? '')));
  stepLines = script.split('\r\n').filter((line) => /^ {2}@\{ Id = '/.test(line));
});

describe('collect --export-script: the PowerShell 5.1 script built from the commands collect runs', () => {
  it('has every command of collect --plan (both roles), in order, with its timeout and bundle file', () => {
    expect(stepLines.map((l) => /Id = '([^']+)'/.exec(l)![1])).toEqual(plan.map((c) => c.step));
    const steps = new Map([...firstPhase, ...secondPhase].map((s) => [s.id as string, s]));
    plan.forEach((command, i) => {
      const line = stepLines[i]!;
      expect(line).toContain(`Timeout = ${command.timeoutMs};`);
      expect(field(line, 'Path') ?? null).toBe(command.output);
      const step = steps.get(command.step);
      if (step !== undefined) expect(line).toContain(`Optional = $${step.optional === true};`);
    });
    // Every collect step of either role is in the table: the script collects for both.
    for (const step of [...firstPhase, ...secondPhase]) expect(plan.map((c) => c.step), step.id).toContain(step.id);
  });

  it('reads each event query collect reads in-process with the wevtutil qe stream collect falls back to', () => {
    const readInProcess = [...new Set(fullPlan.filter((c) => c.program === '(built in)' && c.step !== 'probes').map((c) => c.step))];
    expect(readInProcess.sort()).toEqual(['eventsApplicationSppXml', 'eventsHostDnsPublishXml', 'eventsKmsHostXml']);
    for (const step of readInProcess) {
      const lines = stepLines.filter((l) => l.includes(`Id = '${step}';`));
      expect(lines, step).toHaveLength(1);
      expect(field(lines[0]!, 'How'), step).toBe('stdout-file');
      expect(field(lines[0]!, 'Display'), step).toMatch(/^%SystemRoot%\\System32\\wevtutil\.exe qe /);
      const fallback = fullPlan.find((c) => c.step === step && c.onlyIf !== undefined);
      expect(fallback?.args[0], step).toBe('qe');
      // The manifest says how the stream is encoded, as collect's does: the template's (qe /uni:true prints UTF-16LE).
      const template = Object.values(commandTemplates).find((t) => t.kind === 'process' && fallback!.args.includes('/uni:true') && t.encoding === 'utf-16le');
      expect(template, step).toBeDefined();
      expect(field(lines[0]!, 'Encoding'), step).toBe('utf-16le');
    }
  });

  it('decides no role: it runs every step and records the role as unknown, for analyze to decide', () => {
    // The role logic lives in shared/kms/role.ts only: no channel names, no licensing fields, no -Role.
    expect(script).not.toMatch(/VOLUME_|KMSCLIENT|IsKeyManagementServiceMachine|\$Role\b|Get-KmsdRole|Phase|Roles =/);
    expect(script).toContain("$KmsdRecordedRole = 'unknown'");
    expect(script).toContain("$manifest['role'] = $KmsdRecordedRole");
    expect(script).toContain('foreach ($step in $KmsdSteps) { Invoke-KmsdStep $step }');
    expect(script.match(/Invoke-KmsdStep \$/g)).toHaveLength(1);
  });

  it('reads each event query with its qe stream (/uni:true, recorded as UTF-16LE), the same XPath collect exports', () => {
    for (const step of ['eventsKmsHostXml', 'eventsHostDnsPublishXml', 'eventsApplicationSppXml']) {
      const lines = stepLines.filter((line) => line.includes(`Id = '${step}'`));
      expect(lines, step).toHaveLength(1);
      expect(lines[0]).toContain("How = 'stdout-file'");
      expect(lines[0]).toMatch(/@\('qe', /);
      expect(lines[0]).toContain("'/uni:true'");
      expect(lines[0]).toContain("Encoding = 'utf-16le';");
    }
    // The manifest records each stream's encoding from its step, which the line above fixes per step.
    expect(script).toContain('Encoding = $Step.Encoding })');
  });

  it('runs each PowerShell template as the same -EncodedCommand collect runs, and every template is there', () => {
    for (const [i, command] of plan.entries()) {
      if (command.script === undefined) continue;
      const encoded = command.args[command.args.indexOf('-EncodedCommand') + 1]!;
      expect(stepLines[i], command.step).toContain(psLiteral(encoded));
    }
    const scripts = plan.map((c) => c.script ?? '').join('\n');
    // Run by the network probes, which the script leaves out (the manifest says so): not a collection step.
    const probeOnly = new Set(['resolveSrv']);
    // The event-query exports collect reads with its own .evtx reader: the script streams those queries instead.
    const readInProcess = new Set(['kmsHostEventsExport', 'hostDnsPublishEventsExport', 'applicationSppEventsExport']);
    expect(script).not.toContain('.query.evtx');
    for (const [id, template] of Object.entries(commandTemplates)) {
      if (probeOnly.has(id)) {
        expect(scripts, id).not.toContain(template.kind === 'powershell' ? template.script : id);
        continue;
      }
      if (readInProcess.has(id)) continue;
      if (template.kind === 'powershell') expect(scripts, id).toContain(template.script);
      else {
        // A process template: its program and first argument are on some line of the script.
        const built = (template.build as (p: unknown, env: { systemRoot: string }) => { file: string; args: readonly string[] })(
          template.params.parse(id.startsWith('wevtutilExport') || id.endsWith('EventsExport') ? { destination: 'C:\\x\\y.evtx', ...(id === 'wevtutilExportKmsHost' ? {} : { days: 30 }) } : id.endsWith('Events') ? { days: 30, maxEvents: 100 } : {}),
          { systemRoot: 'C:\\Windows' },
        );
        const program = `($KmsdSystemRoot + ${psLiteral(built.file.slice('C:\\Windows'.length))})`;
        expect(stepLines.some((l) => l.includes(`${program}, @(${psLiteral(built.args[0]!)}`)), id).toBe(true);
      }
    }
  });

  it('tells VBScript is missing by its absent engine, never by cscript\'s (localized) words, as the collectors do', () => {
    expect(script).toContain("$engine = Join-Path $KmsdSystemRoot 'System32\\vbscript.dll'");
    expect(script).toContain("if ($File -match 'cscript' -and -not (Test-Path -LiteralPath $engine -PathType Leaf)) { $r.Missing = $true;");
    expect(script).not.toMatch(/\$detail -match/);
  });

  it('gives parameters to commands only as encoded data or argument lists', () => {
    // Nothing is evaluated from text: scripts go to powershell.exe as -EncodedCommand, programs get argument arrays.
    expect(script).not.toMatch(/Invoke-Expression|\biex\b|Start-Process|cmd(\.exe)? \/c|\[scriptblock\]::Create/i);
    // The run-time values appear only where they are validated, and as whole arguments.
    const uses = script.split('\r\n').filter((l) => /\$(Days|MaxEvents)\b/.test(l) && !/^ {2}@\{ Id/.test(l)).map((l) => l.trim());
    expect(uses).toEqual(['[ValidateRange(1, 3650)][int]$Days = 30,', '[ValidateRange(1, 1000000)][int]$MaxEvents = 100000']);
    for (const line of stepLines.filter((l) => /\$(Days|MaxEvents)\b/.test(l))) {
      expect(line).toMatch(/\[string\]\(\[long\]\$Days \* 86400000\)|'\/c:' \+ \[string\]\$MaxEvents/);
    }
  });

  it('writes the bundle layout collect writes for both roles (less the probes and the diagnosis it cannot run)', async () => {
    const scriptPaths = new Set<string>(stepLines.flatMap((l) => [field(l, 'Path'), field(l, 'RawPath')].filter((p): p is string => p !== undefined)));
    scriptPaths.add(bundlePaths.manifest);
    const opened = await openRecordedBundle();
    const dir = await makeTempDir();
    const collected = await collectAndBundle({ collectors: createReplayCollectors(opened), role: 'both', days: 30, out: path.join(dir, 'b.zip'), redact: false, lang: 'en', store: null, now: () => new Date('2026-08-11T05:00:00.000Z') });
    // Everything collect wrote for both roles from the recorded machine is in the script's layout…
    const skipped = new Set<string>(notInScript.map((k) => bundlePaths[k]));
    const written = [...collected.manifest.files.map((f) => f.path), ...collected.manifest.failedCollectors.flatMap((f) => f.missing), bundlePaths.manifest];
    expect(written.filter((p) => !skipped.has(p) && !scriptPaths.has(p))).toEqual([]);
    // …and the script's layout is every collect step's file of both roles (with slmgr's raw UTF-16 twins), no more.
    const collectPaths = [...firstPhase, ...secondPhase].map((s) => bundlePaths[s.id] as string);
    const expected = [...collectPaths, bundlePaths.slmgrDlvRaw, bundlePaths.slmgrDlvAllRaw, bundlePaths.manifest].filter((p) => !skipped.has(p));
    expect([...scriptPaths].sort()).toEqual([...new Set(expected)].sort());
    expect(script).toContain("[void]$failures.Add(@{ collector = 'probes';");
  });

  it('kms-doctor collect --export-script writes it on any OS, with a BOM for PowerShell 5.1', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'kms-collect.ps1');
    let out = '';
    expect(await runCli(['collect', '--export-script', file], { stdout: (t) => void (out += t), stderr: () => undefined })).toBe(0);
    expect(out).toContain('Script written:');
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(script);
    let err = '';
    expect(await runCli(['collect', '--export-script', path.join(dir, 'x.txt')], { stdout: () => undefined, stderr: (t) => void (err += t) })).toBe(1);
    expect(err).toMatch(/^kms-doctor collect: --export-script must name a \.ps1 file/);
    err = '';
    expect(await runCli(['collect', '--export-script', path.join(dir, 'y.ps1'), '--role', 'host'], { stdout: () => undefined, stderr: (t) => void (err += t) })).toBe(1);
    expect(err).toMatch(/^kms-doctor collect --export-script: --role is not taken: the script collects for both roles/);
  });
});

describe('collect --export-script --out: a default -OutFile for tools that run scripts without parameters', () => {
  it('keeps the default as a PowerShell literal, whatever it holds', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'k.ps1');
    const hostile = "\\\\srv\\kms$\\%COMPUTERNAME%' + $(Remove-Item C:\\x) + '.zip";
    expect(await runCli(['collect', '--export-script', file, '--out', hostile], { stdout: () => undefined, stderr: () => undefined })).toBe(0);
    const text = (await readFile(file, 'utf8')).slice(1);
    expect(text).toContain(`  [string]$OutFile = ${psLiteral(hostile)},`);
    expect(psLiteral(hostile)).toBe("'\\\\srv\\kms$\\%COMPUTERNAME%'' + $(Remove-Item C:\\x) + ''.zip'");
    expect(text).not.toContain('Mandatory = $true)][string]$OutFile');
    expect(text).toContain('[Environment]::ExpandEnvironmentVariables($OutFile)');
    let err = '';
    expect(await runCli(['collect', '--export-script', file, '--out', 'a\nb.zip'], { stdout: () => undefined, stderr: (t) => void (err += t) })).toBe(1);
    expect(err).toMatch(/^kms-doctor collect: --out must name a \.zip file, on one line/);
  });
});

describe('a bundle the script writes records no role: analyze decides it from the licensing data (shared/kms/role.ts)', () => {
  // Each sample machine as the script would leave it: its collected files, the role "unknown".
  for (const sample of samples) {
    it(`${sample.name}: the same role and diagnosis as with the role its collection recorded`, async () => {
      const { evidence } = await loadEvidence(path.join(samplesDir, sample.name));
      const recorded = evidence.manifest!.role;
      expect(recorded).not.toBe('unknown');
      const unrecorded = diagnose({ ...evidence, manifest: { ...evidence.manifest!, role: 'unknown' } }, { lang: 'en' });
      expect(unrecorded.role).toBe(recorded);
      expect(unrecorded.verdict.state).toBe(sample.expectState);
      expect(unrecorded.verdict.rootCause).toBe(sample.expectFirst);
    });
  }
});

describe('the script read with a PowerShell grammar (tree-sitter-powershell): what it runs, and where its parameters go', () => {
  /** The user-supplied values: the script's parameters. */
  const parameters = ['$OutFile', '$Days', '$MaxEvents'];
  let root: Node;
  beforeAll(async () => {
    root = (await powershellParser()).parse(script)!.rootNode;
  });

  it('parses without a syntax error (and the same check finds one in a damaged copy)', async () => {
    expect(syntaxErrors(root)).toEqual([]);
    const parser = await powershellParser();
    const damaged = script.replace('function Invoke-KmsdStep($Step) {', 'function Invoke-KmsdStep($Step) {{');
    expect(syntaxErrors(parser.parse(damaged)!.rootNode).length).toBeGreaterThan(0);
  });

  it('runs only these commands, none of which evaluates text as code', () => {
    const commands = new Set<string>();
    const invoked = new Set<string>();
    for (const node of nodesOf(root)) {
      if (node.type !== 'command') continue;
      const name = node.childForFieldName('command_name')?.text ?? '';
      if (node.children.some((c) => c?.type === 'command_invokation_operator')) invoked.add(name);
      else commands.add(name.toLowerCase());
    }
    const own = ['ConvertTo-KmsdArgument', 'Get-KmsdValue', 'Invoke-KmsdProcess', 'Invoke-KmsdStep', 'New-KmsdMap', 'Read-KmsdEnvelope', 'Save-KmsdFile'];
    const builtIn = ['Add-Type', 'ForEach-Object', 'Get-Date', 'Get-Item', 'Join-Path', 'Move-Item', 'New-Item', 'New-Object', 'Remove-Item', 'Select-Object', 'Set-StrictMode', 'Sort-Object', 'Split-Path', 'Test-Path', 'Where-Object', 'Write-Output'];
    expect([...commands].sort()).toEqual([...own, ...builtIn].map((c) => c.toLowerCase()).sort());
    // & runs only script blocks the script itself wrote: a step's Call and the system-info getter.
    expect([...invoked].sort()).toEqual(['$Step.Call', '$get']);
    const types = [...nodesOf(root)].filter((n) => n.type === 'type_literal').map((n) => n.text.toLowerCase());
    expect(types.filter((t) => /scriptblock|powershell|runspace/.test(t))).toEqual([]);
    expect([...nodesOf(root)].filter((n) => n.type === 'variable' && /^\$executioncontext$/i.test(n.text))).toEqual([]);
    // Add-Type loads assemblies by name only (no -TypeDefinition, no code compiled from text).
    const addType = [...nodesOf(root)].filter((n) => n.type === 'command' && n.childForFieldName('command_name')?.text === 'Add-Type').map((n) => n.text);
    expect(addType).toEqual(["Add-Type -AssemblyName 'System.IO.Compression', 'System.IO.Compression.FileSystem', 'System.Web.Extensions'"]);
  });

  it('never puts a parameter into a string: each is used as a whole value, the numbers only through [string] and [long] casts', () => {
    const uses = [...nodesOf(root)].filter((n) => n.type === 'variable' && parameters.some((p) => p.toLowerCase() === n.text.toLowerCase()));
    expect(uses.length).toBeGreaterThan(parameters.length);
    for (const use of uses) {
      expect(ancestorOf(use, ['expandable_string_literal', 'expandable_here_string_literal', 'sub_expression']), `${use.text} on line ${use.startPosition.row + 1}`).toBeNull();
      if (use.text !== '$OutFile' && ancestorOf(use, ['param_block']) === null) {
        expect(ancestorOf(use, ['cast_expression'])?.text ?? '', `${use.text} on line ${use.startPosition.row + 1}`).toMatch(/^\[(string|long)\]/);
      }
    }
  });

  it('builds every step\'s command from literals, the run\'s own folders and the numeric parameters only', () => {
    const table = [...nodesOf(root)].find((n) => n.type === 'assignment_expression' && n.text.startsWith('$KmsdSteps = @('));
    expect(table).toBeDefined();
    const blocks = [...nodesOf(table!)].filter((n) => n.type === 'script_block_expression');
    expect(blocks).toHaveLength(stepLines.length);
    const allowed = new Set(['$KmsdSystemRoot', '$work', '$Days', '$MaxEvents']);
    for (const block of blocks) {
      const variables = [...nodesOf(block)].filter((n) => n.type === 'variable').map((n) => n.text);
      expect(variables.filter((v) => !allowed.has(v)), block.text.slice(0, 60)).toEqual([]);
      expect([...nodesOf(block)].filter((n) => n.type === 'expandable_string_literal' || n.type === 'command'), block.text.slice(0, 60)).toEqual([]);
    }
  });

  it('keeps a --out default as one single-quoted literal, whatever it holds', async () => {
    const parser = await powershellParser();
    const hostile = ["\\\\srv\\kms$\\%COMPUTERNAME%' + $(Remove-Item C:\\x) + '.zip", 'C:\\b\u2019; Stop-Computer; \u2018.zip', 'C:\\$(calc)`n"x".zip'];
    for (const value of hostile) {
      const text = await buildCollectScript({ defaultOutFile: value });
      const tree = parser.parse(text)!.rootNode;
      expect(syntaxErrors(tree), value).toEqual([]);
      const parameter = [...nodesOf(tree)].find((n) => n.type === 'script_parameter' && n.text.includes('$OutFile'))!;
      const literals = [...nodesOf(parameter)].filter((n) => n.type === 'string_literal');
      expect(literals, value).toHaveLength(1);
      expect(literals[0]!.firstChild?.type, value).toBe('verbatim_string_characters');
      // PowerShell reads '' (and a doubled typographic quote) in a single-quoted string as one quote.
      expect(literals[0]!.text.slice(1, -1).replace(/(['\u2018\u2019\u201a\u201b])\1/g, '$1'), value).toBe(value);
      expect([...nodesOf(tree)].filter((n) => n.type === 'command').length, value).toBe([...nodesOf(root)].filter((n) => n.type === 'command').length);
    }
  });
});

describe("README's fleet recipes (Invoke-Command, Intune, Configuration Manager) match the script", () => {
  const readme = fileURLToPath(new URL('../../../README.md', import.meta.url));
  let section = '';
  beforeAll(async () => {
    const text = await readFile(readme, 'utf8');
    const start = text.indexOf('### Collect from a fleet without installing anything');
    section = text.slice(start, text.indexOf('\n## ', start));
  });

  it('has the three recipes, and its PowerShell parses', async () => {
    expect(section).toContain('Invoke-Command -Session $sessions -FilePath .\\kms-collect.ps1');
    expect(section).toContain('Copy-Item -FromSession');
    expect(section).toMatch(/Intune \(Devices > Scripts and remediations\)/);
    expect(section).toMatch(/Configuration Manager "Run Scripts"/);
    const blocks = [...section.matchAll(/```powershell\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(0);
    const parser = await powershellParser();
    for (const block of blocks) expect(syntaxErrors(parser.parse(block)!.rootNode), block.slice(0, 60)).toEqual([]);
  });

  it('names exactly the script\'s parameters, in their order', async () => {
    const root = (await powershellParser()).parse(script)!.rootNode;
    const block = root.children.find((n) => n?.type === 'param_block')!;
    const params = [...nodesOf(block)].filter((n) => n.type === 'script_parameter').map((n) => n.children.find((c) => c?.type === 'variable')!.text.slice(1));
    expect(params).toEqual(['OutFile', 'Days', 'MaxEvents']);
    expect(section).toContain('-ArgumentList fills -OutFile, -Days, -MaxEvents by position');
    expect(section).toContain('its parameters `OutFile`, `Days`, `MaxEvents`');
    expect(section).not.toMatch(/-Role\b|`Role`/);
  });

  it('its Intune command writes a script whose default -OutFile is the share it names', async () => {
    const command = /kms-doctor (collect --export-script kms-collect\.ps1 --out '([^']+)')/.exec(section);
    expect(command).not.toBeNull();
    const dir = await makeTempDir();
    const file = path.join(dir, 'kms-collect.ps1');
    expect(await runCli(['collect', '--export-script', file, '--out', command![2]!], { stdout: () => undefined, stderr: () => undefined })).toBe(0);
    expect(await readFile(file, 'utf8')).toContain(`[string]$OutFile = ${psLiteral(command![2]!)},`);
  });
});

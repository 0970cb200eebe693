import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/program.js';
import { commandTemplates } from '../../../electron/collect/windows/commands.js';
import { createReplayCollectors } from '../../../electron/collect/replay/replay-collectors.js';
import { buildCollectScript, notInScript, psLiteral } from '../../../electron/export/collect-script.js';
import { collectAndBundle } from '../../../electron/service/collect-run.js';
import { collectPlan, type PlannedCommand } from '../../../electron/service/collect-plan.js';
import { firstPhase, secondPhase } from '../../../electron/service/collect-steps.js';
import { bundlePaths } from '../../../shared/bundle/manifest.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { openRecordedBundle } from '../service/recorded-bundle.js';

let script = '';
let plan: PlannedCommand[] = [];
/** The step table of the script: one `@{ Id = '…'; … }` line per planned command. */
let stepLines: string[] = [];
const field = (line: string, name: string): string | undefined => new RegExp(`; ${name} = '((?:[^']|'')*)'`).exec(line)?.[1]?.replace(/''/g, "'");

beforeAll(async () => {
  script = await buildCollectScript();
  const full = (await collectPlan({ role: 'both' })).filter((c) => c.step !== 'probes');
  // An event query runs as its qe stream in the script (collect's fallback: the script has no .evtx reader).
  const streamed = new Set(full.filter((c) => c.onlyIf !== undefined).map((c) => c.step));
  plan = full.filter((c) => !streamed.has(c.step) || c.onlyIf !== undefined);
  stepLines = script.split('\r\n').filter((line) => /^ {2}@\{ Id = '/.test(line));
});

describe('collect --export-script: the PowerShell 5.1 script built from the commands collect runs', () => {
  it('has every command of collect --plan (both roles), in order, with its phase, timeout and bundle file', () => {
    expect(stepLines.map((l) => /Id = '([^']+)'/.exec(l)![1])).toEqual(plan.map((c) => c.step));
    const steps = new Map([...firstPhase, ...secondPhase].map((s) => [s.id as string, s]));
    plan.forEach((command, i) => {
      const line = stepLines[i]!;
      expect(line).toContain(`Phase = ${command.phase};`);
      expect(line).toContain(`Timeout = ${command.timeoutMs};`);
      expect(field(line, 'Path') ?? null).toBe(command.output);
      const step = steps.get(command.step);
      if (step !== undefined) {
        expect(line).toContain(`Optional = $${step.optional === true};`);
        expect(line).toContain(`Roles = @(${step.roles === 'any' ? "'any'" : step.roles.map((r) => `'${r}'`).join(', ')})`);
      }
    });
  });

  it('reads each event query with its qe stream (/uni:true, recorded as UTF-16LE), the same XPath collect exports', () => {
    for (const step of ['eventsKmsHostXml', 'eventsHostDnsPublishXml', 'eventsApplicationSppXml']) {
      const lines = stepLines.filter((line) => line.includes(`Id = '${step}'`));
      expect(lines, step).toHaveLength(1);
      expect(lines[0]).toContain("How = 'stdout-file'");
      expect(lines[0]).toMatch(/@\('qe', /);
      expect(lines[0]).toContain("'/uni:true'");
    }
    expect(script).toContain("Encoding = 'utf-16le' })");
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
    for (const [id, template] of Object.entries(commandTemplates)) {
      if (probeOnly.has(id)) {
        expect(scripts, id).not.toContain(template.kind === 'powershell' ? template.script : id);
        continue;
      }
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

  it('writes the bundle layout collect writes (less the probes and the diagnosis it cannot run)', async () => {
    const scriptPaths = new Set<string>(stepLines.flatMap((l) => [field(l, 'Path'), field(l, 'RawPath')].filter((p): p is string => p !== undefined)));
    scriptPaths.add(bundlePaths.manifest);
    const opened = await openRecordedBundle();
    const dir = await makeTempDir();
    const collected = await collectAndBundle({ collectors: createReplayCollectors(opened), role: 'auto', days: 30, out: path.join(dir, 'b.zip'), redact: false, lang: 'en', store: null, now: () => new Date('2026-08-11T05:00:00.000Z') });
    const written = [...collected.manifest.files.map((f) => f.path), bundlePaths.manifest];
    const skipped = new Set<string>(notInScript.map((k) => bundlePaths[k]));
    expect(written.filter((p) => !skipped.has(p) && !scriptPaths.has(p))).toEqual([]);
    // And the script writes nothing collect would not: every path is a collect step's or its raw twin.
    const collectPaths = new Set<string>([...firstPhase, ...secondPhase].map((s) => bundlePaths[s.id]));
    for (const p of scriptPaths) expect(collectPaths.has(p) || p === bundlePaths.slmgrDlvRaw || p === bundlePaths.slmgrDlvAllRaw || p === bundlePaths.manifest, p).toBe(true);
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

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/program.js';
import { commandTemplates, eventQueries, type CommandId } from '../../../electron/collect/windows/commands.js';
import { createReplayCollectors } from '../../../electron/collect/replay/replay-collectors.js';
import { buildCollectScript, notInScript, psLiteral, scriptStepRuns } from '../../../electron/export/collect-script.js';
import { collectAndBundle } from '../../../electron/service/collect-run.js';
import { firstPhase, secondPhase } from '../../../electron/service/collect-steps.js';
import { bundlePaths } from '../../../shared/bundle/manifest.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { openRecordedBundle } from '../service/recorded-bundle.js';

const script = buildCollectScript();
/** The step table of the script: one `@{ Id = '…'; … }` line per collect step. */
const stepLines = script.split('\r\n').filter((line) => /^ {2}@\{ Id = '/.test(line));
const field = (line: string, name: string): string | undefined => new RegExp(`; ${name} = '((?:[^']|'')*)'`).exec(line)?.[1]?.replace(/''/g, "'");

describe('collect --export-script: the PowerShell 5.1 script built from collect\'s templates', () => {
  it('has every collect step, in collect\'s phases, with its bundle path and roles', () => {
    const steps = [...firstPhase.map((s) => ({ s, phase: 1 })), ...secondPhase.map((s) => ({ s, phase: 2 }))];
    expect(stepLines.map((l) => /Id = '([^']+)'/.exec(l)![1])).toEqual(steps.map(({ s }) => s.id));
    for (const [i, { s, phase }] of steps.entries()) {
      expect(field(stepLines[i]!, 'Path')).toBe(bundlePaths[s.id]);
      expect(stepLines[i]).toContain(`Phase = ${phase};`);
      expect(stepLines[i]).toContain(`Optional = $${s.optional === true};`);
      expect(stepLines[i]).toContain(`Roles = @(${s.roles === 'any' ? "'any'" : s.roles.map((r) => `'${r}'`).join(', ')})`);
    }
  });

  it('uses every command template, with its timeout, verbatim', () => {
    const used = new Set(Object.values(scriptStepRuns).map((r) => r!.template));
    expect([...used].sort()).toEqual(Object.keys(commandTemplates).sort());
    for (const [id, template] of Object.entries(commandTemplates) as Array<[CommandId, (typeof commandTemplates)[CommandId]]>) {
      const line = stepLines.find((l) => l.includes(`Id = '${Object.entries(scriptStepRuns).find(([, r]) => r!.template === id)![0]}'`))!;
      expect(line, id).toContain(`Timeout = ${template.timeoutMs};`);
      if (template.kind === 'powershell') {
        // The body inside the collectors' fixed wrapper (after the parameters), as one PowerShell literal.
        expect(field(line, 'After'), id).toContain(`& { param($p) ${template.script} } $p;`);
        expect(field(line, 'Display'), id).toBe(template.describe);
      } else {
        const built = template.build(template.params.parse(id === 'wevtutilExportApplicationSpp' ? { destination: 'C:\\x\\y.evtx', days: 30 } : id === 'wevtutilExportKmsHost' ? { destination: 'C:\\x\\y.evtx' } : {}) as never, { systemRoot: 'C:\\Windows' });
        for (const arg of built.args.filter((a) => !a.startsWith('C:\\') && !a.startsWith('/q:'))) expect(line, `${id} ${arg}`).toContain(psLiteral(arg));
        expect(line).toContain(`($KmsdSystemRoot + ${psLiteral(built.file.slice('C:\\Windows'.length))})`);
      }
    }
  });

  it('gives parameters to commands only as encoded data', () => {
    // Event queries: the fixed part as base64 JSON, the window added at run time to the decoded object.
    for (const [id, query] of [['eventsKmsHostXml', eventQueries.kmsHost], ['eventsApplicationSppXml', eventQueries.applicationSpp]] as const) {
      const fixed = field(stepLines.find((l) => l.includes(`Id = '${id}'`))!, 'Fixed')!;
      expect(JSON.parse(Buffer.from(fixed, 'base64').toString('utf8'))).toEqual(query);
    }
    // Nothing is evaluated from text, and no command line is a string: only -EncodedCommand and argument lists.
    expect(script).not.toMatch(/Invoke-Expression|\biex\b|Start-Process|cmd(\.exe)? \/c|-Command\s/i);
    expect(script).toContain("'-EncodedCommand', $command");
    // The run-time values appear only where they are validated and encoded.
    const uses = script.split('\r\n').filter((l) => /\$(Days|MaxEvents)\b/.test(l)).map((l) => l.trim());
    expect(uses).toEqual([
      '[ValidateRange(1, 3650)][int]$Days = 30,',
      '[ValidateRange(1, 1000000)][int]$MaxEvents = 100000',
      expect.stringContaining("[string]([long]$Days * 86400000)"),
      "if ($Step.Windowed) { $params['days'] = $Days; $params['maxEvents'] = $MaxEvents }",
      "if ($Step.Windowed) { $r.Display = $Step.Display + '  # parameters ' + $KmsdJson.Serialize(@{ days = $Days; maxEvents = $MaxEvents }) }",
    ]);
  });

  it('writes the bundle layout collect writes (less the probes and the diagnosis it cannot run)', async () => {
    const scriptPaths = new Set(stepLines.flatMap((l) => [field(l, 'Path'), field(l, 'RawPath')].filter((p): p is string => p !== undefined)));
    scriptPaths.add(bundlePaths.manifest);
    const opened = await openRecordedBundle();
    const dir = await makeTempDir();
    const collected = await collectAndBundle({ collectors: createReplayCollectors(opened), role: 'auto', days: 30, out: path.join(dir, 'b.zip'), redact: false, lang: 'en', store: null, now: () => new Date('2026-08-11T05:00:00.000Z') });
    const written = [...collected.manifest.files.map((f) => f.path), bundlePaths.manifest];
    const skipped = new Set<string>(notInScript.map((k) => bundlePaths[k]));
    expect(written.filter((p) => !skipped.has(p) && !scriptPaths.has(p))).toEqual([]);
    // And the script writes nothing collect would not: every path it can write is a collect step's or its raw twin.
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

import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openBundle } from '../../../electron/bundle/bundle-reader.js';
import { runCli } from '../../../electron/cli/program.js';
import { loadEvidence } from '../../../electron/evidence/load-evidence.js';
import { buildCollectScript } from '../../../electron/export/collect-script.js';
import { firstPhase, secondPhase } from '../../../electron/service/collect-steps.js';
import { bundlePaths } from '../../../shared/bundle/manifest.js';
import { diagnose } from '../../../shared/diagnose/index.js';
import { decideRole } from '../../../shared/kms/role.js';
import { describeOnWindows } from '../../helpers/windows.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

/** Windows PowerShell 5.1 (the one every supported Windows has), not PowerShell 7's pwsh. */
const windowsPowerShell = path.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');

describeOnWindows('the exported collection script on Windows PowerShell 5.1', () => {
  it('runs into a temp folder, writes a bundle zip the reader accepts, and analyze decides its role', async () => {
    const version = spawnSync(windowsPowerShell, ['-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.ToString()'], { encoding: 'utf8', timeout: 60_000 });
    expect(version.stdout.trim()).toMatch(/^5\.1\./);
    const dir = await makeTempDir();
    const script = path.join(dir, 'kms-collect.ps1');
    // A space and a quote in the path: it reaches the script as a parameter, never as script text.
    const out = path.join(dir, "out bundle's.zip");
    await writeFile(script, `\uFEFF${await buildCollectScript()}`, 'utf8');
    const ran = spawnSync(windowsPowerShell, ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', script, '-OutFile', out, '-Days', '7'], { encoding: 'utf8', timeout: 900_000 });
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout.trim()).toBe(out);
    // Kept for review: the workflow uploads test-artifacts/.
    await mkdir('test-artifacts', { recursive: true });
    await copyFile(out, path.join('test-artifacts', 'exported-script-bundle.zip'));

    const bundle = await openBundle(out);
    try {
      expect(bundle.manifest.role).toBe('unknown');
      expect(bundle.manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['system/info.json', 'cim/SoftwareLicensingProduct.json', 'network/dns-client.json']));
      expect(bundle.manifest.failedCollectors.map((f) => f.collector)).toContain('probes');
      // Every step of both roles left its file, or says why not (an optional step may be absent).
      const accounted = new Set([...bundle.manifest.files.map((f) => f.path), ...bundle.manifest.failedCollectors.flatMap((f) => f.missing)]);
      for (const step of [...firstPhase, ...secondPhase].filter((s) => s.optional !== true)) expect(accounted.has(bundlePaths[step.id]), step.id).toBe(true);
    } finally {
      await bundle.close();
    }

    // analyze decides the role from the licensing data (the runner is no KMS host: its KMS log holds no
    // request that could widen the decision), as decideRole does from the parsed CIM/slmgr report.
    const { evidence } = await loadEvidence(out);
    expect(evidence.slmgr).not.toBeNull();
    expect(evidence.hostEvents?.requests12290 ?? 0).toBe(0);
    expect(diagnose(evidence, { lang: 'en' }).role).toBe(decideRole({ licensing: evidence.slmgr }).role);
    let json = '';
    expect(await runCli(['analyze', out, '--json', '--no-history'], { stdout: (t) => void (json += t), stderr: () => undefined })).toBe(0);
    const result = JSON.parse(json) as { role: string; summary: unknown };
    expect(result).toHaveProperty('summary');
    expect(['host', 'client', 'both', 'unknown']).toContain(result.role);
  }, 900_000);
});

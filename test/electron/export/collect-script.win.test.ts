import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openBundle } from '../../../electron/bundle/bundle-reader.js';
import { runCli } from '../../../electron/cli/program.js';
import { buildCollectScript } from '../../../electron/export/collect-script.js';
import { describeOnWindows } from '../../helpers/windows.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

describeOnWindows('the exported collection script on Windows PowerShell 5.1', () => {
  it('runs, writes a bundle zip the reader accepts, and analyze reads it', async () => {
    const dir = await makeTempDir();
    const script = path.join(dir, 'kms-collect.ps1');
    const out = path.join(dir, 'out bundle.zip');
    await writeFile(script, `\uFEFF${await buildCollectScript()}`, 'utf8');
    const ran = spawnSync('powershell.exe', ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', script, '-OutFile', out, '-Days', '7'], { encoding: 'utf8', timeout: 900_000 });
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout.trim()).toBe(out);
    const bundle = await openBundle(out);
    try {
      expect(bundle.manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['system/info.json', 'cim/SoftwareLicensingProduct.json', 'network/dns-client.json']));
      expect(bundle.manifest.failedCollectors.map((f) => f.collector)).toContain('probes');
      expect(['host', 'client', 'both', 'unknown']).toContain(bundle.manifest.role);
    } finally {
      await bundle.close();
    }
    let json = '';
    expect(await runCli(['analyze', out, '--json', '--no-history'], { stdout: (t) => void (json += t), stderr: () => undefined })).toBe(0);
    expect(JSON.parse(json)).toHaveProperty('summary');
  }, 900_000);
});

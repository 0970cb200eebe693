import { spawnSync } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';

const script = fileURLToPath(new URL('../../scripts/preflight.mjs', import.meta.url));
const programs = ['dnsmasq', 'chromium', 'xmllint', 'zip', 'unzip', 'ip', 'iptables', 'evtxexport', 'evtx_dump.py'];

/** Runs the preflight in check mode with PATH set to `dir` only (so it sees exactly the programs planted there). */
const preflight = (dir: string) =>
  spawnSync(process.execPath, [script], { env: { PATH: dir, KMS_DOCTOR_PREFLIGHT: 'check' }, encoding: 'utf8', timeout: 30_000 });

async function plant(dir: string, names: readonly string[]): Promise<void> {
  for (const name of names) {
    await writeFile(path.join(dir, name), '#!/bin/sh\nexit 0\n');
    await chmod(path.join(dir, name), 0o755);
  }
}

describe.skipIf(process.platform !== 'linux')('scripts/preflight.mjs (before npm test)', () => {
  it('stops at once with one line naming the missing packages and the command that installs them', async () => {
    const dir = await makeTempDir('kmsd-preflight-');
    // Everything but xmllint and the CJK font (dpkg answers "not installed").
    await plant(dir, programs.filter((name) => name !== 'xmllint'));
    await writeFile(path.join(dir, 'dpkg'), '#!/bin/sh\nexit 1\n');
    await chmod(path.join(dir, 'dpkg'), 0o755);
    const result = preflight(dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^preflight: missing Debian packages: libxml2-utils fonts-wqy-zenhei — install them with: sudo apt-get update && sudo apt-get install -y --no-install-recommends libxml2-utils fonts-wqy-zenhei$/);
  });

  it('says nothing and passes when everything is there', async () => {
    const dir = await makeTempDir('kmsd-preflight-');
    await plant(dir, [...programs, 'dpkg']);
    const result = preflight(dir);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });
});

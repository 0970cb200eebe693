import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));

describe.skipIf(process.platform === 'win32')('kms-doctor collect as a real process on a non-Windows machine', () => {
  beforeAll(() => {
    if (!existsSync(`${repo}out/cli/index.js`)) {
      const built = spawnSync(process.execPath, ['scripts/build-node.mjs'], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
      expect(built.status, built.stderr).toBe(0);
    }
  });

  it('prints exactly one line and exits 1, writing nothing', () => {
    const result = spawnSync(process.execPath, ['bin/kms-doctor.js', 'collect', '--out', '/nonexistent/never.zip'], { cwd: repo, encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('collect needs Windows — use `analyze` on a bundle\n');
    expect(result.stdout).toBe('');
  });
});

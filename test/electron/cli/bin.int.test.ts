import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, ['bin/kms-doctor.js', ...args], { cwd: repo, encoding: 'utf8', timeout: 20_000 });

describe('the kms-doctor bin as a real process', () => {
  beforeAll(() => {
    if (!existsSync(`${repo}out/cli/index.js`)) {
      const built = spawnSync(process.execPath, ['scripts/build-node.mjs'], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
      expect(built.status, built.stderr).toBe(0);
    }
  });

  it('prints help with the subcommands and exits 0', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/parse[\s\S]*probe[\s\S]*collect[\s\S]*analyze/);
  });

  it('exits 2 with a one-line reason and no stack trace on an unknown subcommand', () => {
    const result = run('nope');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown command 'nope'");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints the package version', () => {
    const result = run('--version');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

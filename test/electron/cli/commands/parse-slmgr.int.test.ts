import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../helpers/temp-dir.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const fixtures = path.join(repo, 'test/shared/parse/fixtures');
const run = (...args: string[]) => spawnSync(process.execPath, ['bin/kms-doctor.js', 'parse', 'slmgr', ...args], { cwd: repo, encoding: 'utf8', timeout: 20_000 });

describe('kms-doctor parse slmgr as a real process (built bundle)', () => {
  beforeAll(() => {
    // Build only a missing bundle (npm test builds first): a rebuild empties out/cli while the other CLI
    // test files, running beside this one, start the bin. (This used to look for a message in
    // out/cli/index.js; since the bundle is split into chunks it is never there, so every run rebuilt.)
    if (existsSync(path.join(repo, 'out/cli/index.js'))) return;
    const built = spawnSync(process.execPath, ['scripts/build-node.mjs'], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
    expect(built.status, built.stderr).toBe(0);
  });

  it('prints JSON for a real sample and exits 0', () => {
    const result = run(path.join(fixtures, 'slmgr-dli-host-en-02-ws2003.txt'), '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ source: 'slmgr-text', role: 'host', unrecognizedLines: [] });
  });

  it('exits 1 with one line and no stack trace for binary input', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'x.bin');
    writeFileSync(file, Buffer.from(Array.from({ length: 2048 }, (_v, i) => (i * 97) % 256)));
    const result = run(file);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

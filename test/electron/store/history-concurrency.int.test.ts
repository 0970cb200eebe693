import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { openHistory } from '../../../electron/store/history-store.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

function run(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/kms-doctor.js', ...args], { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('one history file shared by processes started together', () => {
  beforeAll(() => {
    expect(existsSync(path.join(repo, 'out', 'cli', 'index.js')), 'run `npm run build` first').toBe(true);
  });

  it('six analyze runs started at once on a new history file keep six runs (the first-open migration does not race)', async () => {
    const dir = await makeTempDir();
    // Several rounds, each on a new file: before the fix, two rounds in five lost a run here.
    for (let round = 0; round < 4; round++) {
      const db = path.join(dir, `round-${round}`, 'history.sqlite');
      const results = await Promise.all(Array.from({ length: 6 }, () => run(['analyze', 'samples/healthy-client', '--json', '--history-db', db])));
      for (const result of results) {
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
      }
      const store = openHistory(db);
      try {
        expect(store.listRuns(100)).toHaveLength(6);
      } finally {
        store.close();
      }
    }
  }, 120_000);
});

describe.skipIf(process.platform === 'win32' || process.getuid?.() !== 0 || !existsSync('/usr/sbin/nologin'))('a history file another account made, opened by a standard user (root here, so the child runs as nobody)', () => {
  it('is refused at open (SQLITE_READONLY) and the run is kept in the next file', async () => {
    const dir = await makeTempDir();
    await chmod(dir, 0o777);
    const shared = path.join(dir, 'shared.sqlite');
    openHistory(shared).close();
    await chmod(shared, 0o644);
    const own = path.join(dir, 'own', 'history.sqlite');
    const child = spawnSync('su', ['nobody', '-s', '/bin/sh', '-c', `"${process.execPath}" --import tsx test/electron/store/fixtures/open-history-child.ts "${shared}" "${own}"`], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ note: `history: ${shared} cannot be written from here (SQLITE_READONLY); this run is kept in ${own} instead`, file: own });
  }, 60_000);
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openBundle } from '../../../../electron/bundle/bundle-reader.js';
import { runCli } from '../../../../electron/cli/program.js';
import { openHistory } from '../../../../electron/store/history-store.js';
import { describeOnWindows } from '../../../helpers/windows.js';

describeOnWindows('kms-doctor collect on this Windows machine', () => {
  it('collects, writes a readable bundle with findings and report, and keeps the run in the history', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kmsd-collect-'));
    try {
      const out = path.join(dir, 'bundle.zip');
      const db = path.join(dir, 'history.sqlite');
      let stdout = '';
      let stderr = '';
      const code = await runCli(['collect', '--out', out, '--history-db', db, '--days', '7'], { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
      expect(code, stderr).toBe(0);
      expect(stdout).toContain(`Bundle written: ${out}`);
      expect(stderr).toMatch(/\[(ok|warn|FAIL)\] slmgrDlv/);
      const opened = await openBundle(out);
      try {
        expect(opened.manifest.files.map((file) => file.path)).toEqual(expect.arrayContaining(['findings.json', 'report.html', 'system/info.json']));
        expect(['host', 'client', 'both', 'unknown']).toContain(opened.manifest.role);
      } finally {
        await opened.close();
      }
      const store = openHistory(db);
      try {
        expect(store.listRuns()[0]).toMatchObject({ kind: 'collect', status: 'complete' });
      } finally {
        store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

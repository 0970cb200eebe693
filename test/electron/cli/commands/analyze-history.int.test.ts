import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/cli/program.js';
import { openHistory } from '../../../../electron/store/history-store.js';
import { makeTempDir } from '../../../helpers/temp-dir.js';

const sample = fileURLToPath(new URL('../../../../samples/host-duplicate-cmid/', import.meta.url));
const capture = () => {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (text: string) => void (out.stdout += text), stderr: (text: string) => void (out.stderr += text) } };
};

describe('kms-doctor analyze keeps its run in the history', () => {
  it('stores the run with its findings and artifacts; history export re-packages it', async () => {
    const dir = await makeTempDir();
    const db = path.join(dir, 'history.sqlite');
    const { out, io } = capture();
    expect(await runCli(['analyze', sample, '--json', '--history-db', db], io)).toBe(0);
    const result = JSON.parse(out.stdout) as { role: string; findings: Array<{ id: string }> };
    const store = openHistory(db);
    try {
      const [run] = store.listRuns();
      expect(run).toMatchObject({ kind: 'analyze', status: 'complete', role: result.role, source: path.resolve(sample), bundlePath: path.resolve(sample) });
      const detail = store.getRun(run!.id)!;
      expect((detail.findings as Array<{ id: string }>).map((finding) => finding.id)).toEqual(result.findings.map((finding) => finding.id));
      expect(detail.artifacts.length).toBeGreaterThan(0);
    } finally {
      store.close();
    }
    const exported = capture();
    expect(await runCli(['history', 'export', '1', '--out', path.join(dir, 'again.zip'), '--db', db], exported.io)).toBe(0);
    expect(exported.out.stdout).toMatch(/^Bundle written: /);
  });

  it('--no-history keeps nothing', async () => {
    const dir = await makeTempDir();
    const db = path.join(dir, 'history.sqlite');
    const { io } = capture();
    expect(await runCli(['analyze', sample, '--no-history', '--history-db', db], io)).toBe(0);
    expect(existsSync(db)).toBe(false);
  });

  it('a history that cannot be written costs one warning line, not the analysis', async () => {
    const dir = await makeTempDir();
    const notADirectory = path.join(dir, 'file');
    await writeFile(notADirectory, 'x');
    const { out, io } = capture();
    expect(await runCli(['analyze', sample, '--history-db', path.join(notADirectory, 'h.sqlite')], io)).toBe(0);
    expect(out.stdout.length).toBeGreaterThan(0);
    expect(out.stderr).toMatch(/^kms-doctor analyze: the run was not kept in the history: .*\n$/);
  });
});

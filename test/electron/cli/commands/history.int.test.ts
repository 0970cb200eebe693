import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/cli/program.js';
import { openBundle } from '../../../../electron/bundle/bundle-reader.js';
import { openHistory } from '../../../../electron/store/history-store.js';
import { recordAnalysis } from '../../../../electron/store/record-analysis.js';
import { makeTempDir } from '../../../helpers/temp-dir.js';
import { fileURLToPath } from 'node:url';

const samples = fileURLToPath(new URL('../../../../samples/', import.meta.url));
const capture = () => {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (text: string) => void (out.stdout += text), stderr: (text: string) => void (out.stderr += text) } };
};

async function historyWithRuns(): Promise<{ db: string; analyzed: number; killed: number; dir: string }> {
  const dir = await makeTempDir();
  const db = path.join(dir, 'history.sqlite');
  const store = openHistory(db);
  const analyzed = recordAnalysis(store, {
    source: path.join(samples, 'host-duplicate-cmid'),
    startedAt: '2026-11-20T09:10:00.000Z',
    finishedAt: '2026-11-20T09:10:01.000Z',
    toolVersion: 't',
    role: 'host',
    findings: [{ id: 'host.duplicate-cmid', severity: 'problem', title: 'Several machines share one CMID' }],
  });
  const killed = store.startRun({ kind: 'collect', startedAt: '2026-11-21T00:00:00.000Z', role: 'client', machine: 'WKS-9', toolVersion: 't' });
  store.recordStep(killed, { step: 'slmgrDlv', status: 'ok', durationMs: 2000, summary: '30 line(s)' });
  store.finishRun(killed, { status: 'incomplete', finishedAt: '2026-11-21T00:01:00.000Z' });
  store.close();
  return { db, analyzed, killed, dir };
}

describe('kms-doctor history', () => {
  it('lists runs newest first, as a table or JSON', async () => {
    const { db, analyzed, killed } = await historyWithRuns();
    const { out, io } = capture();
    expect(await runCli(['history', 'list', '--db', db], io)).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/ID\s+STARTED \(UTC\)\s+KIND\s+ROLE\s+MACHINE\s+STATUS\s+WORST/);
    expect(lines[1]).toMatch(new RegExp(`^\\s*${killed}\\s+2026-11-21T00:00:00Z\\s+collect\\s+client\\s+WKS-9\\s+incomplete\\s+none$`));
    expect(lines[2]).toMatch(new RegExp(`^\\s*${analyzed}\\s+.*analyze\\s+host\\s+-\\s+complete\\s+problem$`));

    const json = capture();
    expect(await runCli(['history', '--db', db, '--json'], json.io)).toBe(0);
    expect((JSON.parse(json.out.stdout) as { runs: Array<{ id: number }> }).runs.map((run) => run.id)).toEqual([killed, analyzed]);
  });

  it('shows one run with its steps and findings', async () => {
    const { db, analyzed, killed } = await historyWithRuns();
    const { out, io } = capture();
    expect(await runCli(['history', 'show', String(analyzed), '--db', db], io)).toBe(0);
    expect(out.stdout).toContain(`Run ${analyzed}: analyze of an unnamed machine (host), complete`);
    expect(out.stdout).toContain('[problem] host.duplicate-cmid: Several machines share one CMID');
    const json = capture();
    expect(await runCli(['history', 'show', String(killed), '--db', db, '--json'], json.io)).toBe(0);
    expect(JSON.parse(json.out.stdout)).toMatchObject({ id: killed, status: 'incomplete', steps: [{ step: 'slmgrDlv', status: 'ok', summary: '30 line(s)' }] });
  });

  it('exports a past run as a bundle, redacted on request', async () => {
    const { db, analyzed, dir } = await historyWithRuns();
    const out = path.join(dir, 'export.zip');
    const { out: printed, io } = capture();
    expect(await runCli(['history', 'export', String(analyzed), '--out', out, '--redact', '--db', db], io)).toBe(0);
    expect(printed.stdout).toMatch(/^Bundle written: .*export\.zip \(\d+ files, redacted\)\n$/);
    const opened = await openBundle(out);
    expect(opened.manifest.redacted).toBe(true);
    await opened.close();
  });

  it('bad input: unknown run, bad id, run without a bundle, no history yet → one line, exit 1', async () => {
    const { db, killed, dir } = await historyWithRuns();
    const cases: Array<[string[], RegExp]> = [
      [['history', 'show', '999', '--db', db], /no run 999 in /],
      [['history', 'show', '1; DROP TABLE runs', '--db', db], /run id must be a positive whole number/],
      [['history', 'export', String(killed), '--out', path.join(dir, 'x.zip'), '--db', db], /has no bundle to export \(status: incomplete\)/],
      [['history', 'show', '1', '--db', path.join(dir, 'none.sqlite')], /no history yet/],
    ];
    for (const [argv, message] of cases) {
      const { out, io } = capture();
      expect(await runCli(argv, io), argv.join(' ')).toBe(1);
      expect(out.stderr).toMatch(message);
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
    }
    const empty = capture();
    expect(await runCli(['history', 'list', '--db', path.join(dir, 'none.sqlite')], empty.io)).toBe(0);
    expect(empty.out.stdout).toMatch(/^No runs yet/);
  });
});

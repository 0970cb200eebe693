import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openHistory } from '../../../electron/store/history-store.js';
import { migrations } from '../../../electron/store/migrations.js';
import { recordAnalysis } from '../../../electron/store/record-analysis.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const finding = (id: string, severity: string) => ({ id, severity, title: `${id} title`, explanation: 'why', evidence: [], fixes: [], docs: [] });

describe('history store (better-sqlite3)', () => {
  it('creates the schema by migration, in WAL mode with foreign keys on', async () => {
    const file = path.join(await makeTempDir(), 'nested', 'history.sqlite');
    openHistory(file).close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(2);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((row) => row.name);
      expect(tables).toEqual(['artifacts', 'case_machines', 'cases', 'events', 'findings', 'runs', 'steps']);
    } finally {
      db.close();
    }
    // Reopening an up-to-date database applies nothing and keeps working.
    const again = openHistory(file);
    expect(again.listRuns()).toEqual([]);
    again.close();
  });

  it('brings a schema-1 history (before cases) up to date, keeping its runs, and keeps a case of them', async () => {
    const file = path.join(await makeTempDir(), 'h.sqlite');
    // A history as the previous release left it: schema 1, one run.
    const old = new Database(file);
    for (const statement of migrations[0]!) old.prepare(statement).run();
    old.pragma('user_version = 1');
    old.prepare(`INSERT INTO runs (kind, started_at, role, machine, status, tool_version, bundle_path) VALUES ('analyze', '2026-11-20T09:00:00.000Z', 'host', 'KMS01', 'complete', '0.0.9', '/b/kms01.zip')`).run();
    old.close();
    const store = openHistory(file);
    try {
      const [kept] = store.listRuns();
      expect(kept).toMatchObject({ machine: 'KMS01', bundlePath: '/b/kms01.zip' });
      const client = recordAnalysis(store, { source: '/b/pc1.zip', startedAt: '2026-11-20T09:01:00.000Z', finishedAt: '2026-11-20T09:01:01.000Z', toolVersion: 't', role: 'client', findings: [] });
      const caseId = store.recordCase({
        startedAt: '2026-11-20T09:01:02.000Z',
        name: 'case.zip',
        verdict: 'problem',
        caseFindings: [{ id: 'case.shared-cmid', severity: 'problem', title: '2 clients share 1 CMID(s)' }],
        ignored: ['notes.txt'],
        toolVersion: 't',
        machines: [
          { runId: kept!.id, name: 'KMS01', role: 'host', verdict: 'ok', source: '/b/kms01.zip', shown: 'case.zip/kms01.zip' },
          { runId: client, name: 'PC1', role: 'client', verdict: 'problem', source: '/b/pc1.zip', shown: 'case.zip/pc1.zip' },
        ],
      });
      expect(store.getCase(caseId)).toMatchObject({ name: 'case.zip', verdict: 'problem', ignored: ['notes.txt'], machines: [{ runId: kept!.id, name: 'KMS01' }, { runId: client, name: 'PC1' }] });
      expect(store.listCases().map((row) => row.id)).toEqual([caseId]);
      expect(store.getCase(caseId + 1)).toBeNull();
    } finally {
      store.close();
    }
    // A run removed from the history leaves its case with the machine, no longer linked.
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    db.prepare('DELETE FROM runs WHERE machine = ?').run('KMS01');
    db.close();
    const reopened = openHistory(file);
    try {
      expect(reopened.listCases()[0]!.machines[0]).toMatchObject({ runId: null, name: 'KMS01' });
    } finally {
      reopened.close();
    }
  });

  it('refuses a step for a run that does not exist (foreign keys enforced)', async () => {
    const store = openHistory(path.join(await makeTempDir(), 'h.sqlite'));
    try {
      expect(() => store.recordStep(999, { step: 'x', status: 'ok' })).toThrow(/FOREIGN KEY/);
    } finally {
      store.close();
    }
  });

  it('refuses a database from a newer schema instead of corrupting it', async () => {
    const file = path.join(await makeTempDir(), 'h.sqlite');
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openHistory(file)).toThrow(/newer KMS Doctor \(schema 99/);
  });

  it('keeps a run with its steps, artifacts, events and findings, newest first', async () => {
    const store = openHistory(path.join(await makeTempDir(), 'h.sqlite'));
    try {
      const first = store.startRun({ kind: 'collect', startedAt: '2026-08-11T01:00:00.000Z', role: 'client', machine: 'WKS-1', toolVersion: 't' });
      store.recordStep(first, { step: 'slmgrDlv', status: 'running', startedAt: '2026-08-11T01:00:00.000Z', command: 'cscript //nologo //U slmgr.vbs /dlv' });
      store.recordStep(first, { step: 'slmgrDlv', status: 'ok', durationMs: 2100, exitCode: 0, summary: '1 product' });
      store.recordArtifacts(first, [{ path: 'slmgr/dlv.txt', size: 10, sha256: 'a'.repeat(64), kind: 'slmgrDlv', producedBy: { command: 'cscript', exitCode: 0, durationMs: 2100 } }]);
      store.recordEvents(first, [{ eventId: 12290, logName: 'Key Management Service', provider: null, timeCreated: '2026-08-10T00:00:00.000Z', computer: 'kms01', recordId: 7, cmid: 'c', clientName: 'wks' }]);
      store.recordFindings(first, [finding('client.dns-no-srv', 'warning'), finding('client.not-activated', 'problem')]);
      store.finishRun(first, { status: 'complete', finishedAt: '2026-08-11T01:01:00.000Z', bundlePath: '/tmp/b.zip' });
      const second = store.startRun({ kind: 'collect', startedAt: '2026-08-11T02:00:00.000Z', role: 'host', machine: 'KMS-1', toolVersion: 't' });

      expect(store.listRuns().map((run) => [run.id, run.status])).toEqual([
        [second, 'running'],
        [first, 'complete'],
      ]);
      const detail = store.getRun(first)!;
      expect(detail.worstSeverity).toBe('problem');
      expect(detail.steps).toEqual([
        { step: 'slmgrDlv', status: 'ok', startedAt: '2026-08-11T01:00:00.000Z', durationMs: 2100, command: 'cscript //nologo //U slmgr.vbs /dlv', exitCode: 0, summary: '1 product', error: null },
      ]);
      expect(detail.artifacts[0]?.sha256).toBe('a'.repeat(64));
      expect(detail.eventCount).toBe(1);
      expect((detail.findings as Array<{ id: string }>).map((item) => item.id)).toEqual(['client.dns-no-srv', 'client.not-activated']);
      expect(detail.bundlePath).toBe('/tmp/b.zip');
      expect(store.getRun(12345)).toBeNull();
    } finally {
      store.close();
    }
  });

  it('records an analyze run in one call (the function the analyze command uses)', async () => {
    const store = openHistory(path.join(await makeTempDir(), 'h.sqlite'));
    try {
      const id = recordAnalysis(store, {
        source: '/cases/1234/bundle.zip',
        startedAt: '2026-08-11T03:00:00.000Z',
        finishedAt: '2026-08-11T03:00:02.500Z',
        toolVersion: 't',
        role: 'host',
        manifest: null,
        findings: [finding('host.duplicate-cmid', 'problem')],
      });
      const run = store.getRun(id)!;
      expect(run.kind).toBe('analyze');
      expect(run.status).toBe('complete');
      expect(run.steps[0]).toMatchObject({ step: 'analyze', status: 'ok', durationMs: 2500 });
      expect(run.worstSeverity).toBe('problem');
      expect(run.source).toBe('/cases/1234/bundle.zip');
    } finally {
      store.close();
    }
  });

  it('kill test: a process SIGKILLed mid-run leaves that run incomplete and every earlier run intact', async () => {
    const file = path.join(await makeTempDir(), 'h.sqlite');
    const store = openHistory(file);
    const earlier = store.startRun({ kind: 'collect', startedAt: '2026-08-11T00:00:00.000Z', role: 'client', machine: 'before', toolVersion: 't' });
    store.recordStep(earlier, { step: 'slmgrDlv', status: 'ok', durationMs: 5 });
    store.recordFindings(earlier, [finding('client.not-activated', 'problem')]);
    store.finishRun(earlier, { status: 'complete', finishedAt: '2026-08-11T00:01:00.000Z' });
    store.close();

    const child = spawn(process.execPath, ['--import', 'tsx', 'test/electron/store/fixtures/write-run-child.ts', file], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const killedRun = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`child wrote no steps: ${stderr}`)), 20_000);
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /run (\d+) step 5\n/.exec(out);
        if (match) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve(Number(match[1]));
        }
      });
    });
    expect(await exited).toBe('SIGKILL');

    const reopened = openHistory(file);
    try {
      const killed = reopened.getRun(killedRun)!;
      expect(killed.status).toBe('incomplete');
      expect(killed.steps.length).toBeGreaterThanOrEqual(5);
      const before = reopened.getRun(earlier)!;
      expect(before).toMatchObject({ status: 'complete', machine: 'before', worstSeverity: 'problem', finishedAt: '2026-08-11T00:01:00.000Z' });
      expect(before.steps).toHaveLength(1);
      expect(before.findings).toHaveLength(1);
      // A run can still be written after the crash.
      const after = reopened.startRun({ kind: 'analyze', startedAt: '2026-08-11T05:00:00.000Z', role: 'client', machine: null, toolVersion: 't' });
      expect(after).toBeGreaterThan(killedRun);
    } finally {
      reopened.close();
    }
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});

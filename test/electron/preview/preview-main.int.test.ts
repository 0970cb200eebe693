import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { makeTempDir } from '../../helpers/temp-dir.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs the preview entry point (through tsx, as the bundled out/preview/index.js would run) with a timeout. */
function preview(args: readonly string[], until: (stdout: string) => boolean = () => false) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/preview/main.ts', ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  return new Promise<{ code: number | null; stdout: string; stderr: string; stop: () => Promise<number | null> }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview did not answer in time: ${stdout}${stderr}`)), 60_000);
    const stop = () =>
      new Promise<number | null>((done) => {
        child.once('exit', (code) => done(code));
        child.kill('SIGTERM');
      });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (until(stdout)) {
        clearTimeout(timer);
        resolve({ code: null, stdout, stderr, stop });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, stop });
    });
  });
}

describe('npm run preview (the preview entry point)', () => {
  it('serves the UI and the real services for a sample machine on 127.0.0.1, and stops on SIGTERM', async () => {
    const data = await makeTempDir('kmsd-preview-main-');
    const started = await preview(['--port', '0', '--machine', 'host-duplicate-cmid', '--data', data], (out) => /on http:\/\/127\.0\.0\.1:\d+\//.test(out));
    const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(started.stdout)?.[1] ?? '';
    expect(started.stdout).toContain('replaying host-duplicate-cmid');
    expect(started.stdout).toContain('client-no-srv');
    const answer = await fetch(`${url}api/op/machine.info`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url.slice(0, -1) }, body: '{}', signal: AbortSignal.timeout(10_000) });
    expect(await answer.json()).toMatchObject({ ok: true, value: { name: 'KMS01', detectedRole: 'host' } });
    // Every sample machine is in the history, analysed, ready to reopen.
    const history = await fetch(`${url}api/op/history.list`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url.slice(0, -1) }, body: '{}', signal: AbortSignal.timeout(10_000) });
    const runs = ((await history.json()) as { value: { runs: Array<{ role: string; machine: string | null }> } }).value.runs;
    expect(runs.length).toBeGreaterThanOrEqual(10);
    expect(new Set(runs.map((run) => run.role))).toEqual(new Set(['host', 'client']));
    expect(await started.stop()).toBe(0);
  }, 90_000);

  it('refuses bad input with one line and a non-zero exit, never a stack trace', async () => {
    const badPort = await preview(['--port', 'eighty']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr.trim()).toBe('kms-doctor-preview: --port must be 0-65535, not eighty');
    const data = await makeTempDir('kmsd-preview-main-');
    const noMachine = await preview(['--port', '0', '--machine', 'no-such-sample', '--data', data]);
    expect(noMachine.code).toBe(1);
    expect(noMachine.stderr.trim().split('\n')).toHaveLength(1);
    expect(noMachine.stderr).toMatch(/^kms-doctor-preview: refused: the bundle has no manifest\.json/);
    expect(noMachine.stderr).not.toMatch(/\n\s+at /);
  }, 90_000);
});

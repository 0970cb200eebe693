import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../helpers/temp-dir.js';
import { nodeProcessRunner } from '../../../../electron/collect/windows/process-runner.js';

// The runner is plain child_process; here it runs Node itself (no Windows program is needed to prove it).
describe('nodeProcessRunner (a real child process)', () => {
  it('passes arguments as an array: shell syntax arrives verbatim, nothing is interpreted', async () => {
    const hostile = '$(touch /tmp/kmsd-never) `id` ; echo pwned | cat > /tmp/kmsd-never';
    const result = await nodeProcessRunner.run(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', hostile, '//U'], { timeoutMs: 20_000 });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout.toString())).toEqual([hostile, '//U']);
    expect(result.spawnError).toBeNull();
  });

  it('kills a program that overruns its timeout and says so', async () => {
    const started = Date.now();
    const result = await nodeProcessRunner.run(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('reports a missing program as ENOENT instead of throwing', async () => {
    const result = await nodeProcessRunner.run('/nonexistent/cscript.exe', ['//nologo'], { timeoutMs: 5_000 });
    expect(result.spawnError).toBe('ENOENT');
    expect(result.exitCode).toBeNull();
  });

  it('keeps stdout bytes as written (UTF-16LE stays undecoded) and the exit code', async () => {
    const result = await nodeProcessRunner.run(process.execPath, ['-e', "process.stdout.write(Buffer.from('ライセンス', 'utf16le')); process.exitCode = 3"], { timeoutMs: 20_000 });
    expect(result.exitCode).toBe(3);
    expect(result.stdout.toString('utf16le')).toBe('ライセンス');
  });

  it('ends at the timeout even when a grandchild keeps the output pipe open', async () => {
    const started = Date.now();
    // The child starts a grandchild that inherits stdout and outlives it (as a stuck tool under PowerShell can).
    const script = "require('child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'inherit' }); setInterval(() => {}, 1000)";
    const result = await nodeProcessRunner.run(process.execPath, ['-e', script], { timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('streams stdout into a file as it arrives, each piece seen once, nothing kept in memory', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'out.xml');
    let seen = 0;
    const result = await nodeProcessRunner.run(process.execPath, ['-e', "for (let i = 0; i < 1000; i++) process.stdout.write('<Event xmlns=\\'x\\'/>')"], { timeoutMs: 20_000, stdoutFile: file, onStdout: (chunk) => (seen += chunk.length) });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.length).toBe(0);
    const written = await readFile(file, 'utf8');
    expect(written).toBe("<Event xmlns='x'/>".repeat(1000));
    expect(seen).toBe(Buffer.byteLength(written));
  });

  it('a cancel kills the program; a cancel before the start starts nothing', async () => {
    const cancel = new AbortController();
    const running = nodeProcessRunner.run(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 60_000, signal: cancel.signal });
    setTimeout(() => cancel.abort(), 200);
    expect(await running).toMatchObject({ cancelled: true, timedOut: false, exitCode: null });
    expect(await nodeProcessRunner.run('/nonexistent/never', [], { timeoutMs: 1_000, signal: cancel.signal })).toMatchObject({ cancelled: true, spawnError: 'cancelled' });
  });
});

import { describe, expect, it } from 'vitest';
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
});

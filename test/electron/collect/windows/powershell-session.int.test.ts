import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Collectors } from '../../../../electron/collect/collectors.js';
import { powerShellPath } from '../../../../electron/collect/windows/commands.js';
import { constrainedLanguageReason, createPowerShellProcessSession } from '../../../../electron/collect/windows/powershell-session.js';
import { nodeProcessRunner, type ProcessRunner } from '../../../../electron/collect/windows/process-runner.js';
import { createWindowsCollectors } from '../../../../electron/collect/windows/windows-collectors.js';
import { makeTempDir } from '../../../helpers/temp-dir.js';

const env = { systemRoot: 'C:\\Windows' };

/**
 * The real process runner, with powershell.exe replaced by a fake script (a real child process that
 * misbehaves as a locked-down or stuck PowerShell does). Counts every start.
 */
async function fakePowerShell(body: string): Promise<{ runner: ProcessRunner; starts: string[][] }> {
  const dir = await makeTempDir();
  const fake = path.join(dir, 'powershell');
  await writeFile(fake, `#!/bin/sh\n${body}\n`);
  await chmod(fake, 0o755);
  const starts: string[][] = [];
  const runner: ProcessRunner = {
    run: (file, args, options) => {
      if (file !== powerShellPath(env)) throw new Error(`unexpected program ${file}`);
      starts.push([...args]);
      return nodeProcessRunner.run(fake, args, options);
    },
  };
  return { runner, starts };
}

describe.skipIf(process.platform === 'win32')('PowerShell that never answers or is locked down (fake powershell, real processes)', () => {
  it('a PowerShell that never prints anything is stopped at the start-up timeout, once, and every step says why', async () => {
    const { runner, starts } = await fakePowerShell('sleep 60');
    const session = createPowerShellProcessSession({ runner, env, startTimeoutMs: 400 });
    const started = Date.now();
    const [first, second] = await Promise.all([session.invoke('Get-Date', { timeoutMs: 60_000 }), session.invoke('Get-Date', { timeoutMs: 60_000 })]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(first.error).toBe('could not check, because PowerShell did not answer within 400 ms (it was stopped)');
    expect(second.error).toBe(first.error);
    // Only the language check ever started: no script was sent to a PowerShell that does not answer.
    expect(starts).toHaveLength(1);
    expect(starts[0]).toContain('$ExecutionContext.SessionState.LanguageMode');
    await session.dispose();
  });

  it('Constrained Language Mode is found first and reported as "could not check, because …"; no script runs', async () => {
    const { runner, starts } = await fakePowerShell('echo ConstrainedLanguage');
    const session = createPowerShellProcessSession({ runner, env });
    const result = await session.invoke('Get-Date', { timeoutMs: 10_000 });
    expect(result.error).toBe(constrainedLanguageReason('ConstrainedLanguage'));
    expect(result.error).toMatch(/^could not check, because PowerShell runs in ConstrainedLanguage mode/);
    expect(starts).toHaveLength(1);
  });

  it('a script that never prints its result marker is killed at its own timeout', async () => {
    // FullLanguage for the check, then a script that hangs without printing anything.
    const { runner } = await fakePowerShell('case "$*" in *LanguageMode*) echo FullLanguage ;; *) sleep 60 ;; esac');
    const session = createPowerShellProcessSession({ runner, env });
    const started = Date.now();
    const result = await session.invoke('Get-Date', { timeoutMs: 500 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result).toMatchObject({ timedOut: true, error: 'timed out after 500 ms; PowerShell was stopped' });
  });

  it('after a cancel, no queued step starts a new PowerShell', async () => {
    const { runner, starts } = await fakePowerShell('case "$*" in *LanguageMode*) echo FullLanguage ;; *) sleep 60 ;; esac');
    const cancel = new AbortController();
    const session = createPowerShellProcessSession({ runner, env, concurrency: 1, signal: cancel.signal });
    const running = session.invoke('one', { timeoutMs: 60_000 });
    const queued = session.invoke('two', { timeoutMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    cancel.abort();
    const [first, second] = await Promise.all([running, queued]);
    expect(first.error).toBe('cancelled; PowerShell was stopped');
    expect(second.error).toBe('cancelled before it started');
    const after = await session.invoke('three', { timeoutMs: 60_000 });
    expect(after.error).toBe('cancelled before it started');
    // The language check and the one script that was running: nothing else ever started.
    expect(starts).toHaveLength(2);
  });

  it('with PowerShell locked down, the checks that need none (cscript, wevtutil) still run', async () => {
    const { runner: powershell } = await fakePowerShell('echo ConstrainedLanguage');
    const programs: string[] = [];
    const runner: ProcessRunner = {
      run: async (file, args, options) => {
        if (file === powerShellPath(env)) return powershell.run(file, args, options);
        programs.push(path.win32.basename(file));
        return { stdout: Buffer.from('ok\r\n', 'utf16le'), stderr: Buffer.alloc(0), exitCode: 0, durationMs: 1, timedOut: false, spawnError: null };
      },
    };
    const collectors: Collectors = createWindowsCollectors({ runner, session: createPowerShellProcessSession({ runner, env }), env, fileExists: () => true });
    const [dlv, system, firewall] = await Promise.all([collectors.dlv(), collectors.systemInfo(), collectors.firewall()]);
    expect(dlv.error).toBeNull();
    expect(system.error).toMatch(/^could not check, because PowerShell runs in ConstrainedLanguage mode/);
    expect(firewall.error).toBe(system.error);
    expect(programs).toEqual(['cscript.exe']);
    await collectors.close();
  });
});

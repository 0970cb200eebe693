/** What one PowerShell invocation printed; failures are data, never exceptions. */
export interface PowerShellResult {
  /** stdout as UTF-8 text (the session's output encoding). */
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  readonly timedOut: boolean;
  /** Why the session could not run the script at all (no PowerShell, session died), null otherwise. */
  readonly error: string | null;
}

/** A PowerShell session that runs fixed script lines; injected so collectors can be tested on recordings. */
export interface PowerShellSession {
  invoke(scriptLine: string, options: { readonly timeoutMs: number }): Promise<PowerShellResult>;
  dispose(): Promise<void>;
}

interface NodePowerShell {
  invoke(command: string): Promise<{ raw: string; hadErrors: boolean; stdout?: Buffer; stderr?: Buffer }>;
  dispose(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * One long-lived node-powershell session per run (-NoProfile -NonInteractive, UTF-8 output).
 *
 * A call that overruns its timeout kills the session (the only way to stop a stuck cmdlet); the next call
 * starts a fresh one, so one hung WMI query costs one step, not the run.
 */
export function createNodePowerShellSession(options: { readonly executable?: string } = {}): PowerShellSession {
  let shell: NodePowerShell | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const start = async (): Promise<NodePowerShell> => {
    const { PowerShell } = await import('node-powershell');
    const created = new PowerShell({
      ...(options.executable !== undefined ? { executable: options.executable } : {}),
      executableOptions: { '-NoProfile': true, '-NonInteractive': true },
      outputEncoding: 'utf8',
      inputEncoding: 'utf8',
      throwOnInvocationError: false,
    }) as unknown as NodePowerShell;
    await created.invoke('[Console]::OutputEncoding = [Text.Encoding]::UTF8; $OutputEncoding = [Text.Encoding]::UTF8');
    return created;
  };

  const kill = async (): Promise<void> => {
    const current = shell;
    shell = null;
    if (current !== null) await current.dispose('SIGKILL').catch(() => undefined);
  };

  const runOne = async (scriptLine: string, timeoutMs: number): Promise<PowerShellResult> => {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    let timer: NodeJS.Timeout | undefined;
    try {
      shell ??= await start();
      const active = shell;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([active.invoke(scriptLine), timeout]);
      if (outcome === 'timeout') {
        await kill();
        return { stdout: '', stderr: '', durationMs: elapsed(), timedOut: true, error: `timed out after ${timeoutMs} ms; PowerShell was stopped` };
      }
      return {
        stdout: outcome.stdout?.toString('utf8') ?? (outcome.hadErrors ? '' : outcome.raw),
        stderr: outcome.stderr?.toString('utf8') ?? (outcome.hadErrors ? outcome.raw : ''),
        durationMs: elapsed(),
        timedOut: false,
        error: null,
      };
    } catch (error) {
      await kill();
      const message = error instanceof Error ? error.message : String(error);
      return { stdout: '', stderr: '', durationMs: elapsed(), timedOut: false, error: `PowerShell could not run: ${message.split('\n')[0]}` };
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    invoke(scriptLine, { timeoutMs }) {
      // One session runs one script at a time; callers may ask concurrently.
      const next = queue.then(() => runOne(scriptLine, timeoutMs));
      queue = next.catch(() => undefined);
      return next;
    },
    dispose: kill,
  };
}

import { powerShellCommand, languageModeProbe, type WindowsEnvironment } from './commands.js';
import type { ProcessRunner } from './process-runner.js';

/** What one PowerShell invocation printed; failures are data, never exceptions. */
export interface PowerShellResult {
  /** stdout as text (the wrapper prints only ASCII, so the console code page cannot garble it). */
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  readonly timedOut: boolean;
  /** Why PowerShell could not run the script at all (missing, never answered, locked down), null otherwise. */
  readonly error: string | null;
}

/** Runs fixed PowerShell script lines; injected so collectors can be tested on recordings. */
export interface PowerShellSession {
  invoke(scriptLine: string, options: { readonly timeoutMs: number }): Promise<PowerShellResult>;
  /** Stops every running script; nothing starts afterwards. */
  dispose(): Promise<void>;
}

export interface PowerShellProcessOptions {
  readonly runner: ProcessRunner;
  readonly env: WindowsEnvironment;
  /** How long the language-mode check may take; a PowerShell that never answers fails here, once. */
  readonly startTimeoutMs?: number;
  /** Scripts running at once (each is a powershell.exe; WMI slows down under many parallel queries). */
  readonly concurrency?: number;
  /** Aborted on cancel: no script starts afterwards. */
  readonly signal?: AbortSignal;
}

/** The message for a PowerShell that is locked down, shared by every step that needed it. */
export function constrainedLanguageReason(mode: string): string {
  return `could not check, because PowerShell runs in ${mode} mode here (a WDAC or AppLocker policy): the collection scripts need FullLanguage; the checks that need no PowerShell (slmgr, wevtutil, the network probes) still ran`;
}

const decoder = new TextDecoder('utf-8');

/**
 * Each script runs in its own `%SystemRoot%\System32\WindowsPowerShell\v1.0\powershell.exe -NoProfile
 * -NonInteractive -EncodedCommand …` through the process runner: spawned by absolute path (never a PATH
 * search or NODE_POWERSHELL), hidden, under its step's timeout from the very start and killed on expiry.
 *
 * Before the first script, `$ExecutionContext.SessionState.LanguageMode` is read once under a short
 * timeout: a PowerShell that never answers, or one in Constrained Language Mode (where the scripts' .NET
 * calls are refused), makes every PowerShell step "could not check, because …" without running it.
 */
export function createPowerShellProcessSession(options: PowerShellProcessOptions): PowerShellSession {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  if (options.signal?.aborted === true) controller.abort();
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const limit = Math.max(1, options.concurrency ?? 3);
  let running = 0;
  const waiting: Array<() => void> = [];
  let ready: Promise<string | null> | null = null;

  const text = (bytes: Uint8Array): string => decoder.decode(bytes);
  const firstLine = (value: string): string => value.trim().split(/\r?\n/)[0]?.trim() ?? '';

  /** Null when PowerShell runs in FullLanguage; otherwise why no script can run. */
  const checkLanguage = async (): Promise<string | null> => {
    const { file, args } = languageModeProbe(options.env);
    const result = await options.runner.run(file, args, { timeoutMs: startTimeoutMs, signal: controller.signal });
    if (result.spawnError !== null) return result.spawnError === 'ENOENT' ? `could not check, because ${file} is missing` : `could not check, because PowerShell could not start: ${result.spawnError}`;
    if (result.timedOut) return `could not check, because PowerShell did not answer within ${startTimeoutMs} ms (it was stopped)`;
    const mode = text(result.stdout).trim().split(/\r?\n/).pop()?.trim() ?? '';
    if (mode === 'FullLanguage') return null;
    if (/^(ConstrainedLanguage|RestrictedLanguage|NoLanguage)$/.test(mode)) return constrainedLanguageReason(mode);
    return `could not check, because PowerShell did not report its language mode (exit code ${result.exitCode}${firstLine(text(result.stderr)) ? `: ${firstLine(text(result.stderr))}` : ''})`;
  };

  const slot = async (): Promise<void> => {
    if (running < limit) {
      running++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
  };
  const release = (): void => {
    running--;
    waiting.shift()?.();
  };

  const cancelled = (durationMs = 0): PowerShellResult => ({ stdout: '', stderr: '', durationMs, timedOut: false, error: 'cancelled before it started' });

  return {
    async invoke(scriptLine, { timeoutMs }) {
      if (controller.signal.aborted) return cancelled();
      ready ??= checkLanguage();
      const refused = await ready;
      if (refused !== null) return { stdout: '', stderr: '', durationMs: 0, timedOut: false, error: refused };
      await slot();
      try {
        // A cancel while this script waited for a slot: it never starts.
        if (controller.signal.aborted) return cancelled();
        const { file, args } = powerShellCommand(options.env, scriptLine);
        const result = await options.runner.run(file, args, { timeoutMs, signal: controller.signal });
        if (result.spawnError !== null) return { stdout: '', stderr: '', durationMs: result.durationMs, timedOut: false, error: `PowerShell could not start: ${result.spawnError}` };
        if (result.timedOut) return { stdout: text(result.stdout), stderr: text(result.stderr), durationMs: result.durationMs, timedOut: true, error: `timed out after ${timeoutMs} ms; PowerShell was stopped` };
        if (result.exitCode === null && controller.signal.aborted) return { ...cancelled(result.durationMs), error: 'cancelled; PowerShell was stopped' };
        return { stdout: text(result.stdout), stderr: text(result.stderr), durationMs: result.durationMs, timedOut: false, error: null };
      } finally {
        release();
      }
    },
    async dispose() {
      options.signal?.removeEventListener('abort', abort);
      controller.abort();
    },
  };
}

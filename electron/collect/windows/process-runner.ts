import { spawn } from 'node:child_process';

/** The result of one external program run; failures are data, never exceptions. */
export interface ProcessResult {
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  /** Null when the program never started or was killed. */
  readonly exitCode: number | null;
  readonly durationMs: number;
  readonly timedOut: boolean;
  /** Why the program could not be started (ENOENT for a missing cscript.exe), null if it started. */
  readonly spawnError: string | null;
}

/** Runs a program from an argument array (no shell); injected so collectors can be tested on recorded output. */
export interface ProcessRunner {
  run(file: string, args: readonly string[], options: { readonly timeoutMs: number }): Promise<ProcessResult>;
}

/** Output beyond this is cut off: slmgr and wevtutil print kilobytes, never megabytes. */
const maxOutputBytes = 64 * 1024 * 1024;

/**
 * The real runner: child_process.spawn with an argument array and no shell, killed when the timeout expires.
 */
export const nodeProcessRunner: ProcessRunner = {
  run(file, args, { timeoutMs }) {
    return new Promise((resolve) => {
      const started = performance.now();
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let size = 0;
      let timedOut = false;
      let settled = false;
      const child = spawn(file, [...args], { shell: false, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'] });
      const finish = (exitCode: number | null, spawnError: string | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({
          stdout: Buffer.concat(stdout),
          stderr: Buffer.concat(stderr),
          exitCode: timedOut ? null : exitCode,
          durationMs: Math.round(performance.now() - started),
          timedOut,
          spawnError,
        });
      };
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      const collect = (into: Buffer[]) => (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxOutputBytes) into.push(chunk);
        else child.kill('SIGKILL');
      };
      child.stdout.on('data', collect(stdout));
      child.stderr.on('data', collect(stderr));
      child.on('error', (error: NodeJS.ErrnoException) => finish(null, error.code ?? error.message));
      child.on('close', (code) => finish(code, null));
    });
  },
};

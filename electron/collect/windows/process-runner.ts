import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

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
  /** Why the streamed output file could not be written (the program was then stopped). */
  readonly outputError?: string | null;
  /** True when the signal stopped it (or kept it from starting). */
  readonly cancelled?: boolean;
}

export interface ProcessRunOptions {
  readonly timeoutMs: number;
  /** Stream stdout into this file (created, private) as it arrives instead of keeping it; `stdout` is then empty. */
  readonly stdoutFile?: string;
  /** Sees each stdout chunk as it arrives (an event query counts its records with it). */
  readonly onStdout?: (chunk: Buffer) => void;
  /** Aborted on cancel: the program is not started, or is killed. */
  readonly signal?: AbortSignal;
}

/** Runs a program from an argument array (no shell); injected so collectors can be tested on recorded output. */
export interface ProcessRunner {
  run(file: string, args: readonly string[], options: ProcessRunOptions): Promise<ProcessResult>;
}

/** How long a killed program may take to close its output before the run ends without it. */
const killGraceMs = 2_000;

/** Output beyond this is cut off: slmgr and wevtutil print kilobytes, never megabytes. */
const maxOutputBytes = 64 * 1024 * 1024;

/**
 * The real runner: child_process.spawn with an argument array and no shell, killed when the timeout expires.
 */
export const nodeProcessRunner: ProcessRunner = {
  run(file, args, { timeoutMs, stdoutFile, onStdout, signal }) {
    if (signal?.aborted === true) {
      return Promise.resolve({ stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), exitCode: null, durationMs: 0, timedOut: false, spawnError: 'cancelled', cancelled: true });
    }
    return new Promise((resolve) => {
      const started = performance.now();
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let size = 0;
      let timedOut = false;
      let settled = false;
      // windowsHide: a console program must not open (or change the code page of) a visible console.
      const child = spawn(file, [...args], { shell: false, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'] });
      const sink = stdoutFile === undefined ? null : createWriteStream(stdoutFile, { flags: 'w', mode: 0o600 });
      let sinkError: string | null = null;
      sink?.on('error', (error: NodeJS.ErrnoException) => {
        sinkError = `could not write ${stdoutFile}: ${error.code ?? error.message}`;
        stopNow();
      });
      const finish = (exitCode: number | null, spawnError: string | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(grace);
        signal?.removeEventListener('abort', onAbort);
        if (sink !== null && !sink.destroyed) {
          sink.end(() => done(exitCode, spawnError));
          return;
        }
        done(exitCode, spawnError);
      };
      const done = (exitCode: number | null, spawnError: string | null): void => {
        resolve({
          stdout: Buffer.concat(stdout),
          stderr: Buffer.concat(stderr),
          exitCode: timedOut ? null : exitCode,
          durationMs: Math.round(performance.now() - started),
          timedOut,
          spawnError,
          outputError: sinkError,
          cancelled: signal?.aborted === true,
        });
      };
      const onAbort = (): void => stopNow();
      signal?.addEventListener('abort', onAbort, { once: true });
      // A killed program's own children can hold its output pipes open (so "close" never comes): after
      // the kill, the run ends within a grace period whatever they do.
      let grace: NodeJS.Timeout | undefined;
      const stopNow = (): void => {
        child.kill('SIGKILL');
        grace ??= setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
          finish(null, null);
        }, killGraceMs);
      };
      const timer = setTimeout(() => {
        timedOut = true;
        stopNow();
      }, timeoutMs);
      const collect = (into: Buffer[]) => (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxOutputBytes) into.push(chunk);
        else child.kill('SIGKILL');
      };
      if (sink === null) child.stdout.on('data', collect(stdout));
      else {
        child.stdout.on('data', (chunk: Buffer) => {
          onStdout?.(chunk);
          // Backpressure: a slow disk pauses the program's output instead of buffering it in memory.
          if (!sink.write(chunk)) {
            child.stdout.pause();
            sink.once('drain', () => child.stdout.resume());
          }
        });
      }
      child.stderr.on('data', collect(stderr));
      child.on('error', (error: NodeJS.ErrnoException) => finish(null, error.code ?? error.message));
      child.on('close', (code) => finish(code, null));
    });
  },
};

import { closeSync, openSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export interface ProcessTiming {
  readonly wallMs: number;
  /** User + system CPU time of the process and its children. */
  readonly cpuMs: number;
  readonly maxRssMb: number;
  readonly status: number | null;
  /** Empty when stdout was discarded. */
  readonly stdout: string;
}

export interface TimedProcessOptions {
  /** Where GNU time writes its figures (its -o file keeps them apart from the program's own stderr). */
  readonly timeFile: string;
  readonly timeoutMs: number;
  /** `discard` sends stdout to /dev/null, as a shell's `> /dev/null` would (no pipe to drain). */
  readonly stdout: 'capture' | 'discard';
  /** Throw when the command exits with anything but 0. */
  readonly mustSucceed: boolean;
}

/** Runs a command under GNU time: wall time, CPU time and peak RSS of the whole process. */
export function timedProcess(command: string, args: readonly string[], options: TimedProcessOptions): ProcessTiming {
  const devNull = options.stdout === 'discard' ? openSync('/dev/null', 'w') : null;
  try {
    const started = performance.now();
    const r = spawnSync('/usr/bin/time', ['-o', options.timeFile, '-f', 'TIME %U %S %M', command, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', devNull ?? 'pipe', 'pipe'],
      timeout: options.timeoutMs,
      maxBuffer: 512 * 1024 * 1024,
    });
    const wallMs = performance.now() - started;
    if (options.mustSucceed && r.status !== 0) throw new Error(`${command} failed (${r.status ?? r.signal}): ${(r.stderr ?? '').split('\n')[0] ?? ''}`);
    const m = /TIME ([\d.]+) ([\d.]+) (\d+)/.exec(readFileSync(options.timeFile, 'utf8'));
    if (m === null) throw new Error(`no timing from /usr/bin/time for ${command}`);
    return { wallMs, cpuMs: (Number(m[1]) + Number(m[2])) * 1000, maxRssMb: Number(m[3]) / 1024, status: r.status, stdout: r.stdout ?? '' };
  } finally {
    if (devNull !== null) closeSync(devNull);
  }
}

/** The middle value (the upper one of an even count). */
export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

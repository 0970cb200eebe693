import type { CliIo } from '../../electron/cli/io.js';

/** A CliIo that keeps what a command writes, for runCli tests without a child process. */
export function captureIo(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
}

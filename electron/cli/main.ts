import { processIo } from './io.js';
import { runCli } from './program.js';

// A reader that went away (`kms-doctor analyze … | head`) makes stdout fail with EPIPE. Unheard, that
// error would end the process with a stack trace; heard, the run ends with one line and exit code 1.
let stdoutFailure: string | null = null;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  stdoutFailure ??= error.code ?? error.message;
});

let exitCode = await runCli(process.argv.slice(2), processIo);
// Leave as soon as everything written has reached the OS. Waiting for the event loop to empty and
// letting Node tear down the heap after a large analysis costs time a finished command need not spend
// (bench/README.md, analyze).
await flushed(process.stdout);
if (stdoutFailure !== null && exitCode === 0) {
  process.stderr.write(`kms-doctor: standard output closed (${stdoutFailure}) before everything was written\n`);
  exitCode = 1;
}
await flushed(process.stderr);
process.exit(exitCode);

/** Resolves once the stream has handed everything written before this call to the OS (or has failed). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed) resolve();
    else stream.write('', () => resolve());
  });
}

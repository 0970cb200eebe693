import path from 'node:path';
import { nodeProcessRunner, type ProcessResult, type ProcessRunner } from './process-runner.js';

/**
 * Lists the current token's groups with whoami (CSV, no header), for the main process's elevation check.
 *
 * A fixed command with no user input: `%SystemRoot%\System32\whoami.exe /groups /fo csv /nh`, 10 s timeout.
 * The mandatory-label SID in the output (S-1-16-…) is the token's integrity level, the same whatever the
 * display language; electron/main/elevation.ts reads it.
 */
export function runWhoamiGroups(systemRoot: string, runner: ProcessRunner = nodeProcessRunner): Promise<ProcessResult> {
  return runner.run(path.win32.join(systemRoot, 'System32', 'whoami.exe'), ['/groups', '/fo', 'csv', '/nh'], { timeoutMs: 10_000 });
}

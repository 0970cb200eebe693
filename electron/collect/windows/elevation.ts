import path from 'node:path';
import { isElevatedFromWhoami } from '../../../shared/parse/whoami.js';
import { nodeProcessRunner, type ProcessResult, type ProcessRunner } from './process-runner.js';

/**
 * Lists the current token's groups with whoami (CSV, no header), for the app's elevation check.
 *
 * A fixed command with no user input: `%SystemRoot%\System32\whoami.exe /groups /fo csv /nh`, 10 s timeout.
 * The mandatory-label SID in the output (S-1-16-…) is the token's integrity level, the same whatever the
 * display language; shared/parse/whoami.ts reads it.
 */
export function runWhoamiGroups(systemRoot: string, runner: ProcessRunner = nodeProcessRunner): Promise<ProcessResult> {
  return runner.run(path.win32.join(systemRoot, 'System32', 'whoami.exe'), ['/groups', '/fo', 'csv', '/nh'], { timeoutMs: 10_000 });
}

/** What detectElevation needs from its host, so it is tested without Windows. */
export interface ElevationProbe {
  readonly platform: string;
  /** The effective user id where POSIX has one. */
  readonly uid: number | null;
  /** Runs `whoami /groups /fo csv /nh` (runWhoamiGroups) and returns its stdout, or null. */
  readonly whoamiGroups: () => Promise<string | null>;
}

/**
 * Detects elevation: the token's integrity level on Windows, root elsewhere; null when it cannot be told
 * (the UI then says "unknown" rather than guessing).
 */
export async function detectElevation(probe: ElevationProbe): Promise<boolean | null> {
  if (probe.platform !== 'win32') return probe.uid === null ? null : probe.uid === 0;
  try {
    const output = await probe.whoamiGroups();
    return output === null ? null : isElevatedFromWhoami(output);
  } catch {
    return null;
  }
}

import { describe } from 'vitest';

export const onWindows = process.platform === 'win32';

/**
 * A suite that needs a real Windows machine (cscript, PowerShell, wevtutil).
 *
 * Elsewhere it is reported as skipped, with the reason in its name, so the run shows what did not run.
 */
export function describeOnWindows(name: string, body: () => void): void {
  if (onWindows) describe(name, body);
  else describe.skip(`${name} [skipped: needs Windows]`, body);
}

import { watch } from 'node:fs';
import { makeTempDir } from './temp-dir.js';

/**
 * Runs `work` with TMPDIR set to a fresh folder and counts the temp folders the bundle reader unpacks a
 * zip into there ("kmsd-bundle-…", removed again when closed, so watched rather than listed after).
 */
export async function countingUnpacks<T>(work: () => Promise<T>): Promise<{ value: T; unpacked: number }> {
  const temp = await makeTempDir('kmsd-tmpdir-');
  const before = process.env.TMPDIR;
  process.env.TMPDIR = temp;
  const made = new Set<string>();
  const watcher = watch(temp, (_event, name) => {
    if (name !== null && name.startsWith('kmsd-bundle-')) made.add(name);
  });
  try {
    const value = await work();
    // Let the watcher deliver what happened during the work.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { value, unpacked: made.size };
  } finally {
    watcher.close();
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
}

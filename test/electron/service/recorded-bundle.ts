import path from 'node:path';
import { onTestFinished } from 'vitest';
import { openBundle, type OpenedBundle } from '../../../electron/bundle/bundle-reader.js';
import { writeBundle, type BundleFileSource } from '../../../electron/bundle/bundle-writer.js';
import type { Collectors } from '../../../electron/collect/collectors.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { recordedMachineFiles, recordedManifest } from '../bundle/fixtures/recorded-machine.js';

/** The recorded machine of test/electron/bundle/fixtures as an opened bundle (zip written, then read back), plus extra files. */
export async function openRecordedBundle(extra: readonly BundleFileSource[] = []): Promise<OpenedBundle> {
  const dir = await makeTempDir();
  const zip = path.join(dir, 'recorded.zip');
  await writeBundle({ out: zip, manifest: recordedManifest, files: [...recordedMachineFiles(), ...extra] });
  const opened = await openBundle(zip);
  onTestFinished(() => opened.close());
  return opened;
}

/** Wraps collectors to count how many calls are in flight at once, and to make chosen calls throw. */
export function instrumented(inner: Collectors, options: { delayMs?: number; throwing?: ReadonlyArray<keyof Collectors> } = {}): Collectors & { maxInFlight: number; calls: string[] } {
  let inFlight = 0;
  const wrapper = { maxInFlight: 0, calls: [] as string[] } as Collectors & { maxInFlight: number; calls: string[] };
  for (const key of Object.keys(inner) as Array<keyof Collectors>) {
    const value = inner[key];
    if (typeof value !== 'function' || key === 'close') {
      Object.assign(wrapper, { [key]: value });
      continue;
    }
    Object.assign(wrapper, {
      [key]: async (...args: unknown[]) => {
        wrapper.calls.push(key);
        inFlight++;
        wrapper.maxInFlight = Math.max(wrapper.maxInFlight, inFlight);
        try {
          await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
          if (options.throwing?.includes(key)) throw new Error(`${key} exploded\nwith a second line`);
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(inner, args);
        } finally {
          inFlight--;
        }
      },
    });
  }
  Object.assign(wrapper, { close: () => inner.close() });
  return wrapper;
}

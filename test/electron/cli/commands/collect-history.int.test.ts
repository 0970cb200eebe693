import { existsSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCollectCommand } from '../../../../electron/cli/commands/collect.js';
import type { Collectors } from '../../../../electron/collect/collectors.js';
import { createReplayCollectors } from '../../../../electron/collect/replay/replay-collectors.js';
import { openHistory } from '../../../../electron/store/history-store.js';
import { captureIo } from '../../../helpers/cli-capture.js';
import { makeTempDir } from '../../../helpers/temp-dir.js';
import { openRecordedBundle } from '../../service/recorded-bundle.js';

// collect as it runs on Windows, on a recorded machine (replay collectors, no network: the probe is a stub).
async function collectWith(historyFiles: readonly string[], options: { readonly elevated?: boolean } = {}) {
  const opened = await openRecordedBundle();
  const dir = await makeTempDir();
  const out = path.join(dir, 'bundle.zip');
  const io = captureIo();
  const replay = (): Collectors => {
    const collectors = createReplayCollectors(opened);
    if (options.elevated !== false) return collectors;
    // The same machine as seen from a standard prompt: system info says Elevated = false.
    const systemInfo = async () => {
      const output = await collectors.systemInfo();
      const text = JSON.stringify({ ...(JSON.parse(output.text) as object), Elevated: false });
      return { ...output, text, bytes: Buffer.from(text) };
    };
    return { ...collectors, systemInfo };
  };
  await runCollectCommand({ role: 'host', days: '30', lang: 'en', out }, io, {
    platform: 'win32',
    openCollectors: replay,
    probe: async () => ({ srv: [], hosts: [] }),
    historyFiles,
  });
  return { io, out };
}

const runsIn = (file: string): number => {
  const store = openHistory(file);
  try {
    return store.listRuns(10).length;
  } finally {
    store.close();
  }
};

describe('collect never fails for the history', () => {
  // Root ignores file modes, so a read-only file is only read-only for another user (as the shared
  // history made by the elevated app is for a standard prompt).
  it.skipIf(process.getuid?.() === 0)('a read-only shared history file: the run is kept in the user\'s own file, with one line that says so', async () => {
    const dir = await makeTempDir();
    const shared = path.join(dir, 'shared.sqlite');
    openHistory(shared).close();
    await chmod(shared, 0o444);
    const own = path.join(dir, 'own', 'history.sqlite');
    const { io, out } = await collectWith([shared, own]);
    expect(existsSync(out)).toBe(true);
    expect(io.err.split('\n').filter((line) => line.startsWith('history:'))).toEqual([expect.stringMatching(new RegExp(`^history: ${shared.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} cannot be written from here \\(.+\\); this run is kept in .+own.history\\.sqlite instead$`))]);
    expect(runsIn(own)).toBe(1);
  });

  it('a shared history that cannot be opened at all: the run goes to the next file; with none left, the bundle is still written', async () => {
    const dir = await makeTempDir();
    // Its folder is a regular file: no one, root included, can create the database there.
    await writeFile(path.join(dir, 'not-a-folder'), 'x');
    const broken = path.join(dir, 'not-a-folder', 'history.sqlite');
    const own = path.join(dir, 'own', 'history.sqlite');
    const kept = await collectWith([broken, own]);
    expect(existsSync(kept.out)).toBe(true);
    expect(kept.io.err).toMatch(/^history: .*not-a-folder.history\.sqlite cannot be written from here \(E[A-Z]+\); this run is kept in .*own.history\.sqlite instead$/m);
    expect(kept.io.out).toMatch(/^History: run 1 /m);
    expect(runsIn(own)).toBe(1);

    const lost = await collectWith([broken]);
    expect(existsSync(lost.out)).toBe(true);
    expect(lost.io.err).toMatch(/^history: .* cannot be written from here \(E[A-Z]+\); this run is not kept in the history$/m);
    expect(lost.io.out).toMatch(/^Bundle written: /);
  });

  it('from a standard prompt it still collects, and says in one line which checks needed an administrator', async () => {
    const dir = await makeTempDir();
    const { io, out } = await collectWith([path.join(dir, 'h.sqlite')], { elevated: false });
    expect(existsSync(out)).toBe(true);
    expect(io.err.split('\n').filter((line) => line.startsWith('not elevated:'))).toEqual([
      'not elevated: events/kms-host.xml, events/kms-host-dns-publish.xml, events/application-spp.xml, events/kms-host.evtx, events/kms-host-dns-publish.evtx, events/application-spp.evtx, events/log-health.json need an administrator and may be missing or partial; run from an elevated prompt (or the installed app) for a complete check',
    ]);
    const elevated = await collectWith([path.join(dir, 'h2.sqlite')]);
    expect(elevated.io.err).not.toContain('not elevated');
  });
});

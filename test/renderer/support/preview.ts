import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPreviewHandlers } from '../../../electron/preview/preview-services.js';
import { startPreviewServer } from '../../../electron/preview/preview-server.js';
import type { HistoryStore } from '../../../electron/store/history-store.js';

export const repo = fileURLToPath(new URL('../../../', import.meta.url));
export const builtRenderer = path.join(repo, 'out', 'renderer');

export interface RunningPreview {
  readonly url: string;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** The real preview (built renderer + real services replaying a sample machine) in this process. */
export async function startPreview(machine: string): Promise<RunningPreview> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kmsd-ui-'));
  let store: HistoryStore | undefined;
  const server = await startPreviewServer({
    rendererDir: builtRenderer,
    handlers: async (hooks) => {
      const made = await createPreviewHandlers({ machineDir: path.join(repo, 'samples', machine), dataDir }, hooks);
      store = made.store;
      return made.handlers;
    },
  });
  return {
    url: server.url,
    dataDir,
    close: async () => {
      await server.close();
      store?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

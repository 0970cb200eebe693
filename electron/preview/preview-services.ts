import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ProbeDocument } from '../../shared/probe/types.js';
import { bundlePaths } from '../../shared/bundle/manifest.js';
import { checkBundleDirectory } from '../bundle/bundle-reader.js';
import { createReplayCollectors } from '../collect/replay/replay-collectors.js';
import { openHistory, type HistoryStore } from '../store/history-store.js';
import { recordAnalysis } from '../store/record-analysis.js';
import { loadEvidence } from '../evidence/load-evidence.js';
import { diagnose } from '../../shared/diagnose/index.js';
import { toolVersion } from '../version.js';
import type { ApiHandlerContext } from '../service/api-context.js';
import { createApiHandlers } from '../service/api-handlers.js';
import type { HandlerRegistry } from '../../shared/contract/dispatch.js';
import type { PreviewHooks } from './preview-server.js';

export interface PreviewServicesOptions {
  /** The recorded machine that plays "this machine": a bundle directory (e.g. samples/client-no-srv). */
  readonly machineDir: string;
  /** Where the preview keeps its history database, uploads and exports. */
  readonly dataDir: string;
  /**
   * Recorded machines to put in the history as analysed bundles (once per data folder), so the preview
   * shows every sample machine: reopen them from History.
   */
  readonly seed?: readonly string[];
}

/** Analyses each recorded machine once and keeps it in the history, as `kms-doctor analyze` does. */
async function seedHistory(store: HistoryStore, dirs: readonly string[]): Promise<void> {
  const known = new Set(store.listRuns(10_000).map((run) => run.source));
  for (const dir of dirs) {
    if (known.has(dir)) continue;
    const startedAt = new Date().toISOString();
    const loaded = await loadEvidence(dir);
    const result = diagnose(loaded.evidence, { lang: 'en' });
    recordAnalysis(store, { source: dir, startedAt, finishedAt: new Date().toISOString(), toolVersion, role: result.role, manifest: loaded.evidence.manifest, findings: result.findings });
  }
}

/** The sample machines under a folder (every subfolder with a manifest.json), sorted by name. */
export async function listSampleMachines(samplesDir: string): Promise<string[]> {
  const entries = await readdir(samplesDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && existsSync(path.join(samplesDir, entry.name, bundlePaths.manifest)))
    .map((entry) => entry.name)
    .sort();
}

/** A file name in `dir` that does not exist yet: name.zip, name-2.zip, ... */
function freeName(dir: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, n === 1 ? name : `${stem}-${n}${ext}`);
    if (!existsSync(candidate)) return candidate;
  }
}

/**
 * The real services for the browser preview: the replay collectors over a recorded machine, its recorded
 * network probes, a real SQLite history, the real bundle writer and reader. What differs from the app is
 * only what a browser page cannot have: no native dialogs (the export goes to the preview's exports
 * folder and is offered as a download), and links open in a new browser tab.
 */
export async function createPreviewHandlers(options: PreviewServicesOptions, hooks: PreviewHooks): Promise<{ handlers: HandlerRegistry; store: HistoryStore }> {
  const manifest = await checkBundleDirectory(options.machineDir);
  await mkdir(options.dataDir, { recursive: true });
  const exportsDir = path.join(options.dataDir, 'exports');
  await mkdir(exportsDir, { recursive: true });
  const store = openHistory(path.join(options.dataDir, 'history.sqlite'));
  await seedHistory(store, options.seed ?? []);
  const context: ApiHandlerContext = {
    appInfo: async () => ({ version: toolVersion, platform: process.platform, canCollect: false, elevated: manifest.machine.elevated, mode: 'preview', nativeDialogs: false }),
    emit: hooks.emit,
    workDir: path.join(options.dataDir, 'work'),
    openCollectors: async () => createReplayCollectors({ dir: options.machineDir, manifest }),
    // The probes as the recorded machine saw them (a replay: the preview sends nothing on the network).
    probe: async () => {
      const file = path.join(options.machineDir, ...bundlePaths.probes.split('/'));
      if (!existsSync(file)) throw new Error(`the recorded machine has no ${bundlePaths.probes}`);
      return JSON.parse(await readFile(file, 'utf8')) as ProbeDocument;
    },
    store,
    chooseSavePath: async (suggestedName) => freeName(exportsDir, suggestedName),
    revealFile: async (exportId, file) => ({ revealed: false, downloadUrl: hooks.offerDownload(exportId, file) }),
    openExternal: async () => false,
  };
  return { handlers: createApiHandlers(context), store };
}

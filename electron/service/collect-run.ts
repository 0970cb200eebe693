import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BundleManifest } from '../../shared/bundle/manifest.js';
import type { CollectionRole } from '../../shared/kms/role.js';
import type { DiagnosisResult, Lang } from '../../shared/diagnose/index.js';
import type { Collectors } from '../collect/collectors.js';
import type { KmsEvent } from '../../shared/parse/types.js';
import { streamEventsFile } from '../evidence/event-file.js';
import type { HistoryStore } from '../store/history-store.js';
import { toolVersion } from '../version.js';
import { packageCollectedRun, rebundle } from './package-bundle.js';
import { runCollection, type CollectedRun, type ProbeRunner, type StepProgress } from './run-collection.js';

export interface CollectAndBundleOptions {
  readonly collectors: Collectors;
  readonly role: CollectionRole;
  readonly days: number;
  readonly maxEvents?: number;
  readonly out: string;
  readonly redact: boolean;
  readonly lang: Lang;
  /** The run history; null runs without keeping anything. */
  readonly store: HistoryStore | null;
  readonly probe?: ProbeRunner;
  readonly onProgress?: (event: StepProgress) => void;
  readonly now?: () => Date;
  /** Aborted when the technician cancels: nothing is packaged after the collectors stop. */
  readonly signal?: AbortSignal;
}

export interface CollectAndBundleResult {
  readonly runId: number | null;
  readonly out: string;
  readonly manifest: BundleManifest;
  readonly result: DiagnosisResult;
  readonly collected: CollectedRun;
}

/** Where the history keeps its own (unredacted) copy of a run's bundle: next to the database. */
export function keptBundlePath(store: HistoryStore, runId: number): string {
  return path.join(path.dirname(store.file), 'bundles', `run-${runId}.zip`);
}

/**
 * One whole diagnosis of this machine: collect (role auto-detected unless chosen), diagnose, write the
 * support bundle, and keep the run in the history as it goes (each step when it finishes; a run killed
 * half-way stays "incomplete" with the steps it had).
 */
export async function collectAndBundle(options: CollectAndBundleOptions): Promise<CollectAndBundleResult> {
  const now = options.now ?? (() => new Date());
  const store = options.store;
  const runId = store?.startRun({ kind: 'collect', startedAt: now().toISOString(), role: options.role === 'auto' ? 'unknown' : options.role, machine: null, toolVersion }) ?? null;
  const workDir = await mkdtemp(path.join(tmpdir(), 'kmsd-run-'));
  try {
    const collected = await runCollection({
      collectors: options.collectors,
      role: options.role,
      window: { days: options.days, maxEvents: options.maxEvents ?? 100_000 },
      workDir,
      now,
      ...(options.probe !== undefined ? { probe: options.probe } : {}),
      onProgress: (event) => {
        if (store !== null && runId !== null) {
          store.recordStep(runId, {
            step: event.stepId,
            status: event.status,
            startedAt: event.startedAt ?? null,
            durationMs: event.elapsedMs,
            command: event.command ?? null,
            exitCode: event.exitCode ?? null,
            summary: event.summary,
            error: event.error ?? null,
          });
        }
        options.onProgress?.(event);
      },
    });
    options.signal?.throwIfAborted();
    const keepAt = store !== null && runId !== null ? keptBundlePath(store, runId) : undefined;
    const packaged = await packageCollectedRun({ collected, workDir, out: options.out, redact: options.redact, lang: options.lang, ...(keepAt !== undefined ? { keepAt } : {}) });
    if (store !== null && runId !== null) {
      store.recordArtifacts(runId, packaged.written.manifest.files);
      await storeEvents(store, runId, collected);
      store.recordFindings(runId, packaged.diagnosed.result.findings);
      const machine = packaged.written.manifest.machine.name;
      store.finishRun(runId, { status: collected.failures.length > 0 ? 'incomplete' : 'complete', finishedAt: now().toISOString(), role: packaged.written.manifest.role, machine: options.redact ? null : machine, bundlePath: keepAt ?? null });
    }
    return { runId, out: options.out, manifest: packaged.written.manifest, result: packaged.diagnosed.result, collected };
  } catch (error) {
    const status = options.signal?.aborted === true ? 'cancelled' : 'failed';
    if (store !== null && runId !== null) store.finishRun(runId, { status, finishedAt: now().toISOString() });
    throw error;
  } finally {
    await options.collectors.close().catch(() => undefined);
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Parsed events of the run's event XML (host and client logs) into the history, in batches, streamed. */
async function storeEvents(store: HistoryStore, runId: number, collected: CollectedRun): Promise<void> {
  for (const file of collected.files.filter((item) => item.kind === 'eventsKmsHostXml' || item.kind === 'eventsHostDnsPublishXml' || item.kind === 'eventsApplicationSppXml')) {
    if (!('file' in file.content)) continue;
    const batch: KmsEvent[] = [];
    try {
      await streamEventsFile(file.content.file, (event) => {
        batch.push(event);
        if (batch.length >= 5_000) store.recordEvents(runId, batch.splice(0));
      });
      store.recordEvents(runId, batch);
    } catch (error) {
      // The bundle has the file either way; the history just lacks its parsed rows, and says why.
      store.recordStep(runId, { step: `store ${file.path}`, status: 'could-not-check', error: error instanceof Error ? error.message.split('\n')[0]! : String(error) });
    }
  }
}

/** Re-exports a past run as a bundle (optionally redacted) from the history's kept copy or the analysed source. */
export async function exportRun(store: HistoryStore, runId: number, out: string, options: { readonly redact: boolean; readonly lang: Lang }): Promise<{ manifest: BundleManifest }> {
  const run = store.getRun(runId);
  if (run === null) throw new Error(`no run ${runId} in the history (${store.file})`);
  if (run.bundlePath === null) throw new Error(`run ${runId} has no bundle to export (status: ${run.status})`);
  const { written } = await rebundle({ source: run.bundlePath, out, redact: options.redact, lang: options.lang });
  return { manifest: written.manifest };
}

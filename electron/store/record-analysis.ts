import type { BundleManifest } from '../../shared/bundle/manifest.js';
import type { KmsEvent } from '../../shared/parse/types.js';
import type { HistoryStore, StoredFindingInput } from './history-store.js';

export interface AnalysisRecord {
  /** The bundle zip, bundle directory or loose folder that was analysed, as given. */
  readonly source: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly toolVersion: string;
  readonly role: string;
  /** The bundle's manifest (machine name, files with hashes), when there is one. */
  readonly manifest?: BundleManifest | null;
  readonly findings: readonly StoredFindingInput[];
  readonly events?: readonly KmsEvent[];
  /** "failed" when the analysis could not finish (the run is still kept, with why). */
  readonly status?: 'complete' | 'failed';
  readonly error?: string | null;
}

/**
 * Stores one `analyze` run in the history (the call the analyze command makes when it is done): the run,
 * its artifacts (the bundle's files with hashes), the parsed events and the findings. Returns the run id.
 */
export function recordAnalysis(store: HistoryStore, record: AnalysisRecord): number {
  const runId = store.startRun({
    kind: 'analyze',
    startedAt: record.startedAt,
    role: record.role,
    machine: record.manifest?.machine.name ?? null,
    toolVersion: record.toolVersion,
    source: record.source,
  });
  store.recordStep(runId, {
    step: 'analyze',
    status: record.status === 'failed' ? 'could-not-check' : 'ok',
    startedAt: record.startedAt,
    durationMs: Math.max(0, Date.parse(record.finishedAt) - Date.parse(record.startedAt)) || 0,
    summary: `${record.findings.length} finding(s)`,
    error: record.error ?? null,
  });
  if (record.manifest) store.recordArtifacts(runId, record.manifest.files);
  if (record.events && record.events.length > 0) store.recordEvents(runId, record.events);
  store.recordFindings(runId, record.findings);
  store.finishRun(runId, { status: record.status ?? 'complete', finishedAt: record.finishedAt, bundlePath: record.source });
  return runId;
}

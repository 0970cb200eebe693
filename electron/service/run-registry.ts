/**
 * The runs the handlers know: live runs of this process and finished ones from the history, each as
 * the contract's summary, with its evidence loaded once (a few kept) and its progress sent as events.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { bundlePaths, type BundleManifest } from '../../shared/bundle/manifest.js';
import type { Role, RunStep, RunStepStatus, RunSummary } from '../../shared/contract/operations.js';
import type { DiagnosisResult } from '../../shared/diagnose/index.js';
import { asRole, type RequestedRole } from '../../shared/kms/role.js';
import { loadEvidence, type LoadedEvidence } from '../evidence/load-evidence.js';
import type { HistoryStore, RunRow } from '../store/history-store.js';
import { recordAnalysis } from '../store/record-analysis.js';
import { toolVersion } from '../version.js';
import type { ApiHandlerContext } from './api-context.js';
import { ApiFailure, CapabilityUnavailableError } from './api-errors.js';
import { firstPhase, secondPhase, stepApplies } from './collect-steps.js';

/** Evidence loaded for finished runs, kept for a few runs so tab switches and languages do not reload it. */
const evidenceCacheSize = 8;
const topFindings = 3;

export type Step = RunStep & { command: string | null };

export interface RunRecord {
  readonly id: string;
  storeId: number | null;
  readonly kind: 'this-machine' | 'bundle';
  readonly name: string | null;
  readonly startedAt: string;
  role: Role;
  machine: string | null;
  status: RunSummary['status'];
  readonly steps: Map<string, Step>;
  /** The bundle (zip or directory) the run's evidence is read from once it has finished. */
  source: string | null;
  /** Stops the run's collectors (their PowerShell session and processes); set while it runs. */
  stop: (() => Promise<void>) | null;
  worstSeverity: RunSummary['worstSeverity'];
  /** What the finished run found (absent while it runs). */
  found: RunSummary['found'];
}

const toStepStatus = (status: string): RunStepStatus =>
  status === 'waiting' || status === 'running' || status === 'ok' || status === 'warning' || status === 'problem' || status === 'could-not-check' ? status : 'could-not-check';

/** Counts by severity and the first problems and warnings, from findings in the engine's order. */
export function foundOf(findings: ReadonlyArray<{ readonly id: string; readonly severity: string; readonly title: string }>): NonNullable<RunSummary['found']> {
  const count = (severity: string) => findings.filter((finding) => finding.severity === severity).length;
  return {
    problem: count('problem'),
    warning: count('warning'),
    info: count('info'),
    top: findings
      .filter((finding) => finding.severity !== 'info')
      .slice(0, topFindings)
      .map((finding) => ({ id: finding.id, title: finding.title })),
  };
}
const isStoredFinding = (value: unknown): value is { id: string; severity: string; title: string } =>
  typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' && typeof (value as { severity?: unknown }).severity === 'string' && typeof (value as { title?: unknown }).title === 'string';

/** The history, telling `onStart` the id of the run the orchestrator starts in it (so a cancel can mark it). */
export function trackRunId(store: HistoryStore, onStart: (id: number) => void): HistoryStore {
  return new Proxy(store, {
    get(target, key) {
      if (key === 'startRun') {
        return (run: Parameters<HistoryStore['startRun']>[0]) => {
          const id = target.startRun(run);
          onStart(id);
          return id;
        };
      }
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The steps a run of this role will take, listed as waiting before the first progress event. */
export function plannedSteps(role: RequestedRole): Step[] {
  const phases = role === 'auto' ? firstPhase : [...firstPhase, ...secondPhase.filter((step) => stepApplies(step, role))];
  const steps: Step[] = phases.map((step) => ({ stepId: step.id, title: step.id, status: 'waiting', durationMs: null, summary: null, hasOutput: false, command: null }));
  if (role === 'client') steps.push({ stepId: 'probes', title: 'probes', status: 'waiting', durationMs: null, summary: null, hasOutput: false, command: null });
  return steps;
}

/** The steps of an opened bundle: one per evidence file (what produced it), and each collector that failed. */
function bundleSteps(manifest: BundleManifest | null): Step[] {
  if (manifest === null) return [];
  const steps: Step[] = manifest.files
    .filter((file) => file.producedBy !== null && file.producedBy.command !== 'tool')
    .map((file) => ({
      stepId: file.kind,
      title: file.producedBy?.command ?? file.path,
      status: file.producedBy?.exitCode !== null && file.producedBy?.exitCode !== undefined && file.producedBy.exitCode !== 0 ? 'warning' : 'ok',
      durationMs: file.producedBy?.durationMs ?? null,
      summary: file.path,
      summaryCode: { code: 'file' as const, path: file.path },
      hasOutput: true,
      command: file.producedBy?.command ?? null,
    }));
  for (const failure of manifest.failedCollectors) {
    steps.push({
      stepId: failure.collector,
      title: failure.collector,
      status: 'could-not-check',
      durationMs: null,
      summary: failure.reason,
      summaryCode: { code: 'failed', detail: failure.reason },
      hasOutput: false,
      command: null,
    });
  }
  return steps;
}

/** The run registry the handlers share (createRunRegistry). */
export interface RunRegistry {
  /** Runs this process started or opened, by id. */
  readonly runs: Map<string, RunRecord>;
  /** A new id for a run, an export or an upload. */
  newId(prefix: string): string;
  /** A private folder under the context's work folder (created on first use). */
  workDir(sub: string): Promise<string>;
  summaryOf(run: RunRecord): RunSummary;
  /** A history row as a run (finished, or left running by an earlier process). */
  fromStore(row: RunRow): RunRecord;
  /** A live run by its id or history id, else the history's run; not-found otherwise. */
  findRun(runId: string): RunRecord;
  /** The run's evidence, loaded once (the last few are kept). */
  evidenceOf(run: RunRecord): Promise<LoadedEvidence>;
  /** Keeps evidence already loaded for a source, so the run's pages do not load it again. */
  keepEvidence(source: string, loaded: LoadedEvidence): void;
  emitStep(run: RunRecord, step: Step, elapsedMs: number | null): void;
  finish(run: RunRecord, status: Exclude<RunSummary['status'], 'running'>): void;
  /** A bundle read and diagnosed (in English, the history's language) becomes a finished run, kept in the history. */
  registerBundleRun(source: string, name: string, loaded: LoadedEvidence, result: DiagnosisResult): RunRecord;
}

export function createRunRegistry(context: ApiHandlerContext, now: () => Date): RunRegistry {
  const runs = new Map<string, RunRecord>();
  const evidenceCache = new Map<string, Promise<LoadedEvidence>>();
  let counter = 0;

  const workDir = async (sub: string): Promise<string> => {
    if (context.workDir === undefined) throw new CapabilityUnavailableError('a working folder');
    const dir = path.join(context.workDir, sub);
    await mkdir(dir, { recursive: true });
    return dir;
  };
  const newId = (prefix: string) => `${prefix}-${++counter}-${randomBytes(4).toString('hex')}`;

  const summaryOf = (run: RunRecord): RunSummary => ({
    runId: run.id,
    startedAt: run.startedAt,
    role: run.role,
    machine: run.machine,
    status: run.status,
    worstSeverity: run.worstSeverity,
    sourceName: run.kind === 'bundle' ? run.name : null,
    ...(run.found !== undefined ? { found: run.found } : {}),
  });

  const fromStore = (row: RunRow): RunRecord => {
    const detail = context.store?.getRun(row.id) ?? null;
    const steps = new Map<string, Step>();
    for (const step of detail?.steps ?? []) {
      steps.set(step.step, {
        stepId: step.step,
        title: step.command ?? step.step,
        status: toStepStatus(step.status),
        durationMs: step.durationMs,
        summary: step.error ?? step.summary,
        hasOutput: row.bundlePath !== null && step.step in bundlePaths,
        command: step.command,
      });
    }
    return {
      id: String(row.id),
      storeId: row.id,
      kind: row.kind === 'collect' ? 'this-machine' : 'bundle',
      name: row.source === null ? null : path.basename(row.source),
      startedAt: row.startedAt,
      role: asRole(row.role),
      machine: row.machine,
      status: row.status,
      steps,
      source: row.bundlePath,
      worstSeverity: row.worstSeverity,
      found: row.status === 'running' ? undefined : foundOf((detail?.findings ?? []).filter(isStoredFinding)),
      stop: null,
    };
  };

  const findRun = (runId: string): RunRecord => {
    const live = runs.get(runId) ?? [...runs.values()].find((run) => run.storeId !== null && String(run.storeId) === runId);
    if (live !== undefined) return live;
    const storeId = /^\d+$/.test(runId) ? Number(runId) : null;
    const row = storeId === null ? undefined : context.store?.listRuns(10_000).find((item) => item.id === storeId);
    if (row === undefined) throw new ApiFailure('not-found', `no run ${runId}`);
    return fromStore(row);
  };

  const evidenceOf = (run: RunRecord): Promise<LoadedEvidence> => {
    if (run.source === null) throw new ApiFailure('not-found', `run ${run.id} has no evidence to show (status: ${run.status})`);
    const key = run.source;
    let loaded = evidenceCache.get(key);
    if (loaded === undefined) {
      loaded = loadEvidence(key);
      evidenceCache.set(key, loaded);
      loaded.catch(() => evidenceCache.delete(key));
      while (evidenceCache.size > evidenceCacheSize) evidenceCache.delete(evidenceCache.keys().next().value as string);
    }
    return loaded;
  };

  const emitStep = (run: RunRecord, step: Step, elapsedMs: number | null) =>
    context.emit('run.progress', { runId: run.id, stepId: step.stepId, status: step.status, elapsedMs, summary: step.summary, summaryCode: step.summaryCode ?? null, title: step.title });

  const finish = (run: RunRecord, status: Exclude<RunSummary['status'], 'running'>) => {
    run.status = status;
    context.emit('run.finished', { runId: run.id, status });
  };

  const registerBundleRun = (source: string, name: string, loaded: LoadedEvidence, result: DiagnosisResult): RunRecord => {
    const startedAt = now().toISOString();
    const run: RunRecord = {
      id: newId('bundle'),
      storeId: null,
      kind: 'bundle',
      name,
      startedAt,
      role: asRole(result.role),
      machine: loaded.evidence.manifest?.machine.name ?? loaded.evidence.system?.computerName ?? null,
      status: 'complete',
      steps: new Map(bundleSteps(loaded.evidence.manifest).map((step) => [step.stepId, step])),
      source,
      worstSeverity: result.summary.worstSeverity,
      found: foundOf(result.findings),
      stop: null,
    };
    if (context.store !== undefined) {
      run.storeId = recordAnalysis(context.store, {
        source,
        startedAt,
        finishedAt: now().toISOString(),
        toolVersion,
        role: result.role,
        manifest: loaded.evidence.manifest,
        findings: result.findings,
        events: loaded.evidence.clientEvents ?? [],
      });
    }
    runs.set(run.id, run);
    for (const step of run.steps.values()) emitStep(run, step, step.durationMs);
    context.emit('run.finished', { runId: run.id, status: 'complete' });
    return run;
  };

  return {
    runs,
    newId,
    workDir,
    summaryOf,
    fromStore,
    findRun,
    evidenceOf,
    keepEvidence: (source, loaded) => void evidenceCache.set(source, Promise.resolve(loaded)),
    emitStep,
    finish,
    registerBundleRun,
  };
}

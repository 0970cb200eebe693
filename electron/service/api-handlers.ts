import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BundleManifest } from '../../shared/bundle/manifest.js';
import { maxUploadBytes } from '../../shared/contract/limits.js';
import { bundlePaths, type EvidenceKind } from '../../shared/bundle/manifest.js';
import type { EventName, EventPayload } from '../../shared/contract/events.js';
import type {
  MachineInfo,
  OperationRequest,
  OperationResponse,
  Role,
  RunDetail,
  RunStep,
  RunStepStatus,
  RunSummary,
  UiLanguage,
} from '../../shared/contract/operations.js';
import { diagnose, type DiagnosisResult, type EvidenceSet } from '../../shared/diagnose/index.js';
import { asRole, decideRole, type RequestedRole } from '../../shared/kms/role.js';
import { parseCimLicensing } from '../../shared/parse/cim.js';
import { parseSlmgrText } from '../../shared/parse/slmgr.js';
import { parseSlmgrIni } from '../../shared/parse/slmgr-ini.js';
import { parseSystemInfoJson } from '../../shared/parse/system-evidence.js';
import type { SlmgrReport } from '../../shared/parse/types.js';
import { openBundle } from '../bundle/bundle-reader.js';
import type { Collectors } from '../collect/collectors.js';
import { evtxAsText } from '../evidence/evtx-file.js';
import { loadEvidence, type LoadedEvidence } from '../evidence/load-evidence.js';
import type { HandlerRegistry } from '../../shared/contract/dispatch.js';
import { isAllowedExternalUrl } from '../security/external-link-policy.js';
import type { HistoryStore, RunRow } from '../store/history-store.js';
import { recordAnalysis } from '../store/record-analysis.js';
import { toolVersion } from '../version.js';
import { clientPathView, findingsView, hostDashboardView, verdictView } from './api-handlers-views.js';
import { createCaseRuns } from './case-runs.js';
import { collectAndBundle, exportRun, keptBundlePath } from './collect-run.js';
import { firstPhase, needsAdministrator, secondPhase, stepApplies } from './collect-steps.js';
import type { ProbeRunner, StepProgress } from './run-collection.js';

/** Pushes one contract event to the renderer (webContents.send in the app, the event stream in the preview). */
export type EmitEvent = <K extends EventName>(event: K, payload: EventPayload<K>) => unknown;

/**
 * What the host process (Electron main or the preview server) gives the handlers. Everything past
 * `appInfo` and `emit` is optional: an operation whose service is not given answers "not available",
 * plainly, and the screen says so.
 */
export interface ApiHandlerContext {
  readonly appInfo: () => Promise<OperationResponse<'app.info'>>;
  readonly emit: EmitEvent;
  /** A private folder for uploads, run bundles and export drafts (created on first use). */
  readonly workDir?: string;
  /** The collectors of "this machine": Windows in the app, a recorded machine (replay) in the preview. */
  readonly openCollectors?: () => Promise<Collectors>;
  /** The network probes of a run (the real probes in the app; the recorded ones in the preview). */
  readonly probe?: ProbeRunner;
  /** The run history (SQLite). */
  readonly store?: HistoryStore;
  /** The native open dialog: files (a zip, or loose evidence files) or a folder, titled in `lang`; null when cancelled. */
  readonly chooseBundle?: (options: { readonly pick: 'files' | 'folder'; readonly lang: UiLanguage }) => Promise<readonly string[] | null>;
  /** The native save dialog, titled in `lang`; null when cancelled. The handlers write only where it says. */
  readonly chooseSavePath?: (suggestedName: string, lang?: UiLanguage) => Promise<string | null>;
  /** Shows a written file in its folder (the preview answers with a download URL instead). */
  readonly revealFile?: (exportId: string, file: string) => Promise<OperationResponse<'export.reveal'>>;
  /** Opens an allow-listed documentation URL outside the app; false: the caller (the preview bridge) opens it. */
  readonly openExternal?: (url: string) => Promise<boolean>;
  readonly now?: () => Date;
}

/** The error a handler throws for a capability whose service is not given: said plainly, never faked. */
export class CapabilityUnavailableError extends Error {
  /** The contract's error code, read by the IPC gate and the preview server. */
  readonly code = 'not-supported';
  constructor(readonly capability: string) {
    super(`${capability} is not available in this build yet`);
  }
}

/** An error with one of the contract's codes (the gate and the preview pass the code on). */
class ApiFailure extends Error {
  constructor(
    readonly code: 'bad-request' | 'not-found' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

const maxOutputChars = 200_000;
/** Evidence loaded for finished runs, kept for a few runs so tab switches and languages do not reload it. */
const evidenceCacheSize = 8;

type Step = RunStep & { command: string | null };

interface RunRecord {
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
const fileSafe = (text: string): string => text.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'bundle';
/** A name as the technician gave it, safe as one file name inside a folder of our own (no separators, no reserved characters). */
const ownFolderName = (name: string): string =>
  [...name].map((char) => (char.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(char) ? '_' : char)).join('').replace(/^[.\s]+/, '').slice(0, 120) || 'upload';
const topFindings = 3;
/** Folders kept of a file's path inside an uploaded folder (a case folder: site/machine/events/file). */
const maxUploadDepth = 8;

/** Counts by severity and the first problems and warnings, from findings in the engine's order. */
function foundOf(findings: ReadonlyArray<{ readonly id: string; readonly severity: string; readonly title: string }>): NonNullable<RunSummary['found']> {
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
function trackRunId(store: HistoryStore, onStart: (id: number) => void): HistoryStore {
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
function plannedSteps(role: RequestedRole): Step[] {
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

/**
 * Creates the handler for every operation of the contract from the real services.
 *
 * Shared by the Electron main process (behind the IPC gate) and the preview server (behind its HTTP
 * bridge), so the app and the browser preview answer each operation the same way.
 */
export function createApiHandlers(context: ApiHandlerContext): HandlerRegistry {
  const now = context.now ?? (() => new Date());
  const runs = new Map<string, RunRecord>();
  const evidenceCache = new Map<string, Promise<LoadedEvidence>>();
  const exportDrafts = new Map<string, Promise<{ file: string; manifest: BundleManifest }>>();
  const exports = new Map<string, string>();
  let machineInfo: Promise<MachineInfo> | null = null;
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

  const diagnoseRun = (evidence: EvidenceSet, lang: UiLanguage, startedAt: string): DiagnosisResult =>
    // A live run has no manifest until it is packaged; its start is when the evidence was collected.
    diagnose(evidence, { lang, ...(evidence.manifest === null ? { now: startedAt } : {}) });

  const emitStep = (run: RunRecord, step: Step, elapsedMs: number | null) =>
    context.emit('run.progress', { runId: run.id, stepId: step.stepId, status: step.status, elapsedMs, summary: step.summary, summaryCode: step.summaryCode ?? null, title: step.title });

  const finish = (run: RunRecord, status: Exclude<RunSummary['status'], 'running'>) => {
    run.status = status;
    context.emit('run.finished', { runId: run.id, status });
  };

  /** Opens an already validated bundle as a run: its steps are what produced each file. */
  const openAsRun = async (source: string, name: string): Promise<string> => {
    let loaded: LoadedEvidence;
    try {
      loaded = await loadEvidence(source);
    } catch (error) {
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      // Name the bundle as the technician knows it, not by the private file it was uploaded to.
      throw new ApiFailure('bad-request', message.split(source).join(name));
    }
    const run = registerBundleRun(source, name, loaded, diagnose(loaded.evidence, { lang: 'en' }));
    evidenceCache.set(source, Promise.resolve(loaded));
    return run.id;
  };

  /** A bundle read and diagnosed (in English, the history's language) becomes a finished run, kept in the history. */
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

  const caseRuns = createCaseRuns({
    store: context.store,
    now,
    newId,
    workDir,
    registerRun: (source, name, loaded, result) => registerBundleRun(source, name, loaded, result),
    fail: (code, message) => new ApiFailure(code, message),
  });

  const readMachineInfo = async (): Promise<MachineInfo> => {
    if (context.openCollectors === undefined) throw new CapabilityUnavailableError('machine information');
    const collectors = await context.openCollectors();
    try {
      const [system, products, service] = await Promise.all([collectors.systemInfo(), collectors.products(), collectors.service()]);
      let slmgr: SlmgrReport | null = null;
      // CIM first (locale-neutral); else slmgr's text, read with the machine's own labels when it has them.
      if (products.error === null) slmgr = parseCimLicensing(products.text, service.error === null ? service.text : null);
      else {
        const [dlv, ini] = await Promise.all([collectors.dlv(), collectors.slmgrIni()]);
        const text = dlv.error === null ? dlv : await collectors.dlvAll();
        const labels = ini.error === null ? parseSlmgrIni(ini.text) : null;
        if (text.error === null) slmgr = parseSlmgrText(text.text, { labels });
      }
      const info = system.error === null ? parseSystemInfoJson(system.text) : null;
      const detected = decideRole({ licensing: slmgr });
      const elevated = info?.elevated ?? (await context.appInfo()).elevated;
      return {
        name: info?.computerName ?? null,
        os: info?.osCaption ?? null,
        build: info?.buildNumber ?? null,
        edition: info?.editionId ?? null,
        elevated,
        // Event logs and their .evtx export need an administrator (DESIGN.md §1).
        degraded: elevated === false ? [...needsAdministrator] : [],
        detectedRole: detected.role,
        roleReason: detected.reason,
      };
    } finally {
      await collectors.close().catch(() => undefined);
    }
  };

  const startDiagnosis = async ({ role }: OperationRequest<'diagnosis.start'>): Promise<OperationResponse<'diagnosis.start'>> => {
    if (context.openCollectors === undefined) throw new CapabilityUnavailableError('diagnosis');
    const dir = await workDir('runs');
    const collectors = await context.openCollectors();
    const cancellation = new AbortController();
    const run: RunRecord = {
      id: newId('run'),
      storeId: null,
      kind: 'this-machine',
      name: null,
      startedAt: now().toISOString(),
      role: role === 'auto' ? 'unknown' : role,
      machine: null,
      status: 'running',
      steps: new Map(plannedSteps(role).map((step) => [step.stepId, step])),
      source: null,
      worstSeverity: 'none',
      found: undefined,
      // Cancel stops the collectors and tells collectAndBundle not to package what was gathered.
      stop: () => {
        cancellation.abort();
        return collectors.close();
      },
    };
    runs.set(run.id, run);
    const out = path.join(dir, `${run.id}.zip`);
    const onProgress = (event: StepProgress) => {
      if (run.status !== 'running') return;
      const previous = run.steps.get(event.stepId);
      const step: Step = {
        stepId: event.stepId,
        title: event.command ?? previous?.title ?? event.stepId,
        status: event.status,
        durationMs: event.status === 'running' ? null : event.elapsedMs,
        summary: event.error ?? event.summary,
        summaryCode: event.summaryCode ?? null,
        hasOutput: event.status !== 'running' && (event.error ?? null) === null && event.stepId in bundlePaths,
        command: event.command ?? previous?.command ?? null,
      };
      run.steps.set(event.stepId, step);
      emitStep(run, step, event.status === 'running' ? 0 : event.elapsedMs);
    };
    void collectAndBundle({
      collectors,
      role,
      days: 30,
      out,
      redact: false,
      lang: 'en',
      store: context.store === undefined ? null : trackRunId(context.store, (id) => (run.storeId = id)),
      ...(context.probe !== undefined ? { probe: context.probe } : {}),
      onProgress,
      now,
      signal: cancellation.signal,
    }).then(
      (result) => {
        run.stop = null;
        run.storeId = result.runId;
        run.role = result.manifest.role;
        run.machine = result.manifest.machine.name;
        run.source = context.store !== undefined && result.runId !== null ? keptBundlePath(context.store, result.runId) : out;
        run.worstSeverity = result.result.summary.worstSeverity;
        run.found = foundOf(result.result.findings);
        if (run.status === 'cancelled') {
          // The collectors ran to their end; the technician asked to stop, so the history says so.
          if (context.store !== undefined && result.runId !== null) context.store.finishRun(result.runId, { status: 'cancelled', finishedAt: now().toISOString() });
          return;
        }
        finish(run, result.collected.failures.length > 0 ? 'incomplete' : 'complete');
      },
      () => {
        run.stop = null;
        // A cancelled run is already in the history as cancelled: collectAndBundle records it when its
        // signal is aborted (stop() aborts it). Writing it again here came after the store could be closed.
        if (run.status === 'running') finish(run, 'failed');
      },
    );
    return { runId: run.id };
  };

  const runDetail = async ({ runId, lang }: OperationRequest<'run.get'>): Promise<RunDetail> => {
    const run = findRun(runId);
    const base: RunDetail = {
      summary: summaryOf(run),
      source: { kind: run.kind, name: run.name },
      machine: null,
      steps: [...run.steps.values()].map(({ command: _command, ...step }) => step),
      findings: [],
      clientPath: null,
      host: null,
    };
    if (run.status === 'running' || run.source === null) return base;
    const loaded = await evidenceOf(run);
    const evidence = loaded.evidence;
    const result = diagnoseRun(evidence, lang, run.startedAt);
    const manifestMachine = evidence.manifest?.machine;
    return {
      ...base,
      machine: {
        name: manifestMachine?.name ?? evidence.system?.computerName ?? run.machine,
        os: manifestMachine?.os ?? evidence.system?.osCaption ?? null,
        build: manifestMachine?.build ?? evidence.system?.buildNumber ?? null,
        elevated: manifestMachine?.elevated ?? evidence.system?.elevated ?? null,
      },
      ...verdictView(result),
      findings: findingsView(result),
      clientPath: result.role === 'host' ? null : clientPathView(evidence),
      host: result.role === 'client' ? null : hostDashboardView(evidence, result),
      // What each opened file was recognised as (a run on this machine wrote its own files: nothing to report).
      ...(run.kind === 'bundle' ? { opened: loaded.files.map((file) => ({ path: file.path, kind: file.kind, note: file.note })) } : {}),
    };
  };

  const stepOutput = async ({ runId, stepId }: OperationRequest<'run.step-output'>): Promise<OperationResponse<'run.step-output'>> => {
    const run = findRun(runId);
    const step = run.steps.get(stepId);
    if (step === undefined) throw new ApiFailure('not-found', `no step ${stepId} in run ${runId}`);
    if (!(stepId in bundlePaths) || run.source === null) throw new ApiFailure('not-found', `no output kept for ${stepId}`);
    const inBundle = bundlePaths[stepId as EvidenceKind];
    const info = await stat(run.source);
    let bytes: Buffer;
    if (info.isDirectory()) bytes = await readFile(path.join(run.source, ...inBundle.split('/')));
    else {
      const opened = await openBundle(run.source);
      try {
        bytes = await readFile(path.join(opened.dir, ...inBundle.split('/')));
      } finally {
        await opened.close();
      }
    }
    const text = inBundle.endsWith('.evtx') ? evtxAsText(bytes, maxOutputChars) : bytes.toString('utf8');
    return { command: step.command, text: text.slice(0, maxOutputChars), truncated: text.length > maxOutputChars };
  };

  const historyList = async (): Promise<OperationResponse<'history.list'>> => {
    if (context.store === undefined) throw new CapabilityUnavailableError('history');
    const liveByStoreId = new Map([...runs.values()].filter((run) => run.storeId !== null).map((run) => [run.storeId, run]));
    // A run this process still holds is listed as its own page shows it (same status), under its history id.
    const stored = context.store.listRuns(200).map((row) => {
      const live = liveByStoreId.get(row.id);
      return live === undefined ? summaryOf(fromStore(row)) : { ...summaryOf(live), runId: String(row.id) };
    });
    const live = [...runs.values()].filter((run) => run.storeId === null).map(summaryOf);
    return { runs: [...live, ...stored].sort((a, b) => b.startedAt.localeCompare(a.startedAt)), cases: caseRuns.list() };
  };

  const draft = (run: RunRecord, redact: boolean) => {
    if (context.store === undefined) throw new CapabilityUnavailableError('export');
    if (run.storeId === null) throw new ApiFailure('bad-request', `run ${run.id} is not finished yet`);
    const key = `${run.storeId}:${redact}`;
    let pending = exportDrafts.get(key);
    if (pending === undefined) {
      const store = context.store;
      const storeId = run.storeId;
      pending = workDir('exports').then(async (dir) => {
        const file = path.join(dir, `draft-${storeId}-${redact ? 'redacted' : 'full'}.zip`);
        const { manifest } = await exportRun(store, storeId, file, { redact, lang: 'en' });
        return { file, manifest };
      });
      exportDrafts.set(key, pending);
      pending.catch(() => exportDrafts.delete(key));
    }
    return pending;
  };

  const exportPlan = async ({ runId, redact }: OperationRequest<'export.plan'>): Promise<OperationResponse<'export.plan'>> => {
    const run = findRun(runId);
    const { manifest } = await draft(run, redact);
    const full = redact ? (await draft(run, false)).manifest : manifest;
    const kept = new Set(manifest.files.map((item) => item.path));
    const files = [...manifest.files.map((item) => ({ path: item.path, size: item.size })), { path: 'manifest.json', size: Buffer.byteLength(`${JSON.stringify(manifest, null, 2)}\n`) }];
    const omitted = full.files
      .filter((item) => !kept.has(item.path))
      .map((item) =>
        item.path.endsWith('.evtx')
          ? { path: item.path, reason: '.evtx logs cannot be redacted', code: 'not-redactable' as const }
          : { path: item.path, reason: 'left out by redaction', code: 'left-out' as const },
      );
    const date = (manifest.created || run.startedAt).slice(0, 10);
    const who = redact ? 'redacted' : fileSafe(run.machine ?? manifest.machine.name ?? 'bundle');
    return { files, totalBytes: files.reduce((sum, item) => sum + item.size, 0), omitted, suggestedName: `kms-doctor-${who}-${date}.zip` };
  };

  const exportSave = async ({ runId, redact, lang }: OperationRequest<'export.save'>): Promise<OperationResponse<'export.save'>> => {
    if (context.chooseSavePath === undefined) throw new CapabilityUnavailableError('saving an export');
    const run = findRun(runId);
    const plan = await exportPlan({ runId, redact });
    const target = await context.chooseSavePath(plan.suggestedName, lang ?? 'en');
    if (target === null) return { exportId: null, path: null, bytes: null };
    const { file } = await draft(run, redact);
    const exportId = newId('export');
    const total = (await stat(file)).size;
    let written = 0;
    const source = createReadStream(file);
    source.on('data', (chunk) => {
      written += chunk.length;
      context.emit('export.progress', { exportId, bytesWritten: written, totalBytes: total, done: false });
    });
    try {
      await pipeline(source, createWriteStream(target));
    } catch (error) {
      await rm(target, { force: true });
      throw new ApiFailure('failed', `could not write ${target}: ${error instanceof Error ? error.message : String(error)}`);
    }
    context.emit('export.progress', { exportId, bytesWritten: total, totalBytes: total, done: true });
    exports.set(exportId, target);
    return { exportId, path: target, bytes: total };
  };

  const exportReveal = async ({ exportId }: OperationRequest<'export.reveal'>): Promise<OperationResponse<'export.reveal'>> => {
    const file = exports.get(exportId);
    if (file === undefined) throw new ApiFailure('not-found', `no export ${exportId}`);
    if (context.revealFile === undefined) throw new CapabilityUnavailableError('showing a file in its folder');
    return context.revealFile(exportId, file);
  };

  /**
   * A folder of our own for one upload: inside it each file keeps the technician's name (made safe as one
   * file name, never clobbering another), so the history lists what they opened, not an internal name.
   */
  const uploadFolder = async () => {
    const dir = path.join(await workDir('uploads'), newId('upload'));
    await mkdir(dir);
    const taken = new Set<string>();
    /** Where a file goes: its name, or its path inside a chosen folder with each folder made safe too ("." and ".." dropped). */
    const place = async (name: string): Promise<string> => {
      const parts = name.split(/[\\/]+/).filter((part) => part !== '' && part !== '.' && part !== '..').slice(-maxUploadDepth).map(ownFolderName);
      const folders = parts.slice(0, -1);
      const safe = parts[parts.length - 1] ?? 'upload';
      const prefix = folders.length > 0 ? `${folders.join('/')}/` : '';
      let candidate = safe;
      for (let n = 2; taken.has(`${prefix}${candidate}`.toLowerCase()); n++) candidate = `${n}-${safe}`;
      taken.add(`${prefix}${candidate}`.toLowerCase());
      if (folders.length > 0) await mkdir(path.join(dir, ...folders), { recursive: true });
      return path.join(dir, ...folders, candidate);
    };
    return { dir, place };
  };
  /** Several files read together as one loose folder are named after them, as the technician chose them. */
  const namesOf = (names: readonly string[]): string => (names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} (+${names.length - 3})`);
  /** Opens what was chosen: several machines are a case, one machine a run. `prefix` shows a case's machines under a folder's name. */
  const openTarget = async (target: string, name: string, prefix: string | null): Promise<OperationResponse<'bundle.open'>> => {
    let caseId: string | null;
    try {
      caseId = await caseRuns.open(target, name, prefix);
    } catch (error) {
      if (error instanceof ApiFailure) throw error;
      // Name what was opened as the technician knows it, not by the private file it was uploaded to.
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      throw new ApiFailure('bad-request', message.split(target).join(name));
    }
    return caseId !== null ? { runId: null, caseId } : { runId: await openAsRun(target, name) };
  };
  const openUploaded = async (dir: string, target: string, name: string, prefix: string | null = null): Promise<OperationResponse<'bundle.open'>> => {
    try {
      return await openTarget(target, name, prefix);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  };

  const bundleOpen = async (request: OperationRequest<'bundle.open'>): Promise<OperationResponse<'bundle.open'>> => {
    if (request.source === 'dialog') {
      if (context.chooseBundle === undefined) throw new CapabilityUnavailableError('the file dialog');
      const chosen = await context.chooseBundle({ pick: request.pick ?? 'files', lang: request.lang ?? 'en' });
      if (chosen === null || chosen.length === 0) return { runId: null };
      const [only] = chosen;
      if (chosen.length === 1 && only !== undefined) return openTarget(only, path.basename(only), path.basename(only));
      const { dir, place } = await uploadFolder();
      for (const file of chosen) await copyFile(file, await place(path.basename(file)));
      return openUploaded(dir, dir, namesOf(chosen.map((file) => path.basename(file))));
    }
    const { dir, place } = await uploadFolder();
    if (request.source === 'upload') {
      const file = await place(request.name);
      await writeFile(file, Buffer.from(request.dataBase64, 'base64'));
      return openUploaded(dir, file, request.name, request.name);
    }
    let total = 0;
    const written: string[] = [];
    for (const item of request.files) {
      const bytes = Buffer.from(item.dataBase64, 'base64');
      total += bytes.length;
      if (total > maxUploadBytes) {
        await rm(dir, { recursive: true, force: true });
        throw new ApiFailure('bad-request', `the files are larger than ${maxUploadBytes} bytes together: open them with the native file dialog or the command line`);
      }
      const file = await place(item.path ?? item.name);
      await writeFile(file, bytes);
      written.push(file);
    }
    // A chosen folder is opened as the folder it was; one file as itself (a zip stays a zip), several as the loose folder they make.
    if (request.folder !== undefined) return openUploaded(dir, dir, request.folder, request.folder);
    const [only] = written;
    const [first] = request.files;
    if (written.length === 1 && only !== undefined && first !== undefined) return openUploaded(dir, only, first.name, first.name);
    return openUploaded(dir, dir, namesOf(request.files.map((item) => item.name)));
  };

  return {
    'app.info': () => context.appInfo(),
    'machine.info': async () => {
      machineInfo ??= readMachineInfo();
      machineInfo.catch(() => (machineInfo = null));
      return machineInfo;
    },
    'diagnosis.start': startDiagnosis,
    'diagnosis.cancel': async ({ runId }) => {
      const run = runs.get(runId);
      if (run === undefined || run.status !== 'running') return { cancelled: false };
      finish(run, 'cancelled');
      // Closing the collectors ends their PowerShell session and child processes: the steps still
      // running fail at once, and nothing more is collected.
      await run.stop?.().catch(() => undefined);
      return { cancelled: true };
    },
    'bundle.open': bundleOpen,
    'run.get': runDetail,
    'run.step-output': stepOutput,
    'history.list': historyList,
    'case.get': ({ caseId, lang }) => caseRuns.get(caseId, lang),
    'export.plan': exportPlan,
    'export.save': exportSave,
    'export.reveal': exportReveal,
    'docs.open': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) throw new ApiFailure('bad-request', 'not an allowed documentation link');
      if (context.openExternal === undefined) throw new CapabilityUnavailableError('opening documentation links');
      return { opened: await context.openExternal(url) };
    },
  };
}

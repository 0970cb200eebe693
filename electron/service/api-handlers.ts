/**
 * The handlers of the contract's operations: this machine (its information, a diagnosis run), opened
 * bundles and cases, a run's pages and step output, the history and documentation links. The runs
 * they share live in run-registry.ts; exporting a run is run-export.ts.
 */
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundlePaths, type EvidenceKind } from '../../shared/bundle/manifest.js';
import type { HandlerRegistry } from '../../shared/contract/dispatch.js';
import { maxUploadBytes } from '../../shared/contract/limits.js';
import type { MachineInfo, OperationRequest, OperationResponse, RunDetail, UiLanguage } from '../../shared/contract/operations.js';
import { diagnose, type DiagnosisResult, type EvidenceSet } from '../../shared/diagnose/index.js';
import { decideRole } from '../../shared/kms/role.js';
import { parseCimLicensing } from '../../shared/parse/cim.js';
import { parseSlmgrText } from '../../shared/parse/slmgr.js';
import { parseSlmgrIni } from '../../shared/parse/slmgr-ini.js';
import { parseSystemInfoJson } from '../../shared/parse/system-evidence.js';
import type { SlmgrReport } from '../../shared/parse/types.js';
import { openBundle } from '../bundle/bundle-reader.js';
import { evtxAsText } from '../evidence/evtx-file.js';
import { loadEvidence, type LoadedEvidence } from '../evidence/load-evidence.js';
import { isAllowedExternalUrl } from '../security/external-link-policy.js';
import type { ApiHandlerContext } from './api-context.js';
import { ApiFailure, CapabilityUnavailableError } from './api-errors.js';
import { createCaseRuns } from './case-runs.js';
import { collectAndBundle, keptBundlePath } from './collect-run.js';
import { needsAdministrator } from './collect-steps.js';
import type { StepProgress } from './run-collection.js';
import { clientPathView, findingsView, hostDashboardView, verdictView } from './run-detail-views.js';
import { createExportHandlers } from './run-export.js';
import { createRunRegistry, foundOf, plannedSteps, trackRunId, type RunRecord, type Step } from './run-registry.js';

const maxOutputChars = 200_000;
/** A name as the technician gave it, safe as one file name inside a folder of our own (no separators, no reserved characters). */
const ownFolderName = (name: string): string =>
  [...name].map((char) => (char.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(char) ? '_' : char)).join('').replace(/^[.\s]+/, '').slice(0, 120) || 'upload';
/** Folders kept of a file's path inside an uploaded folder (a case folder: site/machine/events/file). */
const maxUploadDepth = 8;

/**
 * Creates the handler for every operation of the contract from the real services.
 *
 * Shared by the Electron main process (behind the IPC gate) and the preview server (behind its HTTP
 * bridge), so the app and the browser preview answer each operation the same way.
 */
export function createApiHandlers(context: ApiHandlerContext): HandlerRegistry {
  const now = context.now ?? (() => new Date());
  const registry = createRunRegistry(context, now);
  const { runs, newId, workDir, summaryOf, fromStore, findRun, evidenceOf, emitStep, finish, registerBundleRun } = registry;
  let machineInfo: Promise<MachineInfo> | null = null;

  const diagnoseRun = (evidence: EvidenceSet, lang: UiLanguage, startedAt: string): DiagnosisResult =>
    // A live run has no manifest until it is packaged; its start is when the evidence was collected.
    diagnose(evidence, { lang, ...(evidence.manifest === null ? { now: startedAt } : {}) });

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
    registry.keepEvidence(source, loaded);
    return run.id;
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
    ...createExportHandlers(context, registry),
    'docs.open': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) throw new ApiFailure('bad-request', 'not an allowed documentation link');
      if (context.openExternal === undefined) throw new CapabilityUnavailableError('opening documentation links');
      return { opened: await context.openExternal(url) };
    },
  };
}

/**
 * A case in the app (DESIGN.md §5 "Case"): what was opened holds several machines (several bundles, a
 * folder or a zip of several machines' files), so each machine becomes a run of its own and the case
 * adds what only they together show. The case is kept in the history with its machines' runs, and made
 * again in the UI language from their evidence when it is shown or reopened.
 */
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { caseResultOf, type CaseResult } from '../../shared/case/case-report.js';
import type { CaseDetail, CaseSummary, UiLanguage } from '../../shared/contract/operations.js';
import type { DiagnosisResult } from '../../shared/diagnose/types.js';
import { asRole } from '../../shared/kms/role.js';
import { CaseMachineError, loadCase, machineSources } from '../evidence/load-case.js';
import type { LoadedEvidence } from '../evidence/load-evidence.js';
import type { CaseRow, HistoryStore } from '../store/history-store.js';
import { toolVersion } from '../version.js';
import { findingsView } from './run-detail-views.js';

/** More machines than this is a fleet: `kms-doctor analyze` reads it one machine at a time and writes the report. */
export const maxAppCaseMachines = 200;
/** A machine's first findings shown in its column. */
const topPerMachine = 3;

export interface CaseRunsDeps {
  readonly store: HistoryStore | undefined;
  readonly now: () => Date;
  readonly newId: (prefix: string) => string;
  /** A private folder of the app's own (created on first use). */
  readonly workDir: (sub: string) => Promise<string>;
  /** Makes one machine a finished run (kept in the history); returns the id to link to and its history id. */
  readonly registerRun: (source: string, name: string, loaded: LoadedEvidence, result: DiagnosisResult) => { readonly id: string; readonly storeId: number | null };
  /** The error a handler throws with one of the contract's codes. */
  readonly fail: (code: 'bad-request' | 'not-found', message: string) => Error;
}

interface CaseMachineRef {
  /** Where its evidence is read (a bundle zip, a folder, a file). */
  readonly path: string;
  /** How it is shown: as opened ("case.zip/kms01", "pc1.zip"). */
  readonly shown: string;
  readonly runId: string | null;
}

interface CaseRecord {
  readonly id: string;
  storeId: number | null;
  readonly startedAt: string;
  readonly name: string;
  readonly machines: readonly CaseMachineRef[];
  readonly ignored: readonly string[];
  /** The case as made when it was opened (English), for the history list. */
  readonly verdict: CaseResult['summary']['verdict'];
  readonly heads: CaseSummary['caseFindings'];
  readonly roles: ReadonlyMap<string, { role: string; verdict: string; name: string }>;
}

const oneLine = (error: unknown): string => (error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));

export function createCaseRuns(deps: CaseRunsDeps) {
  const cases = new Map<string, CaseRecord>();

  /**
   * Opens `target` as a case when it holds several machines; null when it is one machine's (the caller
   * opens it as a run). `name` is what the technician opened; `prefix` shows machines under it (a folder's
   * name) or, null, by their own names (files chosen together).
   */
  const open = async (target: string, name: string, prefix: string | null): Promise<string | null> => {
    const sources = await machineSources([target]);
    try {
      if (sources.machines.length < 2) return null;
      if (sources.machines.length > maxAppCaseMachines) {
        throw deps.fail('bad-request', `${name} holds ${sources.machines.length} machines, more than ${maxAppCaseMachines}: analyse a fleet with kms-doctor analyze (it writes one report)`);
      }
      const relative = (file: string): string => (sources.shown.get(file) ?? path.relative(target, file).split(path.sep).join('/')).replace(`${target}/`, '');
      const shownOf = (file: string): string => (prefix === null ? relative(file) : `${prefix}/${relative(file)}`);
      // Machines unpacked from a zip live in a temporary folder: copied to a folder of our own, so their
      // runs and the case can be reopened from the history.
      let paths = [...sources.machines];
      if (sources.shown.size > 0) {
        const own = path.join(await deps.workDir('cases'), deps.newId('case'));
        paths = await Promise.all(
          sources.machines.map(async (machine) => {
            const copy = path.join(own, ...relative(machine).split('/'));
            await cp(machine, copy, { recursive: true });
            return copy;
          }),
        );
      }
      const shown = new Map(paths.map((file, index) => [file, shownOf(sources.machines[index]!)]));
      const byShown = new Map([...shown].map(([file, label]) => [label, file]));
      // Each machine becomes a run only once every machine could be read: a case that fails leaves no half of itself in the history.
      const read: Array<{ source: string; loaded: LoadedEvidence; result: DiagnosisResult }> = [];
      let machines;
      try {
        machines = await loadCase(paths, 'en', (machine) => void read.push(machine), shown);
      } catch (error) {
        // Named as the technician knows them, never by the private files they were uploaded to.
        let message = error instanceof CaseMachineError ? `${error.source}: ${oneLine(error.reason)}` : `${name}: ${oneLine(error)}`;
        for (const [file, label] of shown) message = message.split(file).join(label);
        // The reader's message often names the file itself: said once.
        message = message.replace(/^([^:]+): \1: /, '$1: ');
        throw deps.fail('bad-request', message.split(target).join(name));
      }
      const runIds = new Map<string, string>();
      for (const { source, loaded, result } of read) {
        const run = deps.registerRun(byShown.get(source) ?? source, source, loaded, result);
        runIds.set(source, run.storeId === null ? run.id : String(run.storeId));
      }
      const result = caseResultOf(machines, 'en');
      const ignored = sources.ignored.map((file) => (prefix === null ? relative(file) : `${prefix}/${relative(file)}`));
      const record: CaseRecord = {
        id: deps.newId('case'),
        storeId: null,
        startedAt: deps.now().toISOString(),
        name,
        machines: paths.map((file) => ({ path: file, shown: shown.get(file)!, runId: runIds.get(shown.get(file)!) ?? null })),
        ignored,
        verdict: result.summary.verdict,
        heads: result.caseFindings.map((f) => ({ id: f.id, severity: f.severity, title: f.title })),
        roles: new Map(result.machines.map((m) => [m.source, { role: m.role, verdict: m.verdict, name: m.name }])),
      };
      if (deps.store !== undefined) {
        record.storeId = deps.store.recordCase({
          startedAt: record.startedAt,
          name,
          verdict: record.verdict,
          caseFindings: record.heads,
          ignored,
          toolVersion,
          machines: record.machines.map((m) => {
            const seen = record.roles.get(m.shown);
            return { runId: m.runId !== null && /^\d+$/.test(m.runId) ? Number(m.runId) : null, name: seen?.name ?? m.shown, role: seen?.role ?? 'unknown', verdict: seen?.verdict ?? 'ok', source: m.path, shown: m.shown };
          }),
        });
      }
      cases.set(record.id, record);
      return record.storeId === null ? record.id : String(record.storeId);
    } finally {
      await sources.close();
    }
  };

  /** A case as kept in the history, made a record again: its machines read from where their runs read them. */
  const fromStore = (row: CaseRow): CaseRecord => ({
    id: String(row.id),
    storeId: row.id,
    startedAt: row.startedAt,
    name: row.name,
    machines: row.machines.map((m) => ({ path: m.source, shown: m.shown, runId: m.runId === null ? null : String(m.runId) })),
    ignored: row.ignored,
    verdict: row.verdict,
    heads: row.caseFindings.map((f) => ({ id: f.id, severity: f.severity === 'problem' || f.severity === 'warning' ? f.severity : 'info', title: f.title })),
    roles: new Map(row.machines.map((m) => [m.shown, { role: m.role, verdict: m.verdict, name: m.name }])),
  });

  const find = (caseId: string): CaseRecord => {
    const live = cases.get(caseId) ?? [...cases.values()].find((item) => item.storeId !== null && String(item.storeId) === caseId);
    if (live !== undefined) return live;
    const row = /^\d+$/.test(caseId) ? (deps.store?.getCase(Number(caseId)) ?? null) : null;
    if (row === null) throw deps.fail('not-found', `no case ${caseId}`);
    return fromStore(row);
  };

  const verdictOf = (value: string): CaseSummary['verdict'] => (value === 'problem' || value === 'warning' ? value : 'ok');

  const summaryOf = (record: CaseRecord): CaseSummary => ({
    caseId: record.storeId === null ? record.id : String(record.storeId),
    startedAt: record.startedAt,
    name: record.name,
    verdict: record.verdict,
    machines: record.machines.map((m) => {
      const seen = record.roles.get(m.shown);
      return { runId: m.runId, name: seen?.name ?? m.shown, role: asRole(seen?.role ?? 'unknown'), verdict: verdictOf(seen?.verdict ?? 'ok') };
    }),
    caseFindings: [...record.heads],
  });

  /** The case in `lang`: every machine read and diagnosed again, then what they together show. */
  const get = async (caseId: string, lang: UiLanguage): Promise<CaseDetail> => {
    const record = find(caseId);
    const shown = new Map(record.machines.map((m) => [m.path, m.shown]));
    let machines;
    try {
      machines = await loadCase(
        record.machines.map((m) => m.path),
        lang,
        undefined,
        shown,
      );
    } catch (error) {
      throw deps.fail('not-found', `a machine of this case can no longer be read: ${oneLine(error)}`);
    }
    const result = caseResultOf(machines, lang);
    const runOf = new Map(record.machines.map((m) => [m.shown, m.runId]));
    return {
      summary: { ...summaryOf(record), verdict: result.summary.verdict, caseFindings: result.caseFindings.map((f) => ({ id: f.id, severity: f.severity, title: f.title })) },
      caseFindings: findingsView({ findings: result.caseFindings }),
      machines: result.machines.map((m) => ({
        runId: runOf.get(m.source) ?? null,
        name: m.name,
        source: m.source,
        role: m.role,
        verdict: m.verdict,
        cmids: [...m.cmids],
        counts: {
          problem: m.findings.filter((f) => f.severity === 'problem').length,
          warning: m.findings.filter((f) => f.severity === 'warning').length,
          info: m.findings.filter((f) => f.severity === 'info').length,
        },
        top: m.findings.filter((f) => f.severity !== 'info').slice(0, topPerMachine).map((f) => ({ id: f.id, severity: f.severity, title: f.title })),
      })),
      ignored: [...record.ignored],
    };
  };

  /** The cases of the history (and any opened here and not kept), newest first. */
  const list = (): CaseSummary[] => {
    const stored = deps.store?.listCases(100).map((row) => summaryOf(fromStore(row))) ?? [];
    const live = [...cases.values()].filter((item) => item.storeId === null).map(summaryOf);
    return [...live, ...stored].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  };

  return { open, get, list };
}

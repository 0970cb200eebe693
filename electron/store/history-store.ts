import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import type { ManifestFile } from '../../shared/bundle/manifest.js';
import type { KmsEvent } from '../../shared/parse/types.js';
import type { RunStatus } from '../../shared/contract/run-status.js';
import { worstSeverity, type VerdictLevel, type WorstSeverity } from '../../shared/kms/severity.js';
import { migrations } from './migrations.js';

export type RunKind = 'collect' | 'analyze' | 'bundle';
export type { RunStatus, WorstSeverity };

/** The finding fields the store indexes; the whole finding is kept as JSON. */
export interface StoredFindingInput {
  readonly id: string;
  readonly severity: string;
  readonly title: string;
}

export interface RunRow {
  readonly id: number;
  readonly kind: RunKind;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly role: string;
  readonly machine: string | null;
  readonly status: RunStatus;
  readonly toolVersion: string;
  readonly source: string | null;
  readonly bundlePath: string | null;
  readonly worstSeverity: WorstSeverity;
}

export interface StepRow {
  readonly step: string;
  readonly status: string;
  readonly startedAt: string | null;
  readonly durationMs: number | null;
  readonly command: string | null;
  readonly exitCode: number | null;
  readonly summary: string | null;
  readonly error: string | null;
}

export interface RunDetail extends RunRow {
  readonly steps: readonly StepRow[];
  readonly artifacts: readonly ManifestFile[];
  readonly findings: readonly unknown[];
  readonly eventCount: number;
}

export interface StepRecord {
  readonly step: string;
  readonly status: string;
  readonly startedAt?: string | null;
  readonly durationMs?: number | null;
  readonly command?: string | null;
  readonly exitCode?: number | null;
  readonly summary?: string | null;
  readonly error?: string | null;
}

/** One machine of a stored case: the run that analysed it (null once that run is gone) and what it was. */
export interface CaseMachineRow {
  readonly runId: number | null;
  readonly name: string;
  readonly role: string;
  readonly verdict: string;
  /** Where its evidence was read (the bundle, folder or file), as the run's bundle path. */
  readonly source: string;
  /** How it is shown: as it was opened ("case.zip/kms01"), not by a private path. */
  readonly shown: string;
}

export type CaseVerdict = VerdictLevel;

/** A case as kept: several machines opened together, with what only they together showed. */
export interface CaseRow {
  readonly id: number;
  readonly startedAt: string;
  /** What was opened, as the technician named it (a folder, a zip, the files chosen). */
  readonly name: string;
  readonly verdict: CaseVerdict;
  /** The case findings' ids and severities, in order (the texts are made again in the UI language). */
  readonly caseFindings: ReadonlyArray<{ readonly id: string; readonly severity: string; readonly title: string }>;
  /** Files beside the machines that belong to none of them. */
  readonly ignored: readonly string[];
  readonly toolVersion: string;
  readonly machines: readonly CaseMachineRow[];
}

/** The local run history (DESIGN.md §1.6): every run, written as it goes. */
export interface HistoryStore {
  readonly file: string;
  startRun(run: { kind: RunKind; startedAt: string; role: string; machine: string | null; toolVersion: string; source?: string | null }): number;
  recordStep(runId: number, step: StepRecord): void;
  recordArtifacts(runId: number, files: readonly ManifestFile[]): void;
  recordEvents(runId: number, events: readonly KmsEvent[]): void;
  recordFindings(runId: number, findings: readonly StoredFindingInput[]): void;
  finishRun(runId: number, end: { status: Exclude<RunStatus, 'running'>; finishedAt: string; role?: string; machine?: string | null; bundlePath?: string | null }): void;
  listRuns(limit?: number): readonly RunRow[];
  getRun(id: number): RunDetail | null;
  /** Keeps a case whose machines' runs are already recorded; returns its id. */
  recordCase(entry: Omit<CaseRow, 'id'>): number;
  listCases(limit?: number): readonly CaseRow[];
  getCase(id: number): CaseRow | null;
  close(): void;
}

/** How long an open or a write waits for another process holding the database. */
const busyTimeoutMs = 15_000;

/** True while the process that started a run is still alive on this machine. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface RawRunRow {
  id: number;
  kind: RunKind;
  started_at: string;
  finished_at: string | null;
  role: string;
  machine: string | null;
  status: RunStatus;
  tool_version: string;
  source: string | null;
  bundle_path: string | null;
  worst_severity: WorstSeverity;
  pid: number | null;
  host: string | null;
}

interface RawCaseRow {
  id: number;
  started_at: string;
  name: string;
  verdict: CaseVerdict;
  case_findings: string;
  ignored: string;
  tool_version: string;
}

const toRun = (row: RawRunRow): RunRow => ({
  id: row.id,
  kind: row.kind,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  role: row.role,
  machine: row.machine,
  status: row.status,
  toolVersion: row.tool_version,
  source: row.source,
  bundlePath: row.bundle_path,
  worstSeverity: row.worst_severity,
});

/**
 * Opens (creating and migrating) the history database: WAL, foreign keys, prepared statements only.
 *
 * Runs left "running" by a process that no longer exists (killed, crashed, power cut) are marked
 * incomplete here, so a killed run is never shown as still going and never hides earlier runs.
 */
export function openHistory(file: string): HistoryStore {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // The busy timeout covers another process migrating or writing at the same moment (the app and the CLI share the file).
  const db = new Database(file, { timeout: busyTimeoutMs });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // NORMAL is crash-safe in WAL mode: a killed process never corrupts the file or loses a committed step.
    db.pragma('synchronous = NORMAL');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const statements = {
    insertRun: db.prepare(
      `INSERT INTO runs (kind, started_at, role, machine, status, tool_version, source, pid, host) VALUES (@kind, @startedAt, @role, @machine, 'running', @toolVersion, @source, @pid, @host)`,
    ),
    upsertStep: db.prepare(
      `INSERT INTO steps (run_id, step, status, started_at, duration_ms, command, exit_code, summary, error) VALUES (@runId, @step, @status, @startedAt, @durationMs, @command, @exitCode, @summary, @error)
       ON CONFLICT (run_id, step) DO UPDATE SET status = excluded.status, started_at = COALESCE(excluded.started_at, steps.started_at), duration_ms = excluded.duration_ms, command = COALESCE(excluded.command, steps.command), exit_code = excluded.exit_code, summary = excluded.summary, error = excluded.error`,
    ),
    insertArtifact: db.prepare(
      `INSERT OR REPLACE INTO artifacts (run_id, path, kind, size, sha256, command, exit_code, duration_ms) VALUES (@runId, @path, @kind, @size, @sha256, @command, @exitCode, @durationMs)`,
    ),
    insertEvent: db.prepare(
      `INSERT INTO events (run_id, event_id, log_name, time_created, computer, record_id, hresult, cmid, client_name, data) VALUES (@runId, @eventId, @logName, @timeCreated, @computer, @recordId, @hresult, @cmid, @clientName, @data)`,
    ),
    deleteFindings: db.prepare('DELETE FROM findings WHERE run_id = ?'),
    insertFinding: db.prepare(`INSERT INTO findings (run_id, position, finding_id, severity, title, data) VALUES (@runId, @position, @findingId, @severity, @title, @data)`),
    setWorst: db.prepare('UPDATE runs SET worst_severity = ? WHERE id = ?'),
    finishRun: db.prepare(
      `UPDATE runs SET status = @status, finished_at = @finishedAt, role = COALESCE(@role, role), machine = CASE WHEN @setMachine = 1 THEN @machine ELSE machine END, bundle_path = COALESCE(@bundlePath, bundle_path) WHERE id = @id`,
    ),
    listRuns: db.prepare('SELECT * FROM runs ORDER BY id DESC LIMIT ?'),
    getRun: db.prepare('SELECT * FROM runs WHERE id = ?'),
    getSteps: db.prepare('SELECT step, status, started_at, duration_ms, command, exit_code, summary, error FROM steps WHERE run_id = ? ORDER BY id'),
    getArtifacts: db.prepare('SELECT path, kind, size, sha256, command, exit_code, duration_ms FROM artifacts WHERE run_id = ? ORDER BY id'),
    getFindings: db.prepare('SELECT data FROM findings WHERE run_id = ? ORDER BY position'),
    countEvents: db.prepare('SELECT COUNT(*) AS n FROM events WHERE run_id = ?'),
    runningRuns: db.prepare(`SELECT id, pid, host FROM runs WHERE status = 'running'`),
    markIncomplete: db.prepare(`UPDATE runs SET status = 'incomplete' WHERE id = ? AND status = 'running'`),
    insertCase: db.prepare(`INSERT INTO cases (started_at, name, verdict, case_findings, ignored, tool_version) VALUES (@startedAt, @name, @verdict, @caseFindings, @ignored, @toolVersion)`),
    insertCaseMachine: db.prepare(`INSERT INTO case_machines (case_id, position, run_id, name, role, verdict, source, shown) VALUES (@caseId, @position, @runId, @name, @role, @verdict, @source, @shown)`),
    listCases: db.prepare('SELECT * FROM cases ORDER BY id DESC LIMIT ?'),
    getCase: db.prepare('SELECT * FROM cases WHERE id = ?'),
    getCaseMachines: db.prepare('SELECT run_id, name, role, verdict, source, shown FROM case_machines WHERE case_id = ? ORDER BY position'),
  };

  const here = hostname();
  for (const run of statements.runningRuns.all() as Array<{ id: number; pid: number | null; host: string | null }>) {
    const ownerGone = run.pid === null || run.host !== here || !processAlive(run.pid);
    if (ownerGone) statements.markIncomplete.run(run.id);
  }

  const insertEvents = db.transaction((runId: number, events: readonly KmsEvent[]) => {
    for (const event of events) {
      statements.insertEvent.run({
        runId,
        eventId: event.eventId,
        logName: event.logName,
        timeCreated: event.timeCreated,
        computer: event.computer,
        recordId: event.recordId,
        hresult: event.hresult ?? null,
        cmid: event.cmid ?? null,
        clientName: event.clientName ?? null,
        data: JSON.stringify(event),
      });
    }
  });
  const insertArtifacts = db.transaction((runId: number, files: readonly ManifestFile[]) => {
    for (const file of files) {
      statements.insertArtifact.run({
        runId,
        path: file.path,
        kind: file.kind,
        size: file.size,
        sha256: file.sha256,
        command: file.producedBy?.command ?? null,
        exitCode: file.producedBy?.exitCode ?? null,
        durationMs: file.producedBy?.durationMs ?? null,
      });
    }
  });
  const insertFindings = db.transaction((runId: number, findings: readonly StoredFindingInput[]) => {
    statements.deleteFindings.run(runId);
    findings.forEach((finding, position) => {
      statements.insertFinding.run({ runId, position, findingId: finding.id, severity: finding.severity, title: finding.title, data: JSON.stringify(finding) });
    });
    statements.setWorst.run(worstSeverityOf(findings), runId);
  });

  const insertCase = db.transaction((entry: Omit<CaseRow, 'id'>): number => {
    const caseId = Number(
      statements.insertCase.run({
        startedAt: entry.startedAt,
        name: entry.name,
        verdict: entry.verdict,
        caseFindings: JSON.stringify(entry.caseFindings),
        ignored: JSON.stringify(entry.ignored),
        toolVersion: entry.toolVersion,
      }).lastInsertRowid,
    );
    entry.machines.forEach((machine, position) => statements.insertCaseMachine.run({ caseId, position, ...machine }));
    return caseId;
  });
  const toCase = (row: RawCaseRow): CaseRow => ({
    id: row.id,
    startedAt: row.started_at,
    name: row.name,
    verdict: row.verdict,
    caseFindings: JSON.parse(row.case_findings) as CaseRow['caseFindings'],
    ignored: JSON.parse(row.ignored) as string[],
    toolVersion: row.tool_version,
    machines: (statements.getCaseMachines.all(row.id) as Array<{ run_id: number | null; name: string; role: string; verdict: string; source: string; shown: string }>).map((machine) => ({
      runId: machine.run_id,
      name: machine.name,
      role: machine.role,
      verdict: machine.verdict,
      source: machine.source,
      shown: machine.shown,
    })),
  });

  return {
    file,
    recordCase: (entry) => insertCase(entry),
    listCases: (limit = 100) => (statements.listCases.all(limit) as RawCaseRow[]).map(toCase),
    getCase(id) {
      const row = statements.getCase.get(id) as RawCaseRow | undefined;
      return row === undefined ? null : toCase(row);
    },
    startRun: (run) =>
      Number(
        statements.insertRun.run({ kind: run.kind, startedAt: run.startedAt, role: run.role, machine: run.machine, toolVersion: run.toolVersion, source: run.source ?? null, pid: process.pid, host: here })
          .lastInsertRowid,
      ),
    recordStep: (runId, step) =>
      void statements.upsertStep.run({
        runId,
        step: step.step,
        status: step.status,
        startedAt: step.startedAt ?? null,
        durationMs: step.durationMs ?? null,
        command: step.command ?? null,
        exitCode: step.exitCode ?? null,
        summary: step.summary ?? null,
        error: step.error ?? null,
      }),
    recordArtifacts: (runId, files) => insertArtifacts(runId, files),
    recordEvents: (runId, events) => insertEvents(runId, events),
    recordFindings: (runId, findings) => insertFindings(runId, findings),
    finishRun: (runId, end) =>
      void statements.finishRun.run({
        id: runId,
        status: end.status,
        finishedAt: end.finishedAt,
        role: end.role ?? null,
        setMachine: end.machine !== undefined ? 1 : 0,
        machine: end.machine ?? null,
        bundlePath: end.bundlePath ?? null,
      }),
    listRuns: (limit = 100) => (statements.listRuns.all(limit) as RawRunRow[]).map(toRun),
    getRun(id) {
      const row = statements.getRun.get(id) as RawRunRow | undefined;
      if (row === undefined) return null;
      const steps = (statements.getSteps.all(id) as Array<Record<string, unknown>>).map((step) => ({
        step: step.step as string,
        status: step.status as string,
        startedAt: step.started_at as string | null,
        durationMs: step.duration_ms as number | null,
        command: step.command as string | null,
        exitCode: step.exit_code as number | null,
        summary: step.summary as string | null,
        error: step.error as string | null,
      }));
      const artifacts = (statements.getArtifacts.all(id) as Array<Record<string, unknown>>).map((artifact) => ({
        path: artifact.path as string,
        kind: artifact.kind as string,
        size: artifact.size as number,
        sha256: artifact.sha256 as string,
        producedBy: artifact.command === null ? null : { command: artifact.command as string, exitCode: artifact.exit_code as number | null, durationMs: artifact.duration_ms as number | null },
      }));
      const findings = (statements.getFindings.all(id) as Array<{ data: string }>).map((finding) => JSON.parse(finding.data) as unknown);
      const { n } = statements.countEvents.get(id) as { n: number };
      return { ...toRun(row), steps, artifacts, findings, eventCount: n };
    },
    close: () => db.close(),
  };
}

function migrate(db: Database.Database): void {
  const version = (): number => db.pragma('user_version', { simple: true }) as number;
  // All migrations in one EXCLUSIVE transaction that reads the version again inside it: processes opening a
  // new file together wait for each other (busy timeout) and only the first creates the tables; the others
  // find the schema done. (Reading the version outside the lock let two of six runs both try, and one was lost.)
  const apply = db.transaction(() => {
    const current = version();
    if (current > migrations.length) throw new Error(`the history database is from a newer KMS Doctor (schema ${current}, this one knows ${migrations.length})`);
    for (let next = current; next < migrations.length; next++) {
      for (const statement of migrations[next]!) db.prepare(statement).run();
    }
    // Written even when nothing changed: a file this process cannot write (another user's, read-only)
    // fails here, at open, not half-way through a run.
    db.pragma(`user_version = ${migrations.length}`);
  });
  apply.exclusive();
}

/** The run's findings → the stored worst severity, for callers that show a list. */
export function worstSeverityOf(findings: readonly StoredFindingInput[]): WorstSeverity {
  return worstSeverity(findings.map((finding) => finding.severity));
}

/** A history opened for a run, or none, with the one line that says where it went (null when as usual). */
export interface OpenedHistory {
  readonly store: HistoryStore | null;
  readonly note: string | null;
}

/**
 * Opens the first history file of `candidates` that can be written. A history that cannot be opened never
 * stops the run: it is kept in the next candidate with a note, or not kept at all, with a note.
 */
export function openHistoryWithFallback(candidates: readonly string[], open: (file: string) => HistoryStore = openHistory): OpenedHistory {
  const refused: string[] = [];
  for (const file of candidates) {
    try {
      const store = open(file);
      return { store, note: refused.length === 0 ? null : `history: ${refused.join('; ')}; this run is kept in ${file} instead` };
    } catch (error) {
      const reason = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message.split('\n')[0]) : String(error);
      refused.push(`${file} cannot be written from here (${reason})`);
    }
  }
  return { store: null, note: `history: ${refused.join('; ')}; this run is not kept in the history` };
}

import { collectorFailureCode } from '../../shared/bundle/collector-failure.js';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundlePaths, type CollectorFailure, type EventQueryFacts, type EvidenceKind } from '../../shared/bundle/manifest.js';
import type { StepSummary } from '../../shared/contract/operations.js';
import type { ProbeDocument } from '../../shared/probe/types.js';
import { windowsResolverServer, windowsSrvLookups } from '../../shared/probe/windows-resolver.js';
import type { BundleFileSource } from '../bundle/bundle-writer.js';
import type { Collectors, EventWindow, RawOutput } from '../collect/collectors.js';
import { failedOutput } from '../collect/collectors.js';
import { firstPhase, secondPhase, stepApplies, workDirTargets, type CollectStep, type StepContext } from './collect-steps.js';
import type { CollectionRole, Role } from '../../shared/kms/role.js';
import { detectRole } from './detect-role.js';

export type StepStatus = 'running' | 'ok' | 'warning' | 'could-not-check';

/** A progress event (the payload of the contract's run.progress, without the run id). */
export interface StepProgress {
  readonly stepId: string;
  readonly status: StepStatus;
  /** Milliseconds the step took (or has taken); null when it just started. */
  readonly elapsedMs: number | null;
  readonly summary: string | null;
  /** The same summary as a code and values, for the UI's languages. */
  readonly summaryCode?: StepSummary | null;
  /** When finished: what ran, for the step log and the history. */
  readonly command?: string;
  readonly exitCode?: number | null;
  readonly error?: string | null;
  readonly startedAt?: string;
}

/** Runs the network probes from the machine's DNS configuration (injected: tests use loopback servers). */
export type ProbeRunner = (evidence: { readonly dnsClientJson: string | null; readonly kmsClientRegistryJson: string | null }) => Promise<ProbeDocument>;

export interface RunCollectionOptions {
  readonly collectors: Collectors;
  /** "auto" works the role out from the licensing data; anything else overrides it. */
  readonly role: CollectionRole;
  readonly window: EventWindow;
  /** An empty private directory: evidence files are written here in bundle layout. */
  readonly workDir: string;
  readonly probe?: ProbeRunner;
  readonly now?: () => Date;
  readonly onProgress?: (event: StepProgress) => void;
}

export interface CollectedRun {
  readonly role: Role;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Every evidence file written, ready for the bundle writer. */
  readonly files: readonly BundleFileSource[];
  readonly failures: readonly CollectorFailure[];
  readonly steps: readonly StepProgress[];
  /** Raw text of the system-info step (machine name, OS, locale, elevation), null when it failed. */
  readonly systemInfoJson: string | null;
  /** What each event query read: a cap reached or a query stopped part-way is recorded in the manifest. */
  readonly eventQueries: readonly EventQueryFacts[];
}

/** The manifest notes that show a cut-short event window (empty when every query read its whole window). */
export function eventWindowNotes(queries: readonly EventQueryFacts[]): string[] {
  return queries.flatMap((query) => [
    ...(query.capped ? [`${bundlePaths[query.kind as EvidenceKind] ?? query.kind}: the cap of ${query.maxEvents} events was reached, so the oldest part of the ${query.windowDays}-day window is missing and counts over the window are incomplete`] : []),
    ...(query.incomplete !== null ? [`${bundlePaths[query.kind as EvidenceKind] ?? query.kind}: incomplete, ${query.incomplete}`] : []),
    ...((query.skippedRecords ?? 0) > 0 ? [`${bundlePaths[query.kind as EvidenceKind] ?? query.kind}: ${query.skippedRecords} damaged record(s) of the exported log could not be read and were skipped, so counts over the window are incomplete`] : []),
  ]);
}

const countMatches = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

/** A short result for the progress line ("3 events", "2 products", "412 lines"), as a code the UI words. */
function summarize(id: string, output: RawOutput): StepSummary {
  if (output.error !== null) return output.absent === true ? { code: 'not-present', detail: output.error } : { code: 'failed', detail: output.error };
  if (output.eventStream !== undefined) {
    const facts = output.eventStream;
    return {
      code: 'events',
      count: facts.records,
      cap: facts.capped ? facts.maxEvents : null,
      incomplete: facts.incomplete,
      ...(facts.skippedRecords > 0 ? { skipped: facts.skippedRecords } : {}),
      ...(facts.stopCode !== null ? { stopCode: facts.stopCode } : {}),
      ...(facts.exitCode !== undefined ? { exitCode: facts.exitCode } : {}),
    };
  }
  if (output.file !== undefined) return { code: 'exported' };
  if (id.startsWith('events') && id.endsWith('Xml')) return { code: 'events', count: countMatches(output.text, /<Event[\s>]/g) };
  if (id.startsWith('slmgr')) return { code: 'lines', count: output.text.split(/\r?\n/).filter((line) => line.trim() !== '').length };
  if (id === 'probes') {
    try {
      const document = JSON.parse(output.text) as ProbeDocument;
      return { code: 'probes', lookups: document.srv.length, hosts: document.hosts.length };
    } catch {
      return { code: 'ok' };
    }
  }
  if (id === 'cimProducts') {
    try {
      const value = JSON.parse(output.text) as unknown;
      return { code: 'products', count: Array.isArray(value) ? value.length : value === null ? 0 : 1 };
    } catch {
      return { code: 'ok' };
    }
  }
  return { code: 'ok' };
}

/** The summary in English, for the command line and the history (the UI words `StepSummary` itself). */
export function stepSummaryText(summary: StepSummary): string {
  switch (summary.code) {
    case 'ok':
      return 'ok';
    case 'exported':
      return 'exported';
    case 'events': {
      const cut = summary.cap !== null && summary.cap !== undefined ? `; the cap of ${summary.cap} was reached, so the oldest part of the window is missing` : '';
      const incomplete = summary.incomplete !== null && summary.incomplete !== undefined ? `; incomplete: ${summary.incomplete}` : '';
      const skipped = summary.skipped !== undefined && summary.skipped > 0 ? `; ${summary.skipped} damaged record(s) skipped` : '';
      return `${summary.count} event(s)${cut}${skipped}${incomplete}`;
    }
    case 'lines':
      return `${summary.count} line(s)`;
    case 'products':
      return `${summary.count} product(s)`;
    case 'probes':
      return `${summary.lookups} SRV lookup(s), ${summary.hosts} host(s) probed`;
    case 'role':
      return `${summary.role}${summary.chosen ? ' (chosen)' : ' (detected)'}`;
    case 'file':
      return summary.path;
    case 'not-present':
      return `not present: ${summary.detail}`;
    case 'failed':
      return `could not check: ${summary.detail}`;
  }
}

/**
 * Adds the Windows DNS client's answers for the same SRV names (server "windows") to the probe document,
 * so a hosts-file entry, an NRPT rule or a stale cache that disagrees with the DNS servers shows up as a
 * disagreement. Returns what ran, or why not, for the step's command line; a failure never loses the probes.
 */
async function withWindowsResolver(collectors: Collectors, document: ProbeDocument): Promise<{ document: ProbeDocument; resolver: string | null }> {
  const names = [...new Set(document.srv.filter((lookup) => lookup.server !== windowsResolverServer).map((lookup) => lookup.name))];
  if (names.length === 0) return { document, resolver: null };
  const output = await collectors.resolveSrv(names).catch((error: unknown) => failedOutput('Resolve-DnsName', error instanceof Error ? error.message.split('\n')[0]! : String(error)));
  if (output.error !== null) return { document, resolver: output.absent === true ? null : `${output.command}: could not check: ${output.error}` };
  try {
    return { document: { ...document, srv: [...document.srv, ...windowsSrvLookups(output.text)] }, resolver: output.command };
  } catch (error) {
    return { document, resolver: `${output.command}: unreadable answer (${error instanceof Error ? error.message : String(error)})` };
  }
}

/**
 * Runs every collector for the role (auto-detected unless overridden) and the network probes, with
 * independent steps concurrent, streaming progress. A step that fails is recorded as a failed collector
 * with why and what is missing, and the run goes on; nothing here throws for a failed check.
 */
export async function runCollection(options: RunCollectionOptions): Promise<CollectedRun> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const outputs = new Map<EvidenceKind, RawOutput>();
  const files: BundleFileSource[] = [];
  const failures: CollectorFailure[] = [];
  const steps: StepProgress[] = [];
  const eventQueries: EventQueryFacts[] = [];
  const context: StepContext = { window: options.window, target: workDirTargets(options.workDir), outputs };
  const emit = (event: StepProgress): void => {
    if (event.status !== 'running') steps.push(event);
    try {
      options.onProgress?.(event);
    } catch {
      // A broken progress listener must not stop the collection.
    }
  };

  const writeEvidence = async (id: EvidenceKind, output: RawOutput): Promise<void> => {
    const producedBy = { command: output.command, exitCode: output.exitCode, durationMs: output.durationMs, encoding: output.encoding };
    const target = (kind: EvidenceKind): string => path.join(options.workDir, ...bundlePaths[kind].split('/'));
    if (output.file !== undefined) {
      // Event XML is UTF-8 from the built-in reader, UTF-16LE from the qe stream (/uni:true).
      const encoding = output.encoding === 'binary' ? 'binary' : output.encoding === 'utf-16le' ? 'utf-16le' : 'utf-8';
      files.push({ path: bundlePaths[id], kind: id, producedBy: { ...producedBy, encoding }, content: { file: output.file }, encoding });
      return;
    }
    await mkdir(path.dirname(target(id)), { recursive: true });
    // slmgr: UTF-8 text for people and parsers, plus cscript's original UTF-16LE bytes (DESIGN.md §5).
    await writeFile(target(id), output.text, 'utf8');
    files.push({ path: bundlePaths[id], kind: id, producedBy: { ...producedBy, encoding: 'utf-8' }, content: { file: target(id) }, encoding: 'utf-8' });
    const rawKind = id === 'slmgrDlv' ? 'slmgrDlvRaw' : id === 'slmgrDlvAll' ? 'slmgrDlvAllRaw' : null;
    if (rawKind !== null && output.encoding === 'utf-16le' && output.bytes.byteLength > 0) {
      await writeFile(target(rawKind), output.bytes);
      files.push({ path: bundlePaths[rawKind], kind: rawKind, producedBy, content: { file: target(rawKind) }, encoding: 'utf-16le' });
    }
  };

  const runStep = async (step: Pick<CollectStep, 'id' | 'optional'>, call: () => Promise<RawOutput>): Promise<void> => {
    const started = performance.now();
    const stepStartedAt = now().toISOString();
    emit({ stepId: step.id, status: 'running', elapsedMs: null, summary: null, startedAt: stepStartedAt });
    let output: RawOutput;
    try {
      output = await call();
    } catch (error) {
      output = failedOutput(`(${step.id})`, error instanceof Error ? error.message.split('\n')[0]! : String(error), Math.round(performance.now() - started));
    }
    outputs.set(step.id, output);
    let status: StepStatus = 'ok';
    if (output.error === null && output.eventStream !== undefined) {
      const facts = output.eventStream;
      eventQueries.push({
        kind: step.id,
        records: facts.records,
        maxEvents: facts.maxEvents,
        windowDays: options.window.days,
        capped: facts.capped,
        incomplete: facts.incomplete,
        stopCode: facts.stopCode,
        ...(facts.exitCode !== undefined ? { exitCode: facts.exitCode } : {}),
        skippedRecords: facts.skippedRecords,
        reader: facts.reader,
      });
      if (facts.capped || facts.incomplete !== null || facts.skippedRecords > 0) status = 'warning';
    }
    if (output.error !== null) {
      status = output.absent === true && step.optional === true ? 'ok' : output.absent === true ? 'warning' : 'could-not-check';
      if (!(output.absent === true && step.optional === true)) {
        failures.push({ collector: step.id, reason: output.error, code: collectorFailureCode(output.error), missing: [bundlePaths[step.id]] });
      }
    } else {
      try {
        await writeEvidence(step.id, output);
      } catch (error) {
        status = 'could-not-check';
        const reason = `could not save the output: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
        failures.push({ collector: step.id, reason, code: 'not-saved', missing: [bundlePaths[step.id]] });
      }
    }
    emit({
      stepId: step.id,
      status,
      elapsedMs: Math.round(performance.now() - started),
      summary: stepSummaryText(summarize(step.id, output)),
      summaryCode: summarize(step.id, output),
      command: output.command,
      exitCode: output.exitCode,
      error: output.error,
      startedAt: stepStartedAt,
    });
  };

  // Phase 1: what the role decision needs. The collectors serialise PowerShell themselves; cscript runs beside it.
  await Promise.all(firstPhase.map((step) => runStep(step, () => step.run(options.collectors, context))));
  const text = (kind: EvidenceKind): string | null => {
    const output = outputs.get(kind);
    return output !== undefined && output.error === null ? output.text : null;
  };
  const role: Role =
    options.role !== 'auto' ? options.role : detectRole({ cimProducts: text('cimProducts'), cimService: text('cimService'), slmgrText: text('slmgrDlv') });
  const roleSummary: StepSummary = { code: 'role', role, chosen: options.role !== 'auto' };
  emit({ stepId: 'role', status: role === 'unknown' ? 'warning' : 'ok', elapsedMs: 0, summary: stepSummaryText(roleSummary), summaryCode: roleSummary });

  // Phase 2: everything else for the role, concurrently; the probes start when the DNS configuration is in.
  const pending = new Map<EvidenceKind, Promise<void>>();
  for (const step of secondPhase.filter((item) => stepApplies(item, role))) {
    pending.set(step.id, runStep(step, () => step.run(options.collectors, context)));
  }
  if (options.probe !== undefined) {
    const probe = options.probe;
    const needs = [pending.get('dnsClient'), pending.get('kmsClientRegistry')].filter((item): item is Promise<void> => item !== undefined);
    pending.set(
      'probes',
      Promise.all(needs).then(() =>
        runStep({ id: 'probes' }, async () => {
          const started = performance.now();
          const probed = await probe({ dnsClientJson: text('dnsClient'), kmsClientRegistryJson: text('kmsClientRegistry') });
          const { document, resolver } = await withWindowsResolver(options.collectors, probed);
          const json = `${JSON.stringify(document, null, 2)}\n`;
          const command = `kms-doctor probe (SRV _vlmcs._tcp per domain and DNS server, TCP, KMS RPC bind)${resolver !== null ? `; ${resolver}` : ''}`;
          return { command, exitCode: null, durationMs: Math.round(performance.now() - started), encoding: 'utf-8', error: null, bytes: Buffer.from(json), text: json };
        }),
      ),
    );
  }
  await Promise.all(pending.values());
  return { role, startedAt, finishedAt: now().toISOString(), files, failures, steps, systemInfoJson: text('system'), eventQueries };
}

import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnose } from '../../../shared/diagnose/index.js';
import type { Lang } from '../../../shared/diagnose/types.js';
import { isLang } from '../../../shared/i18n/index.js';
import { formatDiagnosisText } from '../../../shared/report/format-text.js';
import type { MachineSources } from '../../evidence/load-case.js';
import { loadEvidence, NothingRecognisedError } from '../../evidence/load-evidence.js';
import { toolVersion } from '../../version.js';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../io.js';

export interface AnalyzeCommandOptions {
  readonly lang: string;
  readonly html?: string;
  readonly json?: boolean;
  /** History database (default: the per-user app data folder, or $KMS_DOCTOR_HISTORY_DB). */
  readonly historyDb?: string;
  /** false with --no-history: the run is not kept. */
  readonly history?: boolean;
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!;
}

/**
 * `kms-doctor analyze`: loads a bundle zip, bundle directory, loose folder or single file, diagnoses it
 * and prints the findings grouped by severity (or `{ role, findings, summary, hostAnalysis?,
 * clientAnalysis? }` with --json); --html also writes the self-contained report. Several machines are a
 * case: `{ machines: [{ name, role, verdict, findings }], caseFindings, summary }`. Exit 0 when the
 * analysis ran, whatever it found.
 */
export async function runAnalyzeCommand(targets: string | readonly string[], options: AnalyzeCommandOptions, io: CliIo): Promise<void> {
  if (!isLang(options.lang)) throw new CliError(`kms-doctor analyze: --lang ${JSON.stringify(options.lang.slice(0, 20))} refused: use en, ja or zh-TW`, 2);
  const paths = typeof targets === 'string' ? [targets] : targets;
  // Several machines (several paths, or a folder of several machines' bundles) are one case (DESIGN.md §5).
  const { machineSources } = await import('../../evidence/load-case.js');
  let sources;
  try {
    sources = await machineSources(paths);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const where = (error as NodeJS.ErrnoException).path ?? paths.join(' ');
    if (code === 'ENOENT') throw new CliError(`kms-doctor analyze: ${where}: no such file or folder`, 1);
    throw new CliError(`kms-doctor analyze: cannot read ${where}: ${oneLine(error)}`, 1);
  }
  if (sources.machines.length > 1) {
    try {
      return await runCase(sources, options as AnalyzeCommandOptions & { lang: Lang }, io);
    } finally {
      await sources.close();
    }
  }
  await sources.close();
  const target = sources.machines[0]!;
  const startedAt = new Date().toISOString();
  let loaded;
  try {
    loaded = await loadEvidence(target);
  } catch (error) {
    if (error instanceof NothingRecognisedError) throw new CliError(`kms-doctor analyze: ${error.message}`, 1);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`kms-doctor analyze: ${target}: no such file or folder`, 1);
    throw new CliError(`kms-doctor analyze: cannot read ${target}: ${oneLine(error)}`, 1);
  }
  const result = diagnose(loaded.evidence, { lang: options.lang });
  if (options.html !== undefined) {
    // Loaded when asked for, like the history below: start-up is a large share of analysing a small folder.
    const { renderHtmlReport } = await import('../../../shared/report/render-html.js');
    const html = renderHtmlReport({ result, manifest: loaded.evidence.manifest, rawSources: loaded.evidence.rawSources, toolVersion });
    try {
      await writeFile(options.html, html, 'utf8');
    } catch (error) {
      throw new CliError(`kms-doctor analyze: cannot write ${options.html}: ${oneLine(error)}`, 1);
    }
  }
  io.stdout(options.json === true ? `${JSON.stringify(result, null, 2)}\n` : formatDiagnosisText(result));
  // The run is kept in the history (issue #6); a history that cannot be written costs a warning, not the analysis.
  if (options.history !== false) {
    try {
      const [{ historyDbPath }, { openHistory }, { recordAnalysis }] = await Promise.all([
        import('../../store/history-path.js'),
        import('../../store/history-store.js'),
        import('../../store/record-analysis.js'),
      ]);
      const store = openHistory(historyDbPath({ flag: options.historyDb }));
      try {
        recordAnalysis(store, {
          source: path.resolve(target),
          startedAt,
          finishedAt: new Date().toISOString(),
          toolVersion,
          role: result.role,
          manifest: loaded.evidence.manifest,
          findings: result.findings,
          events: loaded.evidence.clientEvents ?? [],
        });
      } finally {
        store.close();
      }
    } catch (error) {
      io.stderr(`kms-doctor analyze: the run was not kept in the history: ${oneLine(error)}\n`);
    }
  }
}

/** Several machines: each diagnosed in turn, then the case findings; one JSON document or the case text. */
async function runCase(sources: MachineSources, options: AnalyzeCommandOptions & { lang: Lang }, io: CliIo): Promise<void> {
  const [{ loadCase, CaseMachineError }, { caseResultOf, formatCaseText }] = await Promise.all([import('../../evidence/load-case.js'), import('../../../shared/case/case-report.js')]);
  let machines;
  try {
    machines = await loadCase(sources.machines, options.lang, undefined, sources.shown);
  } catch (error) {
    if (error instanceof CaseMachineError) {
      const code = (error.reason as NodeJS.ErrnoException).code;
      throw new CliError(`kms-doctor analyze: ${code === 'ENOENT' ? `${error.source}: no such file or folder` : error.message}`, 1);
    }
    throw error;
  }
  const result = caseResultOf(machines, options.lang);
  if (options.html !== undefined) {
    const { renderCaseHtml } = await import('../../../shared/case/render-case-html.js');
    try {
      await writeFile(options.html, renderCaseHtml(result, toolVersion), 'utf8');
    } catch (error) {
      throw new CliError(`kms-doctor analyze: cannot write ${options.html}: ${oneLine(error)}`, 1);
    }
  }
  io.stdout(options.json === true ? `${JSON.stringify({ ...result, ...(sources.ignored.length > 0 ? { ignored: sources.ignored } : {}) }, null, 2)}\n` : formatCaseText(result, sources.ignored));
}

export function registerAnalyze(program: Command, io: CliIo): void {
  program
    .command('analyze')
    .description('diagnose a bundle zip, a bundle directory or a loose folder of evidence')
    .argument('<path...>', 'bundle.zip, bundle directory, loose folder or one evidence file; several (or a folder of several machines\' bundles) are one case')
    .option('--lang <lang>', 'en, ja or zh-TW', 'en')
    .option('--html <file>', 'also write the self-contained HTML report')
    .option('--json', 'print one JSON document')
    .option('--history-db <file>', 'history database (default: the per-user app data folder, or $KMS_DOCTOR_HISTORY_DB)')
    .option('--no-history', 'do not keep this run in the history')
    .action((targets: string[], options: AnalyzeCommandOptions) => runAnalyzeCommand(targets, options, io));
}

import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnose } from '../../../shared/diagnose/index.js';
import { isLang } from '../../../shared/i18n/index.js';
import { formatDiagnosisText } from '../../../shared/report/format-text.js';
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
 * clientAnalysis? }` with --json); --html also writes the self-contained report. Exit 0 when the
 * analysis ran, whatever it found.
 */
export async function runAnalyzeCommand(target: string, options: AnalyzeCommandOptions, io: CliIo): Promise<void> {
  if (!isLang(options.lang)) throw new CliError(`kms-doctor analyze: --lang ${JSON.stringify(options.lang.slice(0, 20))} refused: use en, ja or zh-TW`, 2);
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

export function registerAnalyze(program: Command, io: CliIo): void {
  program
    .command('analyze')
    .description('diagnose a bundle zip, a bundle directory or a loose folder of evidence')
    .argument('<path>', 'bundle.zip, bundle directory, loose folder or one evidence file')
    .option('--lang <lang>', 'en, ja or zh-TW', 'en')
    .option('--html <file>', 'also write the self-contained HTML report')
    .option('--json', 'print one JSON document')
    .option('--history-db <file>', 'history database (default: the per-user app data folder, or $KMS_DOCTOR_HISTORY_DB)')
    .option('--no-history', 'do not keep this run in the history')
    .action((target: string, options: AnalyzeCommandOptions) => runAnalyzeCommand(target, options, io));
}

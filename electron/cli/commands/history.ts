import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { exportRun } from '../../service/collect-run.js';
import { historyDbPath } from '../../store/history-path.js';
import { openHistory, type HistoryStore, type RunRow } from '../../store/history-store.js';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../io.js';
import { bundleFailure, checkOutAndLang } from './bundle-output.js';

interface HistoryOptions {
  db?: string;
  json?: boolean;
}

/** Opens the history for reading; a database that does not exist yet is "no runs", not an error. */
function withHistory<T>(options: HistoryOptions, empty: (file: string) => T, body: (store: HistoryStore) => T | Promise<T>): T | Promise<T> {
  const file = historyDbPath({ flag: options.db });
  if (!existsSync(file)) return empty(file);
  let store: HistoryStore;
  try {
    store = openHistory(file);
  } catch (error) {
    throw new CliError(`kms-doctor history: cannot open ${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, 1);
  }
  const closing = async (): Promise<T> => {
    try {
      return await body(store);
    } finally {
      store.close();
    }
  };
  return closing();
}

function runId(value: string): number {
  if (!/^\d{1,12}$/.test(value) || Number(value) < 1) throw new CliError(`kms-doctor history: run id must be a positive whole number (got "${value}")`, 1);
  return Number(value);
}

const line = (run: RunRow): string =>
  [String(run.id).padStart(4), run.startedAt.replace(/\.\d+Z$/, 'Z'), run.kind.padEnd(7), run.role.padEnd(7), (run.machine ?? '-').padEnd(16), run.status.padEnd(10), run.worstSeverity].join('  ');

/** Registers `kms-doctor history list | show ID | export ID --out FILE.zip`. */
export function registerHistory(program: Command, io: CliIo): void {
  const history = program.command('history').description('past runs kept in the local database');
  const dbOption = (command: Command): Command => command.option('--db <file>', 'history database (default: the per-user app data folder, or $KMS_DOCTOR_HISTORY_DB)');

  dbOption(history.command('list', { isDefault: true }).description('list past runs').option('--json', 'print one JSON document')).action((options: HistoryOptions) =>
    withHistory(
      options,
      (file) => io.stdout(options.json === true ? `${JSON.stringify({ database: file, runs: [] }, null, 2)}\n` : `No runs yet (${file}).\n`),
      (store) => {
        const runs = store.listRuns();
        if (options.json === true) io.stdout(`${JSON.stringify({ database: store.file, runs }, null, 2)}\n`);
        else if (runs.length === 0) io.stdout(`No runs yet (${store.file}).\n`);
        else io.stdout(`${['  ID', 'STARTED (UTC)       ', 'KIND   ', 'ROLE   ', 'MACHINE         ', 'STATUS    ', 'WORST'].join('  ')}\n${runs.map((run) => `${line(run)}\n`).join('')}`);
      },
    ),
  );

  dbOption(history.command('show').argument('<id>', 'run id').description('show one run').option('--json', 'print one JSON document')).action((value: string, options: HistoryOptions) => {
    const id = runId(value);
    return withHistory(
      options,
      (file) => {
        throw new CliError(`kms-doctor history: no run ${id} (no history yet at ${file})`, 1);
      },
      (store) => {
        const run = store.getRun(id);
        if (run === null) throw new CliError(`kms-doctor history: no run ${id} in ${store.file}`, 1);
        if (options.json === true) {
          io.stdout(`${JSON.stringify(run, null, 2)}\n`);
          return;
        }
        const findings = run.findings as Array<{ id?: string; severity?: string; title?: string }>;
        io.stdout(
          `Run ${run.id}: ${run.kind} of ${run.machine ?? 'an unnamed machine'} (${run.role}), ${run.status}\n` +
            `Started ${run.startedAt}${run.finishedAt ? `, finished ${run.finishedAt}` : ''}; tool ${run.toolVersion}\n` +
            (run.source ? `Source: ${run.source}\n` : '') +
            (run.bundlePath ? `Bundle: ${run.bundlePath}\n` : '') +
            `Steps:\n${run.steps.map((step) => `  ${step.status.padEnd(15)} ${step.step}${step.durationMs !== null ? ` ${step.durationMs} ms` : ''}${step.error ? ` — ${step.error}` : step.summary ? ` — ${step.summary}` : ''}\n`).join('') || '  (none)\n'}` +
            `Findings:\n${findings.map((finding) => `  [${finding.severity}] ${finding.id}: ${finding.title}\n`).join('') || '  (none)\n'}` +
            `${run.artifacts.length} file(s), ${run.eventCount} event(s) kept\n`,
        );
      },
    );
  });

  dbOption(
    history
      .command('export')
      .argument('<id>', 'run id')
      .requiredOption('--out <file.zip>', 'where to write the zip')
      .option('--redact', 'replace identifiers with stable pseudonyms')
      .option('--lang <lang>', 'report language: en, ja or zh-TW', 'en')
      .description('export a past run as a bundle'),
  ).action((value: string, options: HistoryOptions & { out: string; redact?: boolean; lang: string }) => {
    const id = runId(value);
    const { out, lang } = checkOutAndLang('history export', options.out, options.lang);
    return withHistory(
      options,
      (file) => {
        throw new CliError(`kms-doctor history: no run ${id} (no history yet at ${file})`, 1);
      },
      async (store) => {
        try {
          const { manifest } = await exportRun(store, id, out, { redact: options.redact === true, lang });
          io.stdout(`Bundle written: ${out} (${manifest.files.length} files${manifest.redacted ? ', redacted' : ''})\n`);
        } catch (error) {
          throw bundleFailure('history export', error);
        }
      },
    );
  });
}

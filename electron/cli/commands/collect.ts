import type { Command } from 'commander';
import path from 'node:path';
import { languages, type Lang } from '../../../shared/diagnose/types.js';
import { createLiveWindowsCollectors } from '../../collect/windows/windows-collectors.js';
import { bundlePaths } from '../../../shared/bundle/manifest.js';
import { requestedRoles, type RequestedRole } from '../../../shared/kms/role.js';
import { collectPlan } from '../../service/collect-plan.js';
import { needsAdministrator } from '../../service/collect-steps.js';
import { collectAndBundle } from '../../service/collect-run.js';
import { machineProbeRunner } from '../../service/machine-probes.js';
import type { ProbeRunner, StepProgress } from '../../service/run-collection.js';
import type { Collectors } from '../../collect/collectors.js';
import { historyCandidates } from '../../store/history-path.js';
import { openHistoryWithFallback } from '../../store/history-store.js';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../io.js';

interface CollectOptions {
  role: string;
  out?: string;
  redact?: boolean;
  days: string;
  lang: string;
  json?: boolean;
  historyDb?: string;
  history?: boolean;
  plan?: boolean;
  exportScript?: string;
}

export const collectNeedsWindows = 'collect needs Windows — use `analyze` on a bundle';


/** Checks the options; a wrong value is bad input (exit 1) with the allowed values. */
export function parseCollectOptions(options: CollectOptions, now: Date): { role: RequestedRole; days: number; lang: Lang; out: string } {
  if (!(requestedRoles as readonly string[]).includes(options.role)) throw new CliError(`kms-doctor collect: --role must be one of ${requestedRoles.join(', ')} (got "${options.role}")`, 1);
  if (!/^\d{1,4}$/.test(options.days) || Number(options.days) < 1 || Number(options.days) > 3650) throw new CliError(`kms-doctor collect: --days must be a whole number from 1 to 3650 (got "${options.days}")`, 1);
  if (!(languages as readonly string[]).includes(options.lang)) throw new CliError(`kms-doctor collect: --lang must be one of ${languages.join(', ')} (got "${options.lang}")`, 1);
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const out = path.resolve(options.out ?? `kms-doctor-${stamp}.zip`);
  if (!out.toLowerCase().endsWith('.zip')) throw new CliError(`kms-doctor collect: --out must name a .zip file (got "${options.out}")`, 1);
  return { role: options.role as RequestedRole, days: Number(options.days), lang: options.lang as Lang, out };
}

const statusMark: Record<StepProgress['status'], string> = { running: '…', ok: 'ok', warning: 'warn', 'could-not-check': 'FAIL' };

/** The roles a plan may be asked for: the requested roles but auto (without one, the plan lists both sides). */
const planRoles = requestedRoles.filter((role): role is Exclude<RequestedRole, 'auto'> => role !== 'auto');

/** Shows an argument for people: quoted when it has spaces or quotes (the program gets the array as is). */
const shown = (arg: string): string => (/[\s"]/.test(arg) ? `"${arg.replace(/"/g, '\\"')}"` : arg);

/** `kms-doctor collect --plan`: what collect would run, on any OS, from the same templates and steps. */
export async function runCollectPlan(options: CollectOptions, io: CliIo): Promise<void> {
  const explicit = options.role !== 'auto';
  if (explicit && !(planRoles as readonly string[]).includes(options.role)) throw new CliError(`kms-doctor collect --plan: --role must be host or client (got "${options.role}")`, 1);
  const role = explicit ? (options.role as (typeof planRoles)[number]) : 'both';
  const plan = await collectPlan({ role });
  if (options.json === true) {
    io.stdout(`${JSON.stringify(plan, null, 2)}\n`);
    return;
  }
  const lines = [
    `kms-doctor collect would run these commands (${explicit ? `role ${role}` : 'role not given: every step; auto-detection then skips the other role\'s'}).`,
    'Steps of one phase run concurrently; nothing is run by --plan. Paths under C:\\Windows\\Temp\\kmsd-run-XXXXXX stand for the run\'s private folder.',
    '',
  ];
  plan.forEach((item, index) => {
    const timeout = item.timeoutMs > 0 ? ` — timeout ${item.timeoutMs / 1000} s` : '';
    lines.push(`${index + 1}. [phase ${item.phase}] ${item.step}${timeout}${item.output !== null ? ` → ${item.output}` : ''}${item.onlyIf !== undefined ? ` (only if ${item.onlyIf})` : ''}`);
    if (item.script !== undefined) {
      lines.push(`   ${item.program} ${item.args.slice(0, -1).map(shown).join(' ')} <the script below, base64 UTF-16LE>`);
      lines.push(`   script: ${item.script}`);
    } else if (item.program === '(built in)') lines.push(`   built in: ${item.args.join('; ')}`);
    else lines.push(`   ${[item.program, ...item.args].map(shown).join(' ')}`);
  });
  io.stdout(`${lines.join('\n')}\n`);
}

/** What collect runs with; tests replace the machine (replay collectors, loopback probes, history files). */
export interface CollectDeps {
  readonly platform?: NodeJS.Platform;
  readonly openCollectors?: () => Collectors;
  readonly probe?: ProbeRunner;
  /** History files to try in order (default: the shared one, then on Windows the user's own). */
  readonly historyFiles?: readonly string[];
}

/** `kms-doctor collect`: every check on this Windows machine, the support bundle, and a history entry. */
export async function runCollectCommand(options: CollectOptions, io: CliIo, deps: CollectDeps = {}): Promise<void> {
  if (options.plan === true) return runCollectPlan(options, io);
  if (options.exportScript !== undefined) {
    // The script collects for both roles and leaves the role to analyze: a --role would be silently ignored.
    if (options.role !== 'auto') throw new CliError(`kms-doctor collect --export-script: --role is not taken: the script collects for both roles and analyze decides the role from the bundle`, 1);
    return writeCollectScript(options.exportScript, options.out, io);
  }
  if ((deps.platform ?? process.platform) !== 'win32') throw new CliError(collectNeedsWindows, 1);
  const parsed = parseCollectOptions(options, new Date());
  // The history never stops a collection: not writable from this prompt → the user's own file, or none.
  const history = options.history === false ? { store: null, note: null } : openHistoryWithFallback(deps.historyFiles ?? historyCandidates({ flag: options.historyDb }));
  if (history.note !== null) io.stderr(`${history.note}\n`);
  const store = history.store;
  try {
    const collectors = deps.openCollectors?.() ?? createLiveWindowsCollectors();
    const result = await collectAndBundle({
      collectors,
      role: parsed.role,
      days: parsed.days,
      out: parsed.out,
      redact: options.redact === true,
      lang: parsed.lang,
      store,
      probe: deps.probe ?? machineProbeRunner(),
      onProgress: (event) => {
        if (options.json === true || event.status === 'running') return;
        const seconds = event.elapsedMs === null ? '' : ` ${(event.elapsedMs / 1000).toFixed(1)} s`;
        io.stderr(`[${statusMark[event.status]}] ${event.stepId}${seconds}${event.summary ? ` — ${event.summary}` : ''}\n`);
      },
    });
    // What the manifest notes (an event cap reached, a query stopped part-way, files left out) is shown, not only kept.
    for (const note of result.manifest.notes ?? []) io.stderr(`note: ${note}\n`);
    // The CLI runs without elevation too (DESIGN.md §1): it says what that cost instead of refusing to run.
    if (result.manifest.machine.elevated === false) {
      io.stderr(`not elevated: ${needsAdministrator.map((kind) => bundlePaths[kind]).join(', ')} need an administrator and may be missing or partial; run from an elevated prompt (or the installed app) for a complete check\n`);
    }
    if (options.json === true) {
      io.stdout(`${JSON.stringify({ ...result.result, runId: result.runId, out: result.out, failedCollectors: result.manifest.failedCollectors }, null, 2)}\n`);
      return;
    }
    const { summary } = result.result;
    io.stdout(
      `Bundle written: ${result.out}\nRole: ${result.manifest.role}; ${summary.problems} problem(s), ${summary.warnings} warning(s), ${summary.info} info; ${result.manifest.failedCollectors.length} check(s) could not run.\n` +
        result.result.findings.map((finding) => `  [${finding.severity}] ${finding.id}: ${finding.title}\n`).join('') +
        (result.runId !== null ? `History: run ${result.runId} (kms-doctor history show ${result.runId})\n` : ''),
    );
  } finally {
    store?.close();
  }
}

/** `collect --export-script FILE.ps1` (any OS): the PowerShell 5.1 script that collects without installing. */
async function writeCollectScript(file: string, defaultOutFile: string | undefined, io: CliIo): Promise<void> {
  if (!/\.ps1$/i.test(file)) throw new CliError(`kms-doctor collect: --export-script must name a .ps1 file (got "${file}")`, 1);
  // With --out, the script's -OutFile gets that default (a literal, environment variables expanded when it runs).
  if (defaultOutFile !== undefined && (!/\.zip$/i.test(defaultOutFile) || [...defaultOutFile].some((c) => c.charCodeAt(0) < 0x20))) {
    throw new CliError(`kms-doctor collect: --out must name a .zip file, on one line (got ${JSON.stringify(defaultOutFile.slice(0, 80))})`, 1);
  }
  const [{ writeFile }, { buildCollectScript }] = await Promise.all([import('node:fs/promises'), import('../../export/collect-script.js')]);
  try {
    // UTF-8 with a BOM: Windows PowerShell 5.1 reads a BOM-less script in the ANSI code page.
    await writeFile(file, `\uFEFF${await buildCollectScript(defaultOutFile === undefined ? {} : { defaultOutFile })}`, 'utf8');
  } catch (error) {
    throw new CliError(`kms-doctor collect: cannot write ${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, 1);
  }
  io.stdout(`Script written: ${path.resolve(file)}\nRun on each machine (elevated): powershell.exe -NoProfile -ExecutionPolicy Bypass -File ${path.basename(file)}${defaultOutFile === undefined ? ' -OutFile <path>.zip' : ''}\n`);
}

/** Registers `kms-doctor collect` and its options on the program. */
export function registerCollect(program: Command, io: CliIo): void {
  program
    .command('collect')
    .description('run every check on this Windows machine and write the support bundle (Windows only)')
    .option('--role <role>', requestedRoles.join(', '), 'auto')
    .option('--out <file.zip>', 'where to write the bundle (default: kms-doctor-<UTC time>.zip here)')
    .option('--redact', 'replace machine names, addresses and CMIDs with stable pseudonyms')
    .option('--days <n>', 'event window in days', '30')
    .option('--lang <lang>', 'report language: en, ja or zh-TW', 'en')
    .option('--history-db <file>', 'history database (default: the per-user app data folder, or $KMS_DOCTOR_HISTORY_DB)')
    .option('--no-history', 'do not keep this run in the history')
    .option('--json', 'print the result as JSON')
    .option('--plan', 'print every command collect would run, in order, with its timeout and bundle output, and run nothing (any OS)')
    .option('--export-script <file.ps1>', 'write a PowerShell 5.1 script that collects the same bundle without installing (any OS)')
    .action((options: CollectOptions) => runCollectCommand(options, io));
}

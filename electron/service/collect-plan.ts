import path from 'node:path';
import { bundlePaths, type EvidenceKind } from '../../shared/bundle/manifest.js';
import type { KnownRole } from '../../shared/kms/role.js';
import type { RawOutput } from '../collect/collectors.js';
import { decodeEncodedCommand, resultMarker, type WindowsEnvironment } from '../collect/windows/commands.js';
import { createPowerShellProcessSession } from '../collect/windows/powershell-session.js';
import type { ProcessResult, ProcessRunner } from '../collect/windows/process-runner.js';
import { createWindowsCollectors } from '../collect/windows/windows-collectors.js';
import { DEFAULT_TIMEOUT_MS } from '../probe/run-probes.js';
import { firstPhase, secondPhase, stepApplies, type StepContext } from './collect-steps.js';

/** One command `collect` runs (the JSON of `collect --plan --json`). */
export interface PlannedCommand {
  /** The step (an evidence kind, "powershellLanguageMode" or "probes"). */
  readonly step: string;
  /** 1 = what the role decision needs, 2 = the rest for the role; steps of a phase run concurrently. */
  readonly phase: 1 | 2;
  /** The program by absolute path, exactly as spawned; "(built in)" for the in-process network probes. */
  readonly program: string;
  readonly args: readonly string[];
  /** The program's timeout; 0 for the in-process .evtx reads, which start no program. */
  readonly timeoutMs: number;
  /** The bundle file it produces, null when it produces none. */
  readonly output: string | null;
  /** For PowerShell: the script the -EncodedCommand argument carries, readable. */
  readonly script?: string;
  /** When this runs only in some cases (the `wevtutil qe` stream: only when the export fails or cannot be read). */
  readonly onlyIf?: string;
}

/** When an event query's `wevtutil qe` stream runs: it is the fallback of the export. */
export const streamFallbackCondition = 'the export above fails with an error code or cannot be read';

/** Where a run's private work directory is shown in the plan (each run makes its own, with a random suffix). */
const planWorkDir = 'C:\\Windows\\Temp\\kmsd-run-XXXXXX';

/**
 * Every command `kms-doctor collect` would run for a role, in order, with its timeout and the bundle file it
 * produces. It is made by running the real step list through the real collectors with a runner that records
 * instead of starting anything, so the plan is the collectors' own calls and cannot drift from them.
 */
export async function collectPlan(options: { readonly role: KnownRole; readonly env?: WindowsEnvironment }): Promise<PlannedCommand[]> {
  const env = options.env ?? { systemRoot: 'C:\\Windows' };
  const planned: PlannedCommand[] = [];
  let current: { step: string; phase: 1 | 2; output: string | null; onlyIf?: string } = { step: '', phase: 1, output: null };
  let languageChecked = false;

  const answered = (stdout: string): ProcessResult => ({ stdout: Buffer.from(stdout), stderr: Buffer.alloc(0), exitCode: 0, durationMs: 0, timedOut: false, spawnError: null });
  const recorder: ProcessRunner = {
    run: async (file, args, { timeoutMs }) => {
      const script = decodeEncodedCommand(args);
      if (script === null && args.includes('-Command') && !languageChecked) {
        // The session's one language-mode check, made before the first script: its own line in the plan.
        languageChecked = true;
        planned.push({ step: 'powershellLanguageMode', phase: current.phase, program: file, args: [...args], timeoutMs, output: null });
        return answered('FullLanguage\r\n');
      }
      planned.push({ step: current.step, phase: current.phase, program: file, args: [...args], timeoutMs, output: current.output, ...(script !== null ? { script } : {}), ...(current.onlyIf !== undefined ? { onlyIf: current.onlyIf } : {}) });
      const empty = Buffer.from(JSON.stringify({ ok: true, result: null })).toString('base64');
      return answered(script !== null ? `${resultMarker}${empty}\r\n` : '');
    },
  };
  const session = createPowerShellProcessSession({ runner: recorder, env, concurrency: 1 });
  // An event query's export is read in this process: its own line. The plan reads nothing, so the read
  // "fails" here, and the collectors' fallback (the qe stream) is recorded too, marked as such.
  const readExport = async (evtxFile: string, xmlFile: string, { keepNewest }: { keepNewest?: number }): Promise<never> => {
    planned.push({
      step: current.step,
      phase: current.phase,
      program: '(built in)',
      args: [`read ${evtxFile} with the built-in .evtx reader (damaged records skipped and counted)`, `write the newest ${keepNewest ?? 'all'} records as event XML to ${xmlFile}`, `delete ${evtxFile}`],
      timeoutMs: 0,
      output: current.output,
    });
    current = { ...current, onlyIf: streamFallbackCondition };
    throw new Error('the plan reads nothing');
  };
  const collectors = createWindowsCollectors({ runner: recorder, session, env, fileExists: () => true, readExport });
  const context: StepContext = {
    window: { days: 30, maxEvents: 100_000 },
    target: async (kind) => path.win32.join(planWorkDir, ...bundlePaths[kind].split('/')),
    outputs: new Map<EvidenceKind, RawOutput>(),
  };
  const steps = [...firstPhase.map((step) => ({ step, phase: 1 as const })), ...secondPhase.filter((step) => stepApplies(step, options.role)).map((step) => ({ step, phase: 2 as const }))];
  for (const { step, phase } of steps) {
    current = { step: step.id, phase, output: bundlePaths[step.id] };
    await step.run(collectors, context);
  }
  // The probes start no program: DNS, TCP and the RPC bind from this process (DESIGN.md §3). Then the same
  // SRV names go to the Windows resolver (the names are known only then: none are shown here).
  planned.push({ step: 'probes', phase: 2, program: '(built in)', args: ['SRV _vlmcs._tcp per domain and DNS server', 'TCP connect', 'KMS RPC bind'], timeoutMs: DEFAULT_TIMEOUT_MS, output: bundlePaths.probes });
  current = { step: 'probes', phase: 2, output: bundlePaths.probes };
  await collectors.resolveSrv([]);
  await collectors.close();
  return planned;
}

import type { Collectors, EventWindow, RawOutput } from '../collectors.js';
import { failedOutput } from '../collectors.js';
import { decodeText } from '../decode-text.js';
import { buildPowerShellInvocation, commandTemplates, eventQueries, validSystemRoot, type PowerShellTemplate, type ProcessTemplate, type WindowsEnvironment } from './commands.js';
import type { PowerShellSession } from './powershell-session.js';
import type { ProcessRunner } from './process-runner.js';

export interface WindowsCollectorDeps {
  readonly runner: ProcessRunner;
  readonly session: PowerShellSession;
  readonly env?: WindowsEnvironment;
}

/** Shows an argument array as one command line for people (quotes around arguments with spaces). */
function displayCommand(file: string, args: readonly string[]): string {
  return [file, ...args].map((part) => (/[\s"]/.test(part) ? `"${part.replace(/"/g, '\\"')}"` : part)).join(' ');
}

/** What the fixed PowerShell wrapper prints (commands.ts buildPowerShellInvocation). */
interface Envelope {
  readonly ok?: boolean;
  readonly result?: unknown;
  readonly error?: string;
  readonly errorId?: string;
}

const firstLine = (text: string): string => text.trim().split(/\r?\n/)[0]?.trim() ?? '';

/**
 * The real collectors: cscript/wevtutil through the process runner, everything else through one
 * PowerShell session; every command comes from the allowlist in commands.ts.
 */
export function createWindowsCollectors(deps: WindowsCollectorDeps): Collectors {
  const env: WindowsEnvironment = deps.env ?? { systemRoot: validSystemRoot(process.env.SystemRoot) };

  const runProcess = async <P>(template: ProcessTemplate<P>, params: unknown): Promise<RawOutput> => {
    const parsed = template.params.safeParse(params);
    if (!parsed.success) return failedOutput('(refused)', `invalid parameters: ${parsed.error.issues[0]?.message ?? 'rejected'}`);
    const { file, args } = template.build(parsed.data, env);
    const command = displayCommand(file, args);
    const result = await deps.runner.run(file, args, { timeoutMs: template.timeoutMs });
    if (result.spawnError !== null) {
      const missing = result.spawnError === 'ENOENT';
      const why = missing
        ? /cscript/i.test(file)
          ? 'cscript.exe is missing (VBScript is an optional feature since Windows 11 24H2); the diagnosis uses the CIM licensing data instead'
          : `${file} is missing`
        : `could not start ${file}: ${result.spawnError}`;
      return failedOutput(command, why, result.durationMs, missing);
    }
    const text = template.encoding === 'binary' ? '' : decodeText(result.stdout, template.encoding).text;
    let error: string | null = null;
    if (result.timedOut) error = `timed out after ${template.timeoutMs} ms; the process was killed`;
    else if (result.exitCode !== 0) {
      const detail = firstLine(decodeText(result.stderr, template.encoding === 'binary' ? 'utf-8' : template.encoding).text) || firstLine(text);
      // cscript.exe present but the VBScript feature removed: "Can't find script engine "VBScript"".
      if (/cscript/i.test(file) && /script engine/i.test(detail) && /VBScript/i.test(detail)) {
        return failedOutput(command, `VBScript is not installed (an optional feature since Windows 11 24H2; cscript said: ${detail}); the diagnosis uses the CIM licensing data instead`, result.durationMs, true);
      }
      error = `exit code ${result.exitCode}${detail ? `: ${detail}` : ''}`;
    }
    return { command, exitCode: result.exitCode, durationMs: result.durationMs, encoding: template.encoding, error, bytes: result.stdout, text };
  };

  /** Runs a PowerShell template; returns the wrapper's `result` or the error it reported. */
  const runPowerShell = async <P>(
    template: PowerShellTemplate<P>,
    params: unknown,
  ): Promise<{ output: RawOutput; result: unknown }> => {
    const command = params !== undefined && Object.keys(params as object).length > 0 ? `${template.describe}  # parameters ${JSON.stringify(params)}` : template.describe;
    const parsed = template.params.safeParse(params ?? {});
    if (!parsed.success) return { output: failedOutput(command, `invalid parameters: ${parsed.error.issues[0]?.message ?? 'rejected'}`), result: null };
    const ran = await deps.session.invoke(buildPowerShellInvocation(template.script, parsed.data), { timeoutMs: template.timeoutMs });
    if (ran.error !== null) return { output: failedOutput(command, ran.error, ran.durationMs), result: null };
    const lastJsonLine = ran.stdout.split(/\r?\n/).filter((line) => line.startsWith('{')).pop();
    let envelope: Envelope | null;
    try {
      envelope = lastJsonLine !== undefined ? (JSON.parse(lastJsonLine) as Envelope) : null;
    } catch {
      envelope = null;
    }
    if (envelope === null) {
      const detail = firstLine(ran.stderr) || firstLine(ran.stdout) || 'no output';
      return { output: failedOutput(command, `PowerShell printed no result: ${detail}`, ran.durationMs), result: null };
    }
    if (envelope.ok !== true) {
      return { output: failedOutput(command, `${envelope.error ?? 'PowerShell error'}${envelope.errorId ? ` (${envelope.errorId})` : ''}`, ran.durationMs), result: null };
    }
    const text = `${JSON.stringify(envelope.result ?? null, null, 2)}\n`;
    const output: RawOutput = { command, exitCode: 0, durationMs: ran.durationMs, encoding: 'utf-8', error: null, bytes: Buffer.from(text, 'utf8'), text };
    return { output, result: envelope.result };
  };

  const json = async <P>(template: PowerShellTemplate<P>): Promise<RawOutput> => (await runPowerShell(template, {})).output;

  const events = async (template: PowerShellTemplate<unknown>, query: (typeof eventQueries)[keyof typeof eventQueries], window: EventWindow): Promise<RawOutput> => {
    const { output, result } = await runPowerShell(template, { ...window });
    if (output.error !== null) return output;
    const { absent, xml } = (result ?? {}) as { absent?: boolean; xml?: unknown };
    const items = (Array.isArray(xml) ? xml : typeof xml === 'string' ? [xml] : []).filter((item): item is string => typeof item === 'string');
    if (absent === true) return failedOutput(output.command, `the "${query.logName}" event log does not exist on this machine`, output.durationMs, true);
    const text = `<?xml version="1.0" encoding="utf-8"?>\n<Events>\n${items.join('\n')}\n</Events>\n`;
    return { ...output, bytes: Buffer.from(text, 'utf8'), text };
  };
  // The event templates read logName/ids/provider from $p too; they are fixed here, callers give only the window.
  const eventTemplate = (template: PowerShellTemplate<{ days: number; maxEvents: number }>, query: (typeof eventQueries)[keyof typeof eventQueries]): PowerShellTemplate<unknown> => ({
    ...template,
    params: template.params.transform((window) => ({ ...window, logName: query.logName, ids: query.ids, provider: query.provider })),
  });

  return {
    source: 'windows',
    dlv: () => runProcess(commandTemplates.slmgrDlv, {}),
    dlvAll: () => runProcess(commandTemplates.slmgrDlvAll, {}),
    products: () => json(commandTemplates.cimProducts),
    service: () => json(commandTemplates.cimService),
    async slmgrIni() {
      const { output, result } = await runPowerShell(commandTemplates.slmgrIni, {});
      if (output.error !== null) return output;
      const found = (result ?? {}) as { path?: string; base64?: string; absent?: boolean };
      if (found.absent === true || typeof found.base64 !== 'string') return failedOutput(output.command, `no slmgr.ini for the display language (${found.path ?? 'unknown path'}): slmgr printed English labels`, output.durationMs, true);
      const bytes = Buffer.from(found.base64, 'base64');
      const decoded = decodeText(bytes);
      return { ...output, command: `read ${found.path ?? 'slmgr.ini'}`, bytes, text: decoded.text, encoding: decoded.encoding };
    },
    kmsHostEvents: (window) => events(eventTemplate(commandTemplates.kmsHostEvents, eventQueries.kmsHost), eventQueries.kmsHost, window),
    applicationSppEvents: (window) => events(eventTemplate(commandTemplates.applicationSppEvents, eventQueries.applicationSpp), eventQueries.applicationSpp, window),
    async exportKmsHostLog(destination) {
      const output = await runProcess(commandTemplates.wevtutilExportKmsHost, { destination });
      return output.error === null ? { ...output, encoding: 'binary', file: destination } : output;
    },
    async exportApplicationSppLog(destination, window) {
      const output = await runProcess(commandTemplates.wevtutilExportApplicationSpp, { destination, days: window.days });
      return output.error === null ? { ...output, encoding: 'binary', file: destination } : output;
    },
    eventLogHealth: () => json(commandTemplates.eventLogHealth),
    dnsClient: () => json(commandTemplates.dnsClient),
    kmsClientRegistry: () => json(commandTemplates.kmsClientRegistry),
    kmsHostConfig: () => json(commandTemplates.kmsHostConfig),
    firewall: () => json(commandTemplates.firewall),
    systemInfo: () => json(commandTemplates.systemInfo),
    close: () => deps.session.dispose(),
  };
}

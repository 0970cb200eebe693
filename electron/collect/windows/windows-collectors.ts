import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { writeEvtxAsXml, type EvtxXmlExport, type EvtxXmlOptions } from '../../evidence/evtx-file.js';
import type { Collectors, EventStreamFacts, EventWindow, RawOutput } from '../collectors.js';
import { failedOutput } from '../collectors.js';
import { decodeText } from '../decode-text.js';
import { buildPowerShellInvocation, commandTemplates, resultMarker, validSystemRoot, type PowerShellTemplate, type ProcessTemplate, type WindowsEnvironment } from './commands.js';
import { createPowerShellProcessSession, type PowerShellSession } from './powershell-session.js';
import { nodeProcessRunner, type ProcessRunner } from './process-runner.js';

export interface WindowsCollectorDeps {
  readonly runner: ProcessRunner;
  readonly session: PowerShellSession;
  readonly env?: WindowsEnvironment;
  /** Whether a file exists (injected for tests): the VBScript engine is looked for on disk, not in cscript's words. */
  readonly fileExists?: (file: string) => boolean;
  /** Aborted on cancel: no program starts afterwards. */
  readonly signal?: AbortSignal;
  /** Reads an exported event query into event XML (injected for the plan, which reads nothing). */
  readonly readExport?: (evtxFile: string, xmlFile: string, options: EvtxXmlOptions) => Promise<EvtxXmlExport>;
}

/** One event query: its export (the first way) and its `wevtutil qe` stream (the fallback). */
interface EventQuerySource {
  readonly exported: ProcessTemplate<{ destination: string; days: number }>;
  readonly streamed: ProcessTemplate<{ days: number; maxEvents: number }>;
}

/** The private .evtx an event query is exported to before it is read: beside the XML, never in the bundle. */
export function queryExportFile(destination: string): string {
  return `${destination.replace(/\.xml$/i, '')}.query.evtx`;
}

/** wevtutil's exit code is the Win32 error: ERROR_EVT_CHANNEL_NOT_FOUND when the log does not exist here. */
const channelNotFound = 15007;

/** Counts event records in streamed XML (`<Event xmlns=…>` opens each), across chunk boundaries. */
export function createEventCounter(): { push(chunk: Uint8Array): void; readonly count: number } {
  // Both encodings a console tool may write to a pipe: a UTF-16LE stream is counted too, not read as empty.
  const needles = [Buffer.from('<Event xmlns', 'latin1'), Buffer.from('<Event xmlns', 'utf16le')];
  const keep = Math.max(...needles.map((needle) => needle.length)) - 1;
  let carry = Buffer.alloc(0);
  let count = 0;
  return {
    push(chunk) {
      const joined = carry.length === 0 ? Buffer.from(chunk) : Buffer.concat([carry, chunk]);
      // Matches wholly inside the carried tail were counted with the previous chunk.
      const from = carry.length;
      for (const needle of needles) {
        for (let at = joined.indexOf(needle); at >= 0; at = joined.indexOf(needle, at + needle.length)) {
          if (at + needle.length > from) count++;
        }
      }
      carry = Buffer.from(joined.subarray(Math.max(0, joined.length - keep)));
    },
    get count() {
      return count;
    },
  };
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
  const fileExists = deps.fileExists ?? existsSync;
  // close() (a cancel) stops running programs and keeps queued ones from starting.
  const stop = new AbortController();
  const signal = deps.signal === undefined ? stop.signal : AbortSignal.any([deps.signal, stop.signal]);
  const vbscriptEngine = `${env.systemRoot.replace(/[\\/]+$/, '')}\\System32\\vbscript.dll`;

  const runProcess = async <P>(template: ProcessTemplate<P>, params: unknown, stream?: { readonly file: string; readonly onStdout: (chunk: Buffer) => void }): Promise<RawOutput> => {
    const parsed = template.params.safeParse(params);
    if (!parsed.success) return failedOutput('(refused)', `invalid parameters: ${parsed.error.issues[0]?.message ?? 'rejected'}`);
    const { file, args } = template.build(parsed.data, env);
    const command = displayCommand(file, args);
    if (signal.aborted) return failedOutput(command, 'cancelled before it started');
    const result = await deps.runner.run(file, args, {
      timeoutMs: template.timeoutMs,
      signal,
      ...(stream !== undefined ? { stdoutFile: stream.file, onStdout: stream.onStdout } : {}),
    });
    if (result.cancelled === true) return failedOutput(command, 'cancelled; the process was stopped', result.durationMs);
    if (result.outputError) return failedOutput(command, result.outputError, result.durationMs);
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
      // cscript.exe present but the VBScript feature removed: its engine (vbscript.dll) is gone. Looked for on
      // disk, so a localized cscript message ("スクリプト エンジン …") is recognised the same way.
      if (/cscript/i.test(file) && !fileExists(vbscriptEngine)) {
        return failedOutput(command, `VBScript is not installed (${vbscriptEngine} is absent; an optional feature since Windows 11 24H2${detail ? `; cscript said: ${detail}` : ''}); the diagnosis uses the CIM licensing data instead`, result.durationMs, true);
      }
      error = `exit code ${result.exitCode}${detail ? `: ${detail}` : ''}`;
    }
    return { command, exitCode: result.exitCode, durationMs: result.durationMs, encoding: template.encoding, error, bytes: result.stdout, text, ...(result.timedOut ? { timedOut: true } : {}) };
  };

  /** Runs a PowerShell template; returns the wrapper's `result` or the error it reported. */
  const runPowerShell = async <P>(
    template: PowerShellTemplate<P>,
    params: unknown,
  ): Promise<{ output: RawOutput; result: unknown }> => {
    const command = params !== undefined && Object.keys(params as object).length > 0 ? `${template.describe}  # parameters ${JSON.stringify(params)}` : template.describe;
    const parsed = template.params.safeParse(params ?? {});
    if (!parsed.success) return { output: failedOutput(command, `invalid parameters: ${parsed.error.issues[0]?.message ?? 'rejected'}`), result: null };
    if (signal.aborted) return { output: failedOutput(command, 'cancelled before it started'), result: null };
    const ran = await deps.session.invoke(buildPowerShellInvocation(template.script, parsed.data), { timeoutMs: template.timeoutMs });
    if (ran.error !== null) return { output: failedOutput(command, ran.error, ran.durationMs), result: null };
    const resultLine = ran.stdout.split(/\r?\n/).filter((line) => line.startsWith(resultMarker)).pop();
    let envelope: Envelope | null;
    try {
      envelope = resultLine !== undefined ? (JSON.parse(Buffer.from(resultLine.slice(resultMarker.length).trim(), 'base64').toString('utf8')) as Envelope) : null;
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

  const readExport = deps.readExport ?? writeEvtxAsXml;

  /**
   * An event query: exported with `wevtutil epl` (the same XPath), read by the built-in .evtx reader into
   * event XML at `destination`, the newest `maxEvents` kept; a damaged record is skipped and counted. When
   * the export cannot be made (other than a timeout) or read, the `wevtutil qe` stream is the fallback.
   * A cut-short window (cap, skipped records, a stream that stopped) is recorded, never silent.
   */
  const events = async (source: EventQuerySource, window: EventWindow, destination: string): Promise<RawOutput> => {
    const exportFile = queryExportFile(destination);
    const exported = await runProcess(source.exported, { destination: exportFile, days: window.days });
    if (exported.exitCode === channelNotFound) return failedOutput(exported.command, 'the event log does not exist on this machine', exported.durationMs, true);
    // Timed out, cancelled, refused or not started: the stream would fare no better. Only an export that
    // wevtutil refused with an error code (or that cannot be read) falls back to the stream.
    if (exported.error !== null && exported.exitCode === null) return exported;
    let fallback: string;
    if (exported.error === null) {
      const started = performance.now();
      try {
        const read = await readExport(exportFile, destination, { keepNewest: window.maxEvents });
        const facts: EventStreamFacts = {
          records: read.records,
          maxEvents: window.maxEvents,
          capped: read.readable > window.maxEvents,
          incomplete: null,
          stopCode: null,
          skippedRecords: read.skipped,
          reader: 'evtx-export',
        };
        const command = `${exported.command}; then read by the built-in .evtx reader (newest ${window.maxEvents} records as event XML)`;
        return { ...exported, command, durationMs: exported.durationMs + Math.round(performance.now() - started), encoding: 'utf-8', file: destination, eventStream: facts };
      } catch (error) {
        fallback = `the export could not be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
      } finally {
        await rm(exportFile, { force: true }).catch(() => undefined);
      }
    } else {
      fallback = `the export failed (${exported.error})`;
    }
    const streamed = await stream(source.streamed, window, destination);
    return { ...streamed, command: `${streamed.command}  # ${fallback}` };
  };

  /** The `wevtutil qe` stream: written to `destination` as it is read; what it read before it stopped is kept. */
  const stream = async (template: ProcessTemplate<{ days: number; maxEvents: number }>, window: EventWindow, destination: string): Promise<RawOutput> => {
    const counter = createEventCounter();
    const output = await runProcess(template, { ...window }, { file: destination, onStdout: (chunk) => counter.push(chunk) });
    const records = counter.count;
    if (output.exitCode === channelNotFound) return failedOutput(output.command, 'the event log does not exist on this machine', output.durationMs, true);
    // Nothing read, or stopped by something other than its timeout or its own exit (a cancel, its output
    // file): a failed step. Otherwise what it read is kept.
    if (output.error !== null && (records === 0 || (output.exitCode === null && output.timedOut !== true))) return output;
    // Stopped part-way (timeout, a record it could not render): the records read so far are evidence, kept.
    const stopCode = output.error === null ? null : output.timedOut === true ? 'timeout' : 'process-error';
    return {
      ...output,
      error: null,
      encoding: template.encoding,
      file: destination,
      eventStream: {
        records,
        maxEvents: window.maxEvents,
        capped: records >= window.maxEvents,
        incomplete: output.error !== null ? `stopped after ${records} record(s): ${output.error}` : null,
        stopCode,
        ...(stopCode === 'process-error' && output.exitCode !== null ? { exitCode: output.exitCode } : {}),
        skippedRecords: 0,
        reader: 'wevtutil-qe',
      },
    };
  };

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
    kmsHostEvents: (window, destination) => events({ exported: commandTemplates.kmsHostEventsExport, streamed: commandTemplates.kmsHostEvents }, window, destination),
    hostDnsPublishEvents: (window, destination) => events({ exported: commandTemplates.hostDnsPublishEventsExport, streamed: commandTemplates.hostDnsPublishEvents }, window, destination),
    applicationSppEvents: (window, destination) => events({ exported: commandTemplates.applicationSppEventsExport, streamed: commandTemplates.applicationSppEvents }, window, destination),
    async exportKmsHostLog(destination) {
      const output = await runProcess(commandTemplates.wevtutilExportKmsHost, { destination });
      return output.error === null ? { ...output, encoding: 'binary', file: destination } : output;
    },
    async exportHostDnsPublishLog(destination, window) {
      const output = await runProcess(commandTemplates.wevtutilExportHostDnsPublish, { destination, days: window.days });
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
    resolveSrv: async (names) => (await runPowerShell(commandTemplates.resolveSrv, { names: [...names] })).output,
    systemInfo: () => json(commandTemplates.systemInfo),
    async close() {
      stop.abort();
      await deps.session.dispose();
    },
  };
}

/** The collectors of this machine: real programs, PowerShell by absolute path, one cancel for all of them. */
export function createLiveWindowsCollectors(options: { readonly signal?: AbortSignal } = {}): Collectors {
  const env: WindowsEnvironment = { systemRoot: validSystemRoot(process.env.SystemRoot) };
  const session = createPowerShellProcessSession({ runner: nodeProcessRunner, env, ...(options.signal !== undefined ? { signal: options.signal } : {}) });
  return createWindowsCollectors({ runner: nodeProcessRunner, session, env, ...(options.signal !== undefined ? { signal: options.signal } : {}) });
}

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventCounter, createWindowsCollectors as createCollectors, queryExportFile, type WindowsCollectorDeps } from '../../../../electron/collect/windows/windows-collectors.js';
import type { PowerShellResult, PowerShellSession } from '../../../../electron/collect/windows/powershell-session.js';
import type { ProcessResult, ProcessRunner } from '../../../../electron/collect/windows/process-runner.js';
import { record12290, writeEvtx } from '../../../helpers/evtx-writer.js';

// Recorded output of `cscript //nologo //U slmgr.vbs /dlv` (a real published /dlv, re-encoded as cscript //U writes it).
const dlvText = readFileSync(new URL('../fixtures/slmgr-dlv-client-en-03-win11-notification.txt', import.meta.url), 'utf8').split('\n').slice(1).join('\r\n');
const env = { systemRoot: 'C:\\Windows' };
/** The VBScript engine is present unless a test says otherwise (the tests do not run on Windows). */
const createWindowsCollectors = (deps: WindowsCollectorDeps) => createCollectors({ fileExists: () => true, ...deps });

interface Call {
  file: string;
  args: readonly string[];
  timeoutMs: number;
  stdoutFile?: string;
}

/**
 * A runner that answers from recordings and remembers what it was asked to run. A streamed call gets its
 * stdout written to the file in 7-byte pieces (so record counting is tested across piece boundaries).
 */
function recordedRunner(answer: (call: Call) => Partial<ProcessResult>): ProcessRunner & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    async run(file, args, { timeoutMs, stdoutFile, onStdout }) {
      const call = { file, args, timeoutMs, ...(stdoutFile !== undefined ? { stdoutFile } : {}) };
      calls.push(call);
      const result: ProcessResult = { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), exitCode: 0, durationMs: 5, timedOut: false, spawnError: null, ...answer(call) };
      if (stdoutFile === undefined) return result;
      writeFileSync(stdoutFile, result.stdout);
      for (let at = 0; at < result.stdout.length; at += 7) onStdout?.(result.stdout.subarray(at, at + 7));
      return { ...result, stdout: Buffer.alloc(0) };
    },
  };
}

/** A session that answers each script from a recording of what PowerShell printed. */
function recordedSession(answer: (script: string) => Partial<PowerShellResult>): PowerShellSession & { scripts: string[]; disposed: boolean } {
  const session = {
    scripts: [] as string[],
    disposed: false,
    async invoke(script: string) {
      session.scripts.push(script);
      return { stdout: '', stderr: '', durationMs: 7, timedOut: false, error: null, ...answer(script) };
    },
    async dispose() {
      session.disposed = true;
    },
  };
  return session;
}

/** What the wrapper prints: its marker, then base64 of the UTF-8 JSON envelope. */
const printed = (envelope: unknown): string => `KMSD-RESULT:${Buffer.from(JSON.stringify(envelope), 'utf8').toString('base64')}\r\n`;
const ok = (result: unknown): Partial<PowerShellResult> => ({ stdout: printed({ ok: true, result }) });
const noSession = recordedSession(() => ({ error: 'not expected' }));
const noRunner = recordedRunner(() => ({ spawnError: 'not expected' }));

describe('Windows collectors on recorded outputs', () => {
  it('slmgr /dlv: cscript //nologo //U as an argument array, UTF-16LE decoded, original bytes kept', async () => {
    const runner = recordedRunner(() => ({ stdout: Buffer.from(dlvText, 'utf16le') }));
    const output = await createWindowsCollectors({ runner, session: noSession, env }).dlv();
    expect(runner.calls).toEqual([{ file: 'C:\\Windows\\System32\\cscript.exe', args: ['//nologo', '//U', 'C:\\Windows\\System32\\slmgr.vbs', '/dlv'], timeoutMs: 120_000 }]);
    expect(output.error).toBeNull();
    expect(output.encoding).toBe('utf-16le');
    expect(output.text).toBe(dlvText);
    expect(output.text).toContain('Notification Reason: 0xC004F056.');
    expect(Buffer.from(output.bytes).equals(Buffer.from(dlvText, 'utf16le'))).toBe(true);
    expect(output.command).toBe('C:\\Windows\\System32\\cscript.exe //nologo //U C:\\Windows\\System32\\slmgr.vbs /dlv');
    expect(output.exitCode).toBe(0);
  });

  it('slmgr /dlv all passes "all" as its own argument', async () => {
    const runner = recordedRunner(() => ({ stdout: Buffer.from(dlvText, 'utf16le') }));
    await createWindowsCollectors({ runner, session: noSession, env }).dlvAll();
    expect(runner.calls[0]?.args).toEqual(['//nologo', '//U', 'C:\\Windows\\System32\\slmgr.vbs', '/dlv', 'all']);
  });

  it('a missing cscript.exe (VBScript removed) is a recorded condition, not a crash', async () => {
    const runner = recordedRunner(() => ({ spawnError: 'ENOENT', exitCode: null }));
    const output = await createWindowsCollectors({ runner, session: noSession, env }).dlv();
    expect(output.absent).toBe(true);
    expect(output.error).toMatch(/cscript\.exe is missing \(VBScript is an optional feature since Windows 11 24H2\); the diagnosis uses the CIM licensing data/);
  });

  it('cscript without the VBScript engine is the same recorded condition, whatever language cscript speaks', async () => {
    // A Japanese cscript's message (no English words to match): the absent vbscript.dll is what is read.
    const message = 'CScript エラー: スクリプト "C:\\Windows\\System32\\slmgr.vbs" のスクリプト エンジン "VBScript" が見つかりません。\r\n';
    const runner = recordedRunner(() => ({ exitCode: 1, stdout: Buffer.from(message, 'utf16le') }));
    const looked: string[] = [];
    const output = await createCollectors({ runner, session: noSession, env, fileExists: (file) => (looked.push(file), false) }).dlv();
    expect(looked).toEqual(['C:\\Windows\\System32\\vbscript.dll']);
    expect(output.absent).toBe(true);
    expect(output.error).toMatch(/^VBScript is not installed \(C:\\Windows\\System32\\vbscript\.dll is absent; .*the diagnosis uses the CIM licensing data instead$/);
  });

  it('a cscript failure with the engine present is an error, not "VBScript missing"', async () => {
    const runner = recordedRunner(() => ({ exitCode: 1, stdout: Buffer.from('CScript Error: Can\'t find script engine "VBScript"\r\n', 'utf16le') }));
    const output = await createWindowsCollectors({ runner, session: noSession, env }).dlv();
    expect(output.absent).toBeUndefined();
    expect(output.error).toMatch(/^exit code 1: /);
  });

  it('a timed-out command is reported as killed', async () => {
    const runner = recordedRunner(() => ({ timedOut: true, exitCode: null, durationMs: 120_000 }));
    const output = await createWindowsCollectors({ runner, session: noSession, env }).dlv();
    expect(output.error).toBe('timed out after 120000 ms; the process was killed');
    expect(output.durationMs).toBe(120_000);
  });

  it('a non-zero exit is an error with the first line cscript printed', async () => {
    const message = 'Input Error: Can not find script file "C:\\Windows\\System32\\slmgr.vbs".\r\n';
    const runner = recordedRunner(() => ({ exitCode: 1, stdout: Buffer.from(message, 'utf16le') }));
    const output = await createWindowsCollectors({ runner, session: noSession, env }).dlv();
    expect(output.error).toBe('exit code 1: Input Error: Can not find script file "C:\\Windows\\System32\\slmgr.vbs".');
  });

  it('wevtutil epl exports the KMS log to the given file as an argument array', async () => {
    const runner = recordedRunner(() => ({}));
    const output = await createWindowsCollectors({ runner, session: noSession, env }).exportKmsHostLog('C:\\Temp\\kmsd-run-1\\events\\kms-host.evtx');
    expect(runner.calls[0]).toEqual({ file: 'C:\\Windows\\System32\\wevtutil.exe', args: ['epl', 'Key Management Service', 'C:\\Temp\\kmsd-run-1\\events\\kms-host.evtx', '/ow:true'], timeoutMs: 120_000 });
    expect(output).toMatchObject({ error: null, encoding: 'binary', file: 'C:\\Temp\\kmsd-run-1\\events\\kms-host.evtx' });
  });

  it('wevtutil exports the host\'s DNS-publishing events from the Application log', async () => {
    const runner = recordedRunner(() => ({}));
    await createWindowsCollectors({ runner, session: noSession, env }).exportHostDnsPublishLog('C:\\Temp\\d.evtx', { days: 30, maxEvents: 10 });
    expect(runner.calls[0]?.args).toEqual(['epl', 'Application', 'C:\\Temp\\d.evtx', '/q:*[System[(EventID=12293 or EventID=12294) and TimeCreated[timediff(@SystemTime) <= 2592000000]]]', '/ow:true']);
  });

  it('wevtutil for the Application log filters SPP events in the window', async () => {
    const runner = recordedRunner(() => ({}));
    await createWindowsCollectors({ runner, session: noSession, env }).exportApplicationSppLog('C:\\Temp\\a.evtx', { days: 7, maxEvents: 10 });
    const query = runner.calls[0]?.args[3];
    expect(query).toMatch(/^\/q:\*\[System\[Provider\[@Name='Microsoft-Windows-Security-SPP'\]/);
    expect(query).toContain('timediff(@SystemTime) <= 604800000');
  });

  it('refuses an export path that could smuggle arguments, without running anything', async () => {
    const runner = recordedRunner(() => ({}));
    const output = await createWindowsCollectors({ runner, session: noSession, env }).exportKmsHostLog('C:\\x.evtx" /q:* "C:\\y.evtx');
    expect(runner.calls).toHaveLength(0);
    expect(output.error).toMatch(/^invalid parameters: an absolute \.evtx path/);
  });

  it('CIM products: the result JSON of the fixed script, pretty-printed', async () => {
    const products = [{ Name: 'Windows(R), Professional edition', Description: 'Windows(R) Operating System, VOLUME_KMSCLIENT channel', LicenseStatus: 5, PartialProductKey: 'T83GX' }];
    const session = recordedSession(() => ok(products));
    const output = await createWindowsCollectors({ runner: noRunner, session, env }).products();
    expect(session.scripts[0]).toContain("Get-CimInstance -ClassName SoftwareLicensingProduct -Filter 'PartialProductKey IS NOT NULL'");
    expect(session.scripts[0]).toContain('ConvertTo-Json -InputObject $o -Depth 8');
    expect(session.scripts[0]).toContain("[Console]::Out.WriteLine('KMSD-RESULT:' + [Convert]::ToBase64String(");
    expect(JSON.parse(output.text)).toEqual(products);
    expect(output).toMatchObject({ error: null, encoding: 'utf-8', exitCode: 0, durationMs: 7 });
  });

  it('non-ASCII results (a Japanese product name) arrive intact through the ASCII result line', async () => {
    const products = [{ Name: 'Windows(R), Enterprise edition', Description: 'ライセンス認証 VOLUME_KMSCLIENT channel', LicenseStatus: 1 }];
    const session = recordedSession(() => ok(products));
    const output = await createWindowsCollectors({ runner: noRunner, session, env }).products();
    expect(JSON.parse(output.text)).toEqual(products);
  });

  it('a PowerShell error is captured as data with its error id', async () => {
    const session = recordedSession(() => ({ stdout: printed({ ok: false, error: 'Access denied', errorId: 'HRESULT 0x80041003,Get-CimInstance' }) }));
    const output = await createWindowsCollectors({ runner: noRunner, session, env }).service();
    expect(output.error).toBe('Access denied (HRESULT 0x80041003,Get-CimInstance)');
    expect(output.text).toBe('');
  });

  it('a PowerShell session that timed out or printed nothing is a failed step, not a crash', async () => {
    const timedOut = await createWindowsCollectors({ runner: noRunner, session: recordedSession(() => ({ timedOut: true, error: 'timed out after 60000 ms; PowerShell was stopped' })), env }).firewall();
    expect(timedOut.error).toBe('timed out after 60000 ms; PowerShell was stopped');
    const silent = await createWindowsCollectors({ runner: noRunner, session: recordedSession(() => ({ stderr: 'The term is not recognized\r\n' })), env }).dnsClient();
    expect(silent.error).toBe('PowerShell printed no result: The term is not recognized');
  });

  describe('event queries: exported with wevtutil epl, read by the built-in reader; the qe stream as fallback', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'kmsd-events-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });
    const event = (id: number): string => `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>${id}</EventID></System></Event>`;
    const host = { computer: 'kms01.contoso.com' };
    /** A KMS log of n 12290 records, record ids 1..n, a minute apart. */
    const kmsLog = (n: number): Buffer =>
      writeEvtx(Array.from({ length: n }, (_, i) => record12290({ ...host, time: `2026-10-01T07:${String(i).padStart(2, '0')}:00Z`, recordId: i + 1 }, ['0x0', '25', `pc${i + 1}`, `b0000000-0000-4000-8000-00000000000${i % 10}`, '2026/10/1 7:00', '0', '1', '259200', 'act'])));
    /** A runner whose `wevtutil epl` writes `log` to its destination (args[2]) and whose `qe` prints `qe`. */
    const exporting = (log: Buffer | null, qe: Partial<ProcessResult> = { stdout: Buffer.from('<Events></Events>') }, epl: Partial<ProcessResult> = {}) =>
      recordedRunner((call) => {
        if (call.args[0] !== 'epl') return qe;
        if (log !== null && epl.exitCode === undefined) writeFileSync(call.args[2]!, log);
        return epl;
      });
    /** The record ids of the event XML the collector wrote. */
    const recordIds = async (file: string): Promise<number[]> => [...(await readFile(file, 'utf8')).matchAll(/<EventRecordID>(\d+)<\/EventRecordID>/g)].map((m) => Number(m[1]));

    it('KMS host: 12290 of the window exported from the KMS log, read into event XML, the export deleted', async () => {
      const runner = exporting(kmsLog(3));
      const file = path.join(dir, 'kms-host.xml');
      const output = await createWindowsCollectors({ runner, session: noSession, env }).kmsHostEvents({ days: 30, maxEvents: 5000 }, file);
      expect(runner.calls).toEqual([
        {
          file: 'C:\\Windows\\System32\\wevtutil.exe',
          args: ['epl', 'Key Management Service', queryExportFile(file), '/q:*[System[(EventID=12290) and TimeCreated[timediff(@SystemTime) <= 2592000000]]]', '/ow:true'],
          timeoutMs: 300_000,
        },
      ]);
      expect(await recordIds(file)).toEqual([1, 2, 3]);
      expect(existsSync(queryExportFile(file))).toBe(false);
      expect(output).toMatchObject({ error: null, file, encoding: 'utf-8' });
      expect(output.eventStream).toEqual({ records: 3, maxEvents: 5000, capped: false, incomplete: null, stopCode: null, skippedRecords: 0, reader: 'evtx-export' });
      expect(output.command).toContain('then read by the built-in .evtx reader');
    });

    it('the cap keeps the newest records and is recorded: the oldest part of the window is missing', async () => {
      const file = path.join(dir, 'cap.xml');
      const output = await createWindowsCollectors({ runner: exporting(kmsLog(5)), session: noSession, env }).kmsHostEvents({ days: 30, maxEvents: 2 }, file);
      expect(await recordIds(file)).toEqual([4, 5]);
      expect(output.eventStream).toMatchObject({ records: 2, maxEvents: 2, capped: true });
    });

    it('damaged records are skipped and counted, not fatal (a real damaged log)', async () => {
      const damaged = readFileSync(new URL('../../../fixtures/evtx/sample-with-zero-data-size-event.evtx', import.meta.url));
      const file = path.join(dir, 'damaged.xml');
      const output = await createWindowsCollectors({ runner: exporting(damaged), session: noSession, env }).applicationSppEvents({ days: 30, maxEvents: 100_000 }, file);
      expect(output.error).toBeNull();
      expect(output.eventStream).toEqual({ records: 335, maxEvents: 100_000, capped: false, incomplete: null, stopCode: null, skippedRecords: 115, reader: 'evtx-export' });
      expect((await recordIds(file)).length).toBe(335);
    });

    it('an export wevtutil refuses falls back to the qe stream, which says why', async () => {
      // /uni:true: the stream is UTF-16LE, kept as written and recorded as such.
      const runner = exporting(null, { stdout: Buffer.from(`<Events>${event(12293)}</Events>`, 'utf16le') }, { exitCode: 5, stderr: Buffer.from('Failed to export log. Access is denied.\r\n') });
      const file = path.join(dir, 'dns.xml');
      const output = await createWindowsCollectors({ runner, session: noSession, env }).hostDnsPublishEvents({ days: 7, maxEvents: 100 }, file);
      expect(runner.calls.map((call) => call.args[0])).toEqual(['epl', 'qe']);
      expect(runner.calls[1]).toEqual({
        file: 'C:\\Windows\\System32\\wevtutil.exe',
        args: ['qe', 'Application', '/q:*[System[(EventID=12293 or EventID=12294) and TimeCreated[timediff(@SystemTime) <= 604800000]]]', '/f:xml', '/e:Events', '/rd:true', '/c:100', '/uni:true'],
        timeoutMs: 300_000,
        stdoutFile: file,
      });
      expect(await readFile(file, 'utf16le')).toBe(`<Events>${event(12293)}</Events>`);
      expect(output.encoding).toBe('utf-16le');
      expect(output.eventStream).toEqual({ records: 1, maxEvents: 100, capped: false, incomplete: null, stopCode: null, skippedRecords: 0, reader: 'wevtutil-qe' });
      expect(output.command).toContain('# the export failed (exit code 5: Failed to export log. Access is denied.)');
    });

    it('an export that cannot be read falls back to the qe stream', async () => {
      const runner = exporting(Buffer.from('not an event log'));
      const output = await createWindowsCollectors({ runner, session: noSession, env }).kmsHostEvents({ days: 30, maxEvents: 10 }, path.join(dir, 'unreadable.xml'));
      expect(runner.calls.map((call) => call.args[0])).toEqual(['epl', 'qe']);
      expect(output.eventStream?.reader).toBe('wevtutil-qe');
      expect(output.command).toContain('# the export could not be read (not an .evtx log (no ElfFile signature))');
    });

    it('a stream stopped by its timeout keeps what it read, with the stop code', async () => {
      const runner = exporting(null, { stdout: Buffer.from(`<Events>${event(12290)}`), exitCode: null, timedOut: true, durationMs: 300_000 }, { exitCode: 5 });
      const output = await createWindowsCollectors({ runner, session: noSession, env }).kmsHostEvents({ days: 30, maxEvents: 100 }, path.join(dir, 'part.xml'));
      expect(output.error).toBeNull();
      expect(output.eventStream).toEqual({ records: 1, maxEvents: 100, capped: false, incomplete: 'stopped after 1 record(s): timed out after 300000 ms; the process was killed', stopCode: 'timeout', skippedRecords: 0, reader: 'wevtutil-qe' });
    });

    it('a stream that stops at a record it cannot render: process-error with the exit code', async () => {
      const runner = exporting(null, { stdout: Buffer.from(`<Events>${event(12290)}${event(12290)}`, 'utf16le'), exitCode: 15005, stderr: Buffer.from('Failed to render event.\r\n', 'utf16le') }, { exitCode: 5 });
      const output = await createWindowsCollectors({ runner, session: noSession, env }).kmsHostEvents({ days: 30, maxEvents: 100 }, path.join(dir, 'render.xml'));
      expect(output.eventStream).toEqual({ records: 2, maxEvents: 100, capped: false, incomplete: 'stopped after 2 record(s): exit code 15005: Failed to render event.', stopCode: 'process-error', exitCode: 15005, skippedRecords: 0, reader: 'wevtutil-qe' });
    });

    it('an export that timed out is a failed step: the stream would fare no better', async () => {
      const runner = exporting(null, {}, { exitCode: null, timedOut: true });
      const output = await createWindowsCollectors({ runner, session: noSession, env }).kmsHostEvents({ days: 30, maxEvents: 100 }, path.join(dir, 'slow.xml'));
      expect(runner.calls).toHaveLength(1);
      expect(output.error).toBe('timed out after 300000 ms; the process was killed');
    });

    it('a missing KMS log (not a KMS host) is absent: wevtutil exits with ERROR_EVT_CHANNEL_NOT_FOUND', async () => {
      const runner = exporting(null, {}, { exitCode: 15007, stderr: Buffer.from('Failed to export log. The specified channel could not be found.\r\n') });
      const output = await createWindowsCollectors({ runner, session: noSession, env }).kmsHostEvents({ days: 30, maxEvents: 10 }, path.join(dir, 'none.xml'));
      expect(runner.calls).toHaveLength(1);
      expect(output).toMatchObject({ absent: true, error: 'the event log does not exist on this machine' });
    });

    it('client SPP events: the Application log, the SPP provider and its ids, the same XPath for export and stream', async () => {
      const runner = exporting(null, { stdout: Buffer.from('<Events></Events>') }, { exitCode: 5 });
      const output = await createWindowsCollectors({ runner, session: noSession, env }).applicationSppEvents({ days: 30, maxEvents: 10 }, path.join(dir, 'spp.xml'));
      const xpath = "/q:*[System[Provider[@Name='Microsoft-Windows-Security-SPP'] and (EventID=12288 or EventID=12289 or EventID=8198 or EventID=12308 or EventID=1003) and TimeCreated[timediff(@SystemTime) <= 2592000000]]]";
      expect(runner.calls[0]?.args[3]).toBe(xpath);
      expect(runner.calls[1]?.args[2]).toBe(xpath);
      expect(output.eventStream?.records).toBe(0);
    });

    it('the record counter finds every opening tag wherever the pieces split it, in UTF-8 or UTF-16LE', () => {
      const xml = `<Events>${event(1)}${event(2)}${event(3)}</Events>`;
      for (const text of [Buffer.from(xml, 'utf8'), Buffer.from(xml, 'utf16le')]) {
        for (let size = 1; size <= 40; size++) {
          const counter = createEventCounter();
          for (let at = 0; at < text.length; at += size) counter.push(text.subarray(at, at + size));
          expect(counter.count, `pieces of ${size}`).toBe(3);
        }
      }
    });
  });

  it('slmgr.ini: the bytes as stored (UTF-16), decoded for the parser; absent on an English system', async () => {
    const ini = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('L_MsgLicenseStatusLicensed_1="ライセンスされています"\r\n', 'utf16le')]);
    const present = await createWindowsCollectors({ runner: noRunner, session: recordedSession(() => ok({ path: 'C:\\Windows\\System32\\slmgr\\0411\\slmgr.ini', base64: ini.toString('base64') })), env }).slmgrIni();
    expect(Buffer.from(present.bytes).equals(ini)).toBe(true);
    expect(present.text).toBe('L_MsgLicenseStatusLicensed_1="ライセンスされています"\r\n');
    expect(present.command).toBe('read C:\\Windows\\System32\\slmgr\\0411\\slmgr.ini');
    const absent = await createWindowsCollectors({ runner: noRunner, session: recordedSession(() => ok({ path: 'C:\\Windows\\System32\\slmgr\\0409\\slmgr.ini', absent: true })), env }).slmgrIni();
    expect(absent.absent).toBe(true);
  });

  it('every other collector runs its own fixed script and returns its JSON', async () => {
    const session = recordedSession((script) => ok({ script: script.length }));
    const collectors = createWindowsCollectors({ runner: noRunner, session, env });
    const outputs = await Promise.all([collectors.eventLogHealth(), collectors.dnsClient(), collectors.kmsClientRegistry(), collectors.kmsHostConfig(), collectors.firewall(), collectors.systemInfo()]);
    expect(outputs.every((output) => output.error === null)).toBe(true);
    expect(session.scripts[0]).toContain("Get-WinEvent -ListLog 'Key Management Service','Application'");
    expect(session.scripts[1]).toContain('Get-DnsClientServerAddress');
    expect(session.scripts[2]).toContain('KeyManagementServiceLookupDomain');
    expect(session.scripts[3]).toContain('DisableDnsPublishing');
    expect(session.scripts[4]).toContain('Get-NetFirewallRule -PolicyStore ActiveStore -Enabled True -Direction Inbound -Action Allow');
    expect(session.scripts[5]).toContain('IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)');
    await collectors.close();
    expect(session.disposed).toBe(true);
  });
});

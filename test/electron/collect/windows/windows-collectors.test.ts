import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWindowsCollectors } from '../../../../electron/collect/windows/windows-collectors.js';
import type { PowerShellResult, PowerShellSession } from '../../../../electron/collect/windows/powershell-session.js';
import type { ProcessResult, ProcessRunner } from '../../../../electron/collect/windows/process-runner.js';

// Recorded output of `cscript //nologo //U slmgr.vbs /dlv` (a real published /dlv, re-encoded as cscript //U writes it).
const dlvText = readFileSync(new URL('../fixtures/slmgr-dlv-client-en-03-win11-notification.txt', import.meta.url), 'utf8').split('\n').slice(1).join('\r\n');
const env = { systemRoot: 'C:\\Windows' };

interface Call {
  file: string;
  args: readonly string[];
  timeoutMs: number;
}

/** A runner that answers from recordings and remembers what it was asked to run. */
function recordedRunner(answer: (call: Call) => Partial<ProcessResult>): ProcessRunner & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    async run(file, args, { timeoutMs }) {
      const call = { file, args, timeoutMs };
      calls.push(call);
      return { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), exitCode: 0, durationMs: 5, timedOut: false, spawnError: null, ...answer(call) };
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

const ok = (result: unknown): Partial<PowerShellResult> => ({ stdout: `${JSON.stringify({ ok: true, result })}\r\n` });
const noSession = recordedSession(() => ({ error: 'not expected' }));
const noRunner = recordedRunner(() => ({ spawnError: 'not expected' }));

/** The parameters a script line carries: the base64 literal decoded. */
function paramsOf(script: string): unknown {
  const literal = /FromBase64String\('([A-Za-z0-9+/=]*)'\)/.exec(script)?.[1];
  return JSON.parse(Buffer.from(literal ?? '', 'base64').toString('utf8'));
}

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

  it('cscript without the VBScript engine is the same recorded condition', async () => {
    const message = 'CScript Error: Can\'t find script engine "VBScript" for script "C:\\Windows\\System32\\slmgr.vbs".\r\n';
    const runner = recordedRunner(() => ({ exitCode: 1, stdout: Buffer.from(message, 'utf16le') }));
    const output = await createWindowsCollectors({ runner, session: noSession, env }).dlv();
    expect(output.absent).toBe(true);
    expect(output.error).toMatch(/^VBScript is not installed .*Can't find script engine "VBScript".*the diagnosis uses the CIM licensing data instead$/);
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
    expect(JSON.parse(output.text)).toEqual(products);
    expect(output).toMatchObject({ error: null, encoding: 'utf-8', exitCode: 0, durationMs: 7 });
  });

  it('a PowerShell error is captured as data with its error id', async () => {
    const session = recordedSession(() => ({ stdout: JSON.stringify({ ok: false, error: 'Access denied', errorId: 'HRESULT 0x80041003,Get-CimInstance' }) }));
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

  it('KMS host events: the window travels as parameters, the XML comes back wrapped in <Events>', async () => {
    const event = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>12290</EventID></System></Event>";
    const session = recordedSession(() => ok({ absent: false, xml: [event, event] }));
    const output = await createWindowsCollectors({ runner: noRunner, session, env }).kmsHostEvents({ days: 30, maxEvents: 5000 });
    expect(paramsOf(session.scripts[0]!)).toEqual({ days: 30, maxEvents: 5000, logName: 'Key Management Service', ids: [12290, 12293, 12294], provider: null });
    expect(session.scripts[0]).not.toContain('5000');
    expect(output.text).toBe(`<?xml version="1.0" encoding="utf-8"?>\n<Events>\n${event}\n${event}\n</Events>\n`);
    expect(output.command).toContain("LogName='Key Management Service'");
  });

  it('a missing KMS log (not a KMS host) is reported as absent', async () => {
    const session = recordedSession(() => ok({ absent: true, xml: [] }));
    const output = await createWindowsCollectors({ runner: noRunner, session, env }).kmsHostEvents({ days: 30, maxEvents: 10 });
    expect(output).toMatchObject({ absent: true, error: 'the "Key Management Service" event log does not exist on this machine' });
  });

  it('client SPP events ask the Application log for the SPP provider ids', async () => {
    const session = recordedSession(() => ok({ absent: false, xml: [] }));
    const output = await createWindowsCollectors({ runner: noRunner, session, env }).applicationSppEvents({ days: 30, maxEvents: 10 });
    expect(paramsOf(session.scripts[0]!)).toMatchObject({ logName: 'Application', provider: 'Microsoft-Windows-Security-SPP', ids: [12288, 12289, 8198, 12308, 1003] });
    expect(output.text).toContain('<Events>\n\n</Events>');
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
    expect(session.scripts[4]).toContain('Get-NetFirewallRule -Enabled True -Direction Inbound -Action Allow');
    expect(session.scripts[5]).toContain('IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)');
    await collectors.close();
    expect(session.disposed).toBe(true);
  });
});

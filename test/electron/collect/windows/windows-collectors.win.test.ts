import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Collectors } from '../../../../electron/collect/collectors.js';
import { validSystemRoot } from '../../../../electron/collect/windows/commands.js';
import { createPowerShellProcessSession } from '../../../../electron/collect/windows/powershell-session.js';
import { nodeProcessRunner } from '../../../../electron/collect/windows/process-runner.js';
import { createLiveWindowsCollectors, queryExportFile } from '../../../../electron/collect/windows/windows-collectors.js';
import { decodeText } from '../../../../electron/collect/decode-text.js';
import { writeEvtxAsXml } from '../../../../electron/evidence/evtx-file.js';
import { describeOnWindows } from '../../../helpers/windows.js';

// The real commands on a real Windows machine: every collector once.
describeOnWindows('Windows collectors against this machine', () => {
  let collectors: Collectors;
  let dir: string;
  const window = { days: 30, maxEvents: 200 };
  beforeAll(async () => {
    collectors = createLiveWindowsCollectors();
    dir = await mkdtemp(path.join(tmpdir(), 'kmsd-win-'));
  });
  afterAll(async () => {
    await collectors.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('slmgr /dlv prints UTF-16LE text with a version line (or says VBScript is missing)', async () => {
    const output = await collectors.dlv();
    if (output.absent === true) expect(output.error).toMatch(/VBScript/);
    else {
      expect(output.error).toBeNull();
      expect(output.encoding).toBe('utf-16le');
      expect(output.text).toMatch(/\d+\.\d+\.\d+\.\d+/);
    }
  });

  it('slmgr /dlv all prints at least as much as /dlv', async () => {
    const [dlv, all] = [await collectors.dlv(), await collectors.dlvAll()];
    if (dlv.absent !== true) expect(all.text.length).toBeGreaterThanOrEqual(dlv.text.length);
  });

  it('CIM products and service come back as JSON', async () => {
    const products = await collectors.products();
    expect(products.error).toBeNull();
    // PowerShell 5.1 prints a single product as one object, several as an array: the parsers take both.
    const value = JSON.parse(products.text) as unknown;
    expect(Array.isArray(value) || (typeof value === 'object' && value !== null && 'PartialProductKey' in value)).toBe(true);
    const service = await collectors.service();
    expect(service.error).toBeNull();
    expect(JSON.parse(service.text)).toHaveProperty('Version');
  });

  it('slmgr.ini is read or reported absent', async () => {
    const output = await collectors.slmgrIni();
    expect(output.error === null || output.absent === true).toBe(true);
  });

  it('KMS host events: streamed XML, or the log is absent on a non-host', async () => {
    const file = path.join(dir, 'kms-host.xml');
    const output = await collectors.kmsHostEvents(window, file);
    if (output.absent !== true) {
      expect(output.error).toBeNull();
      expect(await readFile(file, 'utf8')).toMatch(/<Events>[\s\S]*<\/Events>\s*$/);
      expect(output.eventStream?.maxEvents).toBe(window.maxEvents);
    }
  });

  it('DNS-publishing events (12293/12294) are read from the Application log', async () => {
    const file = path.join(dir, 'dns-publish.xml');
    const output = await collectors.hostDnsPublishEvents(window, file);
    expect(output.error).toBeNull();
    expect(await readFile(file, 'utf8')).toContain('<Events');
  });

  it('Application log SPP events come back as XML, each counted', async () => {
    const file = path.join(dir, 'spp.xml');
    const output = await collectors.applicationSppEvents(window, file);
    expect(output.error).toBeNull();
    const text = await readFile(file, 'utf8');
    expect(text).toContain('<Events');
    expect(output.eventStream?.records).toBe(text.match(/<Event xmlns/g)?.length ?? 0);
  });

  it('an event query is read from its epl export by the built-in reader, and the export is deleted', async () => {
    const file = path.join(dir, 'spp-export.xml');
    const output = await collectors.applicationSppEvents(window, file);
    expect(output.error).toBeNull();
    expect(output.eventStream).toMatchObject({ reader: 'evtx-export', skippedRecords: 0, stopCode: null });
    expect(existsSync(queryExportFile(file))).toBe(false);
  });

  it('epl + our reader and wevtutil qe read the same records of the same XPath (Windows renders the oracle)', async () => {
    const wevtutil = `${validSystemRoot(process.env.SystemRoot)}\\System32\\wevtutil.exe`;
    // Fix the window's newest record first, so events logged meanwhile change neither side.
    const newest = await nodeProcessRunner.run(wevtutil, ['qe', 'Application', '/f:xml', '/rd:true', '/c:1'], { timeoutMs: 60_000 });
    const top = Number(/<EventRecordID>(\d+)<\/EventRecordID>/.exec(decodeText(newest.stdout).text)?.[1] ?? '0');
    expect(top).toBeGreaterThan(0);
    const xpath = `*[System[EventRecordID <= ${top} and EventRecordID > ${Math.max(0, top - 300)}]]`;
    const evtx = path.join(dir, 'oracle.evtx');
    const xml = path.join(dir, 'oracle.xml');
    expect((await nodeProcessRunner.run(wevtutil, ['epl', 'Application', evtx, `/q:${xpath}`, '/ow:true'], { timeoutMs: 120_000 })).exitCode).toBe(0);
    const read = await writeEvtxAsXml(evtx, xml);
    expect(read.skipped).toBe(0);
    const qe = await nodeProcessRunner.run(wevtutil, ['qe', 'Application', `/q:${xpath}`, '/f:xml', '/e:Events', '/uni:true'], { timeoutMs: 120_000 });
    expect(qe.exitCode).toBe(0);
    const streamed = decodeText(qe.stdout, 'utf-16le');
    // /uni:true: UTF-16LE, as the fallback stream decodes it.
    expect(streamed.encoding).toBe('utf-16le');
    const ids = (text: string): number[] => [...text.matchAll(/<EventRecordID>(\d+)<\/EventRecordID>/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
    const ours = ids(await readFile(xml, 'utf8'));
    expect(ours.length).toBe(read.records);
    expect(ours).toEqual(ids(streamed.text));
  });

  it('wevtutil exports the Application SPP events to an .evtx file (and the KMS log when there is one)', async () => {
    const app = await collectors.exportApplicationSppLog(path.join(dir, 'app.evtx'), window);
    expect(app.error).toBeNull();
    expect((await stat(path.join(dir, 'app.evtx'))).size).toBeGreaterThan(0);
    const kms = await collectors.exportKmsHostLog(path.join(dir, 'kms.evtx'));
    expect(kms.error === null || /exit code/.test(kms.error)).toBe(true);
  });

  it('event log health lists the Application log', async () => {
    const output = await collectors.eventLogHealth();
    expect(output.error).toBeNull();
    expect(output.text).toContain('Application');
  });

  it('DNS client configuration has the suffix list and servers', async () => {
    const output = await collectors.dnsClient();
    expect(output.error).toBeNull();
    expect(JSON.parse(output.text)).toHaveProperty('ServerAddresses');
  });

  it('KMS client registry overrides come back (null when unset)', async () => {
    const output = await collectors.kmsClientRegistry();
    expect(output.error).toBeNull();
    expect(JSON.parse(output.text)).toHaveProperty('KeyManagementServiceName');
  });

  it('KMS host configuration comes back (null when unset)', async () => {
    const output = await collectors.kmsHostConfig();
    expect(output.error).toBeNull();
    expect(JSON.parse(output.text)).toHaveProperty('DisableDnsPublishing');
  });

  it('firewall profiles and inbound allow rules come back from the ActiveStore', async () => {
    const output = await collectors.firewall();
    expect(output.error).toBeNull();
    expect(JSON.parse(output.text)).toMatchObject({ PolicyStore: 'ActiveStore' });
    expect(JSON.parse(output.text)).toHaveProperty('Profiles');
  });

  it('system info: OS, build, elevation, locale, clock', async () => {
    const output = await collectors.systemInfo();
    expect(output.error).toBeNull();
    const info = JSON.parse(output.text) as Record<string, unknown>;
    expect(typeof info.Elevated).toBe('boolean');
    expect(String(info.BuildNumber)).toMatch(/^\d+$/);
  });

  it('a PowerShell call that overruns its timeout is killed and the next call still works', async () => {
    const session = createPowerShellProcessSession({ runner: nodeProcessRunner, env: { systemRoot: validSystemRoot(process.env.SystemRoot) } });
    try {
      const slow = await session.invoke('Start-Sleep -Seconds 30', { timeoutMs: 1_000 });
      expect(slow.timedOut).toBe(true);
      const next = await session.invoke('Write-Output alive', { timeoutMs: 30_000 });
      expect(next.stdout).toContain('alive');
    } finally {
      await session.dispose();
    }
  });
});

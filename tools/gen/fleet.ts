/**
 * Deterministic generator of a fleet (issue #19): N client bundle zips and two KMS host bundle zips,
 * written by the real bundle writer (manifest, hashes), with known case situations and the ground truth
 * of each, for the fleet benchmark and the fleet test.
 *
 * Clients send a 12288 renewal every 7 days to kms01 or kms02 (`<Computer>` kms0N.corp.contoso.com) and
 * log its 12289. The hosts' "Key Management Service" logs hold a 12290 for each request that reached
 * them (a few seconds later on the host's clock, with the client's own time in the Info), mixed with a
 * busy background from kms-host-events.ts. Situations, by client index:
 * - clones: the first `cloneShare` of the clients carry one of `cloneCmids` CMIDs (an unsysprepped image);
 * - unreached: every 25th client's requests never reach its host (no 12289, no 12290);
 * - skewed: every 29th client (not a clone) has its clock 6 h ahead; its host refuses it with 0xC004F06C.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeBundle, type BundleFileSource } from '../../electron/bundle/bundle-writer.js';
import { bundlePaths } from '../../shared/bundle/manifest.js';
import { generateKmsHostEvents, kmsHostEventToXml, rng, type GeneratedHostEvent } from './kms-host-events.js';

export interface FleetOptions {
  readonly outDir: string;
  readonly clients: number;
  /** 12290 events over both host logs, background included (at least the clients' own). */
  readonly hostEvents: number;
  readonly seed?: number;
  /** Share of the clients that are clones (default 0.212). */
  readonly cloneShare?: number;
  /** CMIDs the clones share (default 3). */
  readonly cloneCmids?: number;
}

export interface FleetTruth {
  readonly clientZips: readonly string[];
  readonly hostZips: readonly string[];
  /** Client names per shared CMID. */
  readonly sharedCmids: ReadonlyMap<string, readonly string[]>;
  /** Clients whose requests never reach their host, by host name (KMS01 / KMS02). */
  readonly unreached: ReadonlyMap<string, readonly string[]>;
  /** Clients whose clock is 6 h off, by host name. */
  readonly skewed: ReadonlyMap<string, readonly string[]>;
  readonly hostEventsWritten: number;
}

const windowsApp = '55c92734-d682-4d71-983e-d6ec3f16059f';
const enterpriseActId = '73111121-5638-40f6-bc11-f1d7b0d64300';
const created = Date.UTC(2026, 10, 20, 9, 0, 0);
const createdIso = new Date(created).toISOString();
const hosts = [
  { name: 'KMS01', fqdn: 'kms01.corp.contoso.com' },
  { name: 'KMS02', fqdn: 'kms02.corp.contoso.com' },
] as const;

const systemTime = (t: number, sub = 0): string => `${new Date(t).toISOString().slice(0, 19)}.${String(sub).padStart(7, '0')}Z`;
const p2 = (n: number): string => String(n).padStart(2, '0');
const padded = (t: number): string => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
};
const unpadded = (t: number): string => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()} ${d.getUTCHours()}:${p2(d.getUTCMinutes())}`;
};

function guid(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const sppProvider = "<Provider Name='Microsoft-Windows-Security-SPP' Guid='{E23B33B0-C8C9-472C-A5F9-F2BDFEA0F156}' EventSourceName='Software Protection Platform Service'/>";

/** A client Application-log event as ToXml() prints it (12288/12289 carry the whole Info in one <Data>). */
function appEvent(id: number, t: number, record: number, computer: string, info: string): string {
  return (
    `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>${sppProvider}` +
    `<EventID Qualifiers='16384'>${id}</EventID><Version>0</Version><Level>4</Level><Task>0</Task><Opcode>0</Opcode>` +
    `<Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='${systemTime(t)}'/><EventRecordID>${record}</EventRecordID>` +
    `<Correlation/><Execution ProcessID='0' ThreadID='0'/><Channel>Application</Channel><Computer>${computer}</Computer><Security/></System>` +
    `<EventData><Data>${info}</Data></EventData></Event>`
  );
}

function clientDlv(cmid: string, host: string): string {
  return [
    'Software licensing service version: 10.0.22631.4460',
    '',
    'Name: Windows(R), Enterprise edition',
    'Description: Windows(R) Operating System, VOLUME_KMSCLIENT channel',
    `Activation ID: ${enterpriseActId}`,
    `Application ID: ${windowsApp}`,
    'Extended PID: 03612-03311-000-000001-03-1033-22631.0000-3102026',
    'Product Key Channel: Volume:GVLK',
    'Partial Product Key: 2YT43',
    'License Status: Licensed',
    'Volume activation expiration: 259200 minute(s) (180 day(s))',
    'Remaining Windows rearm count: 1001',
    'Configured Activation Type: All',
    '',
    'Most recent activation information:',
    'Key Management Service client information',
    `    Client Machine ID (CMID): ${cmid}`,
    `    KMS machine name from DNS: ${host}:1688`,
    '    Activation interval: 120 minutes',
    '    Renewal interval: 10080 minutes',
    '    KMS host caching is enabled',
    '',
  ].join('\r\n');
}

function hostDlv(count: number): string {
  return [
    'Software licensing service version: 10.0.20348.2849',
    '',
    'Name: Windows(R), ServerStandard edition',
    'Description: Windows(R) Operating System, VOLUME_KMS_C channel',
    'Activation ID: b2c5b2f5-1e29-4a45-9c2b-4c3a2d1e0f01',
    `Application ID: ${windowsApp}`,
    'Product Key Channel: Volume:CSVLK',
    'Partial Product Key: 8XDDG',
    'License Status: Licensed',
    '',
    'Key Management Service is enabled on this machine',
    `    Current count: ${count}`,
    '    Listening on Port: 1688',
    '    DNS publishing enabled',
    '    KMS priority: Normal',
    '',
  ].join('\r\n');
}

const text = (bundlePath: string, kind: string, content: string, command: string): BundleFileSource => ({
  path: bundlePath,
  kind,
  producedBy: { command, exitCode: 0, durationMs: 100, encoding: 'utf-8' },
  content: { bytes: Buffer.from(content, 'utf8') },
  encoding: 'utf-8',
});

function systemInfo(name: string, caption: string, build: string): string {
  return JSON.stringify({ ComputerName: name, Domain: 'corp.contoso.com', PartOfDomain: true, OsCaption: caption, OsVersion: `10.0.${build}`, BuildNumber: build, EditionId: 'Enterprise', Elevated: true, TimeZoneId: 'UTC', UtcOffsetMinutes: 0, UtcNow: createdIso, Locale: 'en-US' }, null, 4);
}

/** Writes the fleet under outDir/clients and outDir/hosts and returns its ground truth. */
export async function writeFleet(options: FleetOptions): Promise<FleetTruth> {
  const next = rng(options.seed ?? 19);
  const cloneCount = Math.round(options.clients * (options.cloneShare ?? 0.212));
  const cloneCmids = Array.from({ length: options.cloneCmids ?? 3 }, () => guid(next));
  const hostRequests: GeneratedHostEvent[][] = [[], []];
  const sharedCmids = new Map<string, string[]>();
  const unreached = new Map<string, string[]>();
  const skewed = new Map<string, string[]>();
  const clientZips: string[] = [];
  await mkdir(path.join(options.outDir, 'clients'), { recursive: true });
  await mkdir(path.join(options.outDir, 'hosts'), { recursive: true });
  for (let i = 0; i < options.clients; i++) {
    const name = `PC${String(i + 1).padStart(4, '0')}`;
    const fqdn = `${name.toLowerCase()}.corp.contoso.com`;
    const hostIndex = i % 2;
    const host = hosts[hostIndex]!;
    const cmid = i < cloneCount ? cloneCmids[i % cloneCmids.length]! : guid(next);
    if (i < cloneCount) sharedCmids.set(cmid, [...(sharedCmids.get(cmid) ?? []), name]);
    const lost = i % 25 === 24;
    // Not a clone: the host keeps a clock difference per CMID, so a clone's is not told apart from its twins'.
    const skew = i % 29 === 28 && !lost && i >= cloneCount ? 6 * 3_600_000 : 0;
    if (lost) unreached.set(host.name, [...(unreached.get(host.name) ?? []), name]);
    if (skew > 0) skewed.set(host.name, [...(skewed.get(host.name) ?? []), name]);
    const events: string[] = [];
    let record = 4100;
    for (let k = 0; k < 4; k++) {
      // Host clock: the request arrives at t; the client's clock reads t + skew, and so do its own events.
      const t = created - (3 + k * 7) * 86_400_000 - Math.floor(next() * 6 * 3_600_000);
      const clientClock = t + skew;
      const hresult = skew > 0 ? '0xC004F06C' : '0x0';
      events.push(appEvent(12288, clientClock, record++, fqdn, `0x0, 0x00000000, ${host.fqdn}:1688, ${cmid}, ${padded(clientClock)}, 0, 1, 259200, ${enterpriseActId}, 25`));
      if (lost) continue;
      events.push(appEvent(12289, clientClock + 1000, record++, fqdn, `${hresult}, 0x00000000, ${skew > 0 ? 0 : 1}, 0, 50, 120, 10080, ${padded(clientClock)}`));
      hostRequests[hostIndex]!.push({
        recordId: 0,
        systemTime: systemTime(t + 2000),
        hresult,
        minimumCount: 25,
        clientName: fqdn,
        cmid,
        clientTime: unpadded(clientClock),
        isVm: false,
        licenseState: 1,
        minutesToExpiry: 259200,
        activationId: enterpriseActId,
      });
    }
    const zip = path.join(options.outDir, 'clients', `${name}.zip`);
    await writeBundle({
      out: zip,
      manifest: { toolVersion: '0.1.0', created: new Date(created + skew).toISOString(), machine: { name, os: 'Microsoft Windows 11 Enterprise', build: '22631', locale: 'en-US', elevated: true }, role: 'client', failedCollectors: [] },
      files: [
        text(bundlePaths.slmgrDlvAll, 'slmgrDlvAll', clientDlv(cmid, host.fqdn), 'cscript //nologo slmgr.vbs /dlv all'),
        text(bundlePaths.eventsApplicationSppXml, 'eventsApplicationSppXml', `${events.join('\r\n')}\r\n`, 'Get-WinEvent Application SPP | ToXml()'),
        text(bundlePaths.system, 'system', systemInfo(name, 'Microsoft Windows 11 Enterprise', '22631'), 'system info'),
      ],
    });
    clientZips.push(zip);
  }
  const hostZips: string[] = [];
  let hostEventsWritten = 0;
  for (let h = 0; h < hosts.length; h++) {
    const host = hosts[h]!;
    const own = hostRequests[h]!.sort((a, b) => (a.systemTime < b.systemTime ? -1 : 1));
    const background = Math.max(0, Math.floor(options.hostEvents / hosts.length) - own.length);
    const events = generateKmsHostEvents({ count: background, seed: 12290 + h, startMs: created - 30 * 86_400_000, days: 30, host: host.fqdn });
    // Both streams are in time order: merged, the log reads as the host wrote it.
    const xml: string[] = ["<Events>"];
    let o = 0;
    let record = 1;
    for (const e of events) {
      while (o < own.length && own[o]!.systemTime <= e.systemTime) xml.push(kmsHostEventToXml({ ...own[o++]!, recordId: record++ }, host.fqdn));
      xml.push(kmsHostEventToXml({ ...e, recordId: record++ }, host.fqdn));
    }
    while (o < own.length) xml.push(kmsHostEventToXml({ ...own[o++]!, recordId: record++ }, host.fqdn));
    xml.push('</Events>');
    hostEventsWritten += record - 1;
    const zip = path.join(options.outDir, 'hosts', `${host.name}.zip`);
    await writeBundle({
      out: zip,
      manifest: { toolVersion: '0.1.0', created: createdIso, machine: { name: host.name, os: 'Microsoft Windows Server 2022 Standard', build: '20348', locale: 'en-US', elevated: true }, role: 'host', failedCollectors: [] },
      files: [
        text(bundlePaths.slmgrDlvAll, 'slmgrDlvAll', hostDlv(50), 'cscript //nologo slmgr.vbs /dlv all'),
        text(bundlePaths.eventsKmsHostXml, 'eventsKmsHostXml', `${xml.join('\r\n')}\r\n`, "Get-WinEvent -LogName 'Key Management Service' | ToXml()"),
        text(bundlePaths.system, 'system', systemInfo(host.name, 'Microsoft Windows Server 2022 Standard', '20348'), 'system info'),
      ],
    });
    hostZips.push(zip);
  }
  return { clientZips, hostZips, sharedCmids, unreached, skewed, hostEventsWritten };
}

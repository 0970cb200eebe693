import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReplayCollectors } from '../../../electron/collect/replay/replay-collectors.js';
import { eventWindowNotes, runCollection, type StepProgress } from '../../../electron/service/run-collection.js';
import type { ProbeDocument } from '../../../shared/probe/types.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { identifiers, slmgrDlvText } from '../bundle/fixtures/recorded-machine.js';
import { instrumented, openRecordedBundle } from './recorded-bundle.js';

const probeDocument: ProbeDocument = { srv: [], hosts: [{ host: 'kms01.corp.contoso.com', port: 1688, source: 'srv', tcp: { status: 'connected', ms: 2 }, rpc: { status: 'kms', ms: 3 } }] };

describe('runCollection (the orchestrator) over a recorded machine', () => {
  it('detects the role, runs independent steps concurrently, streams progress, and records a failing step without stopping', async () => {
    const opened = await openRecordedBundle();
    const collectors = instrumented(createReplayCollectors(opened), { delayMs: 30, throwing: ['kmsClientRegistry'] });
    const workDir = await makeTempDir();
    const events: StepProgress[] = [];
    const probeInputs: unknown[] = [];
    const run = await runCollection({
      collectors,
      role: 'auto',
      window: { days: 30, maxEvents: 100 },
      workDir,
      onProgress: (event) => events.push(event),
      probe: async (input) => {
        probeInputs.push(input);
        return probeDocument;
      },
    });

    expect(run.role).toBe('client');
    expect(events.find((event) => event.stepId === 'role')?.summary).toBe('client (detected)');
    // The four first-phase calls were all in flight at once (they are independent).
    expect(collectors.maxInFlight).toBeGreaterThanOrEqual(4);
    // Every step reports running, then a final status with a duration and a short result.
    for (const id of ['system', 'slmgrDlv', 'dnsClient', 'probes', 'eventsApplicationSppXml']) {
      const mine = events.filter((event) => event.stepId === id);
      expect(mine.map((event) => event.status)[0], id).toBe('running');
      expect(mine).toHaveLength(2);
      expect(mine[1]!.elapsedMs).toBeGreaterThanOrEqual(0);
    }
    expect(events.find((event) => event.stepId === 'slmgrDlv' && event.status === 'ok')?.summary).toMatch(/^\d+ line\(s\)$/);
    // The throwing collector became a failed step with why, and the run went on.
    expect(events.find((event) => event.stepId === 'kmsClientRegistry' && event.status !== 'running')).toMatchObject({ status: 'could-not-check', error: 'kmsClientRegistry exploded' });
    expect(run.failures).toContainEqual({ collector: 'kmsClientRegistry', reason: 'kmsClientRegistry exploded', code: 'other', missing: ['network/kms-client-registry.json'] });
    // Evidence the recording lacks is a failed collector too, never a silent gap.
    expect(run.failures.map((failure) => failure.collector)).toContain('cimProducts');
    // Client role: no host-only steps ran.
    expect(collectors.calls).not.toContain('kmsHostConfig');
    expect(collectors.calls).not.toContain('firewall');
    // The probes started after the DNS configuration and were given it.
    expect(probeInputs).toHaveLength(1);
    expect(String((probeInputs[0] as { dnsClientJson: string }).dnsClientJson)).toContain(identifiers.domain);

    // Files are written in bundle layout: slmgr as UTF-8 plus the original UTF-16LE bytes.
    expect(await readFile(path.join(workDir, 'slmgr', 'dlv.txt'), 'utf8')).toBe(slmgrDlvText);
    expect((await readFile(path.join(workDir, 'slmgr', 'dlv.utf16.raw'))).toString('utf16le')).toBe(slmgrDlvText);
    expect(JSON.parse(await readFile(path.join(workDir, 'network', 'probes.json'), 'utf8'))).toEqual(probeDocument);
    expect(run.files.map((file) => file.path)).toEqual(expect.arrayContaining(['slmgr/dlv.txt', 'slmgr/dlv.utf16.raw', 'network/dns-client.json', 'network/probes.json', 'system/info.json']));
  });

  it('runs the host steps when the role is chosen, whatever the licensing data says', async () => {
    const opened = await openRecordedBundle();
    const collectors = instrumented(createReplayCollectors(opened));
    const run = await runCollection({ collectors, role: 'host', window: { days: 30, maxEvents: 100 }, workDir: await makeTempDir() });
    expect(run.role).toBe('host');
    expect(collectors.calls).toEqual(expect.arrayContaining(['kmsHostEvents', 'exportKmsHostLog', 'kmsHostConfig', 'firewall', 'eventLogHealth']));
    expect(collectors.calls).not.toContain('applicationSppEvents');
    // The recorded failure of the firewall collector is replayed as the same failure.
    expect(run.failures.find((failure) => failure.collector === 'firewall')?.reason).toBe(`Get-NetFirewallRule failed on ${identifiers.machine}`);
    expect(run.files.find((file) => file.path === 'events/kms-host.evtx')?.encoding).toBe('binary');
    // Recorded before DNS-publishing events were collected apart: their absence is no failed collector.
    expect(collectors.calls).toEqual(expect.arrayContaining(['hostDnsPublishEvents', 'exportHostDnsPublishLog']));
    expect(run.failures.map((failure) => failure.collector)).not.toContain('eventsHostDnsPublishXml');
    expect(run.steps.find((step) => step.stepId === 'eventsHostDnsPublishXml')?.status).toBe('ok');
  });

  it('replay: a recorded query that skipped damaged records replays as one: manifest facts, a warning, the count in the summary', async () => {
    const opened = await openRecordedBundle();
    const recorded = { kind: 'eventsKmsHostXml', records: 335, maxEvents: 100_000, windowDays: 30, capped: false, incomplete: null, stopCode: null, skippedRecords: 115, reader: 'evtx-export' as const };
    const collectors = createReplayCollectors({ ...opened, manifest: { ...opened.manifest, eventQueries: [recorded] } });
    const run = await runCollection({ collectors, role: 'host', window: { days: 30, maxEvents: 100_000 }, workDir: await makeTempDir() });
    expect(run.eventQueries).toContainEqual(recorded);
    const step = run.steps.find((item) => item.stepId === 'eventsKmsHostXml');
    expect(step).toMatchObject({ status: 'warning', summary: '335 event(s); 115 damaged record(s) skipped', summaryCode: { code: 'events', count: 335, cap: null, incomplete: null, skipped: 115 } });
    expect(eventWindowNotes(run.eventQueries)).toEqual(['events/kms-host.xml: 115 damaged record(s) of the exported log could not be read and were skipped, so counts over the window are incomplete']);
  });

  it('a progress listener that throws does not stop the run', async () => {
    const opened = await openRecordedBundle();
    const run = await runCollection({
      collectors: createReplayCollectors(opened),
      role: 'client',
      window: { days: 30, maxEvents: 100 },
      workDir: await makeTempDir(),
      onProgress: () => {
        throw new Error('UI went away');
      },
    });
    expect(run.steps.length).toBeGreaterThan(5);
  });

  it('the probes document gets the Windows resolver\'s answers for the same SRV names (server "windows")', async () => {
    const opened = await openRecordedBundle();
    const replay = createReplayCollectors(opened);
    const asked: string[][] = [];
    const resolverJson = JSON.stringify({ Lookups: [{ Name: '_vlmcs._tcp.contoso.com', ErrorId: null, Records: { Target: 'kms-old.contoso.com', Port: 1688, Priority: 0, Weight: 0, Addresses: ['10.0.0.9'] } }] });
    const collectors = {
      ...replay,
      resolveSrv: async (names: readonly string[]) => {
        asked.push([...names]);
        return { command: 'Resolve-DnsName -Type SRV', exitCode: 0, durationMs: 3, encoding: 'utf-8', error: null, bytes: Buffer.from(resolverJson), text: resolverJson };
      },
    };
    const probed = { srv: [{ name: '_vlmcs._tcp.contoso.com', server: '10.0.0.2:53', status: 'ok' as const, hresult: null, records: [{ target: 'kms01.contoso.com', port: 1688, priority: 0, weight: 0, addresses: ['10.0.0.5'] }] }], hosts: [] };
    const run = await runCollection({ collectors, role: 'client', window: { days: 30, maxEvents: 100 }, workDir: await makeTempDir(), probe: async () => probed });
    expect(asked).toEqual([['_vlmcs._tcp.contoso.com']]);
    const file = run.files.find((item) => item.path === 'network/probes.json')!;
    const document = JSON.parse(await readFile((file.content as { file: string }).file, 'utf8')) as { srv: Array<{ server: string; records: Array<{ target: string }> }> };
    expect(document.srv.map((lookup) => [lookup.server, lookup.records[0]?.target])).toEqual([['10.0.0.2:53', 'kms01.contoso.com'], ['windows', 'kms-old.contoso.com']]);
    expect(run.steps.find((step) => step.stepId === 'probes')?.command).toContain('; Resolve-DnsName -Type SRV');
  });
});

import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../../../electron/bundle/bundle-reader.js';
import { createReplayCollectors } from '../../../electron/collect/replay/replay-collectors.js';
import { collectAndBundle, exportRun, keptBundlePath } from '../../../electron/service/collect-run.js';
import { openHistory } from '../../../electron/store/history-store.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { identifiers } from '../bundle/fixtures/recorded-machine.js';
import { instrumented, openRecordedBundle } from './recorded-bundle.js';

describe('collectAndBundle: collect → diagnose → bundle → history', () => {
  it('writes the bundle with findings and report, and keeps the run with its steps, artifacts and findings', async () => {
    const opened = await openRecordedBundle();
    const dir = await makeTempDir();
    const store = openHistory(path.join(dir, 'history', 'history.sqlite'));
    try {
      const out = path.join(dir, 'bundle.zip');
      const result = await collectAndBundle({
        collectors: instrumented(createReplayCollectors(opened), { throwing: ['dnsClient'] }),
        role: 'auto',
        days: 30,
        out,
        redact: false,
        lang: 'en',
        store,
        now: () => new Date('2026-08-11T05:00:00.000Z'),
      });
      expect(result.runId).not.toBeNull();
      expect(result.manifest.role).toBe('client');
      expect(result.manifest.machine.name).toBe(identifiers.machine);
      expect(result.manifest.created).toBe('2026-08-11T05:00:00.000Z');
      expect(result.manifest.failedCollectors.find((failure) => failure.collector === 'dnsClient')?.reason).toBe('dnsClient exploded');

      const bundle = await openBundle(out);
      try {
        const findings = JSON.parse(await readFile(path.join(bundle.dir, 'findings.json'), 'utf8')) as { findings: Array<{ id: string }> };
        expect(findings.findings.map((finding) => finding.id)).toEqual(result.result.findings.map((finding) => finding.id));
        expect(findings.findings.map((finding) => finding.id)).toContain('collect.failed');
        expect(await readFile(path.join(bundle.dir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
      } finally {
        await bundle.close();
      }

      const run = store.getRun(result.runId!)!;
      // A collector failed (dnsClient), so the run is kept as incomplete, with its bundle.
      expect(run).toMatchObject({ kind: 'collect', status: 'incomplete', role: 'client', machine: identifiers.machine, bundlePath: keptBundlePath(store, result.runId!) });
      expect(run.steps.find((step) => step.step === 'dnsClient')).toMatchObject({ status: 'could-not-check', error: 'dnsClient exploded' });
      expect(run.steps.find((step) => step.step === 'slmgrDlv')).toMatchObject({ status: 'ok' });
      expect(run.artifacts.map((artifact) => artifact.path)).toEqual(expect.arrayContaining(['slmgr/dlv.txt', 'findings.json', 'report.html']));
      expect(run.findings.length).toBe(result.result.findings.length);
      // The recorded machine's Application log export has no events; a host run stores its 12290s (next test).
      expect(run.eventCount).toBe(0);
      expect((await stat(run.bundlePath!)).size).toBeGreaterThan(0);

      // history export: the kept copy, re-packaged (here redacted).
      const exported = path.join(dir, 'export.zip');
      const { manifest } = await exportRun(store, result.runId!, exported, { redact: true, lang: 'en' });
      expect(manifest.redacted).toBe(true);
      const bytes = await readFile(exported);
      expect(bytes.length).toBeGreaterThan(0);
      await expect(exportRun(store, 9999, exported, { redact: false, lang: 'en' })).rejects.toThrow(/no run 9999/);
    } finally {
      store.close();
    }
  });

  it('keeps the parsed host events of a host run in the history', async () => {
    const opened = await openRecordedBundle();
    const dir = await makeTempDir();
    const store = openHistory(path.join(dir, 'h.sqlite'));
    try {
      const result = await collectAndBundle({ collectors: createReplayCollectors(opened), role: 'host', days: 30, out: path.join(dir, 'b.zip'), redact: false, lang: 'en', store });
      expect(store.getRun(result.runId!)?.eventCount).toBe(3);
    } finally {
      store.close();
    }
  });

  it('a host run reads 12293 from the Application log: the DNS-publishing failure is found and the events are exported', async () => {
    // Event 12293 as KB 2553863 shows it on a KMS host (Application log, source Security-SPP, Info 0x80072338,
    // domain contoso.com; ../shared/fixtures/real/event-12293-01.txt), written as the event XML Windows renders.
    const event12293 =
      "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Security-SPP' Guid='{E23B33B0-C8C9-472C-A5F9-F2BDFEA0F156}' EventSourceName='Software Protection Platform Service'/><EventID Qualifiers='49152'>12293</EventID><Level>2</Level><TimeCreated SystemTime='2026-08-10T08:00:00.000Z'/><EventRecordID>9001</EventRecordID><Channel>Application</Channel><Computer>kms01.contoso.com</Computer></System><EventData><Data>0x80072338</Data><Data>contoso.com</Data></EventData></Event>";
    const xml = `<Events>${event12293}</Events>`;
    const producedBy = { command: 'wevtutil.exe qe Application /q:… /f:xml /e:Events /rd:true /c:100000', exitCode: 0, durationMs: 40, encoding: 'utf-8' };
    const opened = await openRecordedBundle([{ path: 'events/kms-host-dns-publish.xml', kind: 'eventsHostDnsPublishXml', producedBy, content: { bytes: Buffer.from(xml) }, encoding: 'utf-8' }]);
    const dir = await makeTempDir();
    // Collected the day after the recorded events, so they are inside the 30-day window.
    const now = () => new Date('2026-08-11T05:00:00.000Z');
    const result = await collectAndBundle({ collectors: createReplayCollectors(opened), role: 'host', days: 30, out: path.join(dir, 'b.zip'), redact: false, lang: 'en', store: null, now });
    const finding = result.result.findings.find((item) => item.id === 'host.dns-publish-failed');
    expect(finding?.evidence.map((item) => item.excerpt).join(' ')).toContain('0x80072338');
    expect(result.manifest.files.find((file) => file.path === 'events/kms-host-dns-publish.xml')).toMatchObject({ kind: 'eventsHostDnsPublishXml' });
    const reopened = await openBundle(result.out);
    try {
      expect(await readFile(path.join(reopened.dir, 'events', 'kms-host-dns-publish.xml'), 'utf8')).toBe(xml);
    } finally {
      await reopened.close();
    }
  });

  it('marks the run failed (not running) when the bundle cannot be written', async () => {
    const opened = await openRecordedBundle();
    const dir = await makeTempDir();
    const store = openHistory(path.join(dir, 'h.sqlite'));
    try {
      await expect(
        collectAndBundle({ collectors: createReplayCollectors(opened), role: 'client', days: 30, out: path.join(dir, 'no', 'such', 'dir', 'b.zip'), redact: false, lang: 'en', store }),
      ).rejects.toThrow(/ENOENT/);
      expect(store.listRuns()[0]?.status).toBe('failed');
    } finally {
      store.close();
    }
  });
  it('packages nothing and marks the run cancelled when the technician cancels during collection', async () => {
    const opened = await openRecordedBundle();
    const dir = await makeTempDir();
    const store = openHistory(path.join(dir, 'h.sqlite'));
    const cancellation = new AbortController();
    const out = path.join(dir, 'b.zip');
    try {
      await expect(
        collectAndBundle({
          collectors: createReplayCollectors(opened),
          role: 'client',
          days: 30,
          out,
          redact: false,
          lang: 'en',
          store,
          signal: cancellation.signal,
          // Cancel as the first step reports, i.e. while collection is under way.
          onProgress: () => cancellation.abort(),
        }),
      ).rejects.toThrow();
      expect(store.listRuns()[0]?.status).toBe('cancelled');
      expect(existsSync(out)).toBe(false);
    } finally {
      store.close();
    }
  });
});

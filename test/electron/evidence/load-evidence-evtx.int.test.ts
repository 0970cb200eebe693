// analyze's evidence loading reads .evtx wherever it reads event XML: every sample of samples/ with
// its event XML replaced by an .evtx log of the same events (Binary XML templates, written by the test
// writer) gives the same diagnosis; with both the .evtx and the XML of one log, the .evtx is read.
import { cp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadEvidence } from '../../../electron/evidence/load-evidence.js';
import { diagnose } from '../../../shared/diagnose/index.js';
import type { DiagnosisResult } from '../../../shared/diagnose/types.js';
import { eventXmlToEvtx, record12290, writeEvtx } from '../../../tools/gen/evtx-writer.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const samples = fileURLToPath(new URL('../../../samples/', import.meta.url));
const evtxFixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/evtx/${name}`, import.meta.url));
const sampleNames = (await readdir(samples, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();

/** What the diagnosis concludes, without the excerpts that cite a file by its name. */
const conclusion = (d: DiagnosisResult): unknown => ({
  role: d.role,
  findings: d.findings.map((f) => ({ id: f.id, severity: f.severity, title: f.title })),
  verdict: d.summary,
  hostAnalysis: d.hostAnalysis,
  clientAnalysis: d.clientAnalysis,
});

describe('analyze evidence from .evtx logs', () => {
  it.each(sampleNames)('%s: the .evtx of its events gives the same diagnosis as its event XML', async (name) => {
    const dir = path.join(await makeTempDir(), name);
    await cp(path.join(samples, name), dir, { recursive: true });
    const events = path.join(dir, 'events');
    const xmlFiles = (await readdir(events)).filter((f) => f.endsWith('.xml'));
    expect(xmlFiles.length).toBeGreaterThan(0);
    const fromXml = await loadEvidence(dir);
    for (const file of xmlFiles) {
      await writeFile(path.join(events, file.replace(/\.xml$/, '.evtx')), eventXmlToEvtx(await readFile(path.join(events, file), 'utf8')));
      await rm(path.join(events, file));
    }
    const fromEvtx = await loadEvidence(dir);
    for (const file of xmlFiles) expect(fromEvtx.files.find((f) => f.path === `events/${file.replace(/\.xml$/, '.evtx')}`)?.note).toMatch(/^\.evtx log read: \d+ records/);
    const options = { lang: 'en' as const };
    expect(conclusion(diagnose(fromEvtx.evidence, options))).toEqual(conclusion(diagnose(fromXml.evidence, options)));
    expect(fromEvtx.evidence.hostEvents).toEqual(fromXml.evidence.hostEvents);
    expect(fromEvtx.evidence.clientEvents).toEqual(fromXml.evidence.clientEvents);
  });

  it('a bundle holding both the .evtx and the XML of the KMS log: the .evtx is read, the XML listed as its copy', async () => {
    const dir = path.join(await makeTempDir(), 'both');
    await cp(path.join(samples, 'host-duplicate-cmid'), dir, { recursive: true });
    const host = { computer: 'kms01.contoso.com' };
    const records = Array.from({ length: 5 }, (_, i) =>
      record12290({ ...host, time: `2026-11-19T0${i}:00:00Z`, recordId: 5000 + i }, ['0x0', '25', `pc${i}.contoso.com`, `b0000000-0000-4000-8000-00000000000${i}`, '2026/11/19 1:00', '0', '1', '259200', 'act']),
    );
    await writeFile(path.join(dir, 'events', 'kms-host.evtx'), writeEvtx(records));
    const loaded = await loadEvidence(dir);
    expect(loaded.evidence.hostEvents?.requests12290).toBe(5);
    expect(loaded.evidence.hostEventsSource).toBe('events/kms-host.evtx');
    expect(loaded.files.find((f) => f.path === 'events/kms-host.xml')?.note).toBe('not read: the same log as events/kms-host.evtx, which was read (the .evtx is the complete record)');
  });

  it("a client's real Application log (.evtx from a Windows 10 machine): its SPP events are the client events", async () => {
    const dir = await makeTempDir();
    await cp(evtxFixture('Application_no_crc32.evtx'), path.join(dir, 'Application.evtx'));
    const loaded = await loadEvidence(dir);
    expect(loaded.files).toEqual([{ path: 'Application.evtx', kind: 'eventsApplicationSppEvtx', note: '.evtx log read: 17 records (0 host, 17 client events); 1 remark(s), first: chunk 0: checksums not set (0): read without checking' }]);
    expect(loaded.evidence.clientEvents?.filter((e) => e.provider === 'Microsoft-Windows-Security-SPP').map((e) => e.eventId)).toEqual([900, 16394, 1066, 1003, 902, 16388]);
    expect(loaded.evidence.clientEventsSource).toBe('Application.evtx');
  });
});

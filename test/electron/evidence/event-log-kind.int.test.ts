// A host's DNS-publishing export (Application log, 12293/12294) is recognised as such once read, not as
// its Key Management Service log: by content, whatever the file is called, as .evtx and as XML, and the
// app names the two differently in every language.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eventLogKind } from '../../../electron/evidence/event-log-kind.js';
import { loadEvidence } from '../../../electron/evidence/load-evidence.js';
import { createHostEventAccumulator } from '../../../shared/diagnose/host-events.js';
import { uiCatalogs } from '../../../shared/i18n/ui-catalogs.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const sample = fileURLToPath(new URL('../../../samples/host-dns-publish-failed/', import.meta.url));
const kindOf = (files: ReadonlyArray<{ path: string; kind: string }>, name: string): string | undefined => files.find((f) => f.path === name)?.kind;

describe('the DNS-publishing export is its own kind of file', () => {
  it('in the host-dns-publish-failed bundle: the publishing .evtx and its XML copy apart from the KMS log', async () => {
    const { files } = await loadEvidence(sample);
    expect(kindOf(files, 'events/kms-host-dns-publish.evtx')).toBe('eventsHostDnsPublishEvtx');
    expect(kindOf(files, 'events/kms-host-dns-publish.xml')).toBe('eventsHostDnsPublishXml');
    expect(kindOf(files, 'events/kms-host.evtx')).toBe('eventsKmsHostEvtx');
    expect(kindOf(files, 'events/kms-host.xml')).toBe('eventsKmsHostXml');
  });

  it('sent loose under other names: told apart by what they hold, not by the name', async () => {
    const dir = await makeTempDir('kmsd-publish-');
    await mkdir(path.join(dir, 'a'));
    await mkdir(path.join(dir, 'b'));
    // "kms" in both names: the first look (by name) calls both the KMS log.
    await copyFile(path.join(sample, 'events', 'kms-host-dns-publish.evtx'), path.join(dir, 'a', 'kms-app.evtx'));
    await copyFile(path.join(sample, 'events', 'kms-host.evtx'), path.join(dir, 'a', 'kms-log.evtx'));
    await copyFile(path.join(sample, 'events', 'kms-host-dns-publish.xml'), path.join(dir, 'b', 'publish.xml'));
    const evtx = await loadEvidence(path.join(dir, 'a'));
    expect(kindOf(evtx.files, 'kms-app.evtx')).toBe('eventsHostDnsPublishEvtx');
    expect(kindOf(evtx.files, 'kms-log.evtx')).toBe('eventsKmsHostEvtx');
    const xml = await loadEvidence(path.join(dir, 'b'));
    expect(kindOf(xml.files, 'publish.xml')).toBe('eventsHostDnsPublishXml');
    // Read the same either way: the publishing failure is still found.
    expect(evtx.evidence.hostEvents?.publish.some((p) => p.eventId === 12293)).toBe(true);
  });

  it('an empty KMS log, or one with requests, stays the KMS log', () => {
    const empty = createHostEventAccumulator().digest();
    const published = [{ time: '2026-11-20T07:00:00Z', eventId: 12294 as const, domain: 'contoso.com', hresult: null }];
    expect(eventLogKind('eventsKmsHostEvtx', { host: empty })).toBe('eventsKmsHostEvtx');
    expect(eventLogKind('eventsKmsHostXml', { host: { ...empty, requests12290: 3, publish: published } })).toBe('eventsKmsHostXml');
    // Publishing events inside the Key Management Service channel itself are that log's.
    const publish = { ...empty, publish: published };
    expect(eventLogKind('eventsKmsHostEvtx', { host: publish, logNames: new Set(['Key Management Service']) })).toBe('eventsKmsHostEvtx');
    expect(eventLogKind('eventsApplicationSppEvtx', { host: publish })).toBe('eventsApplicationSppEvtx');
  });

  it.each(['en', 'ja', 'zh-TW'] as const)('the app names them differently in %s', (language) => {
    const steps: Record<string, string> = uiCatalogs[language].steps;
    expect(steps.eventsHostDnsPublishEvtx).toBeTruthy();
    expect(steps.eventsHostDnsPublishEvtx).not.toBe(steps.eventsKmsHostEvtx);
    expect(steps.eventsHostDnsPublishXml).not.toBe(steps.eventsKmsHostXml);
  });
});

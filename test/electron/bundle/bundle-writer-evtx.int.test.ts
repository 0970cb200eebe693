// A redacted bundle carries each .evtx as redacted event XML read from it, says so in the manifest, and
// analyze reads the events back from the redacted bundle (DESIGN.md §6).
import { copyFile, readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../../electron/cli/io.js';
import { runCli } from '../../../electron/cli/program.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../../../electron/bundle/bundle-reader.js';
import { writeBundle } from '../../../electron/bundle/bundle-writer.js';
import { loadEvidence } from '../../../electron/evidence/load-evidence.js';
import { bundlePaths } from '../../../shared/bundle/manifest.js';
import { record12290, writeEvtx } from '../../../tools/gen/evtx-writer.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { identifiers, recordedManifest, recordedMachineFiles } from './fixtures/recorded-machine.js';

const id = identifiers;

/** The KMS host's log as Windows writes it: 12290s naming the host, two clients and their CMIDs. */
const hostLog = writeEvtx(
  Array.from({ length: 30 }, (_, i) =>
    record12290({ computer: id.kmsHost, time: new Date(Date.UTC(2026, 10, 19, 8) + i * 600_000).toISOString(), recordId: 700 + i }, [
      '0x0', '25', i % 2 === 0 ? id.fqdn : id.otherClient, i % 2 === 0 ? id.cmid : id.otherCmid, '2026/11/19 8:00', '0', '1', '259200', '55c92734-d682-4d71-983e-d6ec3f16059f',
    ]),
  ),
);

async function allFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true, recursive: true })).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('a redacted bundle with an .evtx log', () => {
  it('carries the log as redacted event XML read from it, in place of its XML export, and analyze reads it', async () => {
    const files = recordedMachineFiles().map((f) => (f.path === bundlePaths.eventsKmsHostEvtx ? { ...f, content: { bytes: hostLog } } : f));
    const out = path.join(await makeTempDir(), 'redacted.zip');
    const written = await writeBundle({ out, manifest: recordedManifest, files, redact: true });
    expect(written.manifest.files.map((f) => f.path)).not.toContain(bundlePaths.eventsKmsHostEvtx);
    const xmlEntry = written.manifest.files.find((f) => f.path === bundlePaths.eventsKmsHostXml);
    expect(xmlEntry?.producedBy?.command).toBe('kms-doctor: event XML read from events/kms-host.evtx (an .evtx cannot be redacted)');
    expect(written.manifest.notes).toContain('redacted bundle: events/kms-host.evtx is carried as redacted event XML read from it, events/kms-host.xml (30 records; it replaces the XML export of the same log)');

    const opened = await openBundle(out);
    try {
      const xml = await readFile(path.join(opened.dir, 'events', 'kms-host.xml'), 'utf8');
      expect(xml.match(/<Event xmlns=/g)).toHaveLength(30);
      for (const file of await allFiles(opened.dir)) {
        const bytes = await readFile(file);
        for (const original of [id.kmsHost, id.fqdn, id.otherClient, id.cmid, id.otherCmid, 'contoso']) {
          expect(bytes.includes(Buffer.from(original, 'utf8')) || bytes.includes(Buffer.from(original.toUpperCase(), 'utf8')), `${original} in ${path.basename(file)}`).toBe(false);
        }
      }
      const pseudoCmid = written.redactor?.mapping.get(id.cmid);
      expect(pseudoCmid).toMatch(/^00000000-0000-4000-8000-\d{12}$/);
      const loaded = await loadEvidence(opened.dir);
      expect(loaded.evidence.hostEvents?.requests12290).toBe(30);
      expect(xml.split(pseudoCmid as string).length - 1).toBe(15 * 2);
    } finally {
      await opened.close();
    }
  });

  it('an .evtx no event can be read from is left out, and the XML export of the log kept', async () => {
    const out = path.join(await makeTempDir(), 'redacted.zip');
    const written = await writeBundle({ out, manifest: recordedManifest, files: recordedMachineFiles(), redact: true });
    expect(written.manifest.notes?.join('\n')).toMatch(/^redacted bundle: events\/kms-host\.evtx left out \(no event could be read from it/m);
    expect(written.manifest.files.find((f) => f.path === bundlePaths.eventsKmsHostXml)?.producedBy?.command).not.toMatch(/read from/);
  });

  it('kms-doctor bundle --redact on a loose folder with a real Application .evtx: its events come as redacted XML', async () => {
    const dir = await makeTempDir();
    await copyFile(fileURLToPath(new URL('../../fixtures/evtx/Application_no_crc32.evtx', import.meta.url)), path.join(dir, 'Application.evtx'));
    const out = path.join(await makeTempDir(), 'support.zip');
    const io: CliIo & { out: string; err: string } = { out: '', err: '', stdout: (t) => void (io.out += t), stderr: (t) => void (io.err += t) };
    const code = await runCli(['bundle', dir, '--out', out, '--redact', '--json'], io);
    expect({ code, err: io.err }).toEqual({ code: 0, err: '' });
    // A loose folder is packed at the bundle's paths: the .evtx becomes events/application-spp.evtx.
    const opened = await openBundle(out);
    try {
      expect(opened.manifest.redacted).toBe(true);
      expect(opened.manifest.notes?.join('\n')).toMatch(/events\/application-spp\.evtx is carried as redacted event XML read from it, events\/application-spp\.xml \(17 records; 1 damaged part\(s\) noted: chunk 0: checksums not set/);
      const xml = await readFile(path.join(opened.dir, 'events', 'application-spp.xml'), 'utf8');
      expect(xml.match(/<Event xmlns=/g)).toHaveLength(17);
      expect(xml).not.toMatch(/DESKTOP-0HIJB49/i);
      expect(xml).toMatch(/<Computer>machine-\d+<\/Computer>/);
      const loaded = await loadEvidence(opened.dir);
      expect(loaded.evidence.clientEvents?.filter((e) => e.provider === 'Microsoft-Windows-Security-SPP')).toHaveLength(6);
    } finally {
      await opened.close();
    }
  });
});

import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import { describe, expect, it, onTestFinished } from 'vitest';
import { inMemoryBytes, smallZipBytes } from '../../../electron/bundle/bundle-reader.js';
import { listEvidenceFiles } from '../../../electron/bundle/loose-folder.js';
import { loadEvidence, NothingRecognisedError, recognisedEvidence, type LoadedEvidence } from '../../../electron/evidence/load-evidence.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const fixtures = fileURLToPath(new URL('../cli/commands/fixtures/', import.meta.url));
const samples = fileURLToPath(new URL('../../../samples/', import.meta.url));

/** Zips a folder with yazl (an independent writer), each file under its path in the folder, plus `extra` entries. */
async function zipFolder(folder: string, file: string, extra: ReadonlyArray<{ name: string; data: Buffer; compress?: boolean }> = []): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const entry of await listEvidenceFiles(folder)) zip.addFile(entry, path.relative(folder, entry).split(path.sep).join('/'));
  // Stored unless asked, so random bytes make the zip as large as they are.
  for (const entry of extra) zip.addBuffer(entry.data, entry.name, { compress: entry.compress === true });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  await writeFile(file, Buffer.concat(chunks));
}

/** What a load says, apart from where it came from. */
const sameAs = (loaded: LoadedEvidence): unknown => ({ evidence: loaded.evidence, files: loaded.files });

describe('loadEvidence', () => {
  it('reads a bundle directory: manifest, slmgr, host events as a digest, JSON evidence, raw outputs', async () => {
    const loaded = await loadEvidence(path.join(samples, 'host-duplicate-cmid'));
    const e = loaded.evidence;
    expect(loaded.from).toBe('directory');
    expect(e.manifest?.created).toBe('2026-11-20T09:00:00.000Z');
    expect(e.slmgr?.role).toBe('host');
    expect(e.slmgrSource).toBe('slmgr/dlv-all.txt');
    expect(e.hostEvents?.requests12290).toBe(90);
    expect(e.clientEvents).toBeNull();
    expect(e.firewall?.rules.length).toBe(2);
    expect(e.system?.computerName).toBe('KMS01');
    expect(e.rawSources.map((r) => r.path)).toContain('slmgr/dlv-all.txt');
    // The sample carries each log as .evtx beside its XML (as a collection does): the .evtx is read, and
    // the 12294 sits in the DNS-publishing file, so the KMS log holds the 90 requests alone.
    expect(loaded.files.find((f) => f.path === 'events/kms-host.evtx')?.note).toBe('.evtx log read: 90 records (90 host, 0 client events)');
    expect(loaded.files.find((f) => f.path === 'events/kms-host.xml')?.note).toMatch(/^not read: the same log as events\/kms-host\.evtx/);
    expect(loaded.files.find((f) => f.path === 'events/kms-host-dns-publish.evtx')?.note).toBe('.evtx log read: 1 records (1 host, 0 client events)');
    expect(e.hostEventsSource).toBe('events/kms-host.evtx');
  });

  it('lists slmgr/dlv-all.txt as /dlv all when the bundle\'s manifest says so, in a folder and in a zip', async () => {
    // The sample's /dlv all shows one licence, as /dlv does: only the manifest tells the two files apart.
    const folder = path.join(samples, 'healthy-client');
    const zip = path.join(await makeTempDir(), 'healthy-client.zip');
    await zipFolder(folder, zip);
    for (const loaded of [await loadEvidence(folder), await loadEvidence(zip)]) {
      expect(loaded.files.find((f) => f.path === 'slmgr/dlv-all.txt')?.kind).toBe('slmgrDlvAll');
      expect(loaded.evidence.slmgrSource).toBe('slmgr/dlv-all.txt');
    }
    // Without a manifest the content decides: one licence reads as /dlv.
    const loose = await makeTempDir();
    await copyFile(path.join(folder, 'slmgr', 'dlv-all.txt'), path.join(loose, 'dlv-all.txt'));
    expect((await loadEvidence(loose)).files.find((f) => f.path === 'dlv-all.txt')?.kind).toBe('slmgrDlv');
  });

  it('reads slmgr text written by cscript //U (UTF-16LE with BOM)', async () => {
    const dir = await makeTempDir();
    const text = await readFile(path.join(fixtures, 'slmgr-dlv-client-en-03-win11-notification.txt'), 'utf8');
    await writeFile(path.join(dir, 'out.bin'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')]));
    const loaded = await loadEvidence(dir);
    expect(loaded.evidence.slmgr?.products[0]?.notificationReason).toBe('0xC004F056');
  });

  it('throws NothingRecognisedError saying per file what it looked like, and what it looks for when there is no file', async () => {
    const dir = await makeTempDir();
    await writeFile(path.join(dir, 'a.txt'), 'hello');
    const error = await loadEvidence(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NothingRecognisedError);
    expect((error as Error).message).toMatch(/^nothing usable in .*: a\.txt: text of 1 line\(s\) with no slmgr output/);
    const empty = await makeTempDir();
    const none = await loadEvidence(empty).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(NothingRecognisedError);
    for (const item of recognisedEvidence) expect((none as Error).message).toContain(item);
  });

  it('does not follow symlinks out of the folder', async () => {
    const outside = await makeTempDir();
    await copyFile(path.join(fixtures, 'slmgr-dlv-client-en-03-win11-notification.txt'), path.join(outside, 'dlv.txt'));
    const dir = await makeTempDir();
    await symlink(path.join(outside, 'dlv.txt'), path.join(dir, 'link.txt'));
    await symlink(outside, path.join(dir, 'linkdir'));
    await expect(loadEvidence(dir)).rejects.toBeInstanceOf(NothingRecognisedError);
  });

  it('a manifest that does not match the schema is reported, the other files still read', async () => {
    const dir = await makeTempDir();
    await writeFile(path.join(dir, 'manifest.json'), '{"formatVersion": "one"}');
    await mkdir(path.join(dir, 'slmgr'));
    await copyFile(path.join(fixtures, 'slmgr-dlv-client-en-03-win11-notification.txt'), path.join(dir, 'slmgr', 'dlv.txt'));
    const { evidence } = await loadEvidence(dir);
    expect(evidence.manifest).toBeNull();
    expect(evidence.slmgr).not.toBeNull();
    expect(evidence.failedCollectors).toEqual([{ collector: 'read manifest.json', reason: 'manifest.json does not match the bundle manifest schema', missing: ['manifest'] }]);
  });

  it('reads an .evtx log, even one holding no records, and says what it read', async () => {
    const dir = await makeTempDir();
    await writeFile(path.join(dir, 'kms.evtx'), Buffer.concat([Buffer.from('ElfFile\0', 'latin1'), Buffer.alloc(4088)]));
    await copyFile(path.join(fixtures, 'slmgr-dlv-host-office-en-01.txt'), path.join(dir, 'dlv.txt'));
    const loaded = await loadEvidence(dir);
    expect(loaded.files.find((f) => f.path === 'kms.evtx')?.note).toBe('.evtx log read: 0 records (0 host, 0 client events); 1 remark(s), first: file header: format version 0.0, not 3.x: read as 3.x');
    expect(loaded.evidence.hostEvents).toBeNull();
  });

  it('reads a small bundle zip in memory (no temp dir) to the same evidence as the bundle folder', async () => {
    const dir = await makeTempDir();
    const folder = path.join(samples, 'host-duplicate-cmid');
    const zip = path.join(dir, 'bundle.zip');
    await zipFolder(folder, zip);
    // A temp dir that cannot be made: reading the zip must not need one.
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = path.join(dir, 'no-such-dir');
    onTestFinished(() => {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
    });
    const fromZip = await loadEvidence(zip);
    expect(fromZip.from).toBe('zip');
    expect(fromZip.evidence.hostEvents?.requests12290).toBe(90);
    expect(sameAs(fromZip)).toEqual(sameAs(await loadEvidence(folder)));
  });

  it('unpacks a zip over the in-memory size into a temp dir, to the same evidence as the folder', async () => {
    const dir = await makeTempDir();
    const folder = path.join(samples, 'healthy-client');
    const zip = path.join(dir, 'big.zip');
    const padding = { name: 'extra/padding.bin', data: randomBytes(smallZipBytes + 1024) };
    await zipFolder(folder, zip, [padding]);
    const fromZip = await loadEvidence(zip);
    const copy = path.join(dir, 'copy');
    await mkdir(path.join(copy, 'extra'), { recursive: true });
    for (const file of await listEvidenceFiles(folder)) {
      const target = path.join(copy, path.relative(folder, file));
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(file, target);
    }
    await writeFile(path.join(copy, padding.name), padding.data);
    expect(fromZip.files.find((f) => f.path === 'extra/padding.bin')?.note).toMatch(/^binary data/);
    expect(sameAs(fromZip)).toEqual(sameAs(await loadEvidence(copy)));
  });

  it('unpacks a small zip to a temp dir when its entries hold more than memory is given for one bundle', async () => {
    const dir = await makeTempDir();
    const zip = path.join(dir, 'dense.zip');
    // Mostly "a", a few "b": deflates about 30-fold, under the ratio limit, so a small zip holds 33 MB.
    const dense = Buffer.alloc(inMemoryBytes + 1024 * 1024, 0x61);
    for (let i = 0; i < dense.length; i += 1 + Math.floor(Math.random() * 64)) dense[i] = 0x62;
    await zipFolder(path.join(samples, 'healthy-client'), zip, [{ name: 'extra/dense.txt', data: dense, compress: true }]);
    expect((await readFile(zip)).length).toBeLessThan(smallZipBytes);
    const fromZip = await loadEvidence(zip);
    expect(fromZip.evidence.slmgr).not.toBeNull();
    // It needs a temp dir: where none can be made, the read fails (in memory it would not have).
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = path.join(dir, 'no-such-dir');
    onTestFinished(() => {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
    });
    await expect(loadEvidence(zip)).rejects.toThrow(/ENOENT.*mkdtemp|mkdtemp.*ENOENT/);
  });
});

import { createHash } from 'node:crypto';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import yazl from 'yazl';
import { beforeEach, describe, expect, it } from 'vitest';
import { BundleRefusedError, openBundle } from '../../../electron/bundle/bundle-reader.js';
import { loadEvidence } from '../../../electron/evidence/load-evidence.js';
import { bundleFormatVersion } from '../../../shared/bundle/manifest.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { buildRawZip, type RawEntry } from './fixtures/raw-zip.js';

const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const evidence = Buffer.from('<Events></Events>\n');
const manifestFor = (files: ReadonlyArray<{ path: string; data: Buffer }>): Buffer =>
  Buffer.from(
    JSON.stringify({
      formatVersion: bundleFormatVersion,
      toolVersion: 'test',
      created: '2026-08-11T00:00:00.000Z',
      machine: { name: null, os: null, build: null, locale: null, elevated: null },
      role: 'client',
      redacted: false,
      files: files.map((file) => ({ path: file.path, size: file.data.length, sha256: sha(file.data), kind: 'other', producedBy: null })),
      failedCollectors: [],
    }),
  );
const goodManifest = manifestFor([{ path: 'events/kms-host.xml', data: evidence }]);

/** Writes a zip with yazl (a well-formed archive with chosen contents). */
async function yazlZip(file: string, entries: ReadonlyArray<{ name: string; data: Buffer }>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) zip.addBuffer(entry.data, entry.name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  await writeFile(file, Buffer.concat(chunks));
}


// The same corpus through both readers: openBundle (unpacks into a private temp dir, for the replay
// collectors) and loadEvidence (what analyze reads; a small zip is checked and read in memory).
const readers = [
  { reader: 'openBundle', open: (file: string, tempParent: string) => openBundle(file, { tempParent }) },
  { reader: 'loadEvidence', open: (file: string) => loadEvidence(file) },
] as const;

describe.each(readers)('$reader refuses hostile archives (a corpus generated here)', ({ reader, open }) => {
  let dir: string;
  let tempParent: string;
  beforeEach(async () => {
    dir = await makeTempDir();
    tempParent = await makeTempDir('kmsd-parent-');
  });
  /** A case of the corpus that only openBundle meets (loadEvidence reads directories and plain files as evidence). */
  const openBundleOnly = reader === 'openBundle' ? it : it.skip;

  const refuses = async (file: string, message: RegExp): Promise<void> => {
    await expect(open(file, tempParent)).rejects.toBeInstanceOf(BundleRefusedError);
    await expect(open(file, tempParent)).rejects.toThrow(message);
    // Nothing written beside the archive or anywhere else, and the private temp dir is gone again.
    expect((await readdir(dir)).sort()).toEqual([path.basename(file)]);
    expect(await readdir(tempParent)).toEqual([]);
  };
  const raw = async (name: string, entries: readonly RawEntry[]): Promise<string> => {
    const file = path.join(dir, name);
    await writeFile(file, buildRawZip(entries));
    return file;
  };
  const withManifest = (entry: RawEntry): RawEntry[] => [{ name: 'manifest.json', data: goodManifest }, { name: 'events/kms-host.xml', data: evidence }, entry];

  openBundleOnly('accepts the well-formed control archive of this corpus', async () => {
    const opened = await openBundle(await raw('good.zip', [{ name: 'manifest.json', data: goodManifest }, { name: 'events/kms-host.xml', data: evidence, deflate: true }]), { tempParent });
    expect(opened.manifest.role).toBe('client');
    expect(path.dirname(opened.dir)).toBe(tempParent);
    await opened.close();
    expect(await readdir(tempParent)).toEqual([]);
  });

  it('refuses an entry with ".."', async () => {
    await refuses(await raw('dotdot.zip', withManifest({ name: '../../escaped.txt', data: Buffer.from('x') })), /"\.\." component/);
  });

  it('refuses an entry with ".." in the middle of its path', async () => {
    await refuses(await raw('dotdot-mid.zip', withManifest({ name: 'events/../../escaped.txt', data: Buffer.from('x') })), /"\.\." component/);
  });

  it('refuses an absolute path', async () => {
    await refuses(await raw('absolute.zip', withManifest({ name: '/tmp/kmsd-escaped.txt', data: Buffer.from('x') })), /absolute path/);
  });

  it('refuses a drive path', async () => {
    await refuses(await raw('drive.zip', withManifest({ name: 'C:/Windows/escaped.txt', data: Buffer.from('x') })), /drive letter/);
  });

  it('refuses a backslash path (a Windows traversal in disguise)', async () => {
    await refuses(await raw('backslash.zip', withManifest({ name: '..\\..\\escaped.txt', data: Buffer.from('x') })), /backslash/);
  });

  it('refuses a symbolic link', async () => {
    await refuses(await raw('symlink.zip', withManifest({ name: 'events/link', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 })), /symbolic link/);
  });

  it('refuses more than 10,000 entries', async () => {
    const entries: RawEntry[] = [{ name: 'manifest.json', data: goodManifest }];
    for (let i = 0; i < 10_001; i++) entries.push({ name: `extra/${i}.txt`, data: Buffer.alloc(0) });
    await refuses(await raw('many.zip', entries), /10002 entries \(more than 10000\)/);
  });

  it('refuses more than 2 GB uncompressed (declared by the headers)', async () => {
    await refuses(await raw('huge.zip', withManifest({ name: 'events/huge.xml', data: Buffer.from('tiny'), deflate: true, declaredSize: 2 ** 31 + 1 })), /more than 2147483648 bytes uncompressed/);
  });

  it('refuses a compression ratio over 200 (a zip bomb)', async () => {
    await refuses(await raw('bomb.zip', withManifest({ name: 'events/zeros.xml', data: Buffer.alloc(8 * 1024 * 1024), deflate: true })), /expands \d+-fold \(more than 200\)/);
  });

  it('refuses an entry that holds more than its header says', async () => {
    await refuses(await raw('liar.zip', withManifest({ name: 'events/liar.xml', data: Buffer.alloc(4096, 0x41), deflate: true, declaredSize: 16 })), /larger than its header says/);
  });

  it('refuses an entry that holds less than its header says (a truncated or doctored entry)', async () => {
    await refuses(await raw('short.zip', withManifest({ name: 'events/short.xml', data: Buffer.alloc(4096, 0x41), deflate: true, declaredSize: 5000 })), /smaller than its header says/);
  });

  it('accepts the well-formed control archive of this corpus, read in memory', async ({ skip }) => {
    if (reader !== 'loadEvidence') skip('openBundle has its own control test');
    const loaded = await loadEvidence(await raw('good.zip', [{ name: 'manifest.json', data: goodManifest }, { name: 'events/kms-host.xml', data: evidence, deflate: true }]));
    expect(loaded.from).toBe('zip');
    expect(loaded.evidence.manifest?.role).toBe('client');
  });

  openBundleOnly('opens an archive without manifest.json as a zip of loose files, recognised by content', async () => {
    const file = path.join(dir, 'no-manifest.zip');
    const hostEvent = Buffer.from("<Events><Event><System><EventID>12290</EventID><Channel>Key Management Service</Channel></System></Event></Events>\n");
    await yazlZip(file, [{ name: 'from-customer/kms-host.xml', data: hostEvent }]);
    const opened = await openBundle(file);
    try {
      expect(opened.from).toBe('zip');
      expect(opened.manifest.files.map((f) => f.kind)).toEqual(['eventsKmsHostXml']);
      expect((opened.manifest.notes ?? []).join(' ')).toMatch(/packed from a loose folder/);
    } finally {
      await opened.close();
    }
  });

  it('refuses a zip of loose files with an unsafe entry name, like a bundle', async () => {
    const file = path.join(dir, 'no-manifest-evil.zip');
    await writeFile(file, buildRawZip([{ name: '../evil.txt', data: Buffer.from('x') }]));
    await refuses(file, /\.\./);
  });

  it('refuses a manifest that is not JSON', async () => {
    const file = path.join(dir, 'bad-json.zip');
    await yazlZip(file, [{ name: 'manifest.json', data: Buffer.from('{ not json') }, { name: 'events/kms-host.xml', data: evidence }]);
    await refuses(file, /manifest\.json is not valid JSON/);
  });

  it('refuses a manifest of the wrong shape', async () => {
    const file = path.join(dir, 'bad-shape.zip');
    await yazlZip(file, [{ name: 'manifest.json', data: Buffer.from(JSON.stringify({ formatVersion: 1, files: 'all of them' })) }]);
    await refuses(file, /manifest\.json is malformed/);
  });

  it('refuses a file whose SHA-256 does not match the manifest', async () => {
    const file = path.join(dir, 'tampered.zip');
    await yazlZip(file, [{ name: 'manifest.json', data: goodManifest }, { name: 'events/kms-host.xml', data: Buffer.from('<Events></Events>!\n'.slice(0, evidence.length)) }]);
    await refuses(file, /does not match its SHA-256 .*hash mismatch/);
  });

  it('refuses a file the manifest lists but the archive lacks', async () => {
    const file = path.join(dir, 'missing.zip');
    await yazlZip(file, [{ name: 'manifest.json', data: goodManifest }]);
    await refuses(file, /listed in the manifest but missing/);
  });

  it('refuses a manifest that lists a path outside the bundle', async () => {
    const file = path.join(dir, 'manifest-escape.zip');
    await yazlZip(file, [{ name: 'manifest.json', data: manifestFor([{ path: '../outside.txt', data: evidence }]) }]);
    await refuses(file, /lists "\.\.\/outside\.txt"/);
  });

  openBundleOnly('refuses a file that is not a zip at all', async () => {
    const file = path.join(dir, 'notes.zip');
    await writeFile(file, 'just text');
    await refuses(file, /not a zip file/);
  });

  it('refuses a truncated zip with a one-line reason', async () => {
    const file = path.join(dir, 'truncated.zip');
    await writeFile(file, buildRawZip(withManifest({ name: 'x.txt', data: Buffer.from('x') })).subarray(0, 60));
    await refuses(file, /not a readable zip/);
  });

  openBundleOnly('refuses a bundle directory whose listed file is a symbolic link', async () => {
    const bundleDir = path.join(dir, 'bundle');
    await mkdir(path.join(bundleDir, 'events'), { recursive: true });
    await writeFile(path.join(bundleDir, 'manifest.json'), goodManifest);
    await symlink('/etc/hostname', path.join(bundleDir, 'events', 'kms-host.xml'));
    await expect(openBundle(bundleDir)).rejects.toThrow(/events\/kms-host\.xml is a symbolic link/);
  });
});

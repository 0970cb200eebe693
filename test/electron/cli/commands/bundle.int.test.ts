import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/cli/program.js';
import { openBundle } from '../../../../electron/bundle/bundle-reader.js';
import { makeTempDir } from '../../../helpers/temp-dir.js';

const samples = fileURLToPath(new URL('../../../../samples/', import.meta.url));
const realFixtures = fileURLToPath(new URL('../../bundle/fixtures/', import.meta.url));

const capture = () => {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (text: string) => void (out.stdout += text), stderr: (text: string) => void (out.stderr += text) } };
};

describe('kms-doctor bundle', () => {
  it('re-packages a bundle directory into a zip with findings and report', async () => {
    const dir = await makeTempDir();
    const out = path.join(dir, 'out.zip');
    const { out: printed, io } = capture();
    expect(await runCli(['bundle', path.join(samples, 'host-duplicate-cmid'), '--out', out], io)).toBe(0);
    expect(printed.stdout).toMatch(/^Bundle written: .*out\.zip \(\d+ files; from a directory\)\nRole: host; \d+ finding\(s\)\n$/);
    const opened = await openBundle(out);
    try {
      expect(opened.manifest.files.map((file) => file.path)).toEqual(expect.arrayContaining(['findings.json', 'report.html', 'events/kms-host.xml']));
      expect(opened.manifest.redacted).toBe(false);
    } finally {
      await opened.close();
    }
  });

  it('redacts a bundle zip: machine name gone from the manifest and from every file', async () => {
    const dir = await makeTempDir();
    const first = path.join(dir, 'plain.zip');
    const { io } = capture();
    expect(await runCli(['bundle', path.join(samples, 'host-duplicate-cmid'), '--out', first], io)).toBe(0);
    const plain = await openBundle(first);
    const name = plain.manifest.machine.name;
    await plain.close();
    expect(name).not.toBeNull();

    const redacted = path.join(dir, 'redacted.zip');
    const { out, io: io2 } = capture();
    expect(await runCli(['bundle', first, '--out', redacted, '--redact', '--json'], io2)).toBe(0);
    const doc = JSON.parse(out.stdout) as { from: string; manifest: { redacted: boolean; machine: { name: string | null } } };
    expect(doc.from).toBe('zip');
    expect(doc.manifest.redacted).toBe(true);
    expect(doc.manifest.machine.name).toBeNull();
    const opened = await openBundle(redacted);
    try {
      for (const file of opened.manifest.files) {
        const text = await readFile(path.join(opened.dir, ...file.path.split('/')));
        expect(text.includes(Buffer.from(name!)), file.path).toBe(false);
        expect(text.toString('utf8').toLowerCase().includes(name!.toLowerCase()), file.path).toBe(false);
      }
    } finally {
      await opened.close();
    }
  });

  it('packs a loose folder of what a customer sent, recognised by content', async () => {
    const dir = await makeTempDir();
    const loose = path.join(dir, 'from-customer');
    await mkdir(loose);
    await cp(path.join(realFixtures, 'slmgr-dlv-host-office-en-01.txt'), path.join(loose, 'output.txt'));
    await cp(path.join(samples, 'host-duplicate-cmid', 'events', 'kms-host.xml'), path.join(loose, 'log.xml'));
    await writeFile(path.join(loose, 'readme.md'), 'notes from the customer\n');
    await writeFile(path.join(loose, 'screenshot.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const out = path.join(dir, 'packed.zip');
    const { out: printed, io } = capture();
    expect(await runCli(['bundle', loose, '--out', out], io)).toBe(0);
    expect(printed.stdout).toContain('from a loose');
    const opened = await openBundle(out);
    try {
      const kinds = Object.fromEntries(opened.manifest.files.map((file) => [file.path, file.kind]));
      expect(kinds).toMatchObject({ 'slmgr/dlv.txt': 'slmgrDlv', 'events/kms-host.xml': 'eventsKmsHostXml', 'extra/readme.md': 'other' });
      expect(opened.manifest.role).toBe('host');
      expect(kinds['extra/screenshot.png']).toBe('other');
    } finally {
      await opened.close();
    }
    // Redacted, the unknown binary is left out (it cannot be redacted) and the manifest says so.
    const redacted = path.join(dir, 'packed-redacted.zip');
    const { out: second, io: io2 } = capture();
    expect(await runCli(['bundle', loose, '--out', redacted, '--redact'], io2)).toBe(0);
    expect(second.stdout).toMatch(/Note: redacted bundle: extra\/screenshot\.png left out/);
    const reopened = await openBundle(redacted);
    try {
      expect(reopened.manifest.files.map((file) => file.path)).not.toContain('extra/screenshot.png');
      expect(await readFile(path.join(reopened.dir, 'extra', 'readme.md'), 'utf8')).toBe('notes from the customer\n');
    } finally {
      await reopened.close();
    }
  });

  it('bad input: one line on stderr, exit 1, nothing written', async () => {
    const dir = await makeTempDir();
    const notZip = path.join(dir, 'notes.zip');
    await writeFile(notZip, 'not a zip');
    const cases: Array<[string[], RegExp]> = [
      [['bundle', path.join(dir, 'missing'), '--out', path.join(dir, 'a.zip')], /no such file or directory/],
      [['bundle', notZip, '--out', path.join(dir, 'b.zip')], /not a zip file/],
      [['bundle', path.join(samples, 'healthy-host'), '--out', path.join(dir, 'nope', 'c.zip')], /the folder of --out does not exist/],
      [['bundle', path.join(samples, 'healthy-host'), '--out', path.join(dir, 'c.tar')], /--out must name a \.zip file/],
      [['bundle', notZip, '--out', notZip], /--out is the input itself/],
      [['bundle', path.join(samples, 'healthy-host'), '--out', path.join(dir, 'd.zip'), '--lang', 'xx'], /--lang must be one of/],
    ];
    for (const [argv, message] of cases) {
      const { out, io } = capture();
      expect(await runCli(argv, io), argv.join(' ')).toBe(1);
      expect(out.stderr).toMatch(message);
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((await readdir(dir)).sort()).toEqual(['notes.zip']);
  });

  it('a missing --out is a usage error (exit 2)', async () => {
    const { io } = capture();
    expect(await runCli(['bundle', path.join(samples, 'healthy-host')], io)).toBe(2);
  });
});

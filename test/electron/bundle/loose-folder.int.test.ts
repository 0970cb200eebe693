import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listEvidenceFiles, listEvidenceNames } from '../../../electron/bundle/loose-folder.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

describe('listEvidenceNames (a zip read in memory) lists what listEvidenceFiles lists for the same tree on disk', () => {
  it('the same files in the same order, none deeper than a folder is searched', async () => {
    const names = [
      'manifest.json',
      'slmgr/dlv-all.txt',
      'slmgr/dlv.txt',
      'slmgr-notes.txt',
      'events/kms-host.xml',
      'events/kms-host.evtx',
      'events-old/a.xml',
      '10.txt',
      '9.txt',
      '_x.txt',
      'Zeta.txt',
      'alpha.txt',
      'é.txt',
      'a/b/c/d/five-deep.txt',
      'a/b/c/d/e/six-deep.txt',
      'a/b.txt',
      'a-b.txt',
    ];
    const dir = await makeTempDir();
    for (const name of names) {
      await mkdir(path.join(dir, path.dirname(name)), { recursive: true });
      await writeFile(path.join(dir, ...name.split('/')), name);
    }
    const onDisk = (await listEvidenceFiles(dir)).map((file) => path.relative(dir, file).split(path.sep).join('/'));
    // Folder entries of a zip ("a/") are not files.
    const inMemory = listEvidenceNames([...names, 'a/', 'a/b/'], 'test.zip');
    expect(inMemory).toEqual(onDisk);
    expect(inMemory).toContain('a/b/c/d/five-deep.txt');
    expect(inMemory).not.toContain('a/b/c/d/e/six-deep.txt');
  });

  it('refuses more files than a folder may hold, as listEvidenceFiles does', () => {
    const many = Array.from({ length: 2001 }, (_, i) => `extra/${i}.txt`);
    expect(() => listEvidenceNames(many, 'fleet.zip')).toThrow(/more than 2000 files under fleet\.zip/);
    expect(listEvidenceNames(many.slice(0, 2000), 'fleet.zip')).toHaveLength(2000);
  });
});

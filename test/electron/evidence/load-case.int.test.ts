// Sorting what was opened into machines must not unpack one machine's zip only to have loadEvidence read
// it again (issue 19: the app unpacked a single bundle zip twice). Measured by the temp folders the
// bundle reader creates under a private TMPDIR while machineSources runs.
import { copyFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { machineSources } from '../../../electron/evidence/load-case.js';
import { countingUnpacks } from '../../helpers/count-unpacks.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const samples = fileURLToPath(new URL('../../../samples/', import.meta.url));

/** Zips folders, each under its prefix ('' puts its files at the root). */
async function zipOf(out: string, folders: ReadonlyArray<[string, string]>): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [prefix, dir] of folders) {
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const full = path.join(entry.parentPath, entry.name);
      const relative = path.relative(dir, full).split(path.sep).join('/');
      zip.addFile(full, prefix === '' ? relative : `${prefix}/${relative}`);
    }
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  await writeFile(out, Buffer.concat(chunks));
  return out;
}

describe('machineSources', () => {
  it('leaves a single bundle zip whole (loadEvidence reads it once), with or without a folder around it', async () => {
    const dir = await makeTempDir();
    for (const prefix of ['', 'healthy-client']) {
      const zip = await zipOf(path.join(dir, `single-${prefix || 'root'}.zip`), [[prefix, path.join(samples, 'healthy-client')]]);
      const { value, unpacked } = await countingUnpacks(async () => {
        const sources = await machineSources([zip]);
        await sources.close();
        return sources.machines;
      });
      expect(value).toEqual([zip]);
      expect(unpacked, prefix).toBe(0);
    }
  });

  it('leaves a zip of one machine\'s loose files whole', async () => {
    const dir = await makeTempDir();
    const loose = await makeTempDir();
    for (const file of ['slmgr/dlv-all.txt', 'events/application-spp.xml']) {
      await copyFile(path.join(samples, 'client-no-srv', file), path.join(loose, path.basename(file)));
    }
    const zip = await zipOf(path.join(dir, 'loose.zip'), [['', loose]]);
    const { value, unpacked } = await countingUnpacks(async () => {
      const sources = await machineSources([zip]);
      await sources.close();
      return sources.machines;
    });
    expect(value).toEqual([zip]);
    expect(unpacked).toBe(0);
  });

  it('unpacks a zip of several machines\' folders once, to find them', async () => {
    const dir = await makeTempDir();
    const zip = await zipOf(path.join(dir, 'case.zip'), [['kms01', path.join(samples, 'healthy-host')], ['pc1', path.join(samples, 'healthy-client')]]);
    const { value, unpacked } = await countingUnpacks(async () => {
      const sources = await machineSources([zip]);
      const shown = sources.machines.map((m) => sources.shown.get(m));
      await sources.close();
      return shown;
    });
    expect(value).toEqual([`${zip}/kms01`, `${zip}/pc1`]);
    expect(unpacked).toBe(1);
  });
});

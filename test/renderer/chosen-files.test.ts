// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { chosenFromDrop, chosenFromPicker, walkDropped, type Chosen } from '../../renderer/src/chosen-files.js';
import { fakeEntry } from './support/fake-entries.js';

/** Each chosen file as "path: text" (or its name when it has no path), in order. */
async function listing(chosen: Chosen): Promise<string[]> {
  return Promise.all(chosen.files.map(async ({ file, path }) => `${path ?? file.name}: ${await file.text()}`));
}

const bundle = { 'manifest.json': '{"role":"client"}', slmgr: { 'dlv.txt': 'Name: Windows' }, events: { 'application-spp.xml': '<Events/>' } };

describe('what a drop or a picker holds', () => {
  it('a dropped folder keeps its layout below its own name, every level read', async () => {
    const chosen = await chosenFromDrop([], [fakeEntry('PC404', bundle)], 256);
    expect(chosen.folder).toBe('PC404');
    expect(await listing(chosen)).toEqual(['events/application-spp.xml: <Events/>', 'manifest.json: {"role":"client"}', 'slmgr/dlv.txt: Name: Windows']);
  });

  it('reads a big folder to its end, not only the first batch readEntries hands out', async () => {
    const events = Object.fromEntries(Array.from({ length: 250 }, (_, n) => [`e${String(n).padStart(3, '0')}.xml`, `<E n="${n}"/>`]));
    const walked = await walkDropped([fakeEntry('big', events, { batch: 100 })], 1000);
    expect(walked).toHaveLength(250);
    expect(walked.at(-1)?.path).toBe('big/e249.xml');
  });

  it('several dropped folders are one upload, each file under its path from the drop', async () => {
    const chosen = await chosenFromDrop([], [fakeEntry('KMS01', { 'manifest.json': 'h' }), fakeEntry('PC404', bundle), fakeEntry('notes.txt', 'n')], 256);
    expect(chosen.folder).toBeUndefined();
    expect(await listing(chosen)).toEqual([
      'KMS01/manifest.json: h',
      'PC404/events/application-spp.xml: <Events/>',
      'PC404/manifest.json: {"role":"client"}',
      'PC404/slmgr/dlv.txt: Name: Windows',
      'notes.txt: n',
    ]);
  });

  it('dropped files alone open as the picker opens them (a zip as itself), from the DataTransfer files', async () => {
    const zip = new File(['PK'], 'customer.zip');
    const chosen = await chosenFromDrop([zip], [fakeEntry('customer.zip', 'PK')], 256);
    expect(chosen).toEqual({ files: [{ file: zip }] });
    // A browser without entries (or a drop of text) gives the files as they are.
    expect(await chosenFromDrop([zip], [null], 256)).toEqual({ files: [{ file: zip }] });
    expect(await chosenFromDrop([zip], [], 256)).toEqual({ files: [{ file: zip }] });
  });

  it('stops walking once past the limit, so a dropped drive is refused without being read', async () => {
    const reads: string[] = [];
    const wide = Object.fromEntries(Array.from({ length: 20 }, (_, n) => [`d${String(n).padStart(2, '0')}`, { 'a.txt': 'a', 'b.txt': 'b' }]));
    const chosen = await chosenFromDrop([], [fakeEntry('C', wide, { onRead: (folder) => reads.push(folder) })], 5);
    expect(chosen.files.length).toBe(6);
    // The root and the first three folders were read, none of the other seventeen.
    expect(new Set(reads)).toEqual(new Set(['C', 'd00', 'd01', 'd02']));
  });

  it('a folder that cannot be read fails the drop with the browser error, not a partial upload', async () => {
    await expect(chosenFromDrop([], [fakeEntry('PC404', bundle, { unreadable: 'events' })], 256)).rejects.toThrow(/malformed/);
  });

  it('the folder picker keeps the chosen folder layout; plain files stay loose', () => {
    // As a browser gives them: the path from the chosen folder, or "" for a file chosen on its own.
    const inFolder = (path: string, name = path.split('/').at(-1) ?? path) => Object.defineProperty(new File(['x'], name), 'webkitRelativePath', { value: path });
    const picked = [inFolder('PC404/manifest.json'), inFolder('PC404/events/app.xml')];
    expect(chosenFromPicker(picked, true)).toEqual({ folder: 'PC404', files: [{ file: picked[0], path: 'manifest.json' }, { file: picked[1], path: 'events/app.xml' }] });
    expect(chosenFromPicker(picked, false)).toEqual({ files: [{ file: picked[0] }, { file: picked[1] }] });
    // Files without relative paths (an older browser) are loose, not a folder named "".
    const loose = [inFolder('', 'a.txt')];
    expect(chosenFromPicker(loose, true)).toEqual({ files: [{ file: loose[0] }] });
  });
});

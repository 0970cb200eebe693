// The .evtx file helpers: streaming a log from disk in 1 MB reads gives what reading it whole gives;
// the XML export reads back through the event XML parser to the same events; the app's step output.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evtxAsText, streamEvtxFile, writeEvtxAsXml } from '../../../electron/evidence/evtx-file.js';
import { createEventStreamParser } from '../../../shared/parse/events/index.js';
import { readEvtx } from '../../../shared/parse/evtx/index.js';
import type { KmsEvent } from '../../../shared/parse/types.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/evtx/${name}`, import.meta.url));

describe('.evtx files', () => {
  it('streamEvtxFile (1 MB reads) gives the events and remarks of reading the whole file', async () => {
    for (const name of ['security.evtx', 'sample_with_a_bad_chunk_magic.evtx']) {
      const streamed: KmsEvent[] = [];
      const summary = await streamEvtxFile(fixture(name), { onEvent: (e) => streamed.push(e) });
      const whole: KmsEvent[] = [];
      const expected = readEvtx(new Uint8Array(await readFile(fixture(name))), { onEvent: (e) => whole.push(e) });
      expect(streamed).toEqual(whole);
      expect(summary).toEqual(expected);
    }
  });

  it('writeEvtxAsXml: the XML reads back through the event XML parser to the same events', async () => {
    const out = path.join(await makeTempDir(), 'system.xml');
    const written = await writeEvtxAsXml(fixture('system.evtx'), out);
    expect(written.records).toBe(1881);
    const fromXml: KmsEvent[] = [];
    const parser = createEventStreamParser((e) => fromXml.push(e));
    parser.push(await readFile(out, 'utf8'));
    expect(parser.end().unrecognized).toEqual([]);
    const direct: KmsEvent[] = [];
    readEvtx(new Uint8Array(await readFile(fixture('system.evtx'))), { onEvent: (e) => direct.push(e) });
    expect(fromXml).toEqual(direct);
  });

  it('writeEvtxAsXml with keepNewest: the newest records only, from a file or from bytes; a cap above the count changes nothing', async () => {
    const dir = await makeTempDir();
    const lines = async (file: string): Promise<string[]> => (await readFile(file, 'utf8')).split('\n').filter((line) => line.startsWith('<Event '));
    const all = path.join(dir, 'all.xml');
    await writeEvtxAsXml(fixture('system.evtx'), all);
    const every = await lines(all);
    expect(every).toHaveLength(1881);
    for (const source of [fixture('system.evtx'), new Uint8Array(await readFile(fixture('system.evtx')))]) {
      const newest = path.join(dir, 'newest.xml');
      expect(await writeEvtxAsXml(source, newest, { keepNewest: 10 })).toMatchObject({ records: 10, readable: 1881, skipped: 0 });
      expect(await lines(newest)).toEqual(every.slice(-10));
      const above = path.join(dir, 'above.xml');
      expect(await writeEvtxAsXml(source, above, { keepNewest: 100_000 })).toMatchObject({ records: 1881, readable: 1881 });
      expect(await readFile(above, 'utf8')).toBe(await readFile(all, 'utf8'));
    }
  });

  it('writeEvtxAsXml with keepNewest on a damaged log: its headers number more than it holds, the count decides', async () => {
    const dir = await makeTempDir();
    // The chunk headers number 467 records; 267 can be read, 200 are lost to damage.
    const under = await writeEvtxAsXml(fixture('sample_with_a_bad_chunk_magic.evtx'), path.join(dir, 'a.xml'), { keepNewest: 300 });
    expect(under).toMatchObject({ records: 267, readable: 267, skipped: 200 });
    const over = await writeEvtxAsXml(fixture('sample_with_a_bad_chunk_magic.evtx'), path.join(dir, 'b.xml'), { keepNewest: 100 });
    expect(over).toMatchObject({ records: 100, readable: 267 });
  });

  it("evtxAsText (the app's step output): what was read, then the records as XML up to the limit", async () => {
    const text = evtxAsText(new Uint8Array(await readFile(fixture('Application_no_crc32.evtx'))), 2000);
    expect(text.split('\n')[0]).toBe('<!-- .evtx log, 69632 bytes, 17 records, shown as event XML; 1 damaged part(s), first: chunk 0: checksums not set (0): read without checking -->');
    expect(text.split('\n')[1]).toMatch(/^<Event xmlns="http:\/\/schemas\.microsoft\.com\/win\/2004\/08\/events\/event"><System><Provider Name="SecurityCenter"\/>/);
    expect(text.length).toBeLessThan(2000 + 3000);
    expect(evtxAsText(new Uint8Array([0x45, 0x6c, 0x66]), 100)).toBe('(an .evtx log that cannot be read: not an .evtx log (no ElfFile signature))');
  });
});

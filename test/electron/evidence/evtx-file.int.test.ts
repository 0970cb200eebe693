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

  it("evtxAsText (the app's step output): what was read, then the records as XML up to the limit", async () => {
    const text = evtxAsText(new Uint8Array(await readFile(fixture('Application_no_crc32.evtx'))), 2000);
    expect(text.split('\n')[0]).toBe('<!-- .evtx log, 69632 bytes, 17 records, shown as event XML; 1 damaged part(s), first: chunk 0: checksums not set (0): read without checking -->');
    expect(text.split('\n')[1]).toMatch(/^<Event xmlns="http:\/\/schemas\.microsoft\.com\/win\/2004\/08\/events\/event"><System><Provider Name="SecurityCenter"\/>/);
    expect(text.length).toBeLessThan(2000 + 3000);
    expect(evtxAsText(new Uint8Array([0x45, 0x6c, 0x66]), 100)).toBe('(an .evtx log that cannot be read: not an .evtx log (no ElfFile signature))');
  });
});

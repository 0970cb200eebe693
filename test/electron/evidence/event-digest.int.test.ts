import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateKmsHostEvents, kmsHostEventToXml } from '../../../bench/gen/kms-host-events.js';
import { digestEventFile } from '../../../electron/evidence/event-digest.js';
import { streamEventsFile } from '../../../electron/evidence/event-file.js';
import { createHostEventAccumulator, type HostEventDigest } from '../../../shared/diagnose/host-events.js';
import { createByteHostRecordReader } from '../../../shared/parse/events/host-record-bytes.js';
import { createEventStreamParser, emptyHostRecord, hostRecordOfEvent, hostRecordOfRaw } from '../../../shared/parse/events/index.js';
import { comparableDigest } from '../../helpers/digest-compare.js';
import { clean12290, event12290, request12290, requestXml } from '../../helpers/event-12290.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

// A UTF-8 event file is mostly read from its bytes (takeBytes); the digest, the remarks and the event
// count must be exactly what the text parser alone makes of the same text, wherever reads end. Reads
// here are a few events long at least: the text parser learns a layout only from an event it read
// within one piece of text.

/** The reference: the whole text through the text parser, every event built and folded as its record. */
function digestAsText(xml: string): { digest: HostEventDigest; events: number; unrecognized: readonly string[] } {
  const acc = createHostEventAccumulator();
  const parser = createEventStreamParser((event) => acc.add(hostRecordOfEvent(event)));
  parser.push(xml);
  const { events, unrecognized } = parser.end();
  return { digest: acc.digest(), events, unrecognized };
}

/** The file through streamEventsFile with all three ways in, counting the events each took. */
async function digestFromFile(file: string, readBytes: number): Promise<{ digest: HostEventDigest; events: number; unrecognized: readonly string[]; byBytes: number; byText: number }> {
  const acc = createHostEventAccumulator();
  const record = emptyHostRecord();
  const fromBytes = createByteHostRecordReader();
  let byBytes = 0;
  let byText = 0;
  const summary = await streamEventsFile(file, (event) => acc.add(hostRecordOfEvent(event, record)), {
    readBytes,
    takeRaw: (raw) => hostRecordOfRaw(raw, record) && (acc.add(record), ++byText > 0),
    takeBytes: (view) => fromBytes(view, record) && (acc.add(record), ++byBytes > 0),
  });
  return { digest: acc.digest(), events: summary.events, unrecognized: summary.unrecognized, byBytes, byText };
}

describe('reading a host log from its bytes', () => {
  it('takes nearly every request of a generated busy host, refusals included, with the digest the text parser makes, for any read size', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'host.xml');
    const xml = [...generateKmsHostEvents({ count: 3000, seed: 7, machines: 500 })].map((e) => kmsHostEventToXml(e)).join('\r\n');
    await writeFile(file, xml);
    const expected = digestAsText(xml);
    const failures = [...expected.digest.failures.values()].reduce((n, f) => n + f.times.length, 0);
    expect(failures).toBeGreaterThan(10);
    for (const readBytes of [1 << 20, 65_536, 4093, 1500]) {
      const got = await digestFromFile(file, readBytes);
      expect(got.unrecognized).toEqual([]);
      expect(got.events).toBe(3000);
      expect(comparableDigest(got.digest)).toEqual(comparableDigest(expected.digest));
      // Refused requests too are read from bytes; only the events before a layout is learned are read as text.
      expect(got.byBytes).toBeGreaterThan(2900);
    }
    // What analyze calls gives the same digest.
    expect(comparableDigest((await digestEventFile(file, 10)).host)).toEqual(comparableDigest(expected.digest));
  });

  it('whatever the values, blanks, stray text, non-ASCII and read boundaries, the result is the text parser\'s (property)', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'host.xml');
    const between = fc.constantFrom('', '\n', '\r\n', '  \t', 'stray text', '<!-- a comment -->', 'Ünï');
    const item = fc.record({ request: request12290, after: fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: between }) });
    let byBytesInAll = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(item, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1300, max: 4000 }),
        fc.constantFrom('', '\ufeff', '<?xml version="1.0" encoding="UTF-8"?>\n<Events>\n'),
        fc.constantFrom('', '</Events>', '<Event><System><EventID>12290'),
        async (items, cleanLead, readBytes, head, tail) => {
          const xml =
            head +
            Array.from({ length: cleanLead + 2 }, () => event12290(clean12290)).join('') +
            items.map(({ request, after }) => requestXml(request) + after).join('') +
            tail;
          await writeFile(file, xml);
          const got = await digestFromFile(file, readBytes);
          // The BOM is not text: the reference reads what a decoder would hand over.
          const expected = digestAsText(xml.replace(/^\ufeff/, ''));
          byBytesInAll += got.byBytes;
          expect(got.unrecognized).toEqual(expected.unrecognized);
          expect(got.events).toBe(expected.events);
          expect(comparableDigest(got.digest)).toEqual(comparableDigest(expected.digest));
        },
      ),
      { numRuns: 300 },
    );
    // The property proves something only if the byte reader ran: hundreds of requests were taken from
    // bytes (about as many as takeRaw took from text, mostly in each file's first read, before a layout).
    expect(byBytesInAll).toBeGreaterThan(250);
  });

  it('a UTF-16 file is read as text, with the same digest', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'host16.xml');
    const xml = [...generateKmsHostEvents({ count: 300, seed: 3, machines: 50 })].map((e) => kmsHostEventToXml(e)).join('\n');
    await writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]));
    const got = await digestFromFile(file, 4096);
    expect(got.byBytes).toBe(0);
    expect(got.events).toBe(300);
    expect(comparableDigest(got.digest)).toEqual(comparableDigest(digestAsText(xml).digest));
  });
});

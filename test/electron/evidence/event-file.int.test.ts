import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventFileError, sniffEncoding, streamEventsFile } from '../../../electron/evidence/event-file.js';
import { createEventStreamParser } from '../../../shared/parse/events/index.js';
import type { KmsEvent } from '../../../shared/parse/types.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const sample = readFileSync(new URL('../../shared/parse/events/fixtures/wevtutil-client-application.xml', import.meta.url), 'utf8').replace(
  /WKS00042\.corp\.contoso\.com/g,
  'Ärger-日本-🙂.corp.contoso.com',
);

function encode(text: string, encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bom: boolean): Buffer {
  const body = encoding === 'utf-8' ? Buffer.from(text, 'utf8') : Buffer.from(text, 'utf16le');
  if (encoding === 'utf-16be') body.swap16();
  const mark = !bom ? [] : encoding === 'utf-8' ? [0xef, 0xbb, 0xbf] : encoding === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return Buffer.concat([Buffer.from(mark), body]);
}

async function streamFile(file: string): Promise<{ events: KmsEvent[]; summary: Awaited<ReturnType<typeof streamEventsFile>> }> {
  const events: KmsEvent[] = [];
  const summary = await streamEventsFile(file, (e) => events.push(e));
  return { events, summary };
}

function parseInMemory(text: string): { events: KmsEvent[]; unrecognized: readonly string[] } {
  const events: KmsEvent[] = [];
  const parser = createEventStreamParser((e) => events.push(e));
  parser.push(text);
  return { events, unrecognized: parser.end().unrecognized };
}

describe('streamEventsFile on real files', () => {
  for (const encoding of ['utf-8', 'utf-16le', 'utf-16be'] as const) {
    for (const bom of [true, false]) {
      it(`${encoding} ${bom ? 'with' : 'without'} BOM: all events, non-ASCII names intact, encoding reported`, async () => {
        const dir = await makeTempDir();
        const file = path.join(dir, 'events.xml');
        await writeFile(file, encode(sample, encoding, bom));
        const { events, summary } = await streamFile(file);
        expect(summary).toMatchObject({ encoding, bom, events: 6, unrecognized: [] });
        expect(events.map((e) => e.eventId)).toEqual([12288, 12289, 1003, 8198, 12308, 900]);
        expect(events[0]?.computer).toBe('Ärger-日本-🙂.corp.contoso.com');
        expect(events).toEqual(parseInMemory(sample).events);
      });
    }
  }

  it('multi-byte characters cut by the 64 KB piece and the 1 MB read boundaries decode intact', async () => {
    const event = (sample.split('</Event>')[0] as string) + '</Event>';
    // Pad with a comment so that a 2-byte 'Ä' straddles byte 65,536 and a 4-byte '🙂' byte 1,048,576.
    const place = (text: string, marker: string, boundary: number, offsetInChar: number): string => {
      const before = Buffer.byteLength(text.slice(0, text.indexOf(marker)), 'utf8');
      const pad = boundary - offsetInChar - before - '<!---->'.length;
      return `<!--${' '.repeat(pad)}-->${text}`;
    };
    let text = place(event, 'Ä', 65_536, 1);
    const head = Buffer.byteLength(text, 'utf8');
    text += place(event, '🙂', 1_048_576 - head, 2);
    text += event.repeat(20);
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes[65_535]).toBe(0xc3);
    expect(bytes[1_048_574]).toBe(0xf0);
    const dir = await makeTempDir();
    const file = path.join(dir, 'boundaries.xml');
    await writeFile(file, bytes);
    const { events, summary } = await streamFile(file);
    expect(summary.unrecognized).toEqual([]);
    expect(events).toHaveLength(22);
    expect(new Set(events.map((e) => e.computer))).toEqual(new Set(['Ärger-日本-🙂.corp.contoso.com']));
    expect(events).toEqual(parseInMemory(text).events);
  });

  it('a large UTF-16LE file streams in pieces and matches the in-memory parse', async () => {
    const text = sample.repeat(400);
    const dir = await makeTempDir();
    const file = path.join(dir, 'big16.xml');
    await writeFile(file, encode(text, 'utf-16le', true));
    const { events, summary } = await streamFile(file);
    expect(summary.bytes).toBeGreaterThan(3_000_000);
    expect(events).toHaveLength(2400);
    expect(events).toEqual(parseInMemory(text).events);
  });

  it('a binary .evtx log is refused with a one-line reason', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'kms.evtx');
    await writeFile(file, Buffer.concat([Buffer.from('ElfFile\0', 'latin1'), Buffer.alloc(4096, 1)]));
    const attempt = streamFile(file);
    await expect(attempt).rejects.toBeInstanceOf(EventFileError);
    await expect(attempt).rejects.toThrow(/^this is a binary \.evtx event log, not event XML: export it with `wevtutil qe/);
  });

  it('a missing file rejects with the file system error', async () => {
    const dir = await makeTempDir();
    await expect(streamFile(path.join(dir, 'nope.xml'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('an empty file gives no events and nothing unrecognised', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'empty.xml');
    await writeFile(file, '');
    expect((await streamFile(file)).summary).toMatchObject({ events: 0, unrecognized: [], bytes: 0 });
  });
});

describe('sniffEncoding', () => {
  it.each([
    [[0xef, 0xbb, 0xbf, 0x3c], { encoding: 'utf-8', bom: true }],
    [[0xff, 0xfe, 0x3c, 0x00], { encoding: 'utf-16le', bom: true }],
    [[0xfe, 0xff, 0x00, 0x3c], { encoding: 'utf-16be', bom: true }],
    [[0x3c, 0x00, 0x45, 0x00, 0x76, 0x00], { encoding: 'utf-16le', bom: false }],
    [[0x00, 0x3c, 0x00, 0x45], { encoding: 'utf-16be', bom: false }],
    [[0x3c, 0x45, 0x76], { encoding: 'utf-8', bom: false }],
    [[0x00, 0xef, 0xde, 0xcd], { encoding: 'utf-8', bom: false }],
    [[], { encoding: 'utf-8', bom: false }],
  ])('%j → %j', (bytes, expected) => expect(sniffEncoding(Uint8Array.from(bytes))).toEqual(expected));
});

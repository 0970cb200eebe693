// The native .evtx reader against two independent readers on the real logs of test/fixtures/evtx
// (SOURCES.md there): libyal's `evtxexport -f xml` (libevtx-utils) record by record and element by
// element, and python-evtx (python3-evtx) on the fields of DESIGN.md §5. Both are installed by .ci/run.
//
// Where the readers differ from us, the format documentation decides (each case below says why):
// - Times: we print FILETIME and SYSTEMTIME with 9 fraction digits as current Windows and libevtx do;
//   python-evtx prints microseconds without a zone. Compared with python-evtx as instants.
// - Hex integers (HexInt32/HexInt64, e.g. Keywords): Windows prints them without leading zeros
//   ("0x80000000000000"), libevtx zero-pads to the type's width. size_t (win:Pointer, 4624's ProcessId):
//   Windows prints hex ("0x4"), both readers decimal. Integers are therefore compared as numbers.
// - String values holding markup (the LiveId log's SOAP envelopes): libevtx writes them unescaped, which
//   is not well-formed XML; its Data contents are read as text here.
// - C0 control characters in values (security.evtx record 55 holds U+0003): libevtx writes them raw,
//   which XML 1.0 forbids; we write character references, which read back to the same text.
//   python-evtx drops them, so they are compared without them.
// - An element whose content is an optional substitution with a NULL value is left out, and an element
//   holding an array is repeated per item: what Windows' EvtRender and libevtx do (MS-EVEN6 3.1.4.7.2
//   optional substitution). An empty string is a value: an empty element in its place, for all three
//   readers. python-evtx renders the NULL one as an empty element too, and the array as one `<string>`
//   list, so it is compared on records without either (the written log below shows both cases).
// - An empty Computer: python-evtx's script gives '', we give null as the event XML reader does
//   (DESIGN §5: `computer: string | null`, null when unknown).
// - A record whose size copy at its end is 0 (still being written when the log was copied) is skipped
//   with a remark, as libevtx does; python-evtx reads 3 such records of sample_with_a_bad_chunk_magic.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEventStreamParser } from '../../../../shared/parse/events/index.js';
import { readEvtx, renderEventXml } from '../../../../shared/parse/evtx/index.js';
import type { KmsEvent } from '../../../../shared/parse/types.js';
import { canonicalEvents, type Normalize } from './xml-canon.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/evtx');
const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.evtx')).sort();
const has = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const haveLibevtx = has('evtxexport');

const hexNumber = (v: string): string => (/^0x[0-9a-fA-F]{1,16}$/.test(v) ? BigInt(v).toString() : v);
const normalize: Normalize = (_kind, _name, value) => hexNumber(value);

interface Ours {
  readonly xml: string[];
  readonly events: KmsEvent[];
  readonly recordIds: number[];
  readonly remarks: readonly string[];
}

function readOurs(file: string): Ours {
  const xml: string[] = [];
  const events: KmsEvent[] = [];
  const recordIds: number[] = [];
  const summary = readEvtx(readFileSync(join(FIXTURES, file)), {
    onRecord: (r) => {
      xml.push(renderEventXml(r.nodes));
      recordIds.push(r.recordId);
    },
    onEvent: (e) => events.push(e),
  });
  return { xml, events, recordIds, remarks: summary.remarks };
}

const libevtxCache = new Map<string, string>();
function libevtxXml(file: string): string {
  let xml = libevtxCache.get(file);
  if (xml === undefined) {
    xml = execFileSync('evtxexport', ['-f', 'xml', join(FIXTURES, file)], { timeout: 60_000, maxBuffer: 1 << 28 }).toString('utf8');
    libevtxCache.set(file, xml);
  }
  return xml;
}

/** libevtx's <Data> contents as escaped text (it writes string values unescaped; Data never has child elements). */
const escapeDataContents = (xml: string): string =>
  xml.replace(/(<Data(?:\s[^>]*?)?(?<!\/)>)([\s\S]*?)(<\/Data>)/g, (_m, open: string, text: string, close: string) =>
    `${open}${/[<>]/.test(text) ? text.replace(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text}${close}`,
  );

const libevtxFiles = files.filter((f) => f !== 'MSExchange_Management_wec.evtx');

describe.skipIf(!haveLibevtx)(`evtx reader vs evtxexport -f xml${haveLibevtx ? '' : ' [skipped: needs libevtx-utils]'}`, () => {
  it.each(libevtxFiles)('%s: every record, element by element', (file) => {
    const theirs = canonicalEvents(escapeDataContents(libevtxXml(file)), normalize);
    const ours = readOurs(file);
    const mine = canonicalEvents(ours.xml.join('\n'), normalize);
    expect(theirs.length).toBeGreaterThan(0);
    expect(mine.length).toBe(theirs.length);
    for (let i = 0; i < theirs.length; i++) expect(mine[i], `${file} record ${ours.recordIds[i]}`).toEqual(theirs[i]);
  });

  it.each(libevtxFiles)('%s: the parsed events equal those of evtxexport\'s XML read by the event XML path', (file) => {
    const reference = escapeDataContents(libevtxXml(file));
    const fromXml: KmsEvent[] = [];
    const parser = createEventStreamParser((e) => fromXml.push(e));
    parser.push(reference);
    parser.end();
    const ours = readOurs(file);
    expect(ours.events.length).toBe(fromXml.length);
    const canon = (e: KmsEvent): KmsEvent => (e.data === undefined ? e : { ...e, data: e.data.map(hexNumber) });
    for (let i = 0; i < fromXml.length; i++) expect(canon(ours.events[i] as KmsEvent), `${file} event ${i}`).toEqual(canon(fromXml[i] as KmsEvent));
  });

  it('MSExchange_Management_wec.evtx (Windows Event Collector): libevtx reads nothing, we read its record', () => {
    const result = spawnSync('evtxexport', ['-f', 'xml', join(FIXTURES, 'MSExchange_Management_wec.evtx')], { timeout: 60_000 });
    expect(canonicalEvents(result.stdout.toString('utf8'), normalize)).toHaveLength(0);
    const ours = readOurs('MSExchange_Management_wec.evtx');
    expect(ours.events).toHaveLength(1);
    expect(ours.remarks).toEqual([]);
  });
});

const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const havePythonEvtx = spawnSync(python, ['-c', 'import Evtx.Evtx'], { timeout: 20_000 }).status === 0;
// python-evtx reads about 70 records/s here: the first records of each log keep the test short.
const PYTHON_RECORDS = 100;

/**
 * python-evtx prints typed values the Python way: times as `2019-03-08 23:23:05.464664` (microseconds,
 * float-rounded), booleans as True/False, GUIDs in lower case; its XML parser turns CR LF into LF, and it
 * drops the C0 controls XML 1.0 cannot hold. Compared on what they mean: times to the second, booleans
 * and GUIDs ignoring case, numbers as numbers, text without those controls.
 */
function pythonCanon(v: string): string {
  const t = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.\d+)?Z?$/.exec(v);
  if (t !== null) return `${t[1]}T${t[2]}`;
  if (/^(true|false)$/i.test(v) || /^\{[0-9a-f-]{36}\}$/i.test(v)) return v.toLowerCase();
  // eslint-disable-next-line no-control-regex
  return hexNumber(v.replace(/\r\n/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''));
}

/** Binary values: python-evtx prints base64, Windows and libevtx (and we) hex. */
const base64AsHex = (v: string | undefined): string | null =>
  v !== undefined && v.length >= 4 && /^[A-Za-z0-9+/]+=*$/.test(v) ? Buffer.from(v, 'base64').toString('hex').toUpperCase() : null;

/**
 * python-evtx's Data items without those it gives for NULL values (empty items ours does not have, since
 * an optional substitution with a NULL value has no element): each extra '' where ours has no ''.
 */
function withoutNullItems(theirs: readonly string[], ours: readonly string[]): string[] {
  let extra = theirs.length - ours.length;
  const out: string[] = [];
  for (const item of theirs) {
    if (extra > 0 && item === '' && ours[out.length] !== '') extra--;
    else out.push(item);
  }
  return out;
}

interface PythonRecord {
  readonly record: number;
  readonly error?: string;
  readonly eventId: string;
  readonly provider: string | null;
  readonly channel: string | null;
  readonly computer: string | null;
  readonly recordId: string;
  readonly time: string | null;
  readonly data: string[] | null;
}

describe.skipIf(!havePythonEvtx)(`evtx reader vs python-evtx${havePythonEvtx ? '' : ' [skipped: needs python3-evtx]'}`, () => {
  it.each(files)('%s: id, provider, channel, computer, record id, time and data of the first records', (file) => {
    const out = execFileSync(python, [join(import.meta.dirname, 'python-evtx-fields.py'), join(FIXTURES, file), String(PYTHON_RECORDS)], { timeout: 120_000, maxBuffer: 1 << 26 });
    const theirs = out.toString('utf8').trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as PythonRecord);
    const ours = readOurs(file);
    const byRecord = new Map(ours.events.map((e) => [e.recordId as number, e]));
    let compared = 0;
    let dataCompared = 0;
    for (const t of theirs) {
      // The 3 records python-evtx reads whose size copy is 0 (see the top of this file).
      if (file === 'sample_with_a_bad_chunk_magic.evtx' && !byRecord.has(Number(t.recordId))) continue;
      // python-evtx fails on the Windows Event Collector log ('NullTypeNode' object has no attribute…).
      if (file === 'MSExchange_Management_wec.evtx' && t.error !== undefined) continue;
      expect(t.error, `${file} record ${t.record}: python-evtx XML`).toBeUndefined();
      const e = byRecord.get(Number(t.recordId));
      expect(e, `${file} record ${t.recordId}`).toBeDefined();
      if (e === undefined) continue;
      compared++;
      expect(e.eventId).toBe(Number(t.eventId));
      expect(e.provider).toBe(t.provider);
      expect(e.logName).toBe(t.channel);
      expect(e.computer).toBe(t.computer === '' ? null : t.computer);
      expect(e.recordId).toBe(Number(t.recordId));
      // python-evtx: microseconds, no zone, rounded; ours: the FILETIME to the millisecond.
      expect(t.time).not.toBeNull();
      expect(Math.abs(Date.parse(`${(t.time as string).replace(' ', 'T')}Z`) - Date.parse(e.timeCreated as string))).toBeLessThanOrEqual(1);
      // Arrays (`<string>` lists) render differently; python-evtx's items for NULL values are dropped (see the top of this file).
      if (e.data !== undefined && !(t.data ?? []).some((d) => d.includes('<string>'))) {
        const ourData = e.data;
        const theirData = withoutNullItems(t.data ?? [], ourData);
        const theirCanon = theirData.map((v, i) => (base64AsHex(v) === ourData[i] ? v : pythonCanon(v)));
        const ourCanon = ourData.map((v, i) => (base64AsHex(theirData[i]) === v ? (theirData[i] as string) : pythonCanon(v)));
        expect(ourCanon, `${file} record ${t.recordId} data`).toEqual(theirCanon);
        dataCompared++;
      }
    }
    if (file === 'MSExchange_Management_wec.evtx') return;
    expect(compared).toBeGreaterThan(0);
    expect(compared).toBe(file === 'sample_with_a_bad_chunk_magic.evtx' ? compared : Math.min(PYTHON_RECORDS, ours.events.length));
    if (file !== 'Application_no_crc32.evtx') expect(dataCompared).toBeGreaterThan(0);
  }, 180_000);
});

describe.skipIf(!haveLibevtx)(`the test writer's KMS logs vs evtxexport${haveLibevtx ? '' : ' [skipped: needs libevtx-utils]'}`, () => {
  it('12290, 12288 and 12293 in Binary XML templates: libevtx reads the same events', async () => {
    const { writeEvtx, record12290, record12293, recordClientInfo } = await import('../../../../tools/gen/evtx-writer.js');
    const { makeTempDir } = await import('../../../helpers/temp-dir.js');
    const { writeFile } = await import('node:fs/promises');
    const host = { computer: 'kms01.contoso.com' };
    const records = [
      ...Array.from({ length: 400 }, (_, i) =>
        record12290({ ...host, time: new Date(Date.UTC(2026, 9, 1) + i * 61_001).toISOString(), recordId: 1 + i }, [i % 7 === 0 ? '0xC004F042' : '0x0', i % 2 === 0 ? '25' : '5', `pc${i}.contoso.com`, `b0000000-0000-4000-8000-${String(i).padStart(12, '0')}`, '2026/10/1 7:00', String(i % 2), '1', '259200', 'act']),
      ),
      record12293({ ...host, time: '2026-10-02T07:02:00Z', recordId: 401 }, '0x80072338', 'contoso.com'),
      recordClientInfo(12288, { computer: 'pc1', time: '2026-10-02T07:03:00Z', recordId: 402 }, ['0x0', '0x0', 'kms01.contoso.com:1688', 'b0000000-0000-4000-8000-000000000001', '2026/10/02 07:03', '0', '1', '259200', 'act', '25']),
    ];
    const file = join(await makeTempDir(), 'kms.evtx');
    await writeFile(file, writeEvtx(records));
    const reference = execFileSync('evtxexport', ['-f', 'xml', file], { timeout: 60_000, maxBuffer: 1 << 26 }).toString('utf8');
    const fromXml: KmsEvent[] = [];
    const parser = createEventStreamParser((e) => fromXml.push(e));
    parser.push(reference);
    parser.end();
    const ours: KmsEvent[] = [];
    readEvtx(readFileSync(file), { onEvent: (e) => ours.push(e) });
    expect(fromXml).toHaveLength(402);
    expect(ours).toEqual(fromXml);
    expect(ours.filter((e) => e.hresult === '0xC004F042')).toHaveLength(58);
  });
});

/**
 * Empty values as the test writer writes them: a 12290 whose client name and minimum count are empty
 * strings and whose Computer is empty, and four named Data items (TEMPLATE_OPTIONAL_AND_PLAIN) holding an
 * empty string (A, optional; C, plain), NULL (B, optional) and text (D). (NULL in a plain substitution,
 * which evtx-reader.test.ts reads as an empty element, makes libevtx refuse the record: "unable to
 * substitute template value".)
 */
async function emptyValuesLog(): Promise<string> {
  const { writeEvtx, record12290, systemValues, str, nul, TEMPLATE_OPTIONAL_AND_PLAIN } = await import('../../../../tools/gen/evtx-writer.js');
  const { makeTempDir } = await import('../../../helpers/temp-dir.js');
  const { writeFile } = await import('node:fs/promises');
  const file = join(await makeTempDir(), 'empty-values.evtx');
  await writeFile(
    file,
    writeEvtx([
      record12290({ computer: '', time: '2026-10-01T07:05:00Z', recordId: 1 }, ['0xC004F042', '', '', 'b0000000-0000-4000-8000-000000000001', '2026/10/1 7:05', '1', '5', '43200', 'act']),
      {
        template: TEMPLATE_OPTIONAL_AND_PLAIN,
        values: [...systemValues({ provider: 'X', eventId: 1, time: '2026-10-01T07:06:00Z', recordId: 2, channel: 'Application', computer: 'pc1' }), str(''), nul(), str(''), str('last')],
        recordId: 2,
      },
    ]),
  );
  return file;
}

describe('empty and NULL values', () => {
  it.skipIf(!haveLibevtx)(`an empty string is an empty element in its place, a NULL optional value none: as evtxexport reads them${haveLibevtx ? '' : ' [skipped: needs libevtx-utils]'}`, async () => {
    const file = await emptyValuesLog();
    const reference = execFileSync('evtxexport', ['-f', 'xml', file], { timeout: 60_000 }).toString('utf8');
    expect(reference).toContain('<Computer/>');
    expect(reference).toMatch(/<Data>0xC004F042<\/Data>\s*<Data\/>\s*<Data\/>\s*<Data>b0000000-/);
    expect(reference).toMatch(/<Data Name="A"\/>\s*<Data Name="C"\/>\s*<Data Name="D">last<\/Data>/);
    const xml: string[] = [];
    const ours: KmsEvent[] = [];
    readEvtx(readFileSync(file), { onRecord: (r) => xml.push(renderEventXml(r.nodes)), onEvent: (e) => ours.push(e) });
    expect(canonicalEvents(xml.join('\n'), normalize)).toEqual(canonicalEvents(reference, normalize));
    const fromXml: KmsEvent[] = [];
    const parser = createEventStreamParser((e) => fromXml.push(e));
    parser.push(reference);
    parser.end();
    expect(ours).toEqual(fromXml);
    expect(ours[0]).toMatchObject({ computer: null, hresult: '0xC004F042', cmid: 'b0000000-0000-4000-8000-000000000001', activationId: 'act' });
    expect(ours[1]?.data).toEqual(['', '', 'last']);
  });

  it.skipIf(!havePythonEvtx)(`python-evtx gives the same items, and an empty one for the NULL optional value${havePythonEvtx ? '' : ' [skipped: needs python3-evtx]'}`, async () => {
    const file = await emptyValuesLog();
    const out = execFileSync(python, [join(import.meta.dirname, 'python-evtx-fields.py'), file, '10'], { timeout: 60_000 }).toString('utf8');
    const theirs = out.trim().split('\n').map((l) => JSON.parse(l) as PythonRecord);
    const ours: KmsEvent[] = [];
    readEvtx(readFileSync(file), { onEvent: (e) => ours.push(e) });
    expect(theirs.map((t) => t.data)).toEqual([
      ['0xC004F042,,,b0000000-0000-4000-8000-000000000001,2026/10/1 7:05,1,5,43200,act', '0xC004F042', '', '', 'b0000000-0000-4000-8000-000000000001', '2026/10/1 7:05', '1', '5', '43200', 'act'],
      ['', '', '', 'last'],
    ]);
    expect(theirs[0]?.computer).toBe('');
    expect(ours[0]?.computer).toBeNull();
    expect(ours[1]?.data).toEqual(withoutNullItems(theirs[1]?.data ?? [], ours[1]?.data ?? []));
    expect(ours[1]?.data).toEqual(['', '', 'last']);
  });
});

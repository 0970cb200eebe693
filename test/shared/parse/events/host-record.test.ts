import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateKmsHostEvents, kmsHostEventToXml } from '../../../../tools/gen/kms-host-events.js';
import { createHostEventAccumulator, type HostEventDigest } from '../../../../shared/diagnose/host-events.js';
import { compileByteLayout, matchByteLayout, type ByteLayout } from '../../../../shared/parse/events/byte-layout.js';
import { createByteHostRecordReader } from '../../../../shared/parse/events/host-record-bytes.js';
import { emptyHostRecord, hostRecordOfEvent, hostRecordOfRaw, type HostEventRecord } from '../../../../shared/parse/events/host-record.js';
import { createEventStreamParser } from '../../../../shared/parse/events/index.js';
import { readEvtx } from '../../../../shared/parse/evtx/index.js';
import type { KmsEvent } from '../../../../shared/parse/types.js';
import { comparableDigest } from '../../../helpers/digest-compare.js';
import { clean12290, event12290, request12290, requestXml, type Request12290 } from '../../../helpers/event-12290.js';
import { record12290, writeEvtx } from '../../../../tools/gen/evtx-writer.js';

// Every reader brings its events to the host digest through one adapter into HostEventRecord. The
// reference is the record of the parsed event (hostRecordOfEvent); each fast adapter must give exactly
// that record, or decline and leave the event to the reference path.

/** What each source made of one event: the reference, and each fast adapter's record (null: declined). */
interface Sources {
  readonly reference: HostEventRecord;
  readonly raw: HostEventRecord | null;
  readonly bytes: HostEventRecord | null;
  readonly evtx: HostEventRecord | null;
}

const lead = event12290(clean12290) + event12290(clean12290);
/** A SystemTime an .evtx FILETIME holds as XML gives it (a real UTC time, to the millisecond). */
const evtxTime = (time: string): boolean =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3,7}Z$/.test(time) && new Date(Date.parse(time)).toISOString().slice(0, 19) === time.slice(0, 19);

function sourcesOf(request: Request12290): Sources {
  const xml = requestXml(request);
  // The text parser, offered the raw values (declined, so that the event is built as well).
  const delivered: Array<{ event: KmsEvent; raw: HostEventRecord | null }> = [];
  let offered: HostEventRecord | null = null;
  const scratch = emptyHostRecord();
  const parser = createEventStreamParser((event) => {
    delivered.push({ event, raw: offered });
    offered = null;
  }, {
    takeRaw: (raw) => {
      offered = hostRecordOfRaw(raw, scratch) ? { ...scratch } : null;
      return false;
    },
  });
  parser.push(lead + xml);
  parser.end();
  expect(delivered).toHaveLength(3);
  const last = delivered[2]!;
  // The byte reader, with the layouts the parser learned.
  let bytes: HostEventRecord | null = null;
  const encoded = new TextEncoder().encode(xml);
  const words = new DataView(encoded.buffer);
  for (const layout of parser.layouts().map(compileByteLayout).filter((l): l is ByteLayout => l !== null)) {
    if (matchByteLayout(layout, encoded, words, 0, encoded.length) < 0) continue;
    const into = emptyHostRecord();
    bytes = createByteHostRecordReader()(layout.view, into) ? into : null;
    break;
  }
  // The same values written to an .evtx log and read back.
  let evtx: HostEventRecord | null = null;
  const fields = [request.hresult, request.minimumCount, request.name, request.cmid, request.clientTime, request.isVm, request.licenseState, request.minutesToExpiry, 'act'];
  // Empty values included: an empty string substitution is an empty element in its place, as in event XML.
  if (evtxTime(request.systemTime)) {
    const log = writeEvtx([record12290({ time: request.systemTime, recordId: 1, computer: request.computer }, fields)]);
    const events: KmsEvent[] = [];
    readEvtx(log, { onEvent: (event) => events.push(event) });
    expect(events).toHaveLength(1);
    evtx = hostRecordOfEvent(events[0]!);
  }
  return { reference: hostRecordOfEvent(last.event), raw: last.raw, bytes, evtx };
}

describe('host event records', () => {
  it('every source gives the same record for the same 12290, or leaves it to the parsed event (property)', () => {
    const taken = { raw: 0, bytes: 0, evtx: 0, failures: 0 };
    fc.assert(
      fc.property(request12290, (request) => {
        const { reference, raw, bytes, evtx } = sourcesOf(request);
        if (raw !== null) {
          expect(raw, 'raw').toEqual(reference);
          taken.raw++;
          if (!/^0x0+$/i.test(raw.hresult ?? '')) taken.failures++;
        }
        if (bytes !== null) {
          expect(bytes, 'bytes').toEqual(reference);
          taken.bytes++;
        }
        if (evtx !== null) {
          // The .evtx record keeps SystemTime to the 100 ns: equal to the millisecond, as XML gives it.
          expect(evtx, '.evtx').toEqual(reference);
          taken.evtx++;
        }
      }),
      { numRuns: 1500 },
    );
    // The property proves something only if each adapter ran, refused requests included.
    expect(taken.raw).toBeGreaterThan(200);
    expect(taken.bytes).toBeGreaterThan(150);
    expect(taken.evtx).toBeGreaterThan(500);
    expect(taken.failures).toBeGreaterThan(10);
  });

  it('a 12290 as Windows logs it gives the record with every field', () => {
    const { reference, raw, bytes } = sourcesOf({
      systemTime: '2026-10-01T08:05:12.1234567Z',
      hresult: '0xC004F042',
      minimumCount: '25',
      name: 'WKS1.corp.test',
      cmid: '5704df74-8021-484c-a8e9-dd62a385c3ee',
      clientTime: '2026/10/1 8:05',
      isVm: '1',
      licenseState: '5',
      minutesToExpiry: '43200',
      computer: 'kms01.corp.test',
    });
    const expected: HostEventRecord = {
      eventId: 12290,
      time: Date.parse('2026-10-01T08:05:12.123Z'),
      computer: 'kms01.corp.test',
      hresult: '0xC004F042',
      clientName: 'WKS1.corp.test',
      cmid: '5704df74-8021-484c-a8e9-dd62a385c3ee',
      minimumCount: 25,
      clientTime: Date.parse('2026-10-01T08:05:00Z'),
      isVm: true,
      licenseState: 5,
      minutesToExpiry: 43200,
      activationId: 'act',
      dnsDomain: null,
    };
    expect(reference).toEqual(expected);
    expect(raw).toEqual(expected);
    expect(bytes).toEqual(expected);
  });

  it('empty values: an empty Computer is null and an empty field keeps its place, from the .evtx as from XML', () => {
    const { reference, raw, evtx } = sourcesOf({
      systemTime: '2026-10-01T08:05:12.1234567Z',
      hresult: '0xC004F042',
      minimumCount: '',
      name: '',
      cmid: '5704df74-8021-484c-a8e9-dd62a385c3ee',
      clientTime: '2026/10/1 8:05',
      isVm: '1',
      licenseState: '5',
      minutesToExpiry: '43200',
      computer: '',
    });
    expect(reference).toMatchObject({ computer: null, clientName: null, minimumCount: undefined, cmid: '5704df74-8021-484c-a8e9-dd62a385c3ee', isVm: true, licenseState: 5, minutesToExpiry: 43200, activationId: 'act' });
    expect(evtx).toEqual(reference);
    if (raw !== null) expect(raw).toEqual(reference);
  });

  it('the raw adapter declines what buildKmsEvent would read differently: other ids, a missing field, an odd value', () => {
    const fields = ['0x0', '25', 'pc', 'c', '2026/10/1 8:05', '0', '1', '259200', 'act'];
    const view = (eventId: string, data: readonly string[]) => ({ eventId, systemTime: '2026-10-01T08:05:12.1234567Z', computer: 'kms', data });
    const into = emptyHostRecord();
    expect(hostRecordOfRaw(view('12288', ['', ...fields]), into)).toBe(false);
    expect(hostRecordOfRaw(view('12290', fields), into)).toBe(false);
    expect(hostRecordOfRaw(view('12290', ['', ' 0x0', ...fields.slice(1)]), into)).toBe(false);
    expect(hostRecordOfRaw(view('12290', ['', '0x0', '25', 'pc', 'c', '2026-10-01 08:05', '0', '1', '259200', 'act']), into)).toBe(false);
    expect(hostRecordOfRaw(view('12290', ['', ...fields]), into)).toBe(true);
    expect(into).toMatchObject({ clientName: 'pc', cmid: 'c', hresult: '0x0', isVm: false });
  });
});

// The digest a stream makes when the parser's raw values are folded must be exactly the one the parsed
// events alone make, whatever the values look like.

function digestOf(xml: string, chunk: number, lean: boolean): { digest: HostEventDigest; taken: number; delivered: number; unrecognized: readonly string[] } {
  const acc = createHostEventAccumulator();
  const record = emptyHostRecord();
  let taken = 0;
  let delivered = 0;
  const parser = createEventStreamParser(
    (event) => {
      delivered++;
      acc.add(hostRecordOfEvent(event, record));
    },
    lean
      ? {
          takeRaw: (raw) => {
            if (!hostRecordOfRaw(raw, record)) return false;
            acc.add(record);
            taken++;
            return true;
          },
        }
      : {},
  );
  for (let at = 0; at < xml.length; at += chunk) parser.push(xml.slice(at, at + chunk));
  return { digest: acc.digest(), taken, delivered, unrecognized: parser.end().unrecognized };
}

describe('the host digest through the raw adapter', () => {
  it('takes nearly every request of a generated busy host, refusals included, and leaves the digest exactly as the parsed events make it', () => {
    const xml = [...generateKmsHostEvents({ count: 4000, seed: 11, machines: 600 })].map((e) => kmsHostEventToXml(e)).join('\n');
    const lean = digestOf(xml, 65_536, true);
    const full = digestOf(xml, 65_536, false);
    expect(lean.unrecognized).toEqual([]);
    expect(comparableDigest(lean.digest)).toEqual(comparableDigest(full.digest));
    expect(lean.digest.requests12290).toBe(4000);
    const failures = [...full.digest.failures.values()].reduce((n, f) => n + f.times.length, 0);
    expect(failures).toBeGreaterThan(10);
    // The first events teach the parser the layout; after that every request is taken.
    expect(lean.taken).toBeGreaterThan(3900);
    expect(lean.taken + lean.delivered).toBe(4000);
  });

  it('whatever the spelling of each value, the digest is the one the parsed events make (property)', () => {
    let takenInAll = 0;
    fc.assert(
      fc.property(fc.array(request12290, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 200, max: 5000 }), (requests, cleanLead, chunk) => {
        // A few clean requests first, so that a layout is learned and the raw values are offered for the rest.
        const xml = Array.from({ length: cleanLead + 2 }, () => event12290(clean12290)).join('') + requests.map(requestXml).join('');
        const lean = digestOf(xml, chunk, true);
        const full = digestOf(xml, chunk, false);
        takenInAll += lean.taken;
        expect(lean.unrecognized).toEqual(full.unrecognized);
        expect(comparableDigest(lean.digest)).toEqual(comparableDigest(full.digest));
      }),
      { numRuns: 1500 },
    );
    // The property proves something only if the lean path ran: thousands of requests were taken.
    expect(takenInAll).toBeGreaterThan(1500);
  });
});

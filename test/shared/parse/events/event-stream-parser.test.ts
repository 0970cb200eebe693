import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEventStreamParser, type EventStreamParserOptions } from '../../../../shared/parse/events/index.js';
import type { KmsEvent } from '../../../../shared/parse/types.js';
import { generateKmsHostEvents, kmsHostEventToXml } from '../../../../tools/gen/kms-host-events.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

interface Parsed {
  events: KmsEvent[];
  unrecognized: readonly string[];
}

/** Parses `chunks` in order with a fresh parser. */
function parseChunks(chunks: readonly string[], options: EventStreamParserOptions = {}): Parsed {
  const events: KmsEvent[] = [];
  const parser = createEventStreamParser((e) => events.push(e), options);
  for (const chunk of chunks) parser.push(chunk);
  const summary = parser.end();
  expect(summary.events).toBe(events.length);
  return { events, unrecognized: summary.unrecognized };
}

const parse = (text: string, options: EventStreamParserOptions = {}): Parsed => parseChunks([text], options);

const host = fixture('get-winevent-kms-host.xml');
const client = fixture('wevtutil-client-application.xml');
const saved = fixture('event-viewer-saved.xml');

describe('event XML as Get-WinEvent … ToXml() writes it (KMS host log, no root element)', () => {
  const { events, unrecognized } = parse(host);

  it('reads every 12290 with the System fields and the nine Info fields', () => {
    expect(unrecognized).toEqual([]);
    expect(events).toHaveLength(3);
    expect(events[0]).toEqual({
      eventId: 12290,
      logName: 'Key Management Service',
      provider: 'Microsoft-Windows-Security-SPP',
      timeCreated: '2026-10-03T08:15:02.123Z',
      computer: 'kms01.corp.contoso.com',
      recordId: 4711,
      level: 4,
      hresult: '0x0',
      minimumCount: 25,
      clientName: 'WKS00042.corp.contoso.com',
      cmid: '5704df74-8021-484c-a8e9-dd62a385c3ee',
      clientTime: '2026-10-03T08:14:00.000Z',
      isVm: false,
      licenseState: 1,
      minutesToExpiry: 259200,
      activationId: '73111121-5638-40f6-bc11-f1d7b0d64300',
    });
  });

  it('keeps a failure hresult as logged, reads the zero-padded client time and the VM flag', () => {
    expect(events[1]).toMatchObject({
      recordId: 4712,
      hresult: '0xC004F042',
      minimumCount: 5,
      clientName: 'SRV00007',
      clientTime: '2026-10-03T09:00:00.000Z',
      isVm: true,
      licenseState: 2,
      minutesToExpiry: 43200,
    });
  });

  it('decodes entities in values and keeps sub-millisecond times to the millisecond', () => {
    expect(events[2]).toMatchObject({ clientName: 'R&D-LAB-01', licenseState: 5, minutesToExpiry: 0, timeCreated: '2026-10-03T23:59:59.999Z' });
  });
});

describe('event XML as wevtutil qe /f:xml writes it (client Application log, events back to back)', () => {
  const { events, unrecognized } = parse(client);
  const byId = (id: number): KmsEvent => events.find((e) => e.eventId === id) as KmsEvent;

  it('reads all six events in order, nothing left over', () => {
    expect(unrecognized).toEqual([]);
    expect(events.map((e) => e.eventId)).toEqual([12288, 12289, 1003, 8198, 12308, 900]);
    expect(events.map((e) => e.recordId)).toEqual([901, 902, 903, 904, 905, 906]);
  });

  it('splits the one comma-joined Info string of 12288 (", " separators)', () => {
    expect(byId(12288)).toEqual({
      eventId: 12288,
      logName: 'Application',
      provider: 'Microsoft-Windows-Security-SPP',
      timeCreated: '2026-10-03T08:14:55.301Z',
      computer: 'WKS00042.corp.contoso.com',
      recordId: 901,
      level: 4,
      hresult: '0x0',
      statusFlags: '0x0',
      kmsHost: 'kms01.corp.contoso.com',
      kmsPort: 1688,
      cmid: '5704df74-8021-484c-a8e9-dd62a385c3ee',
      clientTime: '2026-10-03T08:14:00.000Z',
      isVm: false,
      licenseState: 1,
      minutesToExpiry: 259200,
      activationId: '73111121-5638-40f6-bc11-f1d7b0d64300',
      minimumCount: 25,
    });
  });

  it('reads 12289 (count, intervals, activated) and the rendered message when wevtutil includes it', () => {
    expect(byId(12289)).toMatchObject({
      hresult: '0x0',
      statusFlags: '0x4000008',
      activated: true,
      currentCount: 31,
      activationIntervalMinutes: 120,
      renewalIntervalMinutes: 10080,
      clientTime: '2026-10-03T08:14:00.000Z',
    });
    expect(byId(12289).message).toMatch(/^The client has processed an activation response/);
  });

  it('reads 1003, 8198 and 12308, keeping raw data where the layout is not documented', () => {
    expect(byId(1003)).toMatchObject({ applicationId: '55c92734-d682-4d71-983e-d6ec3f16059f' });
    expect(byId(1003).data?.[1]).toContain('73111121-5638-40f6-bc11-f1d7b0d64300, 1, 1');
    expect(byId(8198)).toMatchObject({ hresult: '0xC004F074', data: ['hr=0xC004F074', 'RulesEngine'] });
    expect(byId(12308)).toMatchObject({
      activationId: '73111121-5638-40f6-bc11-f1d7b0d64300',
      activationObjectName: 'Windows Srv 2019 DataCtr/Std KMS for Windows 10 Volume:CSVLK',
      activationObjectDn: 'CN=a1b2c3,CN=Activation Objects,CN=Microsoft SPP,CN=Services,CN=Configuration,DC=contoso,DC=com',
    });
  });

  it('keeps an unknown event id with its raw data and a time without fraction digits', () => {
    expect(byId(900)).toEqual({
      eventId: 900,
      logName: 'Application',
      provider: 'Microsoft-Windows-Security-SPP',
      timeCreated: '2026-10-05T11:12:14.000Z',
      computer: 'WKS00042.corp.contoso.com',
      recordId: 906,
      level: 4,
      data: ['1073741824'],
    });
  });
});

describe("Event Viewer's saved XML (<Events> root, pretty-printed, comments, CDATA, prefixes)", () => {
  const { events, unrecognized } = parse(saved);

  it('reads 12293 with its HRESULT and domain, and 12294 with a prefixed namespace and an offset time', () => {
    expect(unrecognized).toEqual([]);
    expect(events.map((e) => e.eventId)).toEqual([12293, 12294, 12290]);
    expect(events[0]).toMatchObject({ hresult: '0x80072338', dnsDomain: 'corp.contoso.com', recordId: 77, timeCreated: '2026-10-02T06:00:00.000Z' });
    expect(events[1]).toMatchObject({ dnsDomain: 'corp.contoso.com', recordId: 78, provider: 'Microsoft-Windows-Security-SPP', timeCreated: '2026-10-02T05:30:00.250Z' });
  });

  it('reads System children in any order, attributes in any order and a > inside a quoted value', () => {
    expect(events[2]).toMatchObject({
      provider: 'Microsoft-Windows-Security-SPP',
      recordId: 79,
      logName: 'Key Management Service',
      timeCreated: '2026-10-02T08:00:00.100Z',
    });
  });

  it('takes a self-closing <Data/> as an empty item, CDATA literally and character references decoded', () => {
    expect(events[2]).toMatchObject({
      hresult: '0x0',
      minimumCount: 25,
      clientName: 'QA&TEST-01',
      cmid: '5704df74-8021-484c-a8e9-dd62a385c3ee',
      clientTime: '2026-10-02T07:59:00.000Z',
      isVm: true,
      licenseState: 2,
      minutesToExpiry: 43000,
    });
  });
});

describe('chunk boundaries anywhere', () => {
  for (const [name, text] of [
    ['Get-WinEvent', host],
    ['wevtutil', client],
    ['saved <Events>', saved],
  ] as const) {
    it(`${name}: every two-way split gives the same result as the whole text`, { timeout: 120_000 }, () => {
      const whole = JSON.stringify(parse(text));
      for (let at = 0; at <= text.length; at++) {
        const split = JSON.stringify(parseChunks([text.slice(0, at), text.slice(at)]));
        if (split !== whole) expect({ at, split }).toEqual({ at, split: whole });
      }
    });

    it(`${name}: one character at a time gives the same result`, () => {
      expect(parseChunks([...text])).toEqual(parse(text));
    });

    it(`${name}: the learned-layout path and the general scanner agree`, () => {
      const repeated = text.repeat(3);
      expect(parse(repeated)).toEqual(parse(repeated, { learnLayouts: false }));
    });
  }

  it('reads events whose layout repeats with different values identically on both paths', () => {
    const variants = [
      host,
      host.replace(/R&amp;D-LAB-01/g, 'LAB &lt;02&gt;'),
      host.replace(/<Data>25<\/Data>/g, '<Data>abc</Data>'),
      host.replace(/ProcessID='0'/g, "ProcessID='4242'"),
      host.replace(/<Level>4<\/Level>/, '<Level>2</Level>'),
      host.replace(/<Computer>kms01/, '<Computer> kms01'),
    ].join('');
    const fast = parse(variants);
    expect(fast).toEqual(parse(variants, { learnLayouts: false }));
    expect(fast.events.filter((e) => e.clientName === 'LAB <02>')).toHaveLength(1);
    expect(fast.unrecognized.some((u) => u.includes("minimumCount 'abc' is not a number"))).toBe(true);
  });
});

describe('bad input is described, never thrown', () => {
  it('empty input: no events, nothing to describe', () => {
    expect(parse('')).toEqual({ events: [], unrecognized: [] });
  });

  it('slmgr text given to the event parser: no events, the text listed as not understood', () => {
    const slmgr = fixture('real/slmgr-dli-client-en-01.txt');
    const result = parse(slmgr);
    expect(result.events).toEqual([]);
    expect(result.unrecognized).toHaveLength(1);
    expect(result.unrecognized[0]).toMatch(/^text outside any <Event> near character 0: 'Name: Windows\(R\) 7/);
  });

  it('a truncated file: the complete events, and the cut one described', () => {
    const cut = host.slice(0, host.indexOf('<Data>', host.indexOf('4713')));
    const result = parse(cut);
    expect(result.events.map((e) => e.recordId)).toEqual([4711, 4712]);
    expect(result.unrecognized).toEqual([expect.stringMatching(/^input ends inside the <Event> near character \d+: that event is incomplete/)]);
  });

  it('binary garbage: no exception, no events, a bounded list of descriptions', () => {
    let seed = 7;
    const bytes = Array.from({ length: 200_000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return String.fromCharCode(seed % 256);
    }).join('');
    const result = parse(bytes);
    expect(result.events).toEqual([]);
    expect(result.unrecognized.length).toBeGreaterThan(0);
    expect(result.unrecognized.length).toBeLessThanOrEqual(201);
  });

  it('an event without an EventID, mismatched end tags and stray end tags are described; later events still read', () => {
    const text = `<Event><System><Channel>x</Channel></System></Event></Foo><Event><System><EventID>12294</EventID></Bogus></System><EventData><Data>a.example</Data></EventData></Event>${host}`;
    const result = parse(text);
    expect(result.events.map((e) => e.eventId)).toEqual([12294, 12290, 12290, 12290]);
    expect(result.events[0]).toMatchObject({ dnsDomain: 'a.example' });
    expect(result.unrecognized).toEqual([
      'an <Event> near character 0 has no EventID: skipped',
      'end tag </Foo> outside any <Event> near character 52: ignored',
      expect.stringMatching(/^end tag <\/Bogus> near character \d+ matches no open element: ignored$/),
    ]);
  });

  it('an <Event> that never ends before the next one is described and the next one read', () => {
    const text = `<Event><System><EventID>12294</EventID>${host}`;
    const result = parse(text);
    expect(result.events).toHaveLength(3);
    expect(result.unrecognized).toEqual(['the <Event> near character 0 has no end before the next <Event>: not read']);
  });

  it('field values that do not fit are described and the raw data kept', () => {
    const bad = host.split('\r\n')[0]?.replace('<Data>2026/10/3 8:14</Data>', '<Data>yesterday</Data>') as string;
    const result = parse(bad);
    expect(result.events[0]?.clientTime).toBeUndefined();
    expect(result.events[0]?.data).toHaveLength(10);
    expect(result.unrecognized).toEqual(["event 12290 (record 4711): client time 'yesterday' is not yyyy/M/d H:mm"]);
  });

  it('the list of descriptions is capped and says how many more there were', () => {
    const result = parse('</x>'.repeat(50), { maxUnrecognized: 10 });
    expect(result.unrecognized).toHaveLength(11);
    expect(result.unrecognized[10]).toBe('… and 40 more not listed');
  });
});

describe('takeRaw: events offered before they are built', () => {
  const event = (id: number, cmid: string): string =>
    `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='SPP'/><EventID>${id}</EventID><TimeCreated SystemTime='2026-10-01T08:05:12.1234567Z'/><Computer> kms </Computer></System><EventData><Data>a</Data><Data>${cmid}</Data></EventData></Event>`;

  it('offers events read with a learned layout; a taken one is counted, not delivered; a declined one is delivered', () => {
    const offered: Array<{ eventId: string; systemTime: string | null; computer: string | null; data: string[] }> = [];
    const delivered: KmsEvent[] = [];
    const parser = createEventStreamParser((e) => delivered.push(e), {
      takeRaw: (raw) => {
        offered.push({ eventId: raw.eventId, systemTime: raw.systemTime, computer: raw.computer, data: [...raw.data] });
        return raw.data[1] === 'take';
      },
    });
    parser.push([event(1, 'x'), event(2, 'x'), event(3, 'take'), event(4, 'keep'), event(5, 'a&amp;b')].join('\n'));
    const summary = parser.end();
    expect(summary).toEqual({ events: 5, unrecognized: [] });
    // The first two teach the layout (read tag by tag, never offered).
    expect(offered).toEqual([
      { eventId: '3', systemTime: '2026-10-01T08:05:12.1234567Z', computer: 'kms', data: ['a', 'take'] },
      { eventId: '4', systemTime: '2026-10-01T08:05:12.1234567Z', computer: 'kms', data: ['a', 'keep'] },
      { eventId: '5', systemTime: '2026-10-01T08:05:12.1234567Z', computer: 'kms', data: ['a', 'a&b'] },
    ]);
    expect(delivered.map((e) => e.eventId)).toEqual([1, 2, 4, 5]);
  });

  it('with takeRaw declining everything, the events are exactly those of a parse without it', () => {
    const text = fixture('get-winevent-kms-host.xml');
    const plain = parseChunks([text]);
    let offers = 0;
    const declined = parseChunks([text], { takeRaw: () => (offers++, false) });
    expect(offers).toBeGreaterThan(0);
    expect(declined).toEqual(plain);
  });
});

describe('layouts, idle and skip: what a byte reader works with', () => {
  const text = fixture('get-winevent-kms-host.xml');

  it('learns each layout once, however the input is cut (an event cut by a chunk end is read tag by tag)', () => {
    const log = [...generateKmsHostEvents({ count: 3000, seed: 5, machines: 300 })].map((e) => kmsHostEventToXml(e)).join('\n');
    const whole = createEventStreamParser(() => undefined);
    whole.push(log);
    const cut = createEventStreamParser(() => undefined);
    for (let at = 0; at < log.length; at += 65_536) cut.push(log.slice(at, at + 65_536));
    expect(whole.layouts()).toHaveLength(1);
    expect(cut.layouts()).toEqual(whole.layouts());
  });

  it('is idle only between events with nothing held back, and skipped text still counts in later positions', () => {
    const parser = createEventStreamParser(() => undefined);
    expect(parser.idle()).toBe(true);
    const first = text.indexOf('</Event>') + '</Event>'.length;
    parser.push(text.slice(0, first - 3));
    expect(parser.idle()).toBe(false);
    expect(() => parser.skip(10, 1)).toThrow(/not idle/);
    parser.push(text.slice(first - 3, first));
    expect(parser.idle()).toBe(true);
    parser.push('stray');
    expect(parser.idle()).toBe(false);
    parser.push('<Event/>');
    expect(parser.idle()).toBe(true);
    // 100 characters read elsewhere, holding 2 events; then a stray end tag, described at its true position.
    parser.skip(100, 2);
    parser.push('</Nope>');
    const { events, unrecognized } = parser.end();
    // The first event, and the 2 skipped (<Event/> has no EventID: described, not counted).
    expect(events).toBe(3);
    expect(unrecognized).toContain(`end tag </Nope> outside any <Event> near character ${first + 'stray<Event/>'.length + 100}: ignored`);
    expect(parser.idle()).toBe(false);
  });
});

describe('level and Data names', () => {
  const named = (record: number, level: string, user: string): string =>
    `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Security-Auditing'/><EventID>4672</EventID><Level>${level}</Level><TimeCreated SystemTime='2026-10-01T07:00:00.000Z'/><EventRecordID>${record}</EventRecordID><Channel>Security</Channel><Computer>dc1</Computer></System><EventData><Data Name='SubjectUserName'>${user}</Data><Data>unnamed</Data><Data Name='PrivilegeList'/></EventData></Event>`;
  const text = [named(1, '0', 'a'), named(2, '0', 'b'), named(3, '0', 'c'), named(4, '0', 'd'), named(5, '2', 'e'), named(6, 'x', 'f')].join('\n');

  it('reads them with and without learned layouts alike, names beside the data', () => {
    const learned = parse(text);
    const scanned = parse(text, { learnLayouts: false });
    expect(learned.unrecognized).toEqual([]);
    expect(learned.events).toEqual(scanned.events);
    expect(learned.events.map((e) => e.level)).toEqual([0, 0, 0, 0, 2, undefined]);
    for (const e of learned.events) expect(e.dataNames).toEqual(['SubjectUserName', '', 'PrivilegeList']);
    expect(learned.events[3]?.data).toEqual(['d', 'unnamed', '']);
  });

  it('leaves dataNames out when no item is named', () => {
    const { events } = parse(client);
    expect(events.find((e) => e.eventId === 900)?.dataNames).toBeUndefined();
  });
});

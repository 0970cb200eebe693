import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventStreamParser, type EventStreamParserOptions } from '../../../../shared/parse/events/index.js';
import type { KmsEvent } from '../../../../shared/parse/types.js';

// Property tests: generated event XML (every legal spelling the parser claims to read) must parse to
// the generated values, and mutated or arbitrary input must never throw and must give the same result
// for any chunking and with or without learned layouts. 3,000 + 5,000 + 3,000 runs.

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function parseChunks(chunks: readonly string[], options: EventStreamParserOptions = {}): { events: KmsEvent[]; unrecognized: readonly string[] } {
  const events: KmsEvent[] = [];
  const parser = createEventStreamParser((e) => events.push(e), options);
  for (const chunk of chunks) parser.push(chunk);
  return { events, unrecognized: parser.end().unrecognized };
}

const splitAt = (text: string, points: readonly number[]): string[] => {
  const cuts = [...new Set(points.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    out.push(text.slice(from, cut));
    from = cut;
  }
  out.push(text.slice(from));
  return out;
};

// Values: printable text including characters XML must escape, non-ASCII and astral characters.
const valueChar = fc.constantFrom(...'abcXYZ019-._ &<>"\'é日🙂'.split(/(?:)/u));
const value = fc
  .string({ unit: valueChar, minLength: 1, maxLength: 12 })
  .map((s) => s.trim())
  .filter((s) => s !== '');

const p2 = (n: number): string => String(n).padStart(2, '0');
const time = fc.date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });

interface Spelling {
  readonly quote: "'" | '"';
  readonly prefix: '' | 'e:';
  readonly blank: '' | '\n  ' | '\r\n\t';
  readonly comments: boolean;
  readonly cdata: boolean;
  readonly charRefs: boolean;
  readonly providerFirst: boolean;
  readonly dataForm: 'joined+separate' | 'separate' | 'joined';
}

const spelling: fc.Arbitrary<Spelling> = fc.record({
  quote: fc.constantFrom("'" as const, '"' as const),
  prefix: fc.constantFrom('' as const, 'e:' as const),
  blank: fc.constantFrom('' as const, '\n  ' as const, '\r\n\t' as const),
  comments: fc.boolean(),
  cdata: fc.boolean(),
  charRefs: fc.boolean(),
  providerFirst: fc.boolean(),
  dataForm: fc.constantFrom('joined+separate' as const, 'separate' as const, 'joined' as const),
});

interface Host12290 {
  readonly recordId: number;
  readonly when: Date;
  readonly computer: string;
  readonly provider: string;
  readonly hresult: string;
  readonly minimumCount: number;
  readonly clientName: string;
  readonly cmid: string;
  readonly clientWhen: Date;
  readonly padded: boolean;
  readonly isVm: boolean;
  readonly licenseState: number;
  readonly minutesToExpiry: number;
  readonly activationId: string;
}

const host12290: fc.Arbitrary<Host12290> = fc.record({
  recordId: fc.nat({ max: 2 ** 40 }),
  when: time,
  computer: value,
  provider: value,
  hresult: fc.constantFrom('0x0', '0xC004F042', '0xc004f06c', '0x00000000'),
  minimumCount: fc.constantFrom(5, 25),
  clientName: value.filter((s) => !s.includes(',')),
  cmid: fc.uuid(),
  clientWhen: time,
  padded: fc.boolean(),
  isVm: fc.boolean(),
  licenseState: fc.integer({ min: 0, max: 6 }),
  minutesToExpiry: fc.nat({ max: 1_000_000 }),
  activationId: fc.uuid(),
});

function escapeText(text: string, s: Spelling): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return s.charRefs ? escaped.replace(/[é日🙂]/gu, (c) => `&#x${(c.codePointAt(0) as number).toString(16)};`) : escaped;
}

function escapeAttr(text: string, s: Spelling): string {
  return escapeText(text, s).replace(s.quote === "'" ? /'/g : /"/g, s.quote === "'" ? '&apos;' : '&quot;');
}

function render(e: Host12290, s: Spelling): string {
  const q = s.quote;
  const p = s.prefix;
  const b = s.blank;
  const ct = e.clientWhen;
  const clientTime = s.dataForm === 'joined' || !e.padded
    ? `${ct.getUTCFullYear()}/${ct.getUTCMonth() + 1}/${ct.getUTCDate()} ${ct.getUTCHours()}:${p2(ct.getUTCMinutes())}`
    : `${ct.getUTCFullYear()}/${p2(ct.getUTCMonth() + 1)}/${p2(ct.getUTCDate())} ${p2(ct.getUTCHours())}:${p2(ct.getUTCMinutes())}`;
  const fields = [e.hresult, String(e.minimumCount), e.clientName, e.cmid, clientTime, e.isVm ? '1' : '0', String(e.licenseState), String(e.minutesToExpiry), e.activationId];
  const dataItem = (v: string): string =>
    v === '' ? `<${p}Data/>` : s.cdata && !v.includes(']]>') ? `<${p}Data><![CDATA[${v}]]></${p}Data>` : `<${p}Data>${escapeText(v, s)}</${p}Data>`;
  const items =
    s.dataForm === 'joined' ? [fields.join(',')] : s.dataForm === 'separate' ? fields : [fields.join(','), ...fields];
  const comment = s.comments ? `<!-- a comment with <Event> and & in it -->` : '';
  const systemTime = `${e.when.toISOString().slice(0, 19)}.${String(e.when.getUTCMilliseconds()).padStart(3, '0')}4567Z`;
  const provider = `<${p}Provider Guid=${q}{E23B33B0-C8C9-472C-A5F9-F2BDFEA0F156}${q} Name=${q}${escapeAttr(e.provider, s)}${q}/>`;
  const system = [
    s.providerFirst ? provider : '',
    `<${p}EventID Qualifiers=${q}16384${q}>12290</${p}EventID>`,
    comment,
    `<${p}TimeCreated SystemTime=${q}${systemTime}${q}/>`,
    `<${p}EventRecordID>${e.recordId}</${p}EventRecordID>`,
    `<${p}Channel>Key Management Service</${p}Channel>`,
    `<${p}Computer>${escapeText(e.computer, s)}</${p}Computer>`,
    s.providerFirst ? '' : provider,
  ].join(b);
  const ns = p === '' ? `xmlns=${q}http://schemas.microsoft.com/win/2004/08/events/event${q}` : `xmlns:e=${q}http://schemas.microsoft.com/win/2004/08/events/event${q}`;
  return `<${p}Event ${ns}>${b}<${p}System>${b}${system}${b}</${p}System>${b}<${p}EventData>${b}${items.map(dataItem).join(b)}${b}</${p}EventData>${b}</${p}Event>`;
}

function expected(e: Host12290): Partial<KmsEvent> {
  const ct = e.clientWhen;
  return {
    eventId: 12290,
    recordId: e.recordId,
    logName: 'Key Management Service',
    provider: e.provider,
    computer: e.computer,
    timeCreated: e.when.toISOString(),
    hresult: e.hresult,
    minimumCount: e.minimumCount,
    clientName: e.clientName,
    cmid: e.cmid,
    clientTime: new Date(Date.UTC(ct.getUTCFullYear(), ct.getUTCMonth(), ct.getUTCDate(), ct.getUTCHours(), ct.getUTCMinutes())).toISOString(),
    isVm: e.isVm,
    licenseState: e.licenseState,
    minutesToExpiry: e.minutesToExpiry,
    activationId: e.activationId,
  };
}

const ALLOWED_KEYS = new Set([
  'eventId', 'logName', 'provider', 'timeCreated', 'computer', 'recordId', 'hresult', 'minimumCount', 'clientName', 'cmid',
  'clientTime', 'isVm', 'licenseState', 'minutesToExpiry', 'activationId', 'kmsHost', 'kmsPort', 'statusFlags', 'activated',
  'currentCount', 'activationIntervalMinutes', 'renewalIntervalMinutes', 'dnsDomain', 'activationObjectName',
  'activationObjectDn', 'applicationId', 'productName', 'timeCreatedLocal', 'data', 'message', 'level', 'dataNames',
]);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function wellFormed(events: readonly KmsEvent[]): void {
  for (const e of events) {
    for (const key of Object.keys(e)) expect(ALLOWED_KEYS.has(key), key).toBe(true);
    expect(Number.isInteger(e.eventId)).toBe(true);
    if (e.timeCreated !== null) expect(e.timeCreated).toMatch(ISO);
    if (e.clientTime !== undefined) expect(e.clientTime).toMatch(ISO);
    if (e.level !== undefined) expect(Number.isInteger(e.level) && e.level >= 0 && e.level <= 999).toBe(true);
    if (e.dataNames !== undefined) expect(e.dataNames.length).toBe(e.data?.length);
  }
}

describe('generated event XML parses to the generated values', () => {
  it('any spelling, wrapper and chunking (3,000 documents)', { timeout: 600_000 }, () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(host12290, spelling), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('none', 'events', 'declaration'),
        fc.array(fc.nat(), { maxLength: 6 }),
        (events, wrapper, cuts) => {
          const body = events.map(([e, s]) => render(e, s)).join('\r\n');
          const text =
            wrapper === 'none' ? body : wrapper === 'events' ? `<Events>${body}</Events>` : `\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<!-- saved -->\n<Events>\n${body}\n</Events>\n`;
          const result = parseChunks(splitAt(text, cuts));
          expect(result.unrecognized).toEqual([]);
          expect(result.events).toHaveLength(events.length);
          events.forEach(([e], i) => expect(result.events[i]).toEqual(expected(e)));
          expect(parseChunks([text], { learnLayouts: false })).toEqual(result);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('mutated and arbitrary input never throws and reads the same in any chunking', () => {
  const samples = [fixture('get-winevent-kms-host.xml'), fixture('wevtutil-client-application.xml'), fixture('event-viewer-saved.xml')];
  const edit = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('delete', 'insert', 'replace', 'truncate', 'duplicate'),
    length: fc.nat({ max: 40 }),
    text: fc.string({ unit: fc.constantFrom(...'<>/&;#x"\'=![]-?aE D:\u0000\uD800é\n]]>'.split('')), maxLength: 12 }),
  });

  function mutate(base: string, edits: readonly { at: number; kind: string; length: number; text: string }[]): string {
    let text = base;
    for (const { at, kind, length, text: t } of edits) {
      const i = at % (text.length + 1);
      if (kind === 'delete') text = text.slice(0, i) + text.slice(i + length);
      else if (kind === 'insert') text = text.slice(0, i) + t + text.slice(i);
      else if (kind === 'replace') text = text.slice(0, i) + t + text.slice(i + t.length);
      else if (kind === 'truncate') text = text.slice(0, i);
      else text = text.slice(0, i) + text.slice(i, i + length * 5) + text.slice(i);
    }
    return text;
  }

  it('mutated samples (5,000): no exception, well-formed events, same result for any chunking and both paths', { timeout: 600_000 }, () => {
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.array(edit, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 5 }), (base, edits, cuts) => {
        const text = mutate(base.repeat(2), edits);
        const whole = parseChunks([text]);
        wellFormed(whole.events);
        expect(parseChunks(splitAt(text, cuts))).toEqual(whole);
        expect(parseChunks(splitAt(text, cuts), { learnLayouts: false })).toEqual(whole);
      }),
      { numRuns: 5000 },
    );
  });

  it('arbitrary text (3,000): no exception, and chunking does not change the result', { timeout: 600_000 }, () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: fc.constantFrom(...'<>/!?[]-&;#"\'= Event Data System'.split('')), maxLength: 400 })),
        fc.array(fc.nat(), { maxLength: 5 }),
        (text, cuts) => {
          const whole = parseChunks([text]);
          wellFormed(whole.events);
          expect(parseChunks(splitAt(text, cuts))).toEqual(whole);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

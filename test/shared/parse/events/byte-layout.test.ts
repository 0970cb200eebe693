import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBytePairIndex } from '../../../../shared/parse/events/byte-pair-index.js';
import { asciiText, compileByteLayout, matchByteLayout, MISMATCH, NEED_MORE, type ByteLayout } from '../../../../shared/parse/events/byte-layout.js';
import { uintValue, uintValueInBytes } from '../../../../shared/parse/events/event-fields.js';
import { createEventStreamParser } from '../../../../shared/parse/events/index.js';
import { clientTimeFastMs, clientTimeFastMsInBytes, systemTimeFastMs, systemTimeFastMsInBytes } from '../../../../shared/parse/events/event-time.js';

const event = (id: string, time: string, data: readonly string[], computer = 'kms01'): string =>
  `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='SPP'/><EventID>${id}</EventID>` +
  `<TimeCreated SystemTime='${time}'/><Execution ProcessID='7'/><Computer>${computer}</Computer></System>` +
  `<EventData>${data.map((d) => (d === '/' ? '<Data/>' : `<Data>${d}</Data>`)).join('')}</EventData></Event>`;

/** The layout the text parser learns from two clean events of this shape (an id it reads without remark), compiled for bytes. */
function learnedLayout(data: readonly string[]): ByteLayout {
  const parser = createEventStreamParser(() => undefined);
  parser.push(event('1', '2026-10-01T08:00:00.0000000Z', data) + event('1', '2026-10-01T08:00:01.0000000Z', data));
  expect(parser.layouts()).toHaveLength(1);
  const layout = compileByteLayout(parser.layouts()[0]!);
  if (layout === null) throw new Error('no byte layout');
  return layout;
}

const bytesOf = (text: string): { bytes: Uint8Array; words: DataView } => {
  const bytes = new TextEncoder().encode(text);
  return { bytes, words: new DataView(bytes.buffer, bytes.byteOffset, bytes.length) };
};

describe('matchByteLayout', () => {
  it('reads the values of an event of the layout as byte ranges, self-closing <Data/> as an empty item', () => {
    const layout = learnedLayout(['a', '/', 'c']);
    const text = `  ${event('12290', '2026-10-01T09:15:00.1234567Z', ['0x0', '/', 'WKS1'], 'kms02.corp')}<Event`;
    const { bytes, words } = bytesOf(text);
    const end = matchByteLayout(layout, bytes, words, 2, bytes.length);
    expect(text.slice(end)).toBe('<Event');
    const v = layout.view;
    expect(asciiText(bytes, v.eventIdStart, v.eventIdEnd)).toBe('12290');
    expect(asciiText(bytes, v.systemTimeStart, v.systemTimeEnd)).toBe('2026-10-01T09:15:00.1234567Z');
    expect(asciiText(bytes, v.computerStart, v.computerEnd)).toBe('kms02.corp');
    expect(v.dataCount).toBe(3);
    expect([0, 1, 2].map((i) => asciiText(bytes, v.dataStart[i]!, v.dataEnd[i]!))).toEqual(['0x0', '', 'WKS1']);
    expect(new TextDecoder().decode(layout.endTag)).toBe('</Event>');
  });

  it('leaves to the text parser what it would read differently: entities, non-ASCII, < in a quoted value, another layout', () => {
    const layout = learnedLayout(['a', 'b']);
    const cases = [
      event('12290', '2026-10-01T09:15:00Z', ['A&amp;B', 'x']),
      event('12290', '2026-10-01T09:15:00Z', ['Ünï', 'x']),
      event('12290', "2026-10-01<T09:15:00Z", ['a', 'x']),
      event('12290', '2026-10-01T09:15:00Z', ['a', 'x', 'third']),
      event('12290', '2026-10-01T09:15:00Z', ['a', 'x']).replace('<Computer>', '<Computer >'),
    ];
    for (const text of cases) {
      const { bytes, words } = bytesOf(text);
      expect(matchByteLayout(layout, bytes, words, 0, bytes.length)).toBe(MISMATCH);
    }
  });

  it('checks every byte of the constant text (eight at a time and the overlapping rest) and none of a hole', () => {
    const layout = learnedLayout(['a', 'b']);
    const text = event('12290', '2026-10-01T09:15:00Z', ['value', 'x']);
    const { bytes, words } = bytesOf(text);
    let mismatches = 0;
    for (let i = 0; i < bytes.length; i++) {
      const changed = bytes.slice();
      // A byte any hole takes and no constant has.
      changed[i] = 1;
      const result = matchByteLayout(layout, changed, new DataView(changed.buffer), 0, changed.length);
      // A changed stop byte lets its hole run on to the end of the input: more is asked for.
      expect([MISMATCH, NEED_MORE, bytes.length]).toContain(result);
      if (result !== bytes.length) mismatches++;
    }
    // Exactly the constant bytes are checked: their count is the layout's constant length.
    expect(mismatches).toBe(layout.constStart[layout.constStart.length - 1]);
    expect(matchByteLayout(layout, bytes, words, 0, bytes.length)).toBe(bytes.length);
  });

  it('asks for more bytes when the event runs past the end given, at any cut', () => {
    const layout = learnedLayout(['a']);
    const { bytes, words } = bytesOf(event('12290', '2026-10-01T09:15:00Z', ['value']));
    for (let cut = 0; cut < bytes.length; cut++) expect(matchByteLayout(layout, bytes, words, 0, cut)).toBe(NEED_MORE);
    expect(matchByteLayout(layout, bytes, words, 0, bytes.length)).toBe(bytes.length);
  });

  it('compiles no byte layout for a layout with non-ASCII constant text', () => {
    const parser = createEventStreamParser(() => undefined);
    const text = event('1', '2026-10-01T08:00:00Z', ['a']).replace("Name='SPP'", "Name='SPP' Guid='Ü'");
    parser.push(text + text);
    expect(parser.layouts()).toHaveLength(1);
    expect(compileByteLayout(parser.layouts()[0]!)).toBeNull();
  });
});

describe('readers over bytes give what their text twins give', () => {
  // Near-miss spellings of both time forms and plain numbers, with other bytes around them that must not be read.
  const digit = fc.constantFrom(...'0123456789');
  const piece = fc.oneof(fc.stringMatching(/^[0-9]{1,4}$/), fc.constantFrom('/', '-', ':', ' ', 'T', '.', 'Z', '', 'x', '+'));
  const timeLike = fc.oneof(
    fc.array(piece, { maxLength: 14 }).map((p) => p.join('')),
    fc.tuple(fc.integer({ min: 1590, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }), fc.array(digit, { maxLength: 9 }), fc.boolean()).map(
      ([y, mo, d, h, mi, s, frac, pad]) => {
        const p = (n: number): string => (pad ? String(n).padStart(2, '0') : String(n));
        return pad
          ? `${y}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}${frac.length > 0 ? `.${frac.join('')}` : ''}Z`
          : `${y}/${p(mo)}/${p(d)} ${p(h)}:${String(mi).padStart(2, '0')}`;
      },
    ),
  );
  const around = fc.constantFrom('', '/', ' ', '0', ':5', 'Z', '/1 2:00');

  it('system time, client time and unsigned numbers (property)', () => {
    fc.assert(
      fc.property(around, timeLike, around, (before, text, after) => {
        const { bytes } = bytesOf(before + text + after);
        const start = before.length;
        const end = start + text.length;
        expect(systemTimeFastMsInBytes(bytes, start, end)).toBe(systemTimeFastMs(text));
        expect(clientTimeFastMsInBytes(bytes, start, end)).toBe(clientTimeFastMs(text));
        expect(uintValueInBytes(bytes, start, end)).toBe(uintValue(text));
      }),
      { numRuns: 4000 },
    );
  });

  it('the readers accept the usual forms (so the property above compares real values too)', () => {
    const { bytes } = bytesOf('2026-10-01T08:05:12.1234567Z|2026/9/30 23:58|259200');
    expect(systemTimeFastMsInBytes(bytes, 0, 28)).toBe(Date.parse('2026-10-01T08:05:12.123Z'));
    expect(clientTimeFastMsInBytes(bytes, 29, 44)).toBe(Date.parse('2026-09-30T23:58:00Z'));
    expect(uintValueInBytes(bytes, 45, 51)).toBe(259200);
  });
});

describe('createBytePairIndex', () => {
  it('finds exactly the pairs stored, as a Map keyed by the two texts does (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'A', '-', '0', '1'), maxLength: 9 });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { maxLength: 3000 }), (pairs) => {
        const index = createBytePairIndex<number>();
        const model = new Map<string, number>();
        pairs.forEach(([a, b], i) => {
          // Each pair in a fresh buffer at an odd offset, as requests come in different reads.
          const { bytes, words } = bytesOf(`${'.'.repeat(i % 5)}${a}|${b}`);
          const aStart = i % 5;
          const found = index.get(bytes, words, aStart, aStart + a.length, aStart + a.length + 1, bytes.length);
          expect(found).toBe(model.get(`${a}\u0000${b}`));
          if (found === undefined) {
            index.add(bytes, words, aStart, aStart + a.length, aStart + a.length + 1, bytes.length, i);
            model.set(`${a}\u0000${b}`, i);
          }
        });
        expect(index.size).toBe(model.size);
      }),
      { numRuns: 60 },
    );
  });
});

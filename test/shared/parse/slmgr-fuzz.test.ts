// Property tests: the slmgr parsers never throw and never lose a line, on ≥ 10,000 generated and
// mutated inputs each (fast-check), including localized label sets with regex-special characters.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reportRoles } from '../../../shared/kms/role.js';
import { labelSetFromEntries, slmgrLabels } from '../../../shared/kms/slmgr-labels.js';
import { decodeText } from '../../../shared/parse/decode-text.js';
import { parseSlmgrIni } from '../../../shared/parse/slmgr-ini.js';
import { parseSlmgrText } from '../../../shared/parse/slmgr.js';
import type { SlmgrReport } from '../../../shared/parse/types.js';

// About 2-5 s each on an idle 2-core machine; the bound only covers a machine shared with other builds.
const FUZZ_TIMEOUT = 60_000;

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const samples = [
  'slmgr-dli-client-en-01.txt',
  'slmgr-dli-host-en-02-ws2003.txt',
  'slmgr-dlv-client-en-03-win11-notification.txt',
  'slmgr-dlv-host-office-en-01.txt',
].map(fixture);
const german = parseSlmgrIni(decodeText(readFileSync(new URL('./fixtures/slmgr-0407.ini', import.meta.url))).text);

/** Lines made from a random label with random token values: close to real output, often broken. */
const labelLine = fc
  .tuple(fc.constantFrom(...slmgrLabels), fc.array(fc.string({ maxLength: 30 }), { minLength: 4, maxLength: 4 }), fc.constantFrom('', '   ', '    ', '\t'))
  .map(([label, values, indent]) => indent + label.en.replace(/%[A-Z0-9]+%/g, () => values.shift() ?? '') + (values[0] ?? ''));

type Mutation = (lines: string[]) => string[];
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n) => (lines: string[]) => lines.filter((_line, index) => index !== n % Math.max(1, lines.length))),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (lines: string[]) => {
    const copy = [...lines];
    const i = a % Math.max(1, copy.length);
    const j = b % Math.max(1, copy.length);
    [copy[i], copy[j]] = [copy[j] ?? '', copy[i] ?? ''];
    return copy;
  }),
  fc.tuple(fc.nat(), fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), labelLine)).map(([at, line]) => (lines: string[]) => {
    const copy = [...lines];
    copy.splice(at % (copy.length + 1), 0, line);
    return copy;
  }),
  fc.tuple(fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 3 })).map(([row, col, chars]) => (lines: string[]) => {
    const copy = [...lines];
    const i = row % Math.max(1, copy.length);
    const line = copy[i] ?? '';
    const at = col % (line.length + 1);
    copy[i] = line.slice(0, at) + chars + line.slice(at + 1);
    return copy;
  }),
  fc.nat().map((n) => (lines: string[]) => lines.join('\n').slice(0, n % (lines.join('\n').length + 1)).split('\n')),
  fc.nat().map((n) => (lines: string[]) => [...lines.slice(0, n % (lines.length + 1)), ...lines]),
);

const mutatedSample = fc
  .tuple(fc.constantFrom(...samples), fc.array(mutation, { maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([sample, mutations, eol]) => mutations.reduce((lines, mutate) => mutate(lines), sample.split('\n')).join(eol));

const generated = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.array(labelLine, { maxLength: 30 }).map((lines) => lines.join('\r\n')),
  mutatedSample,
);

/** The report keeps every line it did not use, verbatim: each one is a line of the input. */
function checkInvariants(text: string, report: SlmgrReport): void {
  const lines = new Set(text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/));
  for (const line of report.unrecognizedLines) expect(lines.has(line)).toBe(true);
  expect(report.source).toBe('slmgr-text');
  expect(reportRoles).toContain(report.role);
  const nonBlank = [...lines].filter((line) => line.trim() !== '').length;
  expect(report.unrecognizedLines.length).toBeLessThanOrEqual(text.split(/\r\n|\n|\r/).length);
  expect(report.products.length).toBeLessThanOrEqual(Math.max(nonBlank, text.split(/\r\n|\n|\r/).length));
}

describe('slmgr parsers under fuzzing', () => {
  it('parseSlmgrText never throws and never loses a line on 10,000 generated and mutated inputs', () => {
    fc.assert(
      fc.property(generated, (text) => {
        checkInvariants(text, parseSlmgrText(text));
      }),
      { numRuns: 10000 },
    );
  }, FUZZ_TIMEOUT);

  it('parseSlmgrText with the German label set never throws on 10,000 inputs', () => {
    fc.assert(
      fc.property(generated, (text) => {
        checkInvariants(text, parseSlmgrText(text, { labels: german }));
      }),
      { numRuns: 10000 },
    );
  }, FUZZ_TIMEOUT);

  it('builds matchers from arbitrary ini values (regex characters, tokens, empty values) without throwing', () => {
    const keys = slmgrLabels.map((label) => label.key);
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('(.*)+', '%MINUTE%%MINUTE%', '%ERRCODE% %ERRCODE%', '[', '\\', '$^', '   ', '%FOO%'));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 12 }), fc.array(labelLine, { maxLength: 8 }), (entries, lines) => {
        const text = lines.join('\n');
        checkInvariants(text, parseSlmgrText(text, { labels: labelSetFromEntries(entries) }));
      }),
      { numRuns: 1000 },
    );
  }, FUZZ_TIMEOUT);

  it('parseSlmgrIni never throws on 10,000 strings and keeps keys lower-case and trimmed', () => {
    const iniLine = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.tuple(fc.constantFrom(...slmgrLabels.map((label) => label.key)), fc.string({ maxLength: 30 })).map(([key, v]) => `${key} = "${v}"`),
    );
    fc.assert(
      fc.property(fc.array(iniLine, { maxLength: 20 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const set = parseSlmgrIni(lines.join(eol));
        for (const key of set.values.keys()) {
          expect(key).toBe(key.toLowerCase());
          expect(key).toBe(key.replace(/^ +| +$/g, ''));
        }
      }),
      { numRuns: 10000 },
    );
  }, FUZZ_TIMEOUT);

  it('reads long adversarial lines (regex backtracking bait) promptly', () => {
    const bait = [
      `Activating ${'( '.repeat(1900)} ...`,
      `Error 0x${'A'.repeat(3000)} occurred in connecting to server ${' x'.repeat(400)}`,
      `Volume activation expiration: ${'1'.repeat(1000)} minute(s) (${'1 '.repeat(1000)}`,
      `Warning: /skms setting overrides the /skms-domain setting. ${'will be used for activation. '.repeat(130)}`,
      'Name: '.repeat(100000),
    ];
    const started = performance.now();
    const report = parseSlmgrText(bait.join('\n'));
    // Generous bound: this guards against exponential backtracking, not a benchmark.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(report.unrecognizedLines.length + report.products.length + (report.errors?.length ?? 0)).toBeGreaterThan(0);
  });
});

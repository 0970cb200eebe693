import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateKmsHostEvents, kmsHostEventToXml } from '../../../bench/gen/kms-host-events.js';
import { createHostEventAccumulator, type HostEventDigest } from '../../../shared/diagnose/host-events.js';
import { createEventStreamParser } from '../../../shared/parse/events/index.js';
import { comparableDigest } from '../../helpers/digest-compare.js';
import { clean12290, event12290, request12290, requestXml } from '../../helpers/event-12290.js';

// takeRaw folds the usual 12290 straight from the parser's values; everything else comes as an event
// to add(). The digest must be exactly the one add() alone makes, whatever the values look like.

function digestOf(xml: string, chunk: number, lean: boolean): { digest: HostEventDigest; taken: number; delivered: number; unrecognized: readonly string[] } {
  const acc = createHostEventAccumulator();
  let taken = 0;
  let delivered = 0;
  const parser = createEventStreamParser(
    (event) => {
      delivered++;
      acc.add(event);
    },
    lean
      ? {
          takeRaw: (raw) => {
            const yes = acc.takeRaw(raw);
            if (yes) taken++;
            return yes;
          },
        }
      : {},
  );
  for (let at = 0; at < xml.length; at += chunk) parser.push(xml.slice(at, at + chunk));
  return { digest: acc.digest(), taken, delivered, unrecognized: parser.end().unrecognized };
}

describe('HostEventAccumulator.takeRaw', () => {
  it('takes nearly every request of a generated busy host and leaves the digest exactly as add() makes it', () => {
    const xml = [...generateKmsHostEvents({ count: 4000, seed: 11, machines: 600 })].map((e) => kmsHostEventToXml(e)).join('\n');
    const lean = digestOf(xml, 65_536, true);
    const full = digestOf(xml, 65_536, false);
    expect(lean.unrecognized).toEqual([]);
    expect(comparableDigest(lean.digest)).toEqual(comparableDigest(full.digest));
    expect(lean.digest.requests12290).toBe(4000);
    // The first events teach the parser the layout; refusals (failures) come as events.
    const failures = [...full.digest.failures.values()].reduce((n, f) => n + f.times.length, 0);
    expect(lean.taken).toBeGreaterThan(3900 - failures);
    expect(lean.taken + lean.delivered).toBe(4000);
  });

  it('whatever the spelling of each value, the digest is the one add() makes (property)', () => {
    let takenInAll = 0;
    fc.assert(
      fc.property(fc.array(request12290, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 200, max: 5000 }), (requests, cleanLead, chunk) => {
        // A few clean requests first, so that a layout is learned and takeRaw is offered the rest.
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

  it('declines what it does not fold: other event ids, a missing field, a refused request', () => {
    const acc = createHostEventAccumulator();
    const fields = ['0x0', '25', 'pc', 'c', '2026/10/1 8:05', '0', '1', '259200', 'act'];
    const view = (eventId: string, data: readonly string[]) => ({ eventId, systemTime: '2026-10-01T08:05:12.1234567Z', computer: 'kms', data });
    expect(acc.takeRaw(view('12288', ['', ...fields]))).toBe(false);
    expect(acc.takeRaw(view('12290', fields))).toBe(false);
    expect(acc.takeRaw(view('12290', ['', '0xC004F042', ...fields.slice(1)]))).toBe(false);
    expect(acc.digest().requests12290).toBe(0);
    expect(acc.takeRaw(view('12290', ['', ...fields]))).toBe(true);
    expect(acc.digest().requests12290).toBe(1);
    expect(acc.digest().cmids.get('c')?.names.get('pc')?.requests).toBe(1);
  });
});

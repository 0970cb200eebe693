import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateKmsHostEvents, kmsHostEventToXml } from '../../../bench/gen/kms-host-events.js';
import { createHostEventAccumulator, type HostEventDigest } from '../../../shared/diagnose/host-events.js';
import { createEventStreamParser } from '../../../shared/parse/events/index.js';
import { comparableDigest } from '../../helpers/digest-compare.js';

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

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A 12290 in Get-WinEvent's layout with its values spelled exactly as given (odd spellings included). */
function event12290(v: { systemTime: string; fields: readonly string[]; computer: string }): string {
  const fields = v.fields.map(escapeXml);
  return (
    "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>" +
    "<Provider Name='Microsoft-Windows-Security-SPP'/><EventID Qualifiers='16384'>12290</EventID>" +
    `<TimeCreated SystemTime='${v.systemTime}'/><EventRecordID>1</EventRecordID>` +
    `<Channel>Key Management Service</Channel><Computer>${escapeXml(v.computer)}</Computer></System>` +
    `<EventData><Data>${fields.join(',')}</Data>${fields.map((f) => `<Data>${f}</Data>`).join('')}</EventData></Event>\n`
  );
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
    // Mostly the usual spellings (so takeRaw is offered and takes many), often an odd one (so it must decline).
    const field = (usual: string[], odd: string[]): fc.Arbitrary<string> =>
      fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...usual) }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
    const request = fc.record({
      systemTime: field(['2026-10-01T08:05:12.1234567Z', '2026-10-01T09:59:59.999Z', '2026-10-01T23:59:59.9999999Z', '2026-10-02T03:00:00.5000000Z'], ['2026-10-01T08:05:12Z', '2026-10-01T08:05:12.1234567+01:00', '2026-02-30T08:00:00.0000000Z', ' 2026-10-01T08:05:12.1234567Z']),
      hresult: field(['0x0', '0x00000000'], ['0X0', ' 0x0', '0xC004F042', '0xc004f042', 'zero', '']),
      minimumCount: field(['25', '5'], [' 25', '25 ', 'x', '']),
      name: field(['WKS1.corp.test', 'wks1.corp.test', 'WKS2.corp.test', 'A&B<1>'], [' WKS1.corp.test', 'Ünï', '']),
      cmid: field(['5704df74-8021-484c-a8e9-dd62a385c3ee', '5704DF74-8021-484C-A8E9-DD62A385C3EE', 'a5d1b0c2-0000-4000-8000-000000000001'], [' a5d1b0c2-0000-4000-8000-000000000001', '']),
      clientTime: field(['2026/10/1 8:05', '2026/10/01 08:05', '2026/10/1 3:05', '2026/9/30 23:58', '2026/10/2 9:00'], ['2026/13/1 8:05', '2026-10-01 08:05', '2026/10/1 8:05 ', '']),
      isVm: field(['0', '1'], ['2', '']),
      licenseState: field(['1', '5'], ['-1', '']),
      minutesToExpiry: field(['259200', '0', '43200'], [' 1', '']),
      computer: field(['kms01.corp.test'], ['']),
    });
    let takenInAll = 0;
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 200, max: 5000 }), (requests, cleanLead, chunk) => {
        // A few clean requests first, so that a layout is learned and takeRaw is offered the rest.
        const clean = { systemTime: '2026-10-01T07:00:00.0000000Z', fields: ['0x0', '25', 'lead', 'b0000000-0000-4000-8000-000000000000', '2026/10/1 7:00', '0', '1', '259200', 'act'], computer: 'kms01.corp.test' };
        const xml =
          Array.from({ length: cleanLead + 2 }, () => event12290(clean)).join('') +
          requests.map((r) => event12290({ systemTime: r.systemTime, computer: r.computer, fields: [r.hresult, r.minimumCount, r.name, r.cmid, r.clientTime, r.isVm, r.licenseState, r.minutesToExpiry, 'act'] })).join('');
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

import { describe, expect, it } from 'vitest';
import { generateKmsHostEvents, kmsHostEventsXml, type GeneratedHostEvent } from '../../../../tools/gen/kms-host-events.js';
import { clientTimeToIso, createEventStreamParser } from '../../../../shared/parse/events/index.js';
import type { KmsEvent } from '../../../../shared/parse/types.js';

// The benchmark generator (tools/gen) against the parser: every generated request must come back with
// the values it was generated with; and the generator must be deterministic for a seed.

const options = { count: 3000, seed: 7, machines: 500 };

describe('generated KMS host log (tools/gen/kms-host-events.ts)', () => {
  const truth = [...generateKmsHostEvents(options)];
  const events: KmsEvent[] = [];
  const parser = createEventStreamParser((e) => events.push(e));
  for (const piece of kmsHostEventsXml(options, 97)) parser.push(piece);
  const summary = parser.end();

  it('parses back to exactly the generated values', () => {
    expect(summary.unrecognized).toEqual([]);
    expect(events).toHaveLength(truth.length);
    events.forEach((e, i) => {
      const g = truth[i] as GeneratedHostEvent;
      expect(e).toEqual({
        eventId: 12290,
        logName: 'Key Management Service',
        provider: 'Microsoft-Windows-Security-SPP',
        timeCreated: `${g.systemTime.slice(0, 23)}Z`,
        computer: 'kms01.corp.contoso.com',
        recordId: g.recordId,
        level: 4,
        hresult: g.hresult,
        minimumCount: g.minimumCount,
        clientName: g.clientName,
        cmid: g.cmid,
        clientTime: clientTimeToIso(g.clientTime),
        isVm: g.isVm,
        licenseState: g.licenseState,
        minutesToExpiry: g.minutesToExpiry,
        activationId: g.activationId,
      });
    });
  });

  it('has the population the benchmarks rely on: shared CMIDs, both minimum counts, failures, VMs, both time forms', () => {
    const names = new Set(truth.map((g) => g.clientName));
    const cmids = new Set(truth.map((g) => g.cmid));
    expect(names.size).toBeGreaterThan(400);
    expect(cmids.size).toBeLessThan(names.size);
    expect(new Set(truth.map((g) => g.minimumCount))).toEqual(new Set([5, 25]));
    expect(truth.some((g) => g.hresult === '0xC004F042')).toBe(true);
    expect(truth.some((g) => g.isVm)).toBe(true);
    expect(truth.some((g) => /^\d{4}\/\d\/\d{1,2} /.test(g.clientTime) || /^\d{4}\/\d{1,2}\/\d \d:/.test(g.clientTime))).toBe(true);
    expect(truth.some((g) => /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/.test(g.clientTime))).toBe(true);
  });

  it('is deterministic for a seed and differs for another', () => {
    expect([...generateKmsHostEvents(options)]).toEqual(truth);
    expect([...generateKmsHostEvents({ ...options, seed: 8 })]).not.toEqual(truth);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeHostEvents, createHostEventAccumulator, diagnose, digestHostEvents } from '../../../shared/diagnose/index.js';
import { mergeHostEventDigests } from '../../../shared/diagnose/host-events.js';
import { hostRecordOfEvent } from '../../../shared/parse/events/host-record.js';
import { comparableDigest } from '../../helpers/digest-compare.js';
import { e12290, e12293, e12294, healthyHost, manifest } from './evidence-builders.js';
import type { KmsEvent } from '../../../shared/parse/types.js';

const day = 86_400_000;
const at = (ms: number): string => new Date(ms).toISOString();
const created = Date.parse('2026-11-20T09:00:00.000Z');

describe('host event analysis', () => {
  it('the 30-day window ends at the manifest time, not at the analysing clock: same answer a month later', () => {
    const events = [
      e12290(at(created - 40 * day), 'old.contoso.com', 'old'),
      e12290(at(created - 10 * day), 'new.contoso.com', 'new'),
    ];
    const evidence = healthyHost({ manifest: manifest('host', at(created)) }, events);
    const a = diagnose(evidence, { lang: 'en' });
    const later = diagnose(evidence, { lang: 'en', now: at(created + 31 * day) });
    expect(a.hostAnalysis!.windowEnd).toBe(at(created));
    expect(a.hostAnalysis!.windowEndSource).toBe('manifest');
    expect(a.hostAnalysis!.distinctCmids).toBe(1);
    expect(later.hostAnalysis).toEqual(a.hostAnalysis);
  });

  it('without a manifest the window ends at the newest event', () => {
    const h = analyzeHostEvents(digestHostEvents([e12290(at(created - 45 * day), 'a', 'a'), e12290(at(created - 20 * day), 'b', 'b'), e12290(at(created), 'c', 'c')]), null);
    expect(h.windowEndSource).toBe('newest-event');
    expect(h.windowEnd).toBe(at(created));
    expect(h.distinctCmids).toBe(2);
  });

  it('splits the count by family and caps it at 2 × the highest threshold asked', () => {
    const events = [
      ...Array.from({ length: 60 }, (_, i) => e12290(at(created - day), `pc${i}`, `c${i}`, { minimumCount: 25 })),
      ...Array.from({ length: 3 }, (_, i) => e12290(at(created - day), `srv${i}`, `s${i}`, { minimumCount: 5 })),
    ];
    const h = analyzeHostEvents(digestHostEvents(events), { time: at(created), source: 'manifest' });
    expect(h.distinctCmids).toBe(63);
    expect(h.effectiveCount).toBe(50);
    expect(h.families).toEqual([
      { family: 'client-os', needs: 25, clients: 60, has: 50, met: true },
      { family: 'server-office', needs: 5, clients: 3, has: 50, met: true },
    ]);
  });

  it('groups failures by HRESULT with the machines affected, and tracks VM share and expiring clients', () => {
    const events = [
      e12290(at(created - 2 * day), 'w7', 'x', { hresult: '0xc004f042', isVm: true }),
      e12290(at(created - day), 'w8', 'y', { hresult: '0xC004F042' }),
      e12290(at(created - day), 'ok', 'z', { minutesToExpiry: 60 }),
    ];
    const h = analyzeHostEvents(digestHostEvents(events), { time: at(created), source: 'manifest' });
    expect(h.failures).toHaveLength(1);
    expect(h.failures[0]).toMatchObject({ hresult: '0xC004F042', requests: 2, machines: ['w7', 'w8'] });
    expect(h.vm).toEqual({ vmClients: 1, clients: 3, share: 1 / 3 });
    expect(h.expiringSoon.map((e) => e.clientName)).toEqual(['ok']);
    expect(h.requestsPerDay.reduce((s, d) => s + d.total, 0)).toBe(3);
  });

  it('a host that refused 300,000 requests is analysed (their first and last time without a stack overflow)', () => {
    const acc = createHostEventAccumulator();
    const first = created - 20 * day;
    // One refusal per second from 50 machines: far more times than a spread into Math.min can take.
    const event = e12290(at(first), 'w0', 'c0', { hresult: '0xC004F042' });
    for (let i = 0; i < 300_000; i++) acc.add(hostRecordOfEvent({ ...event, timeCreated: at(first + i * 1000), clientName: `w${i % 50}`, cmid: `c${i % 50}` }));
    const h = analyzeHostEvents(acc.digest(), { time: at(created), source: 'manifest' });
    expect(h.failures).toHaveLength(1);
    expect(h.failures[0]).toMatchObject({ hresult: '0xC004F042', requests: 300_000, first: at(first), last: at(first + 299_999 * 1000) });
    expect(h.failures[0]!.machines).toHaveLength(50);
  });

  it('keeps 12293 publish failures in the window', () => {
    const h = analyzeHostEvents(digestHostEvents([e12293(at(created - day), '0x80072338', 'contoso.com')]), { time: at(created), source: 'manifest' });
    expect(h.publish).toEqual([{ time: at(created - day), eventId: 12293, domain: 'contoso.com', hresult: '0x80072338' }]);
  });

  it('duplicate CMIDs are exact whatever the order and the chunking (property)', () => {
    const arb = fc.array(fc.record({ name: fc.integer({ min: 0, max: 30 }), cmid: fc.integer({ min: 0, max: 20 }), dayBack: fc.integer({ min: 0, max: 29 }) }), { maxLength: 300 });
    fc.assert(
      fc.property(arb, (rows) => {
        const events = rows.map((r) => e12290(at(created - r.dayBack * day - 1000), `n${r.name}`, `c${r.cmid}`));
        const acc = createHostEventAccumulator();
        for (const e of [...events].reverse()) acc.add(hostRecordOfEvent(e));
        const h = analyzeHostEvents(acc.digest(), { time: at(created), source: 'manifest' });
        const truth = new Map<string, Set<string>>();
        for (const r of rows) truth.set(`c${r.cmid}`, new Set([...(truth.get(`c${r.cmid}`) ?? []), `n${r.name}`]));
        const expected = [...truth].filter(([, names]) => names.size > 1).map(([cmid, names]) => [cmid, [...names].sort()]).sort();
        const got = h.duplicateCmids.map((d) => [d.cmid, d.names.map((n) => n.name).sort()]).sort();
        expect(got).toEqual(expected);
      }),
    );
  });

  describe('merging the digests of a stream read in parts', () => {
    // Events with every kind of value a digest keeps, times that tie and go backwards, and the
    // fields a request may lack (Event Viewer text loses some).
    const eventArb = fc.oneof(
      { weight: 8, arbitrary: fc.record({
        name: fc.integer({ min: 0, max: 12 }),
        cmid: fc.integer({ min: 0, max: 8 }),
        // 2.4 h steps over 40 days: few enough distinct times that requests of one CMID tie.
        minute: fc.integer({ min: 0, max: 400 }).map((step) => step * 144),
        hresult: fc.constantFrom('0x0', '0xC004F042', '0xc004f042', '0x8007000D'),
        minimumCount: fc.option(fc.constantFrom(5, 25), { nil: undefined }),
        isVm: fc.option(fc.boolean(), { nil: undefined }),
        licenseState: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
        minutesToExpiry: fc.option(fc.integer({ min: 0, max: 259200 }), { nil: undefined }),
        skewHours: fc.integer({ min: -8, max: 8 }),
        computer: fc.constantFrom('kms01', 'kms02'),
      }).map((r): KmsEvent => {
        const time = at(created - r.minute * 60_000);
        const { minimumCount: _m, isVm: _v, licenseState: _l, minutesToExpiry: _e, ...rest } = e12290(time, `N${r.name}.contoso.com`, r.cmid % 2 ? `CMID-${r.cmid}` : `cmid-${r.cmid}`, {
          hresult: r.hresult,
          computer: r.computer,
          clientTime: at(created - r.minute * 60_000 + r.skewHours * 3_600_000),
        });
        return {
          ...rest,
          ...(r.minimumCount === undefined ? {} : { minimumCount: r.minimumCount }),
          ...(r.isVm === undefined ? {} : { isVm: r.isVm }),
          ...(r.licenseState === undefined ? {} : { licenseState: r.licenseState }),
          ...(r.minutesToExpiry === undefined ? {} : { minutesToExpiry: r.minutesToExpiry }),
        };
      }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 60 * 24 * 40 }).map((m) => e12293(at(created - m * 60_000), '0x80072338', 'contoso.com')) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 60 * 24 * 40 }).map((m) => e12294(at(created - m * 60_000), 'contoso.com')) },
    );

    it('two parts merge into exactly the digest of the whole, and so into the same analysis (property)', () => {
      fc.assert(
        fc.property(fc.array(eventArb, { maxLength: 200 }), fc.nat(), (events, cut) => {
          const at_ = events.length === 0 ? 0 : cut % (events.length + 1);
          const whole = digestHostEvents(events);
          const merged = mergeHostEventDigests(digestHostEvents(events.slice(0, at_)), digestHostEvents(events.slice(at_)));
          expect(comparableDigest(merged)).toEqual(comparableDigest(whole));
          for (const end of [null, { time: at(created), source: 'manifest' as const }]) {
            expect(analyzeHostEvents(merged, end)).toEqual(analyzeHostEvents(whole, end));
          }
        }),
        { numRuns: 500 },
      );
    });

    it('on a tie the later stream wins, in the merge as in one pass', () => {
      const first = e12290(at(created), 'first', 'c', { licenseState: 1, minutesToExpiry: 10 });
      const second = e12290(at(created), 'second', 'c', { licenseState: 2, minutesToExpiry: 20 });
      const merged = mergeHostEventDigests(digestHostEvents([first]), digestHostEvents([second])).cmids.get('c')!;
      const onePass = digestHostEvents([first, second]).cmids.get('c')!;
      for (const state of [merged, onePass]) {
        expect(state.lastName.value).toBe('second');
        expect(state.licenseState.value).toBe(2);
        expect(state.minutesToExpiry.value).toBe(20);
      }
    });

    it('keeps the newest value of each field, whatever order the requests came in', () => {
      const newer = e12290(at(created - day), 'a', 'c', { licenseState: 2, minutesToExpiry: 100 });
      const older = e12290(at(created - 2 * day), 'a', 'c', { licenseState: 1, minutesToExpiry: 200 });
      const { licenseState: _dropped, ...newestWithoutState } = e12290(at(created), 'b', 'c', { minutesToExpiry: 300 });
      for (const order of [[older, newer, newestWithoutState], [newestWithoutState, newer, older], [newer, newestWithoutState, older]]) {
        const state = digestHostEvents(order).cmids.get('c')!;
        expect(state.licenseState.value).toBe(2);
        expect(state.minutesToExpiry.value).toBe(300);
        expect(state.lastName.value).toBe('b');
      }
    });

    it('does not change its inputs', () => {
      const a = digestHostEvents([e12290(at(created - day), 'a', 'c'), e12290(at(created - day), 'x', 'bad', { hresult: '0xC004F042' })]);
      const b = digestHostEvents([e12290(at(created), 'b', 'c'), e12290(at(created), 'y', 'bad', { hresult: '0xC004F042' })]);
      const before = [comparableDigest(a), comparableDigest(b)];
      mergeHostEventDigests(a, b);
      expect([comparableDigest(a), comparableDigest(b)]).toEqual(before);
      expect(a.cmids.get('c')!.names.size).toBe(1);
    });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientTimeFastMs, clientTimeToIso, localTimeToIso, systemTimeFastMs, systemTimeToIso } from '../../../../shared/parse/events/index.js';

describe('client time of the Info string → ISO 8601 UTC', () => {
  it.each([
    ['2010/9/29 21:46', '2010-09-29T21:46:00.000Z'],
    ['2010/09/29 17:52', '2010-09-29T17:52:00.000Z'],
    ['2012/12/04 07:06', '2012-12-04T07:06:00.000Z'],
    ['2026/1/2 3:04', '2026-01-02T03:04:00.000Z'],
    [' 2024/2/29 0:00 ', '2024-02-29T00:00:00.000Z'],
    ['2026/10/3 8:14:59', '2026-10-03T08:14:59.000Z'],
  ])('%s → %s', (raw, iso) => expect(clientTimeToIso(raw)).toBe(iso));

  it.each(['2010/2/30 1:00', '2023/2/29 1:00', '2010/13/1 1:00', '2010/9/29 24:00', '2010/9/29 21:60', '1/14/2006 2:30', 'yesterday', '', '2010/9/29'])(
    'not a client time: %j',
    (raw) => expect(clientTimeToIso(raw)).toBeNull(),
  );
});

describe('TimeCreated SystemTime → ISO 8601 UTC with milliseconds', () => {
  it.each([
    ['2026-10-01T00:00:12.0035495Z', '2026-10-01T00:00:12.003Z'],
    ['2019-03-01T10:00:00.000000000Z', '2019-03-01T10:00:00.000Z'],
    ['2026-10-05T11:12:14Z', '2026-10-05T11:12:14.000Z'],
    ['2026-10-02T08:00:00.1Z', '2026-10-02T08:00:00.100Z'],
    ['2026-10-02T07:30:00.25+02:00', '2026-10-02T05:30:00.250Z'],
    ['2026-01-01T00:30:00-01:00', '2026-01-01T01:30:00.000Z'],
  ])('%s → %s', (raw, iso) => expect(systemTimeToIso(raw)).toBe(iso));

  it.each(['2026-10-01T00:00:12', '2026-02-30T00:00:00Z', '2026-10-01 00:00:12Z', 'now', '2026-10-01T00:00:12+15:00'])('not a UTC time: %j', (raw) =>
    expect(systemTimeToIso(raw)).toBeNull(),
  );
});

describe('a date as Event Viewer or PowerShell print it → ISO 8601 without a zone', () => {
  it.each([
    ['9/29/2010 5:52:13 PM', '2010-09-29T17:52:13'],
    ['5/7/2018 3:20:36 PM', '2018-05-07T15:20:36'],
    ['4/10/2018 12:05:00 AM', '2018-04-10T00:05:00'],
    ['2010/09/29 17:52:13', '2010-09-29T17:52:13'],
    ['29/09/2010 17:52', '2010-09-29T17:52:00'],
    ['09/29/2010 17:52', '2010-09-29T17:52:00'],
  ])('%s → %s', (raw, iso) => expect(localTimeToIso(raw)).toBe(iso));

  it('leaves a day/month order it cannot be sure of unread', () => {
    expect(localTimeToIso('03/04/2010 17:52')).toBeNull();
    expect(localTimeToIso('13:00 yesterday')).toBeNull();
  });
});

describe('the fast readers to milliseconds (what the host digest uses per request)', () => {
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const date = fc.date({ min: new Date('1601-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });

  it('agree with the ISO readers on every date they read (property)', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 9_999_999 }), fc.boolean(), (d, fraction, padded) => {
        const system = `${d.toISOString().slice(0, 19)}.${String(fraction).padStart(7, '0')}Z`;
        expect(systemTimeFastMs(system)).toBe(Date.parse(systemTimeToIso(system)!));
        const [y, mo, day, h, mi] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
        const client = padded ? `${y}/${p2(mo)}/${p2(day)} ${p2(h)}:${p2(mi)}` : `${y}/${mo}/${day} ${h}:${p2(mi)}`;
        expect(clientTimeFastMs(client)).toBe(Date.parse(clientTimeToIso(client)!));
      }),
      { numRuns: 3000 },
    );
  });

  it.each(['2026-10-01T08:05:12Z', '2026-10-01T08:05:12.1234567+01:00', '2026-02-29T08:05:12.1234567Z', ' 2026-10-01T08:05:12.1234567Z', '2026-10-01 08:05:12.1234567Z', ''])(
    'SystemTime %j is not the usual form: NaN, left to the general reader',
    (raw) => expect(systemTimeFastMs(raw)).toBeNaN(),
  );

  it.each(['2026/13/1 8:05', '2026/2/29 8:05', '2026-10-01 08:05', '2026/10/1 8:05 ', '2026/10/1 8:05:59', '2026/10/1 25:00', ''])(
    'client time %j is not the usual form: NaN, left to the general reader',
    (raw) => expect(clientTimeFastMs(raw)).toBeNaN(),
  );
});

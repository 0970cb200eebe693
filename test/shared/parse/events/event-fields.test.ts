import { describe, expect, it } from 'vitest';
import { buildKmsEvent, infoFields, type EventHeader } from '../../../../shared/parse/events/index.js';

const header = (eventId: number): EventHeader => ({ eventId, logName: null, provider: null, timeCreated: null, computer: null, recordId: 7 });
const fields12290 = ['0x0', '25', 'WKS1', '5704df74-8021-484c-a8e9-dd62a385c3ee', '2026/10/3 8:14', '0', '1', '259200', '73111121-5638-40f6-bc11-f1d7b0d64300'];

describe('the Info fields from whichever form the event carries', () => {
  it('one comma-joined string, with or without spaces after the commas', () => {
    expect(infoFields([fields12290.join(',')], 9)).toEqual(fields12290);
    expect(infoFields([fields12290.join(', ')], 9)).toEqual(fields12290);
  });

  it('the nine fields as separate items', () => {
    expect(infoFields(fields12290, 9)).toEqual(fields12290);
  });

  it('the joined string followed by the separate items (Properties[1..9])', () => {
    expect(infoFields([fields12290.join(','), ...fields12290.map((f) => ` ${f} `)], 9)).toEqual(fields12290);
  });

  it('nothing usable', () => {
    expect(infoFields([], 9)).toBeNull();
    expect(infoFields(['0x0'], 9)).toBeNull();
  });
});

describe('buildKmsEvent', () => {
  it('names the 12290 fields and keeps no raw data when all were read', () => {
    const { event, problems } = buildKmsEvent(header(12290), fields12290);
    expect(problems).toEqual([]);
    expect(event).toEqual({
      ...header(12290),
      hresult: '0x0',
      minimumCount: 25,
      clientName: 'WKS1',
      cmid: '5704df74-8021-484c-a8e9-dd62a385c3ee',
      clientTime: '2026-10-03T08:14:00.000Z',
      isVm: false,
      licenseState: 1,
      minutesToExpiry: 259200,
      activationId: '73111121-5638-40f6-bc11-f1d7b0d64300',
    });
  });

  it('reports a wrong field count and unreadable values, and then keeps the raw data', () => {
    const { event, problems } = buildKmsEvent(header(12290), ['0xZZ,x,WKS1']);
    expect(problems).toEqual([
      'event 12290 (record 7): 3 Info fields, expected 9',
      "event 12290 (record 7): hresult '0xZZ' is not a 0x… code",
      "event 12290 (record 7): minimumCount 'x' is not a number",
    ]);
    expect(event.clientName).toBe('WKS1');
    expect(event.data).toEqual(['0xZZ,x,WKS1']);
  });

  it('12288: host and port split at the last colon, IPv6 brackets removed', () => {
    const info = (hostPort: string): string => `0x0, 0x8, ${hostPort}, 5704df74-8021-484c-a8e9-dd62a385c3ee, 2026/10/03 08:14, 1, 2, 100, 73111121-5638-40f6-bc11-f1d7b0d64300, 25`;
    expect(buildKmsEvent(header(12288), [info('kms01.contoso.com:1688')]).event).toMatchObject({ kmsHost: 'kms01.contoso.com', kmsPort: 1688, statusFlags: '0x8', isVm: true });
    expect(buildKmsEvent(header(12288), [info('[fd00::5]:1689')]).event).toMatchObject({ kmsHost: 'fd00::5', kmsPort: 1689 });
  });

  it('12289: activated flag, count, intervals, client time', () => {
    const { event } = buildKmsEvent(header(12289), ['0x0, 0x4000008, 0, 0, 4, 120, 10080, 2006/1/14 2:30']);
    expect(event).toMatchObject({ activated: false, currentCount: 4, activationIntervalMinutes: 120, renewalIntervalMinutes: 10080, clientTime: '2006-01-14T02:30:00.000Z' });
  });

  it('12293 / 12294 / 12308 / 1003 / 8198 and an unknown id', () => {
    expect(buildKmsEvent(header(12293), ['0x8007232A', 'contoso.com']).event).toMatchObject({ hresult: '0x8007232A', dnsDomain: 'contoso.com' });
    expect(buildKmsEvent(header(12294), ['contoso.com']).event).toMatchObject({ dnsDomain: 'contoso.com' });
    expect(buildKmsEvent(header(12308), ['id', 'name', 'CN=x']).event).toMatchObject({ activationId: 'id', activationObjectName: 'name', activationObjectDn: 'CN=x' });
    expect(buildKmsEvent(header(1003), ['app', 'lines']).event).toMatchObject({ applicationId: 'app', data: ['app', 'lines'] });
    expect(buildKmsEvent(header(8198), ['Error code: 0xC0020017']).event).toMatchObject({ hresult: '0xC0020017' });
    expect(buildKmsEvent(header(4242), ['a', 'b']).event).toEqual({ ...header(4242), data: ['a', 'b'] });
  });
});

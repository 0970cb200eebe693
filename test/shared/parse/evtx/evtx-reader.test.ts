// KMS events through the .evtx path: logs built by the test writer (tools/gen/evtx-writer.ts) in
// Binary XML templates with substitutions, read back by the native reader into DESIGN.md §5 fields.
import { describe, expect, it } from 'vitest';
import { readEvtx, renderEventXml } from '../../../../shared/parse/evtx/index.js';
import type { KmsEvent } from '../../../../shared/parse/types.js';
import { nul, record12290, record12293, recordClientInfo, str, strArray, systemValues, TEMPLATE_ARRAY, TEMPLATE_OPTIONAL_AND_PLAIN, writeEvtx, type WRecord } from '../../../../tools/gen/evtx-writer.js';

const host = { computer: 'kms01.contoso.com' };

function read(records: readonly WRecord[], options: { dirty?: boolean } = {}): { events: KmsEvent[]; xml: string[]; remarks: readonly string[]; chunks: number } {
  const events: KmsEvent[] = [];
  const xml: string[] = [];
  const summary = readEvtx(writeEvtx(records, options), { onEvent: (e) => events.push(e), onRecord: (r) => xml.push(renderEventXml(r.nodes)) });
  return { events, xml, remarks: summary.remarks, chunks: summary.chunksRead };
}

describe('KMS events in Binary XML', () => {
  it('12290: the nine Info fields by name, from the template and its substitutions', () => {
    const { events, remarks } = read([
      record12290({ ...host, time: '2026-10-01T07:00:00.123Z', recordId: 10 }, ['0x0', '25', 'pc1.contoso.com', 'b0000000-0000-4000-8000-000000000001', '2026/10/1 7:00', '0', '1', '259200', '55c92734-d682-4d71-983e-d6ec3f16059f']),
      record12290({ ...host, time: '2026-10-01T07:01:00Z', recordId: 11 }, ['0xC004F042', '5', 'srv2', 'b0000000-0000-4000-8000-000000000002', '2026/10/1 17:01', '1', '2', '43200', 'act-2']),
    ]);
    expect(remarks).toEqual([]);
    expect(events).toEqual([
      {
        eventId: 12290, logName: 'Key Management Service', provider: 'Microsoft-Windows-Security-SPP', timeCreated: '2026-10-01T07:00:00.123Z', computer: 'kms01.contoso.com', recordId: 10, level: 4,
        hresult: '0x0', minimumCount: 25, clientName: 'pc1.contoso.com', cmid: 'b0000000-0000-4000-8000-000000000001', clientTime: '2026-10-01T07:00:00.000Z', isVm: false, licenseState: 1, minutesToExpiry: 259200, activationId: '55c92734-d682-4d71-983e-d6ec3f16059f',
      },
      {
        eventId: 12290, logName: 'Key Management Service', provider: 'Microsoft-Windows-Security-SPP', timeCreated: '2026-10-01T07:01:00.000Z', computer: 'kms01.contoso.com', recordId: 11, level: 4,
        hresult: '0xC004F042', minimumCount: 5, clientName: 'srv2', cmid: 'b0000000-0000-4000-8000-000000000002', clientTime: '2026-10-01T17:01:00.000Z', isVm: true, licenseState: 2, minutesToExpiry: 43200, activationId: 'act-2',
      },
    ]);
  });

  it('12288 (one ", "-joined Info string) and 12293 (named HRESULT and domain)', () => {
    const { events } = read([
      recordClientInfo(12288, { computer: 'pc1', time: '2026-10-01T07:03:00Z', recordId: 13 }, ['0xC004F074', '0x0', 'kms01.contoso.com:1688', 'b0000000-0000-4000-8000-000000000001', '2026/10/01 07:03', '0', '1', '259200', 'act-1', '25']),
      record12293({ ...host, time: '2026-10-01T07:02:00Z', recordId: 12 }, '0x80072338', 'contoso.com'),
    ]);
    expect(events[0]).toMatchObject({ eventId: 12288, logName: 'Application', hresult: '0xC004F074', statusFlags: '0x0', kmsHost: 'kms01.contoso.com', kmsPort: 1688, minimumCount: 25, clientTime: '2026-10-01T07:03:00.000Z' });
    expect(events[1]).toMatchObject({ eventId: 12293, hresult: '0x80072338', dnsDomain: 'contoso.com' });
    expect(events[1]?.data).toBeUndefined();
  });

  it('thousands of records over several chunks: templates and names referenced by offset after their first use', () => {
    const records = Array.from({ length: 3000 }, (_, i) =>
      record12290({ ...host, time: new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString(), recordId: 100 + i }, ['0x0', '25', `pc${i}`, `b0000000-0000-4000-8000-${String(i).padStart(12, '0')}`, '2026/10/1 7:00', '0', '1', '259200', 'act']),
    );
    const { events, chunks, remarks } = read(records);
    expect(remarks).toEqual([]);
    expect(chunks).toBeGreaterThan(5);
    expect(events.map((e) => e.recordId)).toEqual(records.map((_, i) => 100 + i));
    expect(events.map((e) => e.clientName)).toEqual(records.map((_, i) => `pc${i}`));
  });

  it('an array substitution becomes one Data item per string; markup in values is escaped in the XML', () => {
    const { events, xml } = read([{ template: TEMPLATE_ARRAY, values: [...systemValues({ provider: 'X', eventId: 1, time: '2026-10-01T07:04:00Z', recordId: 14, channel: 'Application', computer: 'pc1' }), strArray(['a', 'b & <c>'])] }]);
    expect(events[0]?.data).toEqual(['a', 'b & <c>']);
    expect(xml[0]).toContain('<EventData><Data>a</Data><Data>b &amp; &lt;c&gt;</Data></EventData>');
  });

  it('an empty string value is an empty Data item in its place, so later 12290 fields do not shift', () => {
    const { events, xml } = read([record12290({ computer: '', time: '2026-10-01T07:05:00Z', recordId: 15 }, ['0xC004F042', '', '', 'b0000000-0000-4000-8000-000000000015', '2026/10/1 7:05', '1', '5', '43200', 'act'])]);
    expect(xml[0]).toContain('<Computer/>');
    expect(xml[0]).toContain('<Data>0xC004F042</Data><Data/><Data/><Data>b0000000-0000-4000-8000-000000000015</Data>');
    expect(events[0]).toMatchObject({ computer: null, hresult: '0xC004F042', cmid: 'b0000000-0000-4000-8000-000000000015', isVm: true, licenseState: 5, minutesToExpiry: 43200, activationId: 'act' });
    expect(events[0]).not.toHaveProperty('minimumCount');
    expect(events[0]).not.toHaveProperty('clientName');
  });

  it('only a NULL value leaves out the element of an optional substitution (MS-EVEN6 3.1.4.7.2); an empty string does not', () => {
    const system = systemValues({ provider: 'X', eventId: 1, time: '2026-10-01T07:06:00Z', recordId: 16, channel: 'Application', computer: 'pc1' });
    const { events, xml } = read([{ template: TEMPLATE_OPTIONAL_AND_PLAIN, values: [...system, str(''), nul(), nul(), str('last')] }]);
    expect(xml[0]).toContain('<EventData><Data Name="A"/><Data Name="C"/><Data Name="D">last</Data></EventData>');
    expect(events[0]?.data).toEqual(['', '', 'last']);
    expect(events[0]?.dataNames).toEqual(['A', 'C', 'D']);
  });

  it('a dirty log says so and is read whole', () => {
    const { events, remarks } = read([record12293({ ...host, time: '2026-10-01T07:02:00Z', recordId: 1 }, '0x0', 'x')], { dirty: true });
    expect(events).toHaveLength(1);
    expect(remarks).toEqual([expect.stringMatching(/^file header: the log was not closed cleanly/)]);
  });
});

import fc from 'fast-check';

// KMS host 12290 requests with every value spelled as a test likes, for the tests that prove the lean
// paths of the host digest (takeRaw, takeBytes) fold exactly what add() folds.

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface Event12290Values {
  readonly systemTime: string;
  /** The nine Info fields: HRESULT, minimum count, name, CMID, client time, VM, license state, minutes, activation id. */
  readonly fields: readonly string[];
  readonly computer: string;
}

/** A 12290 in Get-WinEvent's layout with its values spelled exactly as given (odd spellings included). */
export function event12290(v: Event12290Values): string {
  const fields = v.fields.map(escapeXml);
  return (
    "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>" +
    "<Provider Name='Microsoft-Windows-Security-SPP'/><EventID Qualifiers='16384'>12290</EventID>" +
    `<TimeCreated SystemTime='${v.systemTime}'/><EventRecordID>1</EventRecordID>` +
    `<Channel>Key Management Service</Channel><Computer>${escapeXml(v.computer)}</Computer></System>` +
    `<EventData><Data>${fields.join(',')}</Data>${fields.map((f) => `<Data>${f}</Data>`).join('')}</EventData></Event>\n`
  );
}

/** A usual request, put first so that the parser learns the layout. */
export const clean12290: Event12290Values = {
  systemTime: '2026-10-01T07:00:00.0000000Z',
  fields: ['0x0', '25', 'lead', 'b0000000-0000-4000-8000-000000000000', '2026/10/1 7:00', '0', '1', '259200', 'act'],
  computer: 'kms01.corp.test',
};

// Mostly the usual spellings (so the lean path is offered and takes many), often an odd one (so it must decline).
const field = (usual: string[], odd: string[]): fc.Arbitrary<string> =>
  fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...usual) }, { weight: 1, arbitrary: fc.constantFrom(...odd) });

/** One request's values. */
export const request12290 = fc.record({
  systemTime: field(['2026-10-01T08:05:12.1234567Z', '2026-10-01T09:59:59.999Z', '2026-10-01T23:59:59.9999999Z', '2026-10-02T03:00:00.5000000Z'], ['2026-10-01T08:05:12Z', '2026-10-01T08:05:12.1234567+01:00', '2026-02-30T08:00:00.0000000Z', ' 2026-10-01T08:05:12.1234567Z']),
  hresult: field(['0x0', '0x00000000'], ['0X0', ' 0x0', '0xC004F042', '0xc004f042', '0x4004F040', '0X4004F040', 'zero', '']),
  minimumCount: field(['25', '5'], [' 25', '25 ', 'x', '']),
  name: field(['WKS1.corp.test', 'wks1.corp.test', 'WKS2.corp.test', 'A&B<1>'], [' WKS1.corp.test', 'Ünï', '']),
  cmid: field(['5704df74-8021-484c-a8e9-dd62a385c3ee', '5704DF74-8021-484C-A8E9-DD62A385C3EE', 'a5d1b0c2-0000-4000-8000-000000000001'], [' a5d1b0c2-0000-4000-8000-000000000001', '']),
  clientTime: field(['2026/10/1 8:05', '2026/10/01 08:05', '2026/10/1 3:05', '2026/9/30 23:58', '2026/10/2 9:00'], ['2026/13/1 8:05', '2026-10-01 08:05', '2026/10/1 8:05 ', '']),
  isVm: field(['0', '1'], ['2', '']),
  licenseState: field(['1', '5'], ['-1', '']),
  minutesToExpiry: field(['259200', '0', '43200'], [' 1', '']),
  computer: field(['kms01.corp.test'], ['']),
});

export type Request12290 = typeof request12290 extends fc.Arbitrary<infer T> ? T : never;

/** The 12290 XML of generated request values. */
export function requestXml(r: Request12290): string {
  return event12290({
    systemTime: r.systemTime,
    computer: r.computer,
    fields: [r.hresult, r.minimumCount, r.name, r.cmid, r.clientTime, r.isVm, r.licenseState, r.minutesToExpiry, 'act'],
  });
}

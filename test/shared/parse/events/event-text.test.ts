import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEventsAuto, parseEventText } from '../../../../shared/parse/events/index.js';

const real = (name: string): string => readFileSync(new URL(`./fixtures/real/${name}`, import.meta.url), 'utf8');
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('the real published samples (fixtures/real, verbatim)', () => {
  it('event-12288-01: Event Viewer details of a client request', () => {
    const { events, unrecognized } = parseEventText(real('event-12288-01.txt'));
    expect(unrecognized).toEqual([]);
    expect(events).toEqual([
      {
        eventId: 12288,
        logName: 'Application',
        provider: 'Microsoft-Windows-Security-SPP',
        timeCreated: null,
        computer: null,
        recordId: null,
        hresult: '0xC004F06C',
        statusFlags: '0x00000000',
        // "<KMS Host FQDN>" is the article's placeholder: no host name (the port is real).
        kmsPort: 1688,
        cmid: '36f27b39-2fd5-440b-be67-a09996d27a38',
        clientTime: '2010-09-29T17:52:00.000Z',
        isVm: false,
        licenseState: 2,
        minutesToExpiry: 41760,
        activationId: '68531fb9-5511-4989-97be-d11a0f55633f',
        minimumCount: 5,
        message: 'The client has sent an activation request to the key management service machine.',
      },
    ]);
  });

  it('event-12290-01: the host side of the same request (unpadded client time, "," separators)', () => {
    const { events, unrecognized } = parseEventText(real('event-12290-01.txt'));
    expect(unrecognized).toEqual([]);
    expect(events).toEqual([
      {
        eventId: 12290,
        logName: 'Key Management Service',
        provider: 'Microsoft-Windows-Security-Licensing-SLC',
        timeCreated: null,
        computer: null,
        recordId: null,
        hresult: '0xC004F06C',
        minimumCount: 5,
        // "<KMS Client name>" is the article's placeholder: no client name.
        cmid: '36f27b39-2fd5-440b-be67-a09996d27a38',
        clientTime: '2010-09-29T21:46:00.000Z',
        isVm: false,
        licenseState: 2,
        minutesToExpiry: 41520,
        activationId: '68531fb9-5511-4989-97be-d11a0f55633f',
        message: 'An activation request has been processed.',
      },
    ]);
  });

  it('event-12293-01: a quoted markdown block with "Managment", Info on its line, explanation lines listed', () => {
    const { events, unrecognized } = parseEventText(real('event-12293-01.txt'));
    expect(events).toEqual([
      {
        eventId: 12293,
        logName: null,
        provider: 'Security-SPP',
        timeCreated: null,
        computer: null,
        recordId: null,
        hresult: '0x80072338',
        dnsDomain: 'contoso.com',
        message: 'Publishing the Key Managment Service (KMS) to DNS in the `contoso.com` domain failed.',
      },
    ]);
    expect(unrecognized).toEqual(["line 1: after the event: '0x80072338: DNS_ERROR RCODE_BADSIG'", "line 1: after the event: 'DNS signature failed to verify.'"]);
  });

  it('event-8198-01-template: the id and message, no hresult from the <ErrorCode> placeholder, raw data kept', () => {
    const { events, unrecognized } = parseEventText(real('event-8198-01-template.txt'));
    expect(unrecognized).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ eventId: 8198, provider: 'Security-SPP', message: expect.stringMatching(/^License Activation failed\./) });
    expect(events[0]?.hresult).toBeUndefined();
    expect(events[0]?.data?.[0]).toBe('<ErrorCode>');
  });

  it('event-1003-01: message only, recognised by its text; application id and status lines', () => {
    const { events, unrecognized } = parseEventText(real('event-1003-01-office2010.txt'));
    expect(unrecognized).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ eventId: 1003, applicationId: '59a52881-a989-479d-af46-f275c6370663' });
    expect(events[0]?.data?.[1]).toMatch(/^Licensing Status=\n1: 191301d3-/);
  });

  it('poshevents 12290 Format-Table: ten rows with client, time, VM, state, product, minimum count', () => {
    const { events, unrecognized } = parseEventText(real('poshevents-kmshost-12290-formattable-01.txt'));
    expect(unrecognized).toEqual([]);
    expect(events).toHaveLength(10);
    expect(events.every((e) => e.eventId === 12290)).toBe(true);
    expect(events[0]).toEqual({
      eventId: 12290,
      logName: null,
      provider: null,
      timeCreated: null,
      computer: null,
      recordId: null,
      clientName: 'WKSTN27.contoso.com',
      clientTime: '2018-04-10T22:21:00.000Z',
      isVm: false,
      licenseState: 2,
      productName: 'Office Standard 2016',
      minimumCount: 5,
    });
    expect(events[2]).toMatchObject({ clientName: 'MYLAPTOP', clientTime: '2018-04-10T21:26:00.000Z', licenseState: 5, minimumCount: 25 });
    expect(events[4]).toMatchObject({ clientName: 'vmwkstn04.contoso.com', isVm: true, productName: 'Windows 7 Professional' });
    expect(events.map((e) => e.minimumCount)).toEqual([5, 5, 25, 5, 25, 25, 25, 5, 25, 25]);
  });

  it('poshevents 12308 Format-List: AD-based activation with the activation object', () => {
    const { events, unrecognized } = parseEventText(real('poshevents-kmsclient-12308-formatlist-01.txt'));
    expect(unrecognized).toEqual([]);
    expect(events).toEqual([
      {
        eventId: 12308,
        logName: null,
        provider: null,
        timeCreated: null,
        computer: 'WKSTN47.contoso.com',
        recordId: null,
        timeCreatedLocal: '2018-05-07T15:20:36',
        activationId: '73001100-0000-1111-2222-f1d7bf300300',
        productName: 'Windows 10 Enterprise',
        activationObjectName: 'Windows Server 2016 RTM ServerDatacenter;ServerStandard Volume:CSVLK',
        activationObjectDn: 'CN=br549-999-607319-0,CN=Activation Objects,CN=Microsoft SPP,CN=Services,CN=Configuration,DC=contoso,DC=com',
        activated: true,
      },
    ]);
  });
});

const request = '0x0, 0x00000000, kms01.contoso.com:1688, 36f27b39-2fd5-440b-be67-a09996d27a38, 2026/10/03 08:14, 0, 1, 259200, 68531fb9-5511-4989-97be-d11a0f55633f, 25';
const response = '0x0, 0x00000000, 1, 0, 27, 120, 10080, 2026/10/03 08:14';
const processed = '0x0,25,WKS1.contoso.com,36f27b39-2fd5-440b-be67-a09996d27a38,2026/10/3 8:14,1,1,259200,68531fb9-5511-4989-97be-d11a0f55633f';

describe('other pasted forms', () => {
  it('just the message and its Info line, several events pasted one after another', () => {
    const text = [
      'The client has sent an activation request to the key management service machine.',
      'Info:',
      request,
      '',
      'The client has processed an activation response from the key management service machine.',
      'Info:',
      response,
      '',
      'An activation request has been processed.',
      'Info:',
      processed,
    ].join('\r\n');
    const { events, unrecognized } = parseEventText(text);
    expect(unrecognized).toEqual([]);
    expect(events.map((e) => e.eventId)).toEqual([12288, 12289, 12290]);
    expect(events[1]).toMatchObject({ activated: true, currentCount: 27 });
    expect(events[2]).toMatchObject({ clientName: 'WKS1.contoso.com', isVm: true });
  });

  it('a bare Info line, recognised only by the exact shape of its fields', () => {
    expect(parseEventText(processed).events).toMatchObject([{ eventId: 12290, minimumCount: 25 }]);
    expect(parseEventText(request).events).toMatchObject([{ eventId: 12288, kmsPort: 1688 }]);
    expect(parseEventText(response).events).toMatchObject([{ eventId: 12289, currentCount: 27 }]);
    expect(parseEventText('0x0, 1, 2').events).toEqual([]);
  });

  it('Event Viewer details with a date and computer, and the 12294 domain from the message', () => {
    const text = [
      'Log Name:      Application',
      'Source:        Microsoft-Windows-Security-SPP',
      'Date:          10/2/2026 7:30:00 AM',
      'Event ID:      12294',
      'Task Category: None',
      'Level:         Information',
      'Computer:      kms01.corp.contoso.com',
      'Description:',
      "Publishing the Key Management Service (KMS) to DNS in the 'corp.contoso.com' domain is successful.",
    ].join('\n');
    const { events, unrecognized } = parseEventText(text);
    expect(unrecognized).toEqual([]);
    expect(events).toEqual([
      {
        eventId: 12294,
        logName: 'Application',
        provider: 'Microsoft-Windows-Security-SPP',
        timeCreated: null,
        computer: 'kms01.corp.contoso.com',
        recordId: null,
        dnsDomain: 'corp.contoso.com',
        timeCreatedLocal: '2026-10-02T07:30:00',
        message: "Publishing the Key Management Service (KMS) to DNS in the 'corp.contoso.com' domain is successful.",
      },
    ]);
  });

  it('details with an "Event Xml:" section: the XML is read (UTC time, record id)', () => {
    const xml = fixture('get-winevent-kms-host.xml').split('\r\n')[0] as string;
    const text = `Log Name:      Key Management Service\nSource:        Microsoft-Windows-Security-SPP\nEvent ID:      12290\nDescription:\nAn activation request has been processed.\nInfo:\n${processed}\nEvent Xml:\n${xml.replace(/></g, '>\n  <')}\n`;
    const { events, unrecognized } = parseEventText(text);
    expect(unrecognized).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ recordId: 4711, timeCreated: '2026-10-03T08:15:02.123Z', clientName: 'WKS00042.corp.contoso.com' });
  });

  it('a paste from a non-English Event Viewer: the event is known by the exact shape of its Info line', () => {
    // Written for this test (Japanese labels as a Japanese Event Viewer shows them), not a captured output.
    const text = ['ログの名前:    Key Management Service', 'イベント ID:   12290', '説明:', 'アクティブ化要求が処理されました。', '情報:', processed].join('\r\n');
    const { events, unrecognized } = parseEventText(text);
    expect(unrecognized).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ eventId: 12290, clientName: 'WKS1.contoso.com', minimumCount: 25, clientTime: '2026-10-03T08:14:00.000Z' });
    expect(events[0]?.message).not.toContain(processed);
  });

  it('text that is no KMS event is listed, not guessed', () => {
    const slmgr = parseEventText(real('slmgr-dli-client-en-01.txt'));
    expect(slmgr.events).toEqual([]);
    expect(slmgr.unrecognized).toEqual([expect.stringMatching(/^line 1: not a KMS event this parser knows: 'Name: Windows\(R\) 7, Enterprise edition/)]);
    expect(parseEventText('')).toEqual({ events: [], unrecognized: [] });
  });
});

describe('parseEventsAuto picks the parser by content', () => {
  it('XML (also after a BOM and blank lines) goes to the XML parser, text to the text parser', () => {
    const xml = parseEventsAuto(`\uFEFF\r\n${fixture('get-winevent-kms-host.xml')}`);
    expect(xml.format).toBe('xml');
    expect(xml.events).toHaveLength(3);
    const text = parseEventsAuto(real('event-12290-01.txt'));
    expect(text.format).toBe('text');
    expect(text.events[0]?.eventId).toBe(12290);
  });
});

describe('the text parser never throws', () => {
  const samples = ['event-12288-01.txt', 'event-12290-01.txt', 'event-12293-01.txt', 'event-1003-01-office2010.txt', 'poshevents-kmshost-12290-formattable-01.txt', 'poshevents-kmsclient-12308-formatlist-01.txt'].map(real);

  it('arbitrary and mutated text (3,000 inputs): no exception, every event has an integer id', { timeout: 300_000 }, () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.tuple(fc.constantFrom(...samples), fc.nat(), fc.nat({ max: 200 }), fc.string({ unit: fc.constantFrom(...':,\n -=>0xPSIDnfo'.split('')), maxLength: 20 })).map(
            ([base, at, cut, insert]) => base.slice(0, at % (base.length + 1)) + insert + base.slice((at % (base.length + 1)) + cut),
          ),
        ),
        (text) => {
          const result = parseEventsAuto(text);
          for (const e of result.events) expect(Number.isInteger(e.eventId)).toBe(true);
          expect(Array.isArray(result.unrecognized)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('event text as pages print it (issue 14)', () => {
  it("starts the next event at a header label after the message, even when the first event had no Log Name", () => {
    const text = 'Source: Microsoft-Windows-Security-SPP\nEvent ID: 900\nDescription:\nThe Software Protection service is starting.\n\nLog Name: Application\nSource: Microsoft-Windows-Security-SPP\nEvent ID: 8200\nDescription:\nLicense acquisition failure details.\nhr=0x80072EE7\n';
    const { events } = parseEventsAuto(text);
    expect(events.map((e) => [e.eventId, e.logName, e.hresult ?? null])).toEqual([
      [900, null, null],
      [8200, 'Application', '0x80072EE7'],
    ]);
  });

  it('takes header values out of inline code and emphasis, and a placeholder date for no date', () => {
    const { events, unrecognized } = parseEventText('Source: Microsoft-Windows-Security-SPP\nDate: *\\<DateTime>*\nEvent ID: 8200\nComputer: `Server1.contoso.com`\nDescription:\nhr=0x80072EE7\n');
    expect(events[0]).toMatchObject({ computer: 'Server1.contoso.com', timeCreated: null });
    expect(events[0]?.timeCreatedLocal).toBeUndefined();
    expect(unrecognized).toEqual([]);
  });

  it("reads a 12288's Info line that lost its label, placeholders as no value", () => {
    const { events } = parseEventText('Event ID: 12288\nDescription:\n0xC004F06C, 0x00000000, azkms.core.windows.net:1688, <CMID>, <DateTime>, 1, 5, 0, 34e1ae55-27f8-4950-8877-7a03be5fb181, \n');
    expect(events[0]).toMatchObject({ hresult: '0xC004F06C', kmsHost: 'azkms.core.windows.net', kmsPort: 1688, isVm: true, licenseState: 5, minutesToExpiry: 0 });
    expect(events[0]?.cmid).toBeUndefined();
    expect(events[0]?.clientTime).toBeUndefined();
  });

  it("reads 12308's named lines, a masked value as none", () => {
    const { events } = parseEventText('Active Directory Activation has succeeded.\nSku Id = XXXXXXXXXX\nAO name = Windows(R) Operating System, VOLUME_KMS_2012-R2_WIN10 channel\nAO DN = CN=AO1,CN=Activation Objects,CN=Microsoft SPP\n');
    expect(events[0]).toMatchObject({ eventId: 12308, activationObjectName: 'Windows(R) Operating System, VOLUME_KMS_2012-R2_WIN10 channel', activationObjectDn: 'CN=AO1,CN=Activation Objects,CN=Microsoft SPP' });
    expect(events[0]?.activationId).toBeUndefined();
  });
});

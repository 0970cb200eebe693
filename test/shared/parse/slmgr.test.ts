import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../shared/parse/decode-text.js';
import { parseSlmgrIni } from '../../../shared/parse/slmgr-ini.js';
import { parseSlmgrText } from '../../../shared/parse/slmgr.js';
import type { KmsClientInfo, KmsHostInfo, SlmgrProduct } from '../../../shared/parse/types.js';
import { productKindOf } from '../../../shared/kms/product-kind.js';
import { renderer } from './slmgr-render.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const fixtureBytes = (name: string): Uint8Array => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

// kind is productKindOf's (tested in test/shared/kms/product-kind.test.ts); the corpus test asserts it independently.
const product = (fields: Partial<SlmgrProduct>): SlmgrProduct => {
  const built = {
  name: null,
  description: null,
  channel: null,
  activationId: null,
  applicationId: null,
  extendedPid: null,
  productKeyChannel: null,
  partialProductKey: null,
  licenseStatus: null,
  notificationReason: null,
  remainingMinutes: null,
  kmsClient: null,
  kmsHost: null,
  ...fields,
  };
  return { ...built, kind: fields.kind ?? productKindOf(built) };
};
const client = (fields: Partial<KmsClientInfo>): KmsClientInfo => ({
  cmid: null,
  kmsMachineFromDns: null,
  registeredKmsMachine: null,
  registeredLookupDomain: null,
  kmsMachineIp: null,
  kmsMachineExtendedPid: null,
  activationIntervalMinutes: null,
  renewalIntervalMinutes: null,
  hostCaching: null,
  ...fields,
});

const win7Client = product({
  name: 'Windows(R) 7, Enterprise edition',
  description: 'Windows Operating System - Windows(R) 7, VOLUME_KMSCLIENT channel',
  channel: 'VOLUME_KMSCLIENT',
  partialProductKey: 'DVQ7P',
  licenseStatus: 'licensed',
  remainingMinutes: 243720,
  kmsClient: client({
    cmid: '2ffcfc30-6a6a-49ec-92b8-f6150c7df211',
    kmsMachineFromDns: { name: 'emeronb10-rc3.sppvltest.net', port: 1688 },
    kmsMachineExtendedPid: '55041-00140-015-871562-03-1033-7078.0000-0992009',
    activationIntervalMinutes: 15,
    renewalIntervalMinutes: 25,
    hostCaching: true,
  }),
});

const win11Notification = product({
  name: 'Windows(R), Professional edition',
  description: 'Windows(R) Operating System, VOLUME_KMSCLIENT channel',
  channel: 'VOLUME_KMSCLIENT',
  activationId: '2de67392-b7a7-462a-b1ca-108dd189f588',
  applicationId: '55c92734-d682-4d71-983e-d6ec3f16059f',
  extendedPid: '03612-03311-000-000001-03-1033-26200.0000-2232026',
  productKeyChannel: 'Volume:GVLK',
  partialProductKey: 'T83GX',
  licenseStatus: 'notification',
  notificationReason: '0xC004F056',
  configuredActivationType: 'all',
});

describe('parseSlmgrText on the real published samples', () => {
  it('reads Windows 7 /dli of a KMS client (Microsoft Technical Reference)', () => {
    const report = parseSlmgrText(fixture('slmgr-dli-client-en-01.txt'));
    expect(report).toEqual({
      source: 'slmgr-text',
      displayLanguage: 'en',
      role: 'client',
      roleReason: { code: 'description-kms-client', detail: 'VOLUME_KMSCLIENT' },
      serviceVersion: null,
      products: [win7Client],
      activation: [],
      unrecognizedLines: [],
    });
  });

  it('reads the Windows Server 2003 KMS 1.0 host /dli with prompt, WSH 5.6 banner and flattened indentation', () => {
    const report = parseSlmgrText(fixture('slmgr-dli-host-en-02-ws2003.txt'));
    expect(report.role).toBe('host');
    expect(report.unrecognizedLines).toEqual([]);
    expect(report.products).toEqual([
      product({
        name: 'Windows(TM) Server 2003 KMS, KmsW2k3Prs edition',
        description: 'Windows(TM) Server 2003 KMS, VOLUME_KMS channel',
        channel: 'VOLUME_KMS',
        partialProductKey: 'J3YKD',
        licenseStatus: 'licensed',
        // KMS 1.0 prints no cumulative-requests block: requests stays null, not zeros.
        kmsHost: { currentCount: 0, listeningPort: 1688, dnsPublishing: true, lowPriority: false, requests: null },
      }),
    ]);
  });

  it('reads Windows 11 /dlv of a never-activated GVLK client in Notification (no client block)', () => {
    const report = parseSlmgrText(fixture('slmgr-dlv-client-en-03-win11-notification.txt'));
    expect(report).toEqual({
      source: 'slmgr-text',
      displayLanguage: 'en',
      role: 'client',
      roleReason: { code: 'description-kms-client', detail: 'VOLUME_KMSCLIENT' },
      serviceVersion: '10.0.26100.8737',
      products: [win11Notification],
      activation: [],
      unrecognizedLines: [],
    });
  });

  it('reads the Office 2016 KMS host /dlv with 3-space indentation and a URL wrapped at 80 columns', () => {
    const report = parseSlmgrText(fixture('slmgr-dlv-host-office-en-01.txt'));
    expect(report.role).toBe('host');
    expect(report.unrecognizedLines).toEqual([]);
    expect(report.products).toEqual([
      product({
        name: 'Office 16, OfficeKMSHostVL_KMS_Host edition',
        description: 'Office 16, VOLUME_KMS channel',
        channel: 'VOLUME_KMS',
        activationId: '98EBFE73-2084-4C97-932C-C0CD1643BEA7',
        applicationId: '0ff1ce16-a989-479d-af46-f275c6370663',
        extendedPid: '05426-00206-234-001162-03-1033-9200.0000-0992013',
        partialProductKey: 'KDQ2G',
        licenseStatus: 'licensed',
        kmsHost: {
          currentCount: 0,
          listeningPort: 1688,
          dnsPublishing: true,
          lowPriority: false,
          requests: {
            total: 0,
            failed: 0,
            unlicensed: 0,
            licensed: 0,
            initialGrace: 0,
            expiredOrHwOutOfTolerance: 0,
            nonGenuineGrace: 0,
            notification: 0,
          },
        },
      }),
    ]);
  });

  it('lists every line of ospp.vbs output (another tool) as unrecognised instead of inventing a product', () => {
    const report = parseSlmgrText(fixture('ospp-act-en-01-office2010.txt'));
    expect(report.products).toEqual([]);
    expect(report.unrecognizedLines).toContain('LICENSE NAME: Office 14, OfficeProPlus-KMS_Client edition');
    expect(report.unrecognizedLines).toHaveLength(11);
  });
});

describe('parseSlmgrText on copy-paste and encoding variants', () => {
  const original = fixture('slmgr-dli-client-en-01.txt');
  const expected = parseSlmgrText(original);
  const variants: readonly [string, string][] = [
    ['CRLF line ends', original.replace(/\n/g, '\r\n')],
    ['no indentation', original.replace(/^ +/gm, '')],
    ['3-space indentation', original.replace(/^ {4}/gm, '   ')],
    ['tab indentation', original.replace(/^ {4}/gm, '\t')],
    ['trailing spaces', original.replace(/$/gm, '   ')],
    ['stray blank lines', original.replace(/\n/g, '\n\n \n')],
    ['a leading cmd prompt and banner', `C:\\Windows\\system32>cscript slmgr.vbs /dli\r\nMicrosoft (R) Windows Script Host Version 5.812\r\nCopyright (C) Microsoft Corporation. All rights reserved.\r\n\r\n${original}`],
    ['a leading PowerShell prompt', `PS C:\\Users\\admin> cscript //nologo C:\\Windows\\System32\\slmgr.vbs /dli\n${original}`],
    ['a localized WSH banner', `Microsoft (R) Windows Script Host バージョン 5.812\nCopyright (C) Microsoft Corporation. All rights reserved.\n${original}`],
    ['a BOM kept in the text', `\uFEFF${original}`],
    ['old Mac CR line ends', original.replace(/\n/g, '\r')],
  ];
  it.each(variants)('gives the same report with %s', (_name, text) => {
    expect(parseSlmgrText(text)).toEqual(expected);
  });

  it.each([
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(original.replace(/\n/g, '\r\n'), 'utf16le')])],
    ['UTF-16LE without BOM', Buffer.from(original.replace(/\n/g, '\r\n'), 'utf16le')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(original, 'utf8')])],
  ])('gives the same report from %s bytes through decodeText', (_name, bytes) => {
    expect(parseSlmgrText(decodeText(bytes).text)).toEqual(expected);
  });
});

describe('parseSlmgrText on output rendered from the English constants', () => {
  const en = renderer(null);
  const licensedClient = product({
    name: 'Windows(R), Enterprise edition',
    description: 'Windows(R) Operating System, VOLUME_KMSCLIENT channel',
    channel: 'VOLUME_KMSCLIENT',
    activationId: '73111121-5638-40f6-bc11-f1d7b0d64300',
    applicationId: '55c92734-d682-4d71-983e-d6ec3f16059f',
    extendedPid: '03612-00206-556-123456-03-1033-19045.0000-1232024',
    productKeyChannel: 'Volume:GVLK',
    partialProductKey: '2YT43',
    licenseStatus: 'licensed',
    remainingMinutes: 259199,
    configuredActivationType: 'kms',
    kmsClient: client({
      cmid: '8c1a3d6e-1b2c-4d5e-9f00-aabbccddeeff',
      registeredLookupDomain: 'corp.contoso.com',
      kmsMachineFromDns: { name: 'kms01.corp.contoso.com', port: 1688 },
      kmsMachineIp: '10.0.0.15',
      kmsMachineExtendedPid: '06401-00206-551-123456-03-1033-17763.0000-2002024',
      activationIntervalMinutes: 120,
      renewalIntervalMinutes: 10080,
      hostCaching: true,
    }),
  });
  const host: KmsHostInfo = {
    currentCount: 27,
    listeningPort: 1688,
    dnsPublishing: false,
    lowPriority: true,
    requests: { total: 1234, failed: 12, unlicensed: 3, licensed: 1100, initialGrace: 100, expiredOrHwOutOfTolerance: 4, nonGenuineGrace: 0, notification: 15 },
  };
  const serverHost = product({
    name: 'Windows(R), ServerStandard edition',
    description: 'Windows(R) Operating System, VOLUME_KMS_2019 channel',
    channel: 'VOLUME_KMS_2019',
    activationId: '3a2d8a9a-0000-4e3b-9d42-8b0d0c1b2a11',
    applicationId: '55c92734-d682-4d71-983e-d6ec3f16059f',
    extendedPid: '06401-00206-551-000001-03-1033-20348.0000-0012024',
    productKeyChannel: 'Volume:CSVLK',
    partialProductKey: 'ABCDE',
    licenseStatus: 'licensed',
    kmsHost: host,
  });

  it('reads a licensed Windows 10 KMS client with the full Win8+ client block', () => {
    const report = parseSlmgrText(en.dlv('10.0.19041.4355', [licensedClient]));
    expect(report).toEqual({ source: 'slmgr-text', role: 'client', roleReason: { code: 'description-kms-client', detail: 'VOLUME_KMSCLIENT' }, serviceVersion: '10.0.19041.4355', products: [licensedClient], activation: [], unrecognizedLines: [], displayLanguage: 'en' });
  });

  it('reads a /skms client (registered machine name, IP not available, caching disabled)', () => {
    const registered = product({
      ...licensedClient,
      kmsClient: client({ ...licensedClient.kmsClient, registeredLookupDomain: null, kmsMachineFromDns: null, registeredKmsMachine: { name: 'kms02.contoso.com', port: 1689 }, kmsMachineIp: null, hostCaching: false }),
    });
    expect(parseSlmgrText(en.dlv('10.0.22621.1', [registered])).products).toEqual([registered]);
  });

  it('reads a client whose DNS auto-discovery found no KMS name', () => {
    const noDns = product({ ...licensedClient, kmsClient: client({ ...licensedClient.kmsClient, registeredLookupDomain: null, kmsMachineFromDns: null }) });
    const report = parseSlmgrText(en.dlv('10.0.22621.1', [noDns]));
    expect(report.products).toEqual([noDns]);
    expect(report.unrecognizedLines).toEqual([]);
  });

  it('reads a Windows Server KMS host with its cumulative requests', () => {
    const report = parseSlmgrText(en.dlv('10.0.20348.2227', [serverHost]));
    expect(report.role).toBe('host');
    expect(report.products).toEqual([serverHost]);
    expect(report.unrecognizedLines).toEqual([]);
  });

  it('reads /dlv all: several products, unused licenses, a host among them, grace and time remaining', () => {
    const unused = { ...product({ name: 'Windows(R), ServerStandard edition', description: 'Windows(R) Operating System, VOLUME_KMSCLIENT channel', channel: 'VOLUME_KMSCLIENT', activationId: 'de32eafd-aaee-4662-9444-c1befb41bde2', licenseStatus: 'unlicensed' }), notInUse: true };
    const grace = product({ name: 'Office 16, OfficeProPlus2019VL_KMS_Client_AE edition', description: 'Office 19, VOLUME_KMSCLIENT channel', channel: 'VOLUME_KMSCLIENT', activationId: '85dd8b5f-eaa4-4af3-a628-cce9e77c9a03', licenseStatus: 'initialGrace', remainingMinutes: 43200, partialProductKey: '6MWKP' });
    const report = parseSlmgrText(en.dlv('10.0.20348.2227', [unused, serverHost, grace]));
    const { notInUse: _n, ...unusedProduct } = unused;
    expect(report.products).toEqual([unusedProduct, serverHost, grace]);
    // A KMS host (CSVLK) that is itself a KMS client for Office: both (the unused KMSCLIENT licence does not count).
    expect(report.role).toBe('both');
    expect(report.roleReason).toEqual({ code: 'host-and-client', detail: 'VOLUME_KMS_2019, VOLUME_KMSCLIENT' });
    expect(report.unrecognizedLines).toEqual([]);
  });

  it('does not make a machine a host because /dlv all lists an unused CSVLK license', () => {
    const unusedHostSku = { ...product({ name: 'Windows(R), ServerStandard edition', description: 'Windows(R) Operating System, VOLUME_KMS_2019 channel', channel: 'VOLUME_KMS_2019', licenseStatus: 'unlicensed' }), notInUse: true };
    const report = parseSlmgrText(en.dlv('10.0.20348.1', [unusedHostSku, licensedClient]));
    expect(report.role).toBe('client');
  });

  it('reads /xpr, alone and after /dli of the same product', () => {
    const xprOnly = parseSlmgrText(en.xpr('Windows(R), Enterprise edition', 'L_MsgLicenseStatusVL', '12/12/2026 8:00:00 AM'));
    expect(xprOnly.products).toEqual([product({ name: 'Windows(R), Enterprise edition', licenseStatus: 'licensed' })]);
    expect(xprOnly.unrecognizedLines).toEqual([]);
    const permanent = parseSlmgrText(en.xpr('Windows(R), Professional edition', 'L_MsgLicenseStatusLicensed', ''));
    expect(permanent.products[0]?.licenseStatus).toBe('licensed');
    const notification = parseSlmgrText(en.xpr('Windows(R), Professional edition', 'L_MsgLicenseStatusNotification', ''));
    expect(notification.products[0]?.licenseStatus).toBe('notification');
    const mixed = parseSlmgrText(en.dlv('10.0.19041.1', [licensedClient]) + en.xpr('Windows(R), Enterprise edition', 'L_MsgLicenseStatusVL', '12/12/2026 8:00:00 AM'));
    expect(mixed.products).toEqual([licensedClient]);
  });

  it('reads /ato success and failure with the error HRESULT and message', () => {
    const ok = parseSlmgrText(en.ato('Windows(R), Enterprise edition', '73111121-5638-40f6-bc11-f1d7b0d64300', null));
    expect(ok.activation).toEqual([{ product: 'Windows(R), Enterprise edition', activationId: '73111121-5638-40f6-bc11-f1d7b0d64300', succeeded: true, hresult: null, message: null }]);
    expect(ok.products).toEqual([]);
    const failed = parseSlmgrText(en.ato('Windows(R), Enterprise edition', '73111121-5638-40f6-bc11-f1d7b0d64300', { code: 'C004F074', textKey: 'L_MsgError_C004F074' }));
    expect(failed.activation).toEqual([
      {
        product: 'Windows(R), Enterprise edition',
        activationId: '73111121-5638-40f6-bc11-f1d7b0d64300',
        succeeded: false,
        hresult: '0xC004F074',
        message: 'The Software Licensing Service reported that the computer could not be activated. No Key Management Service (KMS) could be contacted. Please see the Application Event Log for additional information.',
      },
    ]);
    expect(failed.unrecognizedLines).toEqual([]);
  });

  it('reads /dlv followed by /ato in one capture', () => {
    const text = en.dlv('10.0.26100.1', [win11Notification]) + en.ato('Windows(R), Professional edition', '2de67392-b7a7-462a-b1ca-108dd189f588', { code: 'C004F074', textKey: 'L_MsgError_C004F074' });
    const report = parseSlmgrText(text);
    expect(report.products).toEqual([win11Notification]);
    expect(report.activation[0]?.hresult).toBe('0xC004F074');
  });
});

describe('parseSlmgrText on hand-written outputs of older scripts and edge cases', () => {
  it('reads a Vista client (no caching, no IP, no activation-type lines)', () => {
    const text = [
      'Name: Windows(TM) Vista, Enterprise edition',
      'Description: Windows Operating System - Vista, VOLUME_KMSCLIENT channel',
      'Partial Product Key: 4BWMV',
      'License Status: Licensed',
      'Volume activation expiration: 259200 minute(s) (180 day(s))',
      '',
      'Key Management Service client information',
      '    Client Machine ID (CMID): 5b8f3c1d-aaaa-4bbb-8ccc-1234567890ab',
      '    KMS machine name from DNS: kms.contoso.local:1688',
      '    KMS machine extended PID: 55041-00142-339-123456-03-1033-6000.0000-3152007',
      '    Activation interval: 120 minutes',
      '    Renewal interval: 10080 minutes',
      '',
    ].join('\r\n');
    const report = parseSlmgrText(text);
    expect(report.role).toBe('client');
    expect(report.products[0]?.kmsClient).toEqual(
      client({ cmid: '5b8f3c1d-aaaa-4bbb-8ccc-1234567890ab', kmsMachineFromDns: { name: 'kms.contoso.local', port: 1688 }, kmsMachineExtendedPid: '55041-00142-339-123456-03-1033-6000.0000-3152007', activationIntervalMinutes: 120, renewalIntervalMinutes: 10080 }),
    );
    expect(report.products[0]?.remainingMinutes).toBe(259200);
  });

  it('reads a Windows Server 2008 R2 KMS host /dlv of the old script (empty and filled URL lines, no channel line)', () => {
    const text = [
      'Software licensing service version: 6.1.7601.17514',
      '',
      'Name: Windows Server(R), ServerEnterprise edition',
      'Description: Windows Operating System - Windows Server(R), VOLUME_KMS_R2_B channel',
      'Activation ID: 620e2b3d-09e7-42fd-802a-17a13652fe7a',
      'Application ID: 55c92734-d682-4d71-983e-d6ec3f16059f',
      'Extended PID: 55041-00168-305-190596-03-1033-7600.0000-0452010',
      'Installation ID: 009741580127584513380521185424470726812486553457102211',
      'Processor Certificate URL: http://go.microsoft.com/fwlink/?LinkID=88338',
      'Machine Certificate URL: http://go.microsoft.com/fwlink/?LinkID=88339',
      'Use License URL: ',
      'Product Key Certificate URL: http://go.microsoft.com/fwlink/?LinkID=88340',
      'Partial Product Key: 7M648',
      'License Status: Licensed',
      'Remaining Windows rearm count: 3',
      'Trusted time: 3/14/2011 10:12:03 AM',
      '',
      'Key Management Service is enabled on this machine',
      '    Current count: 50',
      '    Listening on Port: 1688',
      '    DNS publishing disabled',
      '    KMS priority: Low',
      '',
      'Key Management Service cumulative requests received from clients',
      '    Total requests received: 2087',
      '    Failed requests received: 5',
      '    Requests with License Status Unlicensed: 0',
      '    Requests with License Status Licensed: 2001',
      '    Requests with License Status Initial grace period: 80',
      '    Requests with License Status License expired or Hardware out of tolerance: 1',
      '    Requests with License Status Non-genuine grace period: 0',
      '    Requests with License Status Notification: 0',
      '',
    ].join('\r\n');
    const report = parseSlmgrText(text);
    expect(report.unrecognizedLines).toEqual([]);
    expect(report.role).toBe('host');
    expect(report.serviceVersion).toBe('6.1.7601.17514');
    expect(report.products).toEqual([
      product({
        name: 'Windows Server(R), ServerEnterprise edition',
        description: 'Windows Operating System - Windows Server(R), VOLUME_KMS_R2_B channel',
        channel: 'VOLUME_KMS_R2_B',
        activationId: '620e2b3d-09e7-42fd-802a-17a13652fe7a',
        applicationId: '55c92734-d682-4d71-983e-d6ec3f16059f',
        extendedPid: '55041-00168-305-190596-03-1033-7600.0000-0452010',
        partialProductKey: '7M648',
        licenseStatus: 'licensed',
        kmsHost: {
          currentCount: 50,
          listeningPort: 1688,
          dnsPublishing: false,
          lowPriority: true,
          requests: { total: 2087, failed: 5, unlicensed: 0, licensed: 2001, initialGrace: 80, expiredOrHwOutOfTolerance: 1, nonGenuineGrace: 0, notification: 0 },
        },
      }),
    ]);
  });

  it('reads the Windows 7 script error format (slui hint on its own line, then the bare code)', () => {
    const text = [
      'Activating Windows(R) 7, Enterprise edition (ae2ee509-1b34-41c0-acb7-6d4650168915) ...',
      "On a computer running Microsoft Windows non-core edition, run 'slui.exe 0x2a 0xC004F042' to display the error text.",
      'Error: 0xC004F042 ',
    ].join('\r\n');
    const report = parseSlmgrText(text);
    expect(report.activation).toEqual([{ product: 'Windows(R) 7, Enterprise edition', activationId: 'ae2ee509-1b34-41c0-acb7-6d4650168915', succeeded: false, hresult: '0xC004F042', message: null }]);
    expect(report.unrecognizedLines).toEqual([]);
  });

  it('reads the Windows 7 text of 0xC004F074 and a decimal Win32 code (printed alone: the answer to /ato)', () => {
    const report = parseSlmgrText('Error: 0xC004F074 The Software Licensing Service reported that the computer could not be activated. The Key Management Service (KMS) is unavailable\nError: 5 Access denied: the requested action requires elevated privileges\n');
    expect(report.errors).toBeUndefined();
    expect(report.activation.map(({ hresult, message }) => ({ hresult, message }))).toEqual([
      { hresult: '0xC004F074', message: 'The Software Licensing Service reported that the computer could not be activated. The Key Management Service (KMS) is unavailable' },
      { hresult: '5', message: 'Access denied: the requested action requires elevated privileges' },
    ]);
  });

  it('reads "product key not found" and connection errors as errors', () => {
    const report = parseSlmgrText('Error: product key not found.\nError 0x800706BA occurred in connecting to server kms01.\n');
    expect(report.errors).toEqual([
      { hresult: null, message: 'Error: product key not found.' },
      { hresult: '0x800706BA', message: 'Error 0x800706BA occurred in connecting to server kms01.' },
    ]);
    expect(report.products).toEqual([]);
  });

  it('understands AD-activation, token, AVMA and /skms warning lines without listing them', () => {
    const text = [
      'Name: Windows(R), Enterprise edition',
      'Description: Windows(R) Operating System, VOLUME_KMSCLIENT channel',
      'Partial Product Key: 2YT43',
      'License Status: Licensed',
      'Configured Activation Type: AD',
      '',
      'Most recent activation information:',
      'AD Activation client information',
      '    Activation Object name: Windows Srv 2019 DataCtr/Std KMS',
      '    AO DN: CN=Windows Srv 2019,CN=Activation Objects,CN=Microsoft SPP,CN=Services,CN=Configuration,DC=contoso,DC=com',
      '    AO extended PID: 06401-00206-551-123456-03-1033-17763.0000-2002024',
      '    AO activation ID: 8449b1fb-f0ea-497a-99ab-66ca96e9a0f5',
      'Warning: /skms setting overrides the /skms-domain setting. kms01:1688 will be used for activation.',
      'Guest IAID: Not Available',
    ].join('\n');
    const report = parseSlmgrText(text);
    expect(report.unrecognizedLines).toEqual([]);
    expect(report.products[0]?.kmsClient).toBeNull();
    expect(report.role).toBe('client');
  });

  it('joins a wrapped URL line but lists other text after a URL line', () => {
    const report = parseSlmgrText('Use License URL: https://activation.sls.microsoft.com/SLActivateProduct/SLActiva\nteProduct.asmx?configextension=o16\nUse License URL: \nstray-token\nValidation URL: https://go.microsoft.com/fwlink/p/?LinkID=187557\nnot a url\n');
    expect(report.unrecognizedLines).toEqual(['stray-token', 'not a url']);
  });

  it('keeps a line whose number cannot be read, and leaves the field null', () => {
    const report = parseSlmgrText('Name: Windows(R), ServerStandard edition\nKey Management Service is enabled on this machine\n    Current count: lots\n    Listening on Port: 99999\n');
    expect(report.products[0]?.kmsHost).toEqual({ currentCount: null, listeningPort: null, dnsPublishing: null, lowPriority: null, requests: null });
    expect(report.unrecognizedLines).toEqual(['    Current count: lots', '    Listening on Port: 99999']);
  });

  it('lists every line of an event XML given by mistake and reports no product', () => {
    const xml = '<Events>\n<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><EventID>12290</EventID></System>\n<EventData><Data>0x0</Data></EventData></Event>\n</Events>\n';
    const report = parseSlmgrText(xml);
    expect(report.products).toEqual([]);
    expect(report.role).toBe('other');
    expect(report.unrecognizedLines).toHaveLength(4);
  });

  it('returns an empty report for empty or blank text', () => {
    for (const text of ['', '\r\n\r\n', '   ']) {
      expect(parseSlmgrText(text)).toEqual({ source: 'slmgr-text', role: 'other', roleReason: { code: 'no-evidence', detail: null }, serviceVersion: null, products: [], activation: [], unrecognizedLines: [], displayLanguage: null });
    }
  });
});

describe('parseSlmgrText in another display language (slmgr.ini)', () => {
  const german = parseSlmgrIni(decodeText(fixtureBytes('slmgr-0407.ini')).text);
  const de = renderer(german);
  const deClient = product({
    name: 'Windows(R), Enterprise edition',
    description: 'Windows(R) Operating System, VOLUME_KMSCLIENT channel',
    channel: 'VOLUME_KMSCLIENT',
    activationId: '73111121-5638-40f6-bc11-f1d7b0d64300',
    applicationId: '55c92734-d682-4d71-983e-d6ec3f16059f',
    extendedPid: '03612-00206-556-123456-03-1033-19045.0000-1232024',
    productKeyChannel: 'Volume:GVLK',
    partialProductKey: '2YT43',
    licenseStatus: 'licensed',
    remainingMinutes: 200000,
    kmsClient: client({
      cmid: '8c1a3d6e-1b2c-4d5e-9f00-aabbccddeeff',
      kmsMachineFromDns: { name: 'kms01.corp.contoso.de', port: 1688 },
      kmsMachineIp: '10.0.0.15',
      kmsMachineExtendedPid: '06401-00206-551-123456-03-1033-17763.0000-2002024',
      activationIntervalMinutes: 120,
      renewalIntervalMinutes: 10080,
      hostCaching: false,
    }),
  });
  const deHost = product({
    name: 'Windows(R), ServerDatacenter edition',
    description: 'Windows(R) Operating System, VOLUME_KMS_2019 channel',
    channel: 'VOLUME_KMS_2019',
    activationId: '8449b1fb-0000-497a-99ab-66ca96e9a0f5',
    applicationId: '55c92734-d682-4d71-983e-d6ec3f16059f',
    extendedPid: '06401-00206-551-000001-03-1031-20348.0000-0012024',
    productKeyChannel: 'Volume:CSVLK',
    partialProductKey: 'QWERT',
    licenseStatus: 'licensed',
    kmsHost: { currentCount: 4, listeningPort: 1688, dnsPublishing: true, lowPriority: false, requests: { total: 40, failed: 2, unlicensed: 0, licensed: 30, initialGrace: 8, expiredOrHwOutOfTolerance: 0, nonGenuineGrace: 0, notification: 0 } },
  });
  const deGrace = product({ ...win11Notification, licenseStatus: 'additionalGrace', notificationReason: null, remainingMinutes: 1500 });

  it('loads the UTF-16LE ini the way slmgr does (keys lower-cased, quotes stripped, trailing space kept)', () => {
    expect(german.stoppedAtDuplicate).toBeNull();
    expect(german.values.get('l_msgproductdesc')).toBe('Beschreibung: ');
    expect(german.values.get('l_msglicensestatuslicensed_1')).toBe('Lizenzstatus: Lizenziert');
    expect(german.values.size).toBe(68);
  });

  it('produces German output from the ini (the test input is really localized)', () => {
    const text = de.dlv('10.0.20348.2227', [deClient]);
    expect(text).toContain('Lizenzstatus: Lizenziert');
    expect(text).toContain('    Aktivierungsintervall: 120 Minuten');
    expect(text).not.toContain('License Status');
  });

  it('reads German client, host and grace output with the ini, field for field', () => {
    const report = parseSlmgrText(de.dlv('10.0.20348.2227', [deClient, deHost, deGrace]), { labels: german });
    expect(report.unrecognizedLines).toEqual([]);
    expect(report.serviceVersion).toBe('10.0.20348.2227');
    expect(report.products).toEqual([deClient, deHost, deGrace]);
    expect(report.role).toBe('both');
  });

  it('reads German /xpr and /ato (reordered tokens) with the ini', () => {
    const report = parseSlmgrText(
      de.xpr('Windows(R), Enterprise edition', 'L_MsgLicenseStatusVL', '14.06.2025 10:37:12') +
        de.ato('Windows(R), Enterprise edition', '73111121-5638-40f6-bc11-f1d7b0d64300', { code: 'C004F074', textKey: 'L_MsgError_C004F074' }),
      { labels: german },
    );
    expect(report.unrecognizedLines).toEqual([]);
    expect(report.products).toEqual([product({ name: 'Windows(R), Enterprise edition', licenseStatus: 'licensed' })]);
    expect(report.activation).toEqual([
      { product: 'Windows(R), Enterprise edition', activationId: '73111121-5638-40f6-bc11-f1d7b0d64300', succeeded: false, hresult: '0xC004F074', message: german.values.get('l_msgerror_c004f074') },
    ]);
  });

  it('without the ini, reads the German output by layout and value shape, and leaves what has no shape unknown', () => {
    const report = parseSlmgrText(de.dlv('10.0.20348.2227', [deClient]));
    expect(report.products).toHaveLength(1);
    const read = report.products[0];
    expect(read?.name).toBe('Windows(R), Enterprise edition');
    // "Lizenzstatus: Lizenziert" is a published German label and value (SLMGR-LABELS-SEEN.md, grade A).
    expect(read?.licenseStatus).toBe('licensed');
    expect(read?.kmsClient?.cmid).toBe('8c1a3d6e-1b2c-4d5e-9f00-aabbccddeeff');
    expect(report.displayLanguage).toBe('de');
    // Caching on or off is a sentence, not a shape: unknown, and the line is listed.
    expect(read?.kmsClient?.hostCaching).toBeNull();
    expect(report.unrecognizedLines.some((line) => /zwischenspeicher/i.test(line))).toBe(true);
  });

  it('reads mixed-language output of a partial Japanese ini cut short by a duplicate key', () => {
    const japanese = parseSlmgrIni(decodeText(fixtureBytes('slmgr-0411-partial.ini')).text);
    expect(japanese.stoppedAtDuplicate).toBe('l_msgproductname');
    // Keys after the duplicate are not loaded: slmgr prints them in English.
    expect(japanese.values.has('l_msgrenewalinterval')).toBe(false);
    const ja = renderer(japanese);
    const jaClient = product({ ...deClient, kmsClient: client({ ...deClient.kmsClient, hostCaching: true }) });
    const text = ja.dlv('10.0.22631.1', [jaClient]);
    expect(text).toContain('ライセンスの状態: ライセンスされています');
    expect(text).toContain('    Renewal interval: 10080 minutes');
    const report = parseSlmgrText(text, { labels: japanese });
    expect(report.unrecognizedLines).toEqual([]);
    expect(report.products).toEqual([jaClient]);
  });
});

describe('slmgr output in a language no table knows (issue 14: host block and /ato by shape)', () => {
  const hostDlv = [
    'Nomo: Windows(R), ServerStandard edition',
    'Priskribo: Windows(R) Operating System, VOLUME_KMS_2019 channel',
    'Parta ŝlosilo: 7XBWT',
    'Permesila stato: Permesita',
    '',
    'Ŝlosila administrado ebligita',
    '    Nuna nombro: 31',
    '    Aŭskultas ĉe pordo: 1700',
    '    DNS-publikigo ebligita',
    '    Prioritato: Normala',
    '',
    'Amasigitaj petoj de klientoj',
    ...['101', '1', '2', '90', '8', '0', '0', '0'].map((n, i) => `    Peto ${i + 1}: ${n}`),
  ].join('\n');

  it('reads the KMS host block by position: count, port, then the eight request counts in order', () => {
    const host = parseSlmgrText(hostDlv).products[0]?.kmsHost;
    expect(host).toMatchObject({ currentCount: 31, listeningPort: 1700, dnsPublishing: null, lowPriority: null });
    expect(host?.requests).toEqual({ total: 101, failed: 1, unlicensed: 2, licensed: 90, initialGrace: 8, expiredOrHwOutOfTolerance: 0, nonGenuineGrace: 0, notification: 0 });
  });

  it('lists what no shape tells (the DNS publishing line, the priority word, the status word) instead of guessing', () => {
    const report = parseSlmgrText(hostDlv);
    expect(report.unrecognizedLines.map((line) => line.trim())).toEqual(['Permesila stato: Permesita', 'DNS-publikigo ebligita', 'Prioritato: Normala']);
    expect(report.products[0]?.licenseStatus).toBeNull();
  });

  it('takes a line without a colon for the host title only when a count follows it', () => {
    const notInUse = 'Nomo: Office 16, KMSHost edition\nPriskribo: Office 16, VOLUME_KMS channel\nTiu permesilo ne estas uzata.\nPermesila stato: Senpermesa\n';
    const report = parseSlmgrText(notInUse);
    expect(report.products[0]?.kmsHost).toBeNull();
    expect(report.unrecognizedLines).toContain('Tiu permesilo ne estas uzata.');
  });

  it('reads /ato by shape: the answer without an "Error:" label is the success, a labelled one a failure', () => {
    const ok = parseSlmgrText('Aktivigadas Windows(R), Professional edition (2de67392-b7a7-462a-b1ca-108dd189f588) ...\nProdukto sukcese aktivigita.\n');
    expect(ok.activation).toEqual([{ product: 'Windows(R), Professional edition', activationId: '2de67392-b7a7-462a-b1ca-108dd189f588', succeeded: true, hresult: null, message: null }]);
    const failed = parseSlmgrText('Aktivigadas Windows(R), Professional edition (2de67392-b7a7-462a-b1ca-108dd189f588) ...\nEraro：Aktivigo malsukcesis.\n');
    expect(failed.activation[0]).toMatchObject({ succeeded: false, hresult: null, message: 'Aktivigo malsukcesis.' });
    expect(failed.unrecognizedLines).toEqual([]);
  });

  it('reads a GUID of one repeated digit as masked, and cmd banners and a bare prompt as noise', () => {
    const report = parseSlmgrText(
      'Microsoft Windows [Version 10.0.26100.1742]\n(c) Microsoft Corporation. All rights reserved.\n\nActivating Windows(TM) Server 2003 KMS, KmsW2k3Prs edition (aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa) ...\nProduct activated successfully.\n\nC:\\Windows\\System32\n',
    );
    expect(report.activation[0]).toMatchObject({ activationId: null, succeeded: true });
    expect(report.unrecognizedLines).toEqual([]);
  });

  it('joins an Activating line wrapped before its masked id, and reads a starred id as masked', () => {
    const report = parseSlmgrText('[C:\\Program Files]$ slmgr /ato\n\n正在激活 Windows(R), EnterpriseS edition\n(*-*-*-*-*)...\n成功地激活了产品\n');
    expect(report.activation).toEqual([{ product: 'Windows(R), EnterpriseS edition', activationId: null, succeeded: true, hresult: null, message: null }]);
    expect(report.unrecognizedLines).toEqual([]);
  });
});

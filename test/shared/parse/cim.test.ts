import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../shared/parse/decode-text.js';
import { CimParseError, parseCimDate, parseCimLicensing } from '../../../shared/parse/cim.js';
import { parseSlmgrText } from '../../../shared/parse/slmgr.js';
import type { SlmgrProduct } from '../../../shared/parse/types.js';
import { renderer } from './slmgr-render.js';

// A few seconds on an idle machine; the bound covers a 2-core machine shared with other builds.
const FUZZ_TIMEOUT = 60_000;

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const clientProduct: SlmgrProduct = {
  name: 'Windows(R), Enterprise edition',
  description: 'Windows(R) Operating System, VOLUME_KMSCLIENT channel',
  channel: 'VOLUME_KMSCLIENT',
  activationId: '73111121-5638-40f6-bc11-f1d7b0d64300',
  applicationId: '55c92734-d682-4d71-983e-d6ec3f16059f',
  extendedPid: '03612-00206-556-123456-03-1033-19045.0000-1232024',
  productKeyChannel: 'Volume:GVLK',
  partialProductKey: '2YT43',
  licenseStatus: 'licensed',
  notificationReason: null,
  remainingMinutes: 259140,
  configuredActivationType: 'all',
  kind: 'os',
  kmsClient: {
    cmid: '8c1a3d6e-1b2c-4d5e-9f00-aabbccddeeff',
    kmsMachineFromDns: { name: 'kms01.corp.contoso.com', port: 1688 },
    registeredKmsMachine: null,
    registeredLookupDomain: 'corp.contoso.com',
    kmsMachineIp: '10.0.0.15',
    kmsMachineExtendedPid: '06401-00206-551-123456-03-1033-17763.0000-2002024',
    activationIntervalMinutes: 120,
    renewalIntervalMinutes: 10080,
    hostCaching: true,
  },
  kmsHost: null,
};

describe('parseCimLicensing', () => {
  it('reads a single-object product (PowerShell 5.1 prints no array for one item) with its service', () => {
    const report = parseCimLicensing(fixture('cim-products-client.json'), fixture('cim-service-client.json'));
    expect(report).toEqual({
      source: 'cim-json',
      role: 'client',
      roleReason: { code: 'description-kms-client', detail: 'VOLUME_KMSCLIENT' },
      serviceVersion: '10.0.19041.4355',
      products: [clientProduct],
      activation: [],
      unrecognizedLines: [],
    });
  });

  it('gives the same products as the slmgr text of the same machine (the diagnosis cannot tell the source)', () => {
    const cim = parseCimLicensing(fixture('cim-products-client.json'), fixture('cim-service-client.json'));
    const text = parseSlmgrText(renderer(null).dlv('10.0.19041.4355', [clientProduct]));
    expect(text.products).toEqual(cim.products);
    // The text alone names its display language; the JSON has none.
    expect({ ...text, source: 'cim-json', displayLanguage: undefined }).toEqual(cim);
  });

  it('gives the same report as the slmgr text of the same KMS host', () => {
    const cim = parseCimLicensing(fixture('cim-products-host.json'), fixture('cim-service-host.json'));
    const text = parseSlmgrText(renderer(null).dlv(cim.serviceVersion ?? '', cim.products));
    // The text alone names its display language; the JSON has none.
    expect({ ...text, source: 'cim-json', displayLanguage: undefined }).toEqual(cim);
  });

  it('reads a KMS host array (Windows CSVLK and Office host) with counters and the service settings', () => {
    const report = parseCimLicensing(fixture('cim-products-host.json'), fixture('cim-service-host.json'));
    expect(report.role).toBe('host');
    expect(report.serviceVersion).toBe('10.0.20348.2227');
    expect(report.products.map((product) => product.channel)).toEqual(['VOLUME_KMS_2019', 'VOLUME_KMS']);
    expect(report.products[0]?.kmsHost).toEqual({
      currentCount: 27,
      listeningPort: 1688,
      dnsPublishing: false,
      lowPriority: true,
      requests: { total: 1234, failed: 12, unlicensed: 3, licensed: 1100, initialGrace: 100, expiredOrHwOutOfTolerance: 4, nonGenuineGrace: 0, notification: 15 },
    });
    expect(report.products[1]?.kmsHost?.currentCount).toBe(0);
    expect(report.products[1]?.kmsClient).toBeNull();
    expect(report.products[0]?.remainingMinutes).toBeNull();
  });

  it('reads the { value, Count } wrapper with numbers as strings: notification reason, no client block', () => {
    const report = parseCimLicensing(fixture('cim-products-wrapped.json'));
    expect(report.products).toHaveLength(2);
    const windows = report.products[0];
    expect(windows?.licenseStatus).toBe('notification');
    expect(windows?.notificationReason).toBe('0xC004F056');
    // As slmgr: a client that is not licensed shows no KMS client block, whatever WMI last discovered.
    expect(windows?.kmsClient).toBeNull();
    expect(report.products[1]?.channel).toBe('VOLUME_MAK');
    expect(report.role).toBe('client');
    expect(report.serviceVersion).toBeNull();
  });

  it('reads UTF-16LE bytes with BOM after decodeText (Out-File in Windows PowerShell)', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixture('cim-products-client.json'), 'utf16le')]);
    expect(parseCimLicensing(decodeText(bytes).text).products[0]?.activationId).toBe('73111121-5638-40f6-bc11-f1d7b0d64300');
  });

  it('uses the registered /skms host instead of the discovered one, with port 0 meaning 1688', () => {
    const product = JSON.parse(fixture('cim-products-client.json')) as Record<string, unknown>;
    const report = parseCimLicensing(JSON.stringify({ ...product, KeyManagementServiceMachine: 'kms02.contoso.com', KeyManagementServicePort: 0 }));
    expect(report.products[0]?.kmsClient?.registeredKmsMachine).toEqual({ name: 'kms02.contoso.com', port: 1688 });
    expect(report.products[0]?.kmsClient?.kmsMachineFromDns).toBeNull();
    expect(report.products[0]?.kmsClient?.cmid).toBeNull();
    expect(report.products[0]?.kmsClient?.hostCaching).toBeNull();
  });

  it('shows no KMS client block for AD-activated clients (VLActivationType 1)', () => {
    const product = JSON.parse(fixture('cim-products-client.json')) as Record<string, unknown>;
    expect(parseCimLicensing(JSON.stringify({ ...product, VLActivationType: 1 })).products[0]?.kmsClient).toBeNull();
  });

  it('reads properties from a CimInstanceProperties list when they are not on top', () => {
    const json = JSON.stringify({ CimInstanceProperties: [{ Name: 'Name', Value: 'Windows(R), Education edition' }, { Name: 'LicenseStatus', Value: 2 }, { Name: 'GracePeriodRemaining', Value: 43200 }] });
    const product = parseCimLicensing(json).products[0];
    expect(product?.name).toBe('Windows(R), Education edition');
    expect(product?.licenseStatus).toBe('initialGrace');
    expect(product?.remainingMinutes).toBe(43200);
  });

  it('lists JSON items that are not licensing objects, and reads null / empty arrays as no products', () => {
    const report = parseCimLicensing('[1, "text", {"Foo": 1}, null]');
    expect(report.products).toEqual([]);
    expect(report.unrecognizedLines).toEqual(['1', '"text"', '{"Foo":1}', 'null']);
    expect(parseCimLicensing('null').products).toEqual([]);
    expect(parseCimLicensing('[]').products).toEqual([]);
  });

  it('throws a one-line CimParseError only for text that is not JSON', () => {
    for (const bad of ['', 'Name: Windows(R), Enterprise edition', '{"Name": ', '<Events></Events>']) {
      expect(() => parseCimLicensing(bad)).toThrow(CimParseError);
      try {
        parseCimLicensing(bad);
      } catch (error) {
        expect((error as Error).message).toMatch(/^SoftwareLicensingProduct data is not JSON \(/);
        expect((error as Error).message).not.toContain('\n');
      }
    }
    expect(() => parseCimLicensing('[]', '{oops')).toThrow(/^SoftwareLicensingService data is not JSON/);
  });

  it('never throws anything but CimParseError on any string, and never on any JSON value (fuzz)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((value) => JSON.stringify({ value: [value], Count: 1 }))), (text) => {
        try {
          const report = parseCimLicensing(text, text);
          expect(report.source).toBe('cim-json');
        } catch (error) {
          expect(error).toBeInstanceOf(CimParseError);
        }
      }),
      { numRuns: 10000 },
    );
  }, FUZZ_TIMEOUT);

  it('never throws on mutated real product objects (fuzz over property values)', () => {
    const base = JSON.parse(fixture('cim-products-host.json')) as Record<string, unknown>[];
    const keys = Object.keys(base[0] ?? {});
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 1 })), { maxLength: 8 }), fc.nat(1), (changes, which) => {
        const object: Record<string, unknown> = { ...base[which] };
        for (const [key, value] of changes) object[key] = value;
        const report = parseCimLicensing(JSON.stringify([object]), JSON.stringify(object));
        expect(report.products.length + report.unrecognizedLines.length).toBe(1);
      }),
      { numRuns: 10000 },
    );
  }, FUZZ_TIMEOUT);
});

describe('parseCimDate', () => {
  it('reads PowerShell 5.1 dates and treats the 1601 zero date as absent', () => {
    expect(parseCimDate('/Date(1781348232000)/')).toBe('2026-06-13T10:57:12.000Z');
    expect(parseCimDate('/Date(-11644473600000)/')).toBeNull();
    expect(parseCimDate('not a date')).toBeNull();
    expect(parseCimDate(12)).toBeNull();
  });
});

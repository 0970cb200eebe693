import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findGvlk, findGvlkCandidates, gvlkTable } from '../../../shared/kms/gvlk.js';

describe('gvlkTable', () => {
  it('covers Vista → Windows 11 and Server 2008 → 2025 with LTSC/LTSB', () => {
    const products = new Set(gvlkTable.map((entry) => entry.product));
    for (const product of ['Windows Vista', 'Windows 7', 'Windows 8', 'Windows 8.1', 'Windows 11 / Windows 10', 'Windows 10 LTSB 2015', 'Windows 10 LTSB 2016', 'Windows 11 LTSC 2024 / Windows 10 LTSC 2021, 2019', 'Windows Server 2008', 'Windows Server 2008 R2', 'Windows Server 2012', 'Windows Server 2012 R2', 'Windows Server 2016', 'Windows Server 2019', 'Windows Server 2022', 'Windows Server 2025']) {
      expect(products).toContain(product);
    }
  });

  it('holds well-formed keys and lower-case activation IDs, each activation ID once', () => {
    const ids = gvlkTable.flatMap((entry) => entry.activationIds);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of gvlkTable) {
      expect(entry.gvlk).toMatch(/^([0-9A-Z]{5}-){4}[0-9A-Z]{5}$/);
      for (const id of entry.activationIds) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});

describe('findGvlk', () => {
  it('finds the key from the Activation ID slmgr /dlv printed (the real Windows 11 sample)', () => {
    expect(findGvlk('2de67392-b7a7-462a-b1ca-108dd189f588')?.gvlk).toBe('W269N-WFGWX-YVC9B-4J6C9-T83GX');
    expect(findGvlk('{2DE67392-B7A7-462A-B1CA-108DD189F588}')?.gvlk).toBe('W269N-WFGWX-YVC9B-4J6C9-T83GX');
    expect(findGvlk('9bd77860-9b31-4b7b-96ad-2564017315bf')?.editions).toEqual(['Windows Server 2022 Standard']);
  });

  it('reads the Windows 7 slmgr Name (version in the name)', () => {
    expect(findGvlk('Windows(R) 7, Enterprise edition')?.gvlk).toBe('33PXH-7Y6KF-2VJC9-XBBR8-HVTHH');
  });

  it('needs the build for names shared across versions, and then finds the right one', () => {
    expect(findGvlk('Windows(R), ServerStandard edition')).toBeNull();
    expect(findGvlkCandidates('Windows(R), ServerStandard edition').map((entry) => entry.product)).toEqual(
      expect.arrayContaining(['Windows Server 2025', 'Windows Server 2022', 'Windows Server 2019', 'Windows Server 2016', 'Windows Server 2012 R2', 'Windows Server 2012']),
    );
    expect(findGvlk('Windows(R), ServerStandard edition', { build: '10.0.26100.8737' })?.gvlk).toBe('TVRH6-WHNXV-R9WG3-9XRFY-MY832');
    expect(findGvlk('Windows(R), ServerDatacenter edition', { build: 20348 })?.gvlk).toBe('WX4NM-KYWYW-QJJR4-XV3QB-6VM33');
    expect(findGvlk('Windows(R), Professional edition')).toBeNull();
    expect(findGvlk('Windows(R), Professional edition', { build: '10.0.26100.8737' })?.gvlk).toBe('W269N-WFGWX-YVC9B-4J6C9-T83GX');
    expect(findGvlk('Windows(R), Professional edition', { build: 9600 })?.gvlk).toBe('GCRJD-8NW9H-F2CDX-CCM8D-9D6T9');
    expect(findGvlk('Windows(R), EnterpriseS edition', { build: 19044 })?.gvlk).toBe('M7XTQ-FN8P6-TTKYV-9D4CC-J462D');
    expect(findGvlk('Windows(R), EnterpriseS edition', { build: 14393 })?.gvlk).toBe('DCPHK-NFMTC-H88MJ-PFHPY-QJ4BJ');
  });

  it('finds editions by the names of Microsoft table and by OS captions', () => {
    expect(findGvlk('Windows Server 2019 Datacenter')?.gvlk).toBe('WMDGN-G9PQG-XVVXX-R3X43-63DFG');
    expect(findGvlk('Microsoft Windows 11 Pro')?.gvlk).toBe('W269N-WFGWX-YVC9B-4J6C9-T83GX');
    expect(findGvlk('Microsoft Windows 10 Enterprise LTSC 2021')?.gvlk).toBe('M7XTQ-FN8P6-TTKYV-9D4CC-J462D');
    expect(findGvlk('Windows Server 2025 Datacenter: Azure Edition')?.gvlk).toBe('XGN3F-F394H-FD2MY-PP6FD-8MCRC');
    expect(findGvlk('Windows 7 Professional')?.gvlk).toBe('FJ82H-XT6CR-J8D7P-XQJJ2-GPDD4');
  });

  it('finds Office KMS client keys from the Office product Name', () => {
    expect(findGvlk('Office 19, Office19ProPlus2019VL_KMS_Client_AE edition')?.gvlk).toBe('NMMKJ-6RK4F-KMJVX-8D9MJ-6MWKP');
    expect(findGvlk('Office 16, Office16ProPlusVL_KMS_Client edition')?.gvlk).toBe('XQNVK-8JYDB-WJ9W3-YJ8YR-WFG99');
    // A KMS host SKU has no GVLK.
    expect(findGvlk('Office 16, OfficeKMSHostVL_KMS_Host edition')).toBeNull();
  });

  it('answers null for unknown input and never throws', () => {
    expect(findGvlk('Windows(R), Core edition')).toBeNull();
    expect(findGvlk('00000000-0000-0000-0000-000000000000')).toBeNull();
    expect(findGvlk('')).toBeNull();
    fc.assert(
      fc.property(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), (input, build) => {
        const found = findGvlk(input, { build });
        expect(found === null || typeof found.gvlk === 'string').toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

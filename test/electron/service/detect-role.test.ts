import { describe, expect, it } from 'vitest';
import { detectRole } from '../../../electron/service/detect-role.js';

// The products as Get-CimInstance SoftwareLicensingProduct prints them; a product with a partial key is in use.
const cim = (...descriptions: string[]) => JSON.stringify(descriptions.map((Description) => ({ Description, PartialProductKey: 'ABCDE', LicenseStatus: 1 })));

describe('detectRole', () => {
  it('reads the channel from CIM descriptions', () => {
    expect(detectRole({ cimProducts: cim('Windows(R) Operating System, VOLUME_KMSCLIENT channel'), cimService: null, slmgrText: null })).toBe('client');
    expect(detectRole({ cimProducts: cim('Windows(R) Operating System, VOLUME_KMS_C channel'), cimService: null, slmgrText: null })).toBe('host');
    expect(detectRole({ cimProducts: cim('Windows(R) Operating System, VOLUME_KMSCLIENT channel', 'Office 16, VOLUME_KMS channel'), cimService: null, slmgrText: null })).toBe('both');
    expect(detectRole({ cimProducts: cim('Windows(R) Operating System, RETAIL channel'), cimService: null, slmgrText: null })).toBe('client');
  });

  it('treats IsKeyManagementServiceMachine as a host', () => {
    expect(detectRole({ cimProducts: cim('Windows(R) Operating System, VOLUME_KMSCLIENT channel'), cimService: JSON.stringify({ IsKeyManagementServiceMachine: 1 }), slmgrText: null })).toBe('both');
  });

  it('falls back to the slmgr text when CIM is missing, and to unknown when nothing says', () => {
    expect(detectRole({ cimProducts: null, cimService: null, slmgrText: 'Description: Windows(R) Operating System, VOLUME_KMS_C channel\n' })).toBe('host');
    expect(detectRole({ cimProducts: 'not json', cimService: '{', slmgrText: null })).toBe('unknown');
    expect(detectRole({ cimProducts: cim('Windows(R) Operating System, VOLUME_KMS_C channel'), cimService: '{', slmgrText: null })).toBe('host');
  });

  it('leaves out products without a key (listed but not in use)', () => {
    expect(detectRole({ cimProducts: JSON.stringify([{ Description: 'Windows(R) Operating System, VOLUME_KMS_C channel' }, { Description: 'Windows(R) Operating System, VOLUME_MAK channel', PartialProductKey: 'XYZ12' }]), cimService: null, slmgrText: null })).toBe('client');
  });
});

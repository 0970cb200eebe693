import { describe, expect, it } from 'vitest';
import { productKindOf } from '../../../shared/kms/product-kind.js';

const windowsId = '55c92734-d682-4d71-983e-d6ec3f16059f';

describe('productKindOf', () => {
  it('calls the Windows licence that is not an add-on the OS', () => {
    // Name and Description as slmgr /dlv prints them on Windows 10 Enterprise (a KMS client).
    expect(productKindOf({ name: 'Windows(R), Enterprise edition', description: 'Windows(R) Operating System, VOLUME_KMSCLIENT channel', applicationId: windowsId })).toBe('os');
  });

  it('calls an Extended Security Updates licence an add-on, although it has the Windows Application ID', () => {
    expect(productKindOf({ name: 'Windows(R), Client-ESU-Year1 add-on for Client,ClientEval,Education,Enterprise', description: 'Windows(R) Operating System, VOLUME_MAK channel', applicationId: windowsId })).toBe('addon');
    expect(productKindOf({ name: 'Windows(R) 7, Client-ESU-Year3 add-on for Enterprise,EnterpriseE,EnterpriseN,Professional,ProfessionalE,ProfessionalN', description: 'Windows(R) Operating System, VOLUME_MAK channel', applicationId: null })).toBe('addon');
  });

  it('calls Office and any other Application ID an application', () => {
    expect(productKindOf({ name: 'Office 16, Office16ProPlusVL_KMS_Client edition', description: 'Office 16, VOLUME_KMSCLIENT channel', applicationId: '0ff1ce15-a989-479d-af46-f275c6370663' })).toBe('application');
    expect(productKindOf({ name: 'Office 14, OfficeProPlus-KMS_Client edition', description: 'Office 14, VOLUME_KMSCLIENT channel', applicationId: null })).toBe('application');
  });

  it('does not take a SKU name holding the letters "esu" for an add-on', () => {
    expect(productKindOf({ name: 'Windows(R), ServerDatacenterResuite edition', description: null, applicationId: windowsId })).toBe('os');
  });

  it('says null when nothing identifies the product', () => {
    expect(productKindOf({ name: null, description: null, applicationId: null })).toBeNull();
  });
});

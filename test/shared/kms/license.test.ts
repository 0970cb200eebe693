import { describe, expect, it } from 'vitest';
import { licenseStatusCode, licenseStatusFromCode, lookupLicenseState } from '../../../shared/kms/license.js';

describe('license states', () => {
  it.each([
    [0, 'unlicensed'],
    [1, 'licensed'],
    [2, 'initialGrace'],
    [3, 'additionalGrace'],
    [4, 'nonGenuineGrace'],
    [5, 'notification'],
    [6, 'extendedGrace'],
  ] as const)('maps code %i to %s and back', (code, status) => {
    expect(licenseStatusFromCode(code)).toBe(status);
    expect(licenseStatusFromCode(String(code))).toBe(status);
    expect(licenseStatusCode(status)).toBe(code);
  });

  it('calls anything else unknown', () => {
    for (const code of [7, -1, 4294967295, 1.5, null, undefined, 'x']) expect(licenseStatusFromCode(code)).toBe('unknown');
    expect(licenseStatusCode('unknown')).toBeNull();
  });

  it('explains each state in three languages', () => {
    const info = lookupLicenseState(5);
    expect(info?.slmgrText).toBe('Notification');
    expect(info?.meaning.ja).toContain('通知');
    expect(info?.meaning['zh-TW']).toContain('通知');
    expect(lookupLicenseState('licensed')?.code).toBe(1);
  });
});

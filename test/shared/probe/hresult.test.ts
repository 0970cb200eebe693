import { describe, expect, it } from 'vitest';
import { dnsFailureInfo, hresultForSrvStatus, srvStatusFromDnsError } from '../../../shared/probe/hresult.js';

describe('DNS failure classes and HRESULTs', () => {
  it.each([
    ['ENOTFOUND', 'nxdomain', '0x8007232B'],
    ['ENODATA', 'nodata', '0x8007251D'],
    ['ESERVFAIL', 'servfail', '0x8007232A'],
    ['EREFUSED', 'refused', '0x8007232D'],
    ['ETIMEOUT', 'timeout', '0x800705B4'],
    ['ECANCELLED', 'timeout', '0x800705B4'],
    ['ECONNREFUSED', 'error', null],
  ] as const)('%s is %s, logged by a client as %s', (code, status, hresult) => {
    expect(srvStatusFromDnsError(code)).toBe(status);
    expect(hresultForSrvStatus(status, code)).toBe(hresult);
  });

  it('keeps the response code of other failures where Windows has one', () => {
    expect(hresultForSrvStatus('error', 'EFORMERR')).toBe('0x80072329');
    expect(hresultForSrvStatus('error', 'ENOTIMP')).toBe('0x8007232C');
    expect(dnsFailureInfo('error', 'EBADRESP')).toMatchObject({ hresult: null, meaning: expect.stringMatching(/malformed/) });
  });

  it('names the Win32 symbol behind each HRESULT', () => {
    expect(dnsFailureInfo('nxdomain')).toEqual({ hresult: '0x8007232B', symbol: 'DNS_ERROR_RCODE_NAME_ERROR', meaning: 'DNS name does not exist' });
    expect(dnsFailureInfo('ok').hresult).toBeNull();
  });
});

/**
 * DNS failure classes of the probe and the HRESULT a Windows KMS client logs for the same outcome
 * (knowledge/ERROR-CODES.md "DNS / network / RPC codes"; winerror.h DNS_ERROR_RCODE_* are 9001–9005 per
 * MicrosoftDocs/win32 desktop-src/Debug/system-error-codes--9000-11999-.md,
 * DNS_INFO_NO_RECORDS 9501, ERROR_TIMEOUT 1460, each as HRESULT_FROM_WIN32 = 0x8007xxxx).
 */
import type { SrvStatus } from './types.js';

export interface DnsFailureInfo {
  readonly hresult: string | null;
  /** The Win32 symbolic name behind the HRESULT. */
  readonly symbol: string | null;
  /** What a technician reads. */
  readonly meaning: string;
}

const FAILURES: Readonly<Record<SrvStatus, DnsFailureInfo>> = {
  ok: { hresult: null, symbol: null, meaning: 'records found' },
  // "DNS name does not exist": the client found no _vlmcs._tcp record under this name.
  nxdomain: { hresult: '0x8007232B', symbol: 'DNS_ERROR_RCODE_NAME_ERROR', meaning: 'DNS name does not exist' },
  nodata: { hresult: '0x8007251D', symbol: 'DNS_INFO_NO_RECORDS', meaning: 'the name exists but has no SRV record' },
  servfail: { hresult: '0x8007232A', symbol: 'DNS_ERROR_RCODE_SERVER_FAILURE', meaning: 'DNS server failure' },
  refused: { hresult: '0x8007232D', symbol: 'DNS_ERROR_RCODE_REFUSED', meaning: 'the DNS server refused the query' },
  timeout: { hresult: '0x800705B4', symbol: 'ERROR_TIMEOUT', meaning: 'the DNS server did not answer in time' },
  error: { hresult: null, symbol: null, meaning: 'the query failed' },
};

/** HRESULTs for `error`-class answers that still carry a DNS response code. */
const OTHER_RCODES: Readonly<Record<string, DnsFailureInfo>> = {
  EFORMERR: { hresult: '0x80072329', symbol: 'DNS_ERROR_RCODE_FORMAT_ERROR', meaning: 'the DNS server could not read the query' },
  ENOTIMP: { hresult: '0x8007232C', symbol: 'DNS_ERROR_RCODE_NOT_IMPLEMENTED', meaning: 'the DNS server does not implement the query' },
  EBADRESP: { hresult: null, symbol: null, meaning: 'the DNS answer was malformed' },
  ECONNREFUSED: { hresult: null, symbol: null, meaning: 'nothing listens on the DNS server port' },
};

/**
 * The probe's failure class for a Node/c-ares DNS error code (ENOTFOUND, ENODATA, ESERVFAIL, …).
 *
 * ECANCELLED counts as a timeout: the probe cancels a query only when its time is up.
 */
export function srvStatusFromDnsError(code: string | undefined): SrvStatus {
  switch (code) {
    case 'ENOTFOUND':
      return 'nxdomain';
    case 'ENODATA':
      return 'nodata';
    case 'ESERVFAIL':
      return 'servfail';
    case 'EREFUSED':
      return 'refused';
    case 'ETIMEOUT':
    case 'ECANCELLED':
      return 'timeout';
    default:
      return 'error';
  }
}

/** The HRESULT, its symbol and meaning for an SRV outcome; `code` refines the `error` class. */
export function dnsFailureInfo(status: SrvStatus, code?: string): DnsFailureInfo {
  if (status === 'error' && code !== undefined) return OTHER_RCODES[code] ?? FAILURES.error;
  return FAILURES[status];
}

/** The HRESULT a Windows client would log for this SRV outcome ("0x…"), or null. */
export function hresultForSrvStatus(status: SrvStatus, code?: string): string | null {
  return dnsFailureInfo(status, code).hresult;
}

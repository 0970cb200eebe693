/**
 * The Windows DNS client's SRV answers (Resolve-DnsName, which honours the hosts file, NRPT rules and the
 * DNS cache, unlike a direct query) as probe-document lookups with server "windows", so they are compared
 * with the per-server answers like any other server (serversDisagree → client.dns-servers-disagree).
 */
import { hresultForSrvStatus } from './hresult.js';
import type { SrvLookupResult, SrvStatus } from './types.js';

/** The server name of the Windows resolver's answers in a probe document. */
export const windowsResolverServer = 'windows';

/** Resolve-DnsName's FullyQualifiedErrorId (before the comma) → the probe status. */
const statusByErrorId: Readonly<Record<string, SrvStatus>> = {
  DNS_ERROR_RCODE_NAME_ERROR: 'nxdomain',
  DNS_INFO_NO_RECORDS: 'nodata',
  DNS_ERROR_RCODE_SERVER_FAILURE: 'servfail',
  DNS_ERROR_RCODE_REFUSED: 'refused',
  ERROR_TIMEOUT: 'timeout',
};

const asRecord = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
/** PowerShell 5.1 prints a one-element array as the element itself. */
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]);
const asNumber = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Parses the resolveSrv collector's JSON (`{ Lookups: [{ Name, ErrorId, Records }] }`); throws on other text. */
export function windowsSrvLookups(json: string): SrvLookupResult[] {
  const root = asRecord(JSON.parse(json) as unknown);
  if (!('Lookups' in root)) throw new Error('not Resolve-DnsName SRV output (no Lookups)');
  return asArray(root.Lookups).map((item) => {
    const lookup = asRecord(item);
    const errorId = typeof lookup.ErrorId === 'string' && lookup.ErrorId !== '' ? lookup.ErrorId : null;
    const code = errorId?.split(',')[0] ?? null;
    const records = asArray(lookup.Records).map(asRecord).map((record) => ({
      target: typeof record.Target === 'string' ? record.Target : '',
      port: asNumber(record.Port),
      priority: asNumber(record.Priority),
      weight: asNumber(record.Weight),
      addresses: asArray(record.Addresses).filter((address): address is string => typeof address === 'string'),
    }));
    const status: SrvStatus = code === null ? (records.length > 0 ? 'ok' : 'nodata') : (statusByErrorId[code] ?? 'error');
    return {
      name: String(lookup.Name ?? '').replace(/\.$/, ''),
      server: windowsResolverServer,
      status,
      hresult: hresultForSrvStatus(status, code ?? undefined),
      records,
      ...(code !== null ? { error: code } : {}),
    };
  });
}

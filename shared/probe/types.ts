/**
 * The probe document (DESIGN.md §5): `kms-doctor probe --json` and `network/probes.json` in a bundle.
 * A contract: keep these names and values; add fields freely.
 */

export type SrvStatus = 'ok' | 'nxdomain' | 'nodata' | 'servfail' | 'refused' | 'timeout' | 'error';
export type TcpStatus = 'connected' | 'refused' | 'timeout' | 'unreachable' | 'unresolved';
export type RpcStatus = 'kms' | 'rejected' | 'nak' | 'not-rpc' | 'silent' | 'closed' | 'skipped';
export type HostSource = 'srv' | 'registry' | 'cli';

export interface SrvRecordResult {
  readonly target: string;
  readonly port: number;
  readonly priority: number;
  readonly weight: number;
  /** A/AAAA of the target, asked of the same server that returned the SRV record. */
  readonly addresses: readonly string[];
}

export interface SrvLookupResult {
  readonly name: string;
  /** "system" or "IP:PORT". */
  readonly server: string;
  readonly status: SrvStatus;
  /** The HRESULT a Windows client would log for this outcome, "0x…", or null for ok. */
  readonly hresult: string | null;
  readonly records: readonly SrvRecordResult[];
}

export interface HostProbeResult {
  readonly host: string;
  readonly port: number;
  readonly source: HostSource;
  readonly tcp: { readonly status: TcpStatus; readonly ms: number };
  readonly rpc: { readonly status: RpcStatus; readonly ms: number };
}

export interface ProbeDocument {
  readonly srv: readonly SrvLookupResult[];
  readonly hosts: readonly HostProbeResult[];
}

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
  /** Time the SRV query took (additive). */
  readonly ms?: number;
  /** The resolver's error code behind a failure (ENOTFOUND, ETIMEOUT, …) (additive). */
  readonly error?: string;
}

export interface HostProbeResult {
  readonly host: string;
  readonly port: number;
  readonly source: HostSource;
  readonly tcp: {
    readonly status: TcpStatus;
    readonly ms: number;
    /** The socket error behind a failure (ECONNREFUSED, EHOSTUNREACH, …) (additive). */
    readonly error?: string;
  };
  readonly rpc: {
    readonly status: RpcStatus;
    readonly ms: number;
    /** One line on what came back: accepted syntax, rejection or nak reason, the first bytes (additive). */
    readonly detail?: string;
    /** Hex of the reply's first bytes (at most 128), as evidence (additive). */
    readonly reply?: string;
  };
  /** The address the probe connected to, or null when the host did not resolve (additive). */
  readonly address?: string | null;
  /** Every address known for the host (additive). */
  readonly addresses?: readonly string[];
  /** For SRV hosts: the SRV names and servers that returned this target (additive). */
  readonly foundBy?: readonly { readonly name: string; readonly server: string }[];
}

export interface ProbeDocument {
  readonly srv: readonly SrvLookupResult[];
  readonly hosts: readonly HostProbeResult[];
  /** The per-probe timeout the run used (additive). */
  readonly timeoutMs?: number;
  /** Wall time of the whole run (additive). */
  readonly totalMs?: number;
  /** False when a registry/`/skms` host makes the client skip DNS discovery (additive). */
  readonly clientUsesDns?: boolean;
}

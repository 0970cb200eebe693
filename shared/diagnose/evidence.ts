import type { BundleManifest, CollectorFailure, EvidenceKind } from '../bundle/manifest.js';
import type { KmsEvent, SlmgrReport } from '../parse/types.js';
import type { ProbeDocument } from '../probe/types.js';
import type {
  DnsClientEvidence,
  FirewallEvidence,
  KmsClientRegistryEvidence,
  KmsHostConfigEvidence,
  LogHealth,
  SystemInfoEvidence,
} from '../parse/system-evidence.js';
import type { HostEventDigest } from './host-events.js';

/** One raw file as found, kept for the report's collapsed "raw outputs" section and for excerpts. */
export interface RawSource {
  /** Path inside the bundle / folder, forward slashes. */
  readonly path: string;
  readonly kind: EvidenceKind | 'unknown';
  /** The text (possibly truncated for huge files; `truncated` says so). */
  readonly text: string;
  readonly truncated: boolean;
}

/**
 * Everything the diagnosis reads, already parsed (gathering is separate from judging: the loader in
 * electron/evidence fills this, the UI fills it from a live run). Absent evidence is null, never a
 * healthy-looking default. Host 12290/12293/12294 events arrive as a digest built while streaming, so a
 * 200,000-event log never becomes an array.
 */
export interface EvidenceSet {
  readonly manifest: BundleManifest | null;
  /** The slmgr /dlv (all) report, or the same built from CIM JSON. */
  readonly slmgr: SlmgrReport | null;
  /** Source path of the slmgr report, for evidence excerpts. */
  readonly slmgrSource: string | null;
  /** Client-side Application log events (12288, 12289, 8198, 12308, 1003), any order. */
  readonly clientEvents: readonly KmsEvent[] | null;
  readonly clientEventsSource: string | null;
  readonly hostEvents: HostEventDigest | null;
  readonly hostEventsSource: string | null;
  readonly probes: ProbeDocument | null;
  readonly dnsClient: DnsClientEvidence | null;
  readonly kmsClientRegistry: KmsClientRegistryEvidence | null;
  readonly hostConfig: KmsHostConfigEvidence | null;
  readonly firewall: FirewallEvidence | null;
  readonly system: SystemInfoEvidence | null;
  readonly logHealth: readonly LogHealth[] | null;
  /** Collectors that failed (from the manifest, or from the loader when a file could not be parsed). */
  readonly failedCollectors: readonly CollectorFailure[];
  readonly rawSources: readonly RawSource[];
}

/** An evidence set with nothing in it; spread over it to build one. */
export const emptyEvidence: EvidenceSet = {
  manifest: null,
  slmgr: null,
  slmgrSource: null,
  clientEvents: null,
  clientEventsSource: null,
  hostEvents: null,
  hostEventsSource: null,
  probes: null,
  dnsClient: null,
  kmsClientRegistry: null,
  hostConfig: null,
  firewall: null,
  system: null,
  logHealth: null,
  failedCollectors: [],
  rawSources: [],
};

/**
 * Typed evidence produced by the parsers in shared/parse (DESIGN.md §5 "Parsed slmgr report" and
 * "Parsed events"). These names are a contract relied on from outside (CLI `--json`, bundles): extend
 * freely, never rename. Absent values are null, never guessed.
 */

import type { ReportRole, RoleReason } from '../kms/role.js';

/** host / client / both, or `other` when nothing read tells (shared/kms/role.ts decides it). */
export type Role = ReportRole;

export type LicenseStatus =
  | 'licensed'
  | 'unlicensed'
  | 'initialGrace'
  | 'additionalGrace'
  | 'nonGenuineGrace'
  | 'notification'
  | 'extendedGrace'
  | 'unknown';

export interface KmsEndpoint {
  readonly name: string;
  /** The port as printed; null when the line gave none. */
  readonly port: number | null;
}

export interface KmsClientInfo {
  readonly cmid: string | null;
  readonly kmsMachineFromDns: KmsEndpoint | null;
  readonly registeredKmsMachine: KmsEndpoint | null;
  readonly registeredLookupDomain: string | null;
  readonly kmsMachineIp: string | null;
  readonly kmsMachineExtendedPid: string | null;
  readonly activationIntervalMinutes: number | null;
  readonly renewalIntervalMinutes: number | null;
  readonly hostCaching: boolean | null;
}

export interface KmsHostRequests {
  readonly total: number | null;
  readonly failed: number | null;
  readonly unlicensed: number | null;
  readonly licensed: number | null;
  readonly initialGrace: number | null;
  readonly expiredOrHwOutOfTolerance: number | null;
  readonly nonGenuineGrace: number | null;
  readonly notification: number | null;
}

export interface KmsHostInfo {
  readonly currentCount: number | null;
  readonly listeningPort: number | null;
  readonly dnsPublishing: boolean | null;
  readonly lowPriority: boolean | null;
  /** Null when the cumulative-requests block is absent (KMS 1.0 hosts print none). */
  readonly requests: KmsHostRequests | null;
}

export interface SlmgrProduct {
  readonly name: string | null;
  readonly description: string | null;
  /** The token before " channel" in Description, e.g. VOLUME_KMSCLIENT, VOLUME_KMS_C, RETAIL. */
  readonly channel: string | null;
  readonly activationId: string | null;
  readonly applicationId: string | null;
  readonly extendedPid: string | null;
  readonly productKeyChannel: string | null;
  readonly partialProductKey: string | null;
  readonly licenseStatus: LicenseStatus | null;
  /** e.g. "0xC004F00F", from "Notification Reason". */
  readonly notificationReason: string | null;
  /** Minutes of "Volume activation expiration" or "Time remaining". */
  readonly remainingMinutes: number | null;
  readonly kmsClient: KmsClientInfo | null;
  readonly kmsHost: KmsHostInfo | null;
  /**
   * "Configured Activation Type" (slmgr /act-type, WMI VLActivationTypeEnabled 0..3), shown for KMS
   * clients on Windows 8 and later. Optional: absent when the output did not show it.
   */
  readonly configuredActivationType?: 'all' | 'ad' | 'kms' | 'token';
  /**
   * What the product is (shared/kms/product-kind.ts): the Windows OS licence, a Windows add-on (ESU …) or an
   * application (Office …); null when the output does not say. Optional: readers that predate it omit it.
   */
  readonly kind?: 'os' | 'addon' | 'application' | null;
}

/** A command confirmation of slmgr (/ipk, /skms, /rearm …) seen in a transcript. */
export interface SlmgrCommandResult {
  readonly command: 'ipk' | 'upk' | 'cpky' | 'skms' | 'ckms' | 'skms-domain' | 'ckms-domain' | 'sprt' | 'act-type' | 'rearm';
  /** What the command set (the key, the KMS host[:port], the domain, the port); null when none or masked. */
  readonly value: string | null;
  readonly succeeded: boolean;
  /** The line as printed. */
  readonly message: string | null;
}

export interface ActivationAttempt {
  /** The product named in "Activating <name> (<id>) ..." */
  readonly product: string | null;
  readonly activationId: string | null;
  readonly succeeded: boolean;
  /** "0x…" as printed, null on success. */
  readonly hresult: string | null;
  readonly message: string | null;
}

export interface SlmgrReport {
  /** Where the report came from: slmgr text or the CIM/WMI JSON (the diagnosis does not care which). */
  readonly source: 'slmgr-text' | 'cim-json';
  readonly role: Role;
  /** Why: the channel (or KMS block) that decided `role` (shared/kms/role.ts). */
  readonly roleReason: RoleReason;
  readonly serviceVersion: string | null;
  readonly products: readonly SlmgrProduct[];
  readonly activation: readonly ActivationAttempt[];
  /** Lines the parser did not understand, verbatim (never dropped silently). */
  readonly unrecognizedLines: readonly string[];
  /**
   * Error lines printed outside an activation attempt ("Error: product key not found.", connection
   * errors, "Error: 0xC004F014 …"). Optional: absent means none were seen.
   */
  readonly errors?: readonly SlmgrError[];
  /**
   * The display language the labels identify (BCP 47: en, ja, zh-CN, es …; shared/kms/slmgr-labels-seen.ts),
   * null when no table knows them. Optional: absent from reports that are not slmgr text.
   */
  readonly displayLanguage?: string | null;
  /** Command confirmations (/ipk, /skms, /rearm …) in a transcript. Optional: absent means none. */
  readonly commands?: readonly SlmgrCommandResult[];
}

/** One error line of slmgr output, with the HRESULT when the line carried one. */
export interface SlmgrError {
  /** Canonical `0x` + 8 hex digits (or the decimal code slmgr printed for non-negative codes). */
  readonly hresult: string | null;
  readonly message: string | null;
}

/** One parsed Windows event (DESIGN.md §5 "Parsed events"); fields appear when the event carries them. */
export interface KmsEvent {
  readonly eventId: number;
  readonly logName: string | null;
  readonly provider: string | null;
  /** ISO 8601 UTC. */
  readonly timeCreated: string | null;
  readonly computer: string | null;
  readonly recordId: number | null;
  /** System's Level: 1 critical, 2 error, 3 warning, 4 information, 0 "log always" (shown as information). */
  readonly level?: number;
  readonly hresult?: string;
  readonly minimumCount?: number;
  readonly clientName?: string;
  readonly cmid?: string;
  /** ISO 8601 UTC (the client's clock as logged). */
  readonly clientTime?: string;
  readonly isVm?: boolean;
  readonly licenseState?: number;
  readonly minutesToExpiry?: number;
  readonly activationId?: string;
  readonly kmsHost?: string;
  readonly kmsPort?: number;
  readonly statusFlags?: string;
  readonly activated?: boolean;
  readonly currentCount?: number;
  readonly activationIntervalMinutes?: number;
  readonly renewalIntervalMinutes?: number;
  readonly dnsDomain?: string;
  /** 12308 (AD-based activation): the activation object's name and distinguished name. */
  readonly activationObjectName?: string;
  readonly activationObjectDn?: string;
  /** 1003: the application whose licensing status was checked. */
  readonly applicationId?: string;
  /** The product name a tool printed next to the Activation ID (e.g. PoShEvents' ProductSkuName). */
  readonly productName?: string;
  /**
   * When the event was logged, as shown in pasted text: the viewing machine's local time without a zone
   * (ISO 8601 without offset), because Event Viewer's "Date:" line gives no zone to convert to UTC.
   */
  readonly timeCreatedLocal?: string;
  /** The event's data as found, for ids the parser does not know and for support. */
  readonly data?: readonly string[];
  /** Beside `data` when its items are named (EventData's Data Name): each item's name, '' for an unnamed one. */
  readonly dataNames?: readonly string[];
  readonly message?: string;
}

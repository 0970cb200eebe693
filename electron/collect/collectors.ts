/**
 * Collector interfaces: one per evidence source of DESIGN.md §3. Each returns the raw output of what it
 * ran plus how it ran; parsing happens in shared/parse, so a recorded output is exactly a test fixture.
 * Two implementations answer these interfaces: windows/ (the real commands) and replay/ (a bundle).
 */
import type { EventReader, EventStopCode } from '../../shared/bundle/manifest-schema.js';


/** What one collector call produced, verbatim, with how it was produced. */
export interface RawOutput {
  /** The command line as run (for the manifest and for support); never re-executed. */
  readonly command: string;
  /** Null when the process never started, was killed, or the step is not a process. */
  readonly exitCode: number | null;
  readonly durationMs: number;
  /** How `bytes` were decoded into `text`, e.g. "utf-16le" or "utf-8"; "binary" for .evtx. */
  readonly encoding: string;
  /** Why the step produced no usable evidence; null when it did. */
  readonly error: string | null;
  /** True when the thing looked for legitimately does not exist here (no slmgr.ini, no KMS log). */
  readonly absent?: boolean;
  /** The original bytes as the command wrote them. */
  readonly bytes: Uint8Array;
  /** The decoded text; empty for binary evidence. */
  readonly text: string;
  /** A file the command wrote itself (wevtutil epl) or its output was streamed to (wevtutil qe), instead of `bytes`. */
  readonly file?: string;
  /** For an event query: how many records were read and whether the cap or a failure cut the window short. */
  readonly eventStream?: EventStreamFacts;
  /** True when the program was killed at its timeout. */
  readonly timedOut?: boolean;
}

/** What an event query streamed: the manifest records it, so a cut-short count window is never silent. */
export interface EventStreamFacts {
  /** Records written to the file. */
  readonly records: number;
  /** The cap asked for; reaching it means the oldest part of the window was left out. */
  readonly maxEvents: number;
  readonly capped: boolean;
  /** Why the query stopped before the end of the window (the records read so far are kept), null when it did not. */
  readonly incomplete: string | null;
  /** The same as a code, which the findings word in every language; null when it did not stop. */
  readonly stopCode: EventStopCode | null;
  /** The reading program's exit code when it failed part-way ('process-error'). */
  readonly exitCode?: number;
  /** Records lost to damage in the exported log, skipped and counted (each is missing from the counts). */
  readonly skippedRecords: number;
  /** How the records were read: the exported .evtx through the built-in reader, or the `wevtutil qe` stream. */
  readonly reader: EventReader;
}

/** The time window and cap of an event query (default: 30 days = the KMS count window). */
export interface EventWindow {
  readonly days: number;
  readonly maxEvents: number;
}

/** `slmgr.vbs /dlv` and `/dlv all` text (support asks for it verbatim). */
export interface SlmgrTextCollector {
  dlv(): Promise<RawOutput>;
  dlvAll(): Promise<RawOutput>;
}

/** CIM SoftwareLicensingProduct (with a partial key) and SoftwareLicensingService as JSON. */
export interface CimLicensingCollector {
  products(): Promise<RawOutput>;
  service(): Promise<RawOutput>;
}

/** The slmgr.ini of the display language, which holds the labels slmgr printed. */
export interface SlmgrIniCollector {
  slmgrIni(): Promise<RawOutput>;
}

/**
 * KMS events as XML, streamed to `destination` record by record: the host's Key Management Service log
 * (12290), the host's DNS-publishing events from the Application log (12293/12294) and the client's
 * Application log (SPP).
 */
export interface KmsEventsCollector {
  kmsHostEvents(window: EventWindow, destination: string): Promise<RawOutput>;
  hostDnsPublishEvents(window: EventWindow, destination: string): Promise<RawOutput>;
  applicationSppEvents(window: EventWindow, destination: string): Promise<RawOutput>;
}

/** Raw .evtx exports for support (`wevtutil epl`), written to the given path. */
export interface EvtxExportCollector {
  exportKmsHostLog(destination: string): Promise<RawOutput>;
  exportHostDnsPublishLog(destination: string, window: EventWindow): Promise<RawOutput>;
  exportApplicationSppLog(destination: string, window: EventWindow): Promise<RawOutput>;
}

/** Health of the KMS event log: full, mode, record count, size. */
export interface EventLogHealthCollector {
  eventLogHealth(): Promise<RawOutput>;
}

/** DNS client configuration: suffixes, search list, servers per interface. */
export interface DnsClientCollector {
  dnsClient(): Promise<RawOutput>;
}

/** The KMS client overrides in the registry (`/skms`, `/skms-domain`). */
export interface KmsClientRegistryCollector {
  kmsClientRegistry(): Promise<RawOutput>;
}

/** KMS host configuration: DisableDnsPublishing, DnsDomainPublishList, port, priority. */
export interface KmsHostConfigCollector {
  kmsHostConfig(): Promise<RawOutput>;
}

/** Enabled inbound allow rules covering TCP 1688 (and 135). */
export interface FirewallCollector {
  firewall(): Promise<RawOutput>;
}

/** SRV names as the Windows DNS client resolves them (Resolve-DnsName: hosts file, NRPT, cache), as JSON. */
export interface WindowsResolverCollector {
  resolveSrv(names: readonly string[]): Promise<RawOutput>;
}

/** Elevation, OS version/build/edition, locale, time zone and clock in one call. */
export interface SystemInfoCollector {
  systemInfo(): Promise<RawOutput>;
}

/** Every evidence source of one machine (live or recorded), released with close(). */
export interface Collectors
  extends SlmgrTextCollector,
    CimLicensingCollector,
    SlmgrIniCollector,
    KmsEventsCollector,
    EvtxExportCollector,
    EventLogHealthCollector,
    DnsClientCollector,
    KmsClientRegistryCollector,
    KmsHostConfigCollector,
    FirewallCollector,
    WindowsResolverCollector,
    SystemInfoCollector {
  /** "windows" for the real commands, "replay" for a recorded machine. */
  readonly source: 'windows' | 'replay';
  close(): Promise<void>;
}

/** A RawOutput for a step that could not run, with the reason as data. */
export function failedOutput(command: string, error: string, durationMs = 0, absent = false): RawOutput {
  return { command, exitCode: null, durationMs, encoding: 'utf-8', error, bytes: new Uint8Array(), text: '', ...(absent ? { absent } : {}) };
}

import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { bundlePaths, type BundleManifest, type EvidenceKind, type ManifestFile } from '../../../shared/bundle/manifest.js';
import type { Collectors, EventStreamFacts, RawOutput } from '../collectors.js';
import { failedOutput } from '../collectors.js';
import { decodeText } from '../decode-text.js';

/** A bundle directory whose manifest (and hashes) the bundle reader has already checked. */
export interface ReplaySource {
  readonly dir: string;
  readonly manifest: BundleManifest;
}

/**
 * Collectors that answer from a recorded machine (an unpacked bundle), exactly as the Windows collectors
 * answered when the bundle was made: same text, same command line, same failures.
 */
export function createReplayCollectors(source: ReplaySource): Collectors {
  const fileOf = (kind: EvidenceKind): ManifestFile | undefined =>
    source.manifest.files.find((file) => file.kind === kind) ?? source.manifest.files.find((file) => file.path === bundlePaths[kind]);

  const recordedFailure = (kind: EvidenceKind): RawOutput => {
    const failure = source.manifest.failedCollectors.find((item) => item.collector === kind);
    if (failure !== undefined) return failedOutput(`(recorded) ${kind}`, failure.reason);
    return failedOutput(`(recorded) ${kind}`, `the bundle has no ${bundlePaths[kind]}`, 0, true);
  };

  const read = async (kind: EvidenceKind, rawKind?: EvidenceKind): Promise<RawOutput> => {
    const file = fileOf(kind);
    if (file === undefined) return recordedFailure(kind);
    const bytes = await readFile(path.join(source.dir, ...file.path.split('/')));
    const raw = rawKind !== undefined ? fileOf(rawKind) : undefined;
    const original = raw !== undefined ? await readFile(path.join(source.dir, ...raw.path.split('/'))) : bytes;
    const decoded = decodeText(bytes);
    return {
      command: file.producedBy?.command ?? `(recorded) ${file.path}`,
      exitCode: file.producedBy?.exitCode ?? null,
      durationMs: file.producedBy?.durationMs ?? 0,
      encoding: raw !== undefined ? (raw.producedBy?.encoding ?? 'utf-16le') : decoded.encoding,
      error: null,
      bytes: original,
      text: decoded.text,
    };
  };

  /** What the recorded event query read (the manifest's eventQueries), so a cut-short window replays as one. */
  const recordedQuery = (kind: EvidenceKind): { eventStream: EventStreamFacts } | Record<string, never> => {
    const query = source.manifest.eventQueries?.find((item) => item.kind === kind);
    if (query === undefined) return {};
    return {
      eventStream: {
        records: query.records,
        maxEvents: query.maxEvents,
        capped: query.capped,
        incomplete: query.incomplete,
        stopCode: query.stopCode ?? null,
        ...(query.exitCode !== undefined ? { exitCode: query.exitCode } : {}),
        skippedRecords: query.skippedRecords ?? 0,
        // Bundles made before the reader was recorded read their events with the qe stream.
        reader: query.reader ?? 'wevtutil-qe',
      },
    };
  };

  /** The recorded file copied where the live collector would have written (binary .evtx, or streamed event XML). */
  const copyOut = async (kind: EvidenceKind, destination: string, as: 'binary' | 'text' = 'binary'): Promise<RawOutput> => {
    const file = fileOf(kind);
    if (file === undefined) return recordedFailure(kind);
    await copyFile(path.join(source.dir, ...file.path.split('/')), destination);
    // Event XML as it was recorded: UTF-8 from the built-in reader, UTF-16LE from the qe stream.
    const encoding = as === 'binary' ? 'binary' : file.producedBy?.encoding === 'utf-16le' ? 'utf-16le' : 'utf-8';
    return {
      command: file.producedBy?.command ?? `(recorded) ${file.path}`,
      exitCode: file.producedBy?.exitCode ?? null,
      durationMs: file.producedBy?.durationMs ?? 0,
      encoding,
      error: null,
      bytes: new Uint8Array(),
      text: '',
      file: destination,
      ...(as === 'text' ? recordedQuery(kind) : {}),
    };
  };

  return {
    source: 'replay',
    dlv: () => read('slmgrDlv', 'slmgrDlvRaw'),
    dlvAll: () => read('slmgrDlvAll', 'slmgrDlvAllRaw'),
    products: () => read('cimProducts'),
    service: () => read('cimService'),
    slmgrIni: () => read('slmgrIni'),
    kmsHostEvents: (_window, destination) => copyOut('eventsKmsHostXml', destination, 'text'),
    hostDnsPublishEvents: (_window, destination) => copyOut('eventsHostDnsPublishXml', destination, 'text'),
    applicationSppEvents: (_window, destination) => copyOut('eventsApplicationSppXml', destination, 'text'),
    exportKmsHostLog: (destination) => copyOut('eventsKmsHostEvtx', destination),
    exportHostDnsPublishLog: (destination) => copyOut('eventsHostDnsPublishEvtx', destination),
    exportApplicationSppLog: (destination) => copyOut('eventsApplicationSppEvtx', destination),
    eventLogHealth: () => read('eventLogHealth'),
    dnsClient: () => read('dnsClient'),
    kmsClientRegistry: () => read('kmsClientRegistry'),
    kmsHostConfig: () => read('hostConfig'),
    firewall: () => read('firewall'),
    // A recorded machine's Windows resolver answers are already in its probes.json.
    resolveSrv: async () => failedOutput('(recorded) Resolve-DnsName', 'recorded in network/probes.json', 0, true),
    systemInfo: () => read('system'),
    close: async () => undefined,
  };
}

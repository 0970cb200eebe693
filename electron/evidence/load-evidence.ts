/**
 * Turns what `analyze` is given — a bundle zip, a bundle directory, a loose folder of whatever a customer
 * sent, or one file — into an EvidenceSet. Files are recognised by content, never by name; event XML is
 * streamed into the host digest, so a 200,000-event log is never held as an array.
 */
import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { bundlePaths, type BundleManifest, type CollectorFailure, type EvidenceKind } from '../../shared/bundle/manifest.js';
import { mergeHostEventDigests, type HostEventDigest } from '../../shared/diagnose/host-events.js';
import { emptyEvidence, type EvidenceSet, type RawSource } from '../../shared/diagnose/evidence.js';
import { smallZipBytes } from '../bundle/bundle-reader.js';
import { decodeText } from '../collect/decode-text.js';
import { parseEventsAuto } from '../../shared/parse/events/index.js';
import { parseCimLicensing } from '../../shared/parse/cim.js';
import { parseSlmgrIni } from '../../shared/parse/slmgr-ini.js';
import { parseSlmgrText } from '../../shared/parse/slmgr.js';
import { describeUnusableText, looksBinary } from '../../shared/parse/text-shape.js';
import {
  parseDnsClientJson,
  parseFirewallJson,
  parseKmsClientRegistryJson,
  parseKmsHostConfigJson,
  parseLogHealthJson,
  parseSystemInfoJson,
} from '../../shared/parse/system-evidence.js';
import type { KmsEvent, SlmgrReport } from '../../shared/parse/types.js';
import type { ProbeDocument } from '../../shared/probe/types.js';
import { classifyEvidence, listEvidenceFiles, listEvidenceNames, readHead, sniffBytes } from '../bundle/loose-folder.js';
import { digestEventFile, digestEvents, digestEvtxFile, type EventsDigest } from './event-digest.js';
import { eventLogKind, xmlKindOf } from './event-log-kind.js';

/** What the loader looks for, said to the user when a folder holds none of it. */
export const recognisedEvidence: readonly string[] = [
  'slmgr.vbs output (/dli, /dlv, /dlv all, /xpr, /ato, /ipk, /skms; any display language, UTF-8 or UTF-16)',
  'CIM SoftwareLicensingProduct / SoftwareLicensingService JSON',
  'event logs: .evtx (Event Viewer "Save All Events As", wevtutil epl), event XML (Get-WinEvent ToXml(), wevtutil /f:xml, Event Viewer "Save as XML"), Event Viewer text in any language, Get-WinEvent lists, JSON or CSV',
  'a zip of any of these, with or without a bundle manifest',
  'kms-doctor probe --json output',
  'PowerShell JSON: DNS client config, KMS registry settings, firewall rules, system info, event log health',
  'a bundle manifest.json, or a bundle zip',
];

export class NothingRecognisedError extends Error {
  constructor(where: string, looked: number, files: ReadonlyArray<{ readonly path: string; readonly note: string }> = []) {
    // One line: each file with what it looked like and what would make it usable.
    const perFile = files.slice(0, 8).map((file) => `${file.path}: ${file.note}`).join('; ');
    const more = files.length > 8 ? `; … and ${files.length - 8} more` : '';
    super(
      looked === 0 || perFile === ''
        ? `nothing recognisable in ${where} (${looked} file(s) looked at); looked for: ${recognisedEvidence.join('; ')}`
        : `nothing usable in ${where}: ${perFile}${more}`,
    );
    this.name = 'NothingRecognisedError';
  }
}

export interface LoadedFile {
  readonly path: string;
  readonly kind: EvidenceKind | 'other';
  readonly note: string;
}

export interface LoadedEvidence {
  readonly evidence: EvidenceSet;
  readonly from: 'zip' | 'directory' | 'loose' | 'file';
  readonly files: readonly LoadedFile[];
}

/** Raw text kept per file for the report (it collapses them; support gets the files themselves). */
const rawKeepChars = 200_000;
/** A text evidence file bigger than this is not slmgr/JSON evidence: refuse rather than read it whole. */
const maxTextBytes = 32 * 1024 * 1024;
/** Client events are few (one request every 2 h at most); more than this is a wrong file, keep the newest. */
const maxClientEvents = 100_000;

/** One evidence file: on disk, or an entry of a small zip read into memory (no temp dir for a fleet's bundles). */
interface EvidenceFile {
  /** Its path in the evidence, "/"-separated: how it is shown, and how a manifest lists it. */
  readonly name: string;
  /** A path on disk, or the bytes. */
  readonly data: string | Buffer;
}

const sizeOf = async (file: EvidenceFile): Promise<number> => (typeof file.data === 'string' ? (await lstat(file.data)).size : file.data.length);

/** The first bytes of a file, enough to recognise it. */
const headOf = (file: EvidenceFile): Promise<Buffer> => (typeof file.data === 'string' ? readHead(file.data) : Promise.resolve(file.data.subarray(0, sniffBytes)));

async function readText(file: EvidenceFile): Promise<string> {
  const size = await sizeOf(file);
  if (size > maxTextBytes) throw new Error(`${size} bytes is too big for this kind of file`);
  return decodeText(typeof file.data === 'string' ? await readFile(file.data) : file.data).text;
}

function isProbeDocument(value: unknown): value is ProbeDocument {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v.srv) && Array.isArray(v.hosts)
    && v.srv.every((s) => typeof s === 'object' && s !== null && 'name' in s && 'status' in s && Array.isArray((s as { records?: unknown }).records))
    && v.hosts.every((h) => typeof h === 'object' && h !== null && 'host' in h && 'tcp' in h && 'rpc' in h);
}

/**
 * Loads the evidence at `input`. Throws NothingRecognisedError when nothing there is evidence, and the
 * file system's error for a path that does not exist.
 */
export async function loadEvidence(input: string): Promise<LoadedEvidence> {
  const info = await lstat(input);
  if (info.isFile()) {
    // A small file (a client's bundle zip) is read once, whole: no temp dir, no second open.
    const whole = info.size <= smallZipBytes ? await readFile(input) : null;
    const first = whole ?? (await readHead(input));
    if (first.length >= 4 && first.readUInt32LE(0) === 0x04034b50) {
      // The same checks on every entry whether or not the zip holds a manifest; with one, its hashes too.
      const { checkBundleDirectory, extractCheckedZip, readZipInMemory } = await import('../bundle/bundle-reader.js');
      const inMemory = whole === null ? null : await readZipInMemory(input, whole);
      if (inMemory !== null) {
        const names = listEvidenceNames(inMemory.files.keys(), input);
        const loaded = await loadFiles(names.map((name) => ({ name, data: inMemory.files.get(name)! })), input);
        return { ...loaded, from: 'zip' };
      }
      // A large zip, or one holding much more than it weighs, is unpacked into a private temp dir, so that its big logs stream.
      const zip = await extractCheckedZip(input);
      try {
        if (zip.hasManifest) await checkBundleDirectory(zip.dir, zip.hashes);
        const loaded = await loadDirectory(zip.dir, input);
        return { ...loaded, from: 'zip' };
      } finally {
        await zip.close();
      }
    }
    return { ...(await loadFiles([{ name: path.basename(input), data: whole ?? input }], input)), from: 'file' };
  }
  if (!info.isDirectory()) throw new Error(`${input} is neither a file nor a folder`);
  return loadDirectory(input, input);
}

async function loadDirectory(dir: string, shownAs: string): Promise<LoadedEvidence> {
  const files = await listEvidenceFiles(dir);
  return loadFiles(files.map((file) => ({ name: path.relative(dir, file).split(path.sep).join('/'), data: file })), shownAs);
}

async function loadFiles(files: readonly EvidenceFile[], shownAs: string): Promise<LoadedEvidence> {
  const loaded: LoadedFile[] = [];
  const failures: CollectorFailure[] = [];
  const raw: RawSource[] = [];
  let manifest: BundleManifest | null = null;
  let slmgr: { report: SlmgrReport; path: string; all: boolean } | null = null;
  const slmgrTexts: Array<{ text: string; path: string; all: boolean; loose: boolean }> = [];
  let iniText: string | null = null;
  let cimProducts: { text: string; path: string } | null = null;
  let cimService: string | null = null;
  const set: { -readonly [K in keyof EvidenceSet]: EvidenceSet[K] } = { ...emptyEvidence };
  // One digest per event file, in file order; merged at the end as if one accumulator had read them all.
  const hostDigests: HostEventDigest[] = [];
  const hostEventFiles: string[] = [];
  // The files holding 12290s: the KMS log, cited for request counts before a DNS-publishing file.
  const hostRequestFiles: string[] = [];
  // The files that are the Key Management Service log: cited for "no 12290 requests" before a DNS-publishing file.
  const kmsLogFiles: string[] = [];
  const clientEvents: KmsEvent[] = [];
  const clientEventFiles: string[] = [];
  let sawEventFile = false;

  const keepRaw = (name: string, kind: RawSource['kind'], text: string): void => {
    raw.push({ path: name, kind, text: text.length > rawKeepChars ? text.slice(0, rawKeepChars) : text, truncated: text.length > rawKeepChars });
  };
  // What every read event log adds, whatever its form (event XML file, .evtx, pasted text or JSON): its host
  // digest, its client events, and which file is cited for host events, 12290 requests and client events.
  const takeDigest = (name: string, read: EventsDigest, kind: RawSource['kind']): void => {
    sawEventFile = true;
    // Each 12293/12294 keeps the file it came from: the proof names that file, not the KMS log read beside it.
    hostDigests.push(read.host.publish.length === 0 ? read.host : { ...read.host, publish: read.host.publish.map((event) => ({ ...event, source: name })) });
    // A loop, not push(...): up to 100,000 events would overflow the call's argument stack.
    for (const event of read.clientEvents) clientEvents.push(event);
    if (read.hostEvents > 0) hostEventFiles.push(name);
    if (read.host.requests12290 > 0) hostRequestFiles.push(name);
    if (kind === 'eventsKmsHostEvtx' || kind === 'eventsKmsHostXml') kmsLogFiles.push(name);
    if (read.clientTotal > 0) clientEventFiles.push(name);
  };
  const failed = (name: string, kind: string, error: unknown): void => {
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    loaded.push({ path: name, kind: 'other', note: `could not read: ${reason}` });
    failures.push({ collector: `read ${name}`, reason, missing: [kind] });
  };

  // The manifest first: it says when the evidence was collected (the window end) and what failed.
  const manifestFile = files.find((f) => f.name === bundlePaths.manifest);
  if (manifestFile) {
    try {
      // zod is loaded only when there is a manifest to check (start-up a loose folder skips).
      const { manifestSchema } = await import('../../shared/bundle/manifest-schema.js');
      manifest = manifestSchema.parse(JSON.parse(await readText(manifestFile)));
      loaded.push({ path: manifestFile.name, kind: 'manifest', note: 'bundle manifest' });
    } catch (error) {
      failed(manifestFile.name, 'manifest', error instanceof SyntaxError ? error : new Error('manifest.json does not match the bundle manifest schema'));
    }
  }

  // .evtx logs are read first: when the XML export of the same log is there too, the .evtx (the complete
  // record) is what is read, and the XML is listed as its copy (DESIGN.md §5 bundle: both are collected).
  const isEvtxName = (file: EvidenceFile): boolean => /\.evtx$/i.test(file.name);
  const ordered = [...files.filter(isEvtxName), ...files.filter((f) => !isEvtxName(f))];
  // An .evtx read, by its name without extension and by each channel it holds.
  const evtxRead = new Map<string, string>();
  const evtxKinds = new Map<string, EvidenceKind>();
  const stem = (name: string): string => `name:${name.replace(/\.[^./]*$/, '').toLowerCase()}`;
  const evtxTwin = (name: string, head: Buffer): string | undefined => {
    const channel = /<Channel>([^<]*)<\/Channel>/.exec(decodeText(head).text)?.[1]?.trim();
    return evtxRead.get(stem(name)) ?? (channel === undefined ? undefined : evtxRead.get(`channel:${channel}`));
  };

  for (const file of ordered) {
    const name = file.name;
    if (file === manifestFile || name === bundlePaths.findings || name === bundlePaths.report) continue;
    let bytes: Buffer;
    try {
      bytes = await headOf(file);
    } catch (error) {
      failed(name, 'file', error);
      continue;
    }
    if (bytes.length === 0) {
      loaded.push({ path: name, kind: 'other', note: 'empty file' });
      continue;
    }
    let { kind } = classifyEvidence(path.posix.basename(name), bytes);
    // An event export with no events (no <Event> to recognise) is still the log, read and empty: the
    // bundle's manifest says what it is, and "no events" is evidence, unlike a missing file.
    const listed = manifest?.files.find((f) => f.path === name)?.kind;
    if (kind === 'other' && (listed === 'eventsKmsHostXml' || listed === 'eventsHostDnsPublishXml' || listed === 'eventsApplicationSppXml')) kind = listed;
    // /dlv and /dlv all print the same for a machine with one licence: the manifest says which command wrote the file.
    if ((kind === 'slmgrDlv' || kind === 'slmgrDlvAll') && (listed === 'slmgrDlv' || listed === 'slmgrDlvAll')) kind = listed;
    try {
      switch (kind) {
        case 'eventsKmsHostXml':
        case 'eventsHostDnsPublishXml':
        case 'eventsApplicationSppXml': {
          const twin = evtxTwin(name, bytes);
          if (twin !== undefined) {
            kind = xmlKindOf(evtxKinds.get(twin) ?? kind) ?? kind;
            loaded.push({ path: name, kind, note: `not read: the same log as ${twin}, which was read (the .evtx is the complete record)` });
            break;
          }
          const read = await digestEventFile(file.data, maxClientEvents - clientEvents.length);
          const { summary, hostEvents: host, clientTotal: client } = read;
          kind = eventLogKind(kind, read);
          takeDigest(name, read, kind);
          keepRaw(name, kind, decodeText(bytes.subarray(0, 64 * 1024)).text);
          loaded.push({ path: name, kind, note: `${summary.events} events (${host} host, ${client} client)${summary.unrecognized.length ? `, ${summary.unrecognized.length} unreadable part(s)` : ''}` });
          break;
        }
        case 'slmgrDlv':
        case 'slmgrDlvAll': {
          const text = await readText(file);
          slmgrTexts.push({ text, path: name, all: kind === 'slmgrDlvAll', loose: false });
          break;
        }
        case 'slmgrIni':
          iniText = await readText(file);
          loaded.push({ path: name, kind, note: 'slmgr.ini labels' });
          break;
        case 'probes': {
          const value: unknown = JSON.parse(await readText(file));
          if (!isProbeDocument(value)) throw new Error('not a probe document (srv[] and hosts[] with name/status/records and host/tcp/rpc)');
          set.probes = value;
          keepRaw(name, kind, JSON.stringify(value, null, 2));
          loaded.push({ path: name, kind, note: `${value.srv.length} SRV lookups, ${value.hosts.length} hosts` });
          break;
        }
        case 'dnsClient':
        case 'kmsClientRegistry':
        case 'hostConfig':
        case 'firewall':
        case 'system':
        case 'eventLogHealth': {
          const text = await readText(file);
          if (kind === 'dnsClient') set.dnsClient = parseDnsClientJson(text);
          else if (kind === 'kmsClientRegistry') set.kmsClientRegistry = parseKmsClientRegistryJson(text);
          else if (kind === 'hostConfig') set.hostConfig = parseKmsHostConfigJson(text);
          else if (kind === 'firewall') set.firewall = parseFirewallJson(text);
          else if (kind === 'system') set.system = parseSystemInfoJson(text);
          else set.logHealth = parseLogHealthJson(text);
          keepRaw(name, kind, text);
          loaded.push({ path: name, kind, note: 'PowerShell JSON' });
          break;
        }
        case 'eventsKmsHostEvtx':
        case 'eventsHostDnsPublishEvtx':
        case 'eventsApplicationSppEvtx': {
          const read = await digestEvtxFile(file.data, maxClientEvents - clientEvents.length);
          const { summary, hostEvents: host, clientTotal: client } = read;
          kind = eventLogKind(kind, read);
          takeDigest(name, read, kind);
          evtxKinds.set(name, kind);
          evtxRead.set(stem(name), name);
          for (const channel of read.logNames) evtxRead.set(`channel:${channel}`, name);
          const damaged = summary.remarks.length === 0 ? '' : `; ${summary.remarks.length} remark(s), first: ${summary.remarks[0]}`;
          loaded.push({ path: name, kind, note: `.evtx log read: ${summary.records} records (${host} host, ${client} client events)${damaged}` });
          break;
        }
        case 'cimProducts':
        case 'cimService': {
          const text = await readText(file);
          if (kind === 'cimProducts') cimProducts = { text, path: name };
          else cimService = text;
          keepRaw(name, kind, text);
          break;
        }
        default: {
          // Whatever else a customer sends: anything `parse` reads (event text in any language, Get-WinEvent
          // lists and tables, JSON and CSV exports, slmgr output of any command in any language), else a
          // one-line description of what the file looked like. Binary and huge files are refused by content.
          const head = decodeText(bytes).text;
          if (looksBinary(head)) {
            loaded.push({ path: name, kind: 'other', note: 'binary data, not a text export (send slmgr.vbs output, an event export or a bundle zip)' });
            break;
          }
          const size = await sizeOf(file);
          if (size > maxTextBytes) {
            loaded.push({ path: name, kind: 'other', note: `${Math.round(size / 1048576)} MB of text: too big for pasted output (export events as XML or .evtx)` });
            break;
          }
          const text = await readText(file);
          const parsed = parseEventsAuto(text);
          if (parsed.events.length > 0) {
            const read = digestEvents(parsed.events, maxClientEvents - clientEvents.length);
            const host = read.hostEvents;
            takeDigest(name, read, host > 0 ? eventLogKind('eventsKmsHostXml', read) : 'eventsApplicationSppXml');
            keepRaw(name, host > 0 ? 'eventsKmsHostXml' : 'eventsApplicationSppXml', head);
            const form = parsed.format === 'text' ? 'event text' : `event ${parsed.format.toUpperCase()}`;
            loaded.push({ path: name, kind: host > 0 ? 'eventsKmsHostXml' : 'eventsApplicationSppXml', note: `${form}: ${parsed.events.length} events${parsed.unrecognized.length ? `, ${parsed.unrecognized.length} unreadable part(s)` : ''}` });
          } else {
            slmgrTexts.push({ text, path: name, all: false, loose: true });
          }
        }
      }
    } catch (error) {
      failed(name, kind, error);
    }
  }

  // slmgr: /dlv all holds every license (the host's CSVLKs too), so it wins over /dlv; the other usable
  // texts (an /ato answer, an /skms transcript) add their attempts, commands and errors to it.
  const labels = iniText === null ? null : parseSlmgrIni(iniText);
  const usable: Array<{ report: SlmgrReport; path: string; all: boolean }> = [];
  for (const candidate of [...slmgrTexts].sort((a, b) => Number(b.all) - Number(a.all))) {
    try {
      const report = parseSlmgrText(candidate.text, { labels });
      const holds = report.products.length + report.activation.length + (report.commands?.length ?? 0) + (report.errors?.length ?? 0) + (report.serviceVersion === null ? 0 : 1);
      if (holds === 0) {
        loaded.push({ path: candidate.path, kind: 'other', note: describeUnusableText(candidate.text) });
        continue;
      }
      keepRaw(candidate.path, candidate.all ? 'slmgrDlvAll' : 'slmgrDlv', candidate.text);
      const language = report.displayLanguage ?? 'a display language no table knows';
      const unknown = report.unrecognizedLines.length > 0 ? `; ${report.unrecognizedLines.length} line(s) not understood` : '';
      const what = [
        report.products.length > 0 ? `${report.products.length} product(s)` : '',
        report.activation.length > 0 ? `${report.activation.length} activation attempt(s)` : '',
        (report.commands?.length ?? 0) > 0 ? `${report.commands?.length} command(s)` : '',
      ].filter((part) => part !== '').join(', ');
      loaded.push({ path: candidate.path, kind: candidate.all ? 'slmgrDlvAll' : 'slmgrDlv', note: `slmgr output (${language}): role ${report.role}, ${what || 'errors only'}${unknown}` });
      usable.push({ report, path: candidate.path, all: candidate.all });
    } catch (error) {
      failures.push({ collector: `read ${candidate.path}`, reason: error instanceof Error ? error.message : String(error), missing: ['slmgr'] });
    }
  }
  const primary = usable.find((item) => item.report.products.length > 0) ?? usable[0];
  if (primary !== undefined) {
    const others = usable.filter((item) => item !== primary);
    const merged: SlmgrReport = {
      ...primary.report,
      activation: [...primary.report.activation, ...others.flatMap((item) => item.report.activation)],
      unrecognizedLines: [...primary.report.unrecognizedLines, ...others.flatMap((item) => item.report.unrecognizedLines)],
    };
    const commands = usable.flatMap((item) => item.report.commands ?? []);
    const errors = usable.flatMap((item) => item.report.errors ?? []);
    slmgr = {
      report: { ...merged, ...(commands.length > 0 ? { commands } : {}), ...(errors.length > 0 ? { errors } : {}) },
      path: primary.path,
      all: primary.all,
    };
  }

  // The CIM JSON says the same locale-neutrally; it stands in when slmgr text is absent (VBScript removed).
  if (cimProducts !== null) {
    const cim = cimProducts as { text: string; path: string };
    try {
      const report = parseCimLicensing(cim.text, cimService);
      loaded.push({ path: cim.path, kind: 'cimProducts', note: `CIM: role ${report.role}, ${report.products.length} product(s)${slmgr ? ' (slmgr text used instead)' : ''}` });
      if (slmgr === null && report.products.length > 0) slmgr = { report, path: cim.path, all: true };
    } catch (error) {
      failures.push({ collector: `read ${cim.path}`, reason: error instanceof Error ? error.message.split('\n')[0]! : String(error), missing: ['cimProducts'] });
    }
  }

  const recognised = loaded.filter((f) => f.kind !== 'other').length + failures.length;
  if (recognised === 0 && manifest === null) throw new NothingRecognisedError(shownAs, files.length, loaded);

  set.manifest = manifest;
  set.slmgr = slmgr?.report ?? null;
  set.slmgrSource = slmgr?.path ?? null;
  set.hostEvents = hostEventFiles.length > 0 ? hostDigests.reduce(mergeHostEventDigests) : null;
  set.hostEventsSource = hostRequestFiles[0] ?? kmsLogFiles[0] ?? hostEventFiles[0] ?? null;
  // An event file that held only client events still proves the client log was read (empty is evidence).
  set.clientEvents = clientEventFiles.length > 0 || (sawEventFile && hostEventFiles.length === 0) ? clientEvents : null;
  set.clientEventsSource = clientEventFiles[0] ?? null;
  set.failedCollectors = [...(manifest?.failedCollectors ?? []), ...failures];
  set.rawSources = raw;
  return { evidence: set, from: manifest ? 'directory' : 'loose', files: loaded };
}

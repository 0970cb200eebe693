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
import { decodeText } from '../../shared/parse/decode-text.js';
import { parseEventText } from '../../shared/parse/events/index.js';
import { parseCimLicensing } from '../../shared/parse/cim.js';
import { parseSlmgrIni } from '../../shared/parse/slmgr-ini.js';
import { parseSlmgrText } from '../../shared/parse/slmgr.js';
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
import { classifyEvidence, listEvidenceFiles, readHead } from '../bundle/loose-folder.js';
import { digestEventFile, digestEvents } from './event-digest.js';

/** What the loader looks for, said to the user when a folder holds none of it. */
export const recognisedEvidence: readonly string[] = [
  'slmgr.vbs /dlv or /dli output (text, any language, UTF-8 or UTF-16)',
  'CIM SoftwareLicensingProduct / SoftwareLicensingService JSON',
  'event XML (Get-WinEvent ToXml(), wevtutil /f:xml, Event Viewer "Save as XML") with events 12288, 12289, 12290, 12293, 12294, 8198',
  'kms-doctor probe --json output',
  'PowerShell JSON: DNS client config, KMS registry settings, firewall rules, system info, event log health',
  'a bundle manifest.json, or a bundle zip',
];

export class NothingRecognisedError extends Error {
  constructor(where: string, looked: number) {
    super(`nothing recognisable in ${where} (${looked} file(s) looked at); looked for: ${recognisedEvidence.join('; ')}`);
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

async function readText(file: string): Promise<string> {
  const info = await lstat(file);
  if (info.size > maxTextBytes) throw new Error(`${info.size} bytes is too big for this kind of file`);
  return decodeText(await readFile(file)).text;
}

function isProbeDocument(value: unknown): value is ProbeDocument {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v.srv) && Array.isArray(v.hosts)
    && v.srv.every((s) => typeof s === 'object' && s !== null && 'name' in s && 'status' in s && Array.isArray((s as { records?: unknown }).records))
    && v.hosts.every((h) => typeof h === 'object' && h !== null && 'host' in h && 'tcp' in h && 'rpc' in h);
}

/** Event Viewer's text view pasted into a file: an "Event ID:" line and one of the KMS event ids. */
function looksLikeEventText(text: string): boolean {
  return /^\s*(>\s*)?(Event ID|イベント ID|事件識別碼)\s*[:：]/m.test(text) && /\b(12288|12289|12290|12293|12294|8198)\b/.test(text);
}

/**
 * Loads the evidence at `input`. Throws NothingRecognisedError when nothing there is evidence, and the
 * file system's error for a path that does not exist.
 */
export async function loadEvidence(input: string): Promise<LoadedEvidence> {
  const info = await lstat(input);
  if (info.isFile()) {
    const first = await readHead(input);
    if (first.readUInt32LE(0) === 0x04034b50) {
      const { openBundle } = await import('../bundle/bundle-reader.js');
      const opened = await openBundle(input);
      try {
        const loaded = await loadDirectory(opened.dir, input);
        return { ...loaded, from: 'zip' };
      } finally {
        await opened.close();
      }
    }
    return { ...(await loadFiles([input], path.dirname(input), input)), from: 'file' };
  }
  if (!info.isDirectory()) throw new Error(`${input} is neither a file nor a folder`);
  return loadDirectory(input, input);
}

async function loadDirectory(dir: string, shownAs: string): Promise<LoadedEvidence> {
  const files = await listEvidenceFiles(dir);
  return loadFiles(files, dir, shownAs);
}

async function loadFiles(files: readonly string[], root: string, shownAs: string): Promise<LoadedEvidence> {
  const rel = (file: string): string => path.relative(root, file).split(path.sep).join('/') || path.basename(file);
  const loaded: LoadedFile[] = [];
  const failures: CollectorFailure[] = [];
  const raw: RawSource[] = [];
  let manifest: BundleManifest | null = null;
  let slmgr: { report: SlmgrReport; path: string; all: boolean } | null = null;
  const slmgrTexts: Array<{ text: string; path: string; all: boolean }> = [];
  let iniText: string | null = null;
  let cimProducts: { text: string; path: string } | null = null;
  let cimService: string | null = null;
  const set: { -readonly [K in keyof EvidenceSet]: EvidenceSet[K] } = { ...emptyEvidence };
  // One digest per event file, in file order; merged at the end as if one accumulator had read them all.
  const hostDigests: HostEventDigest[] = [];
  const hostEventFiles: string[] = [];
  const clientEvents: KmsEvent[] = [];
  const clientEventFiles: string[] = [];
  let sawEventFile = false;

  const keepRaw = (file: string, kind: RawSource['kind'], text: string): void => {
    raw.push({ path: rel(file), kind, text: text.length > rawKeepChars ? text.slice(0, rawKeepChars) : text, truncated: text.length > rawKeepChars });
  };
  const failed = (file: string, kind: string, error: unknown): void => {
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    loaded.push({ path: rel(file), kind: 'other', note: `could not read: ${reason}` });
    failures.push({ collector: `read ${rel(file)}`, reason, missing: [kind] });
  };

  // The manifest first: it says when the evidence was collected (the window end) and what failed.
  const manifestFile = files.find((f) => rel(f) === bundlePaths.manifest);
  if (manifestFile) {
    try {
      // zod is loaded only when there is a manifest to check (~100 ms of start-up a loose folder skips).
      const { manifestSchema } = await import('../../shared/bundle/manifest-schema.js');
      manifest = manifestSchema.parse(JSON.parse(await readText(manifestFile)));
      loaded.push({ path: rel(manifestFile), kind: 'manifest', note: 'bundle manifest' });
    } catch (error) {
      failed(manifestFile, 'manifest', error instanceof SyntaxError ? error : new Error('manifest.json does not match the bundle manifest schema'));
    }
  }

  for (const file of files) {
    const name = rel(file);
    if (file === manifestFile || name === bundlePaths.findings || name === bundlePaths.report) continue;
    let bytes: Buffer;
    try {
      bytes = await readHead(file);
    } catch (error) {
      failed(file, 'file', error);
      continue;
    }
    if (bytes.length === 0) {
      loaded.push({ path: name, kind: 'other', note: 'empty file' });
      continue;
    }
    let { kind } = classifyEvidence(path.basename(file), bytes);
    // An event export with no events (no <Event> to recognise) is still the log, read and empty: the
    // bundle's manifest says what it is, and "no events" is evidence, unlike a missing file.
    const listed = manifest?.files.find((f) => f.path === name)?.kind;
    if (kind === 'other' && (listed === 'eventsKmsHostXml' || listed === 'eventsHostDnsPublishXml' || listed === 'eventsApplicationSppXml')) kind = listed;
    try {
      switch (kind) {
        case 'eventsKmsHostXml':
        case 'eventsHostDnsPublishXml':
        case 'eventsApplicationSppXml': {
          sawEventFile = true;
          const read = await digestEventFile(file, maxClientEvents - clientEvents.length);
          const { summary, hostEvents: host, clientTotal: client } = read;
          hostDigests.push(read.host);
          // A loop, not push(...): up to 100,000 events would overflow the call's argument stack.
          for (const event of read.clientEvents) clientEvents.push(event);
          if (host > 0) hostEventFiles.push(name);
          if (client > 0) clientEventFiles.push(name);
          keepRaw(file, kind, decodeText(bytes.subarray(0, 64 * 1024)).text);
          loaded.push({ path: name, kind, note: `${summary.events} events (${host} host, ${client} client)${summary.unrecognized.length ? `, ${summary.unrecognized.length} unreadable part(s)` : ''}` });
          break;
        }
        case 'slmgrDlv':
        case 'slmgrDlvAll': {
          const text = await readText(file);
          slmgrTexts.push({ text, path: name, all: kind === 'slmgrDlvAll' });
          keepRaw(file, kind, text);
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
          keepRaw(file, kind, JSON.stringify(value, null, 2));
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
          keepRaw(file, kind, text);
          loaded.push({ path: name, kind, note: 'PowerShell JSON' });
          break;
        }
        case 'eventsKmsHostEvtx':
        case 'eventsHostDnsPublishEvtx':
        case 'eventsApplicationSppEvtx':
          loaded.push({ path: name, kind, note: 'binary .evtx log: kept for support, not read (the XML export is what is analysed)' });
          break;
        case 'cimProducts':
        case 'cimService': {
          const text = await readText(file);
          if (kind === 'cimProducts') cimProducts = { text, path: name };
          else cimService = text;
          keepRaw(file, kind, text);
          break;
        }
        default: {
          // Event Viewer text copied by hand (details pane, message + Info, PoShEvents tables).
          const head = decodeText(bytes).text;
          const parsed = looksLikeEventText(head) || /\bInfo\s*[:：]/.test(head) ? parseEventText(await readText(file)) : null;
          if (parsed !== null && parsed.events.length > 0) {
            sawEventFile = true;
            const read = digestEvents(parsed.events, maxClientEvents - clientEvents.length);
            const host = read.hostEvents;
            hostDigests.push(read.host);
            for (const event of read.clientEvents) clientEvents.push(event);
            if (host > 0) hostEventFiles.push(name);
            if (read.clientTotal > 0) clientEventFiles.push(name);
            keepRaw(file, host > 0 ? 'eventsKmsHostXml' : 'eventsApplicationSppXml', head);
            loaded.push({ path: name, kind: host > 0 ? 'eventsKmsHostXml' : 'eventsApplicationSppXml', note: `Event Viewer text: ${parsed.events.length} events${parsed.unrecognized.length ? `, ${parsed.unrecognized.length} unreadable part(s)` : ''}` });
          } else {
            loaded.push({ path: name, kind: 'other', note: 'not recognised' });
          }
        }
      }
    } catch (error) {
      failed(file, kind, error);
    }
  }

  // slmgr: /dlv all holds every license (the host's CSVLKs too), so it wins over /dlv.
  const labels = iniText === null ? null : parseSlmgrIni(iniText);
  for (const candidate of [...slmgrTexts].sort((a, b) => Number(b.all) - Number(a.all))) {
    try {
      const report = parseSlmgrText(candidate.text, { labels });
      if (report.products.length === 0) {
        loaded.push({ path: candidate.path, kind: 'other', note: 'looked like slmgr output but no product block was read' });
        continue;
      }
      loaded.push({ path: candidate.path, kind: candidate.all ? 'slmgrDlvAll' : 'slmgrDlv', note: `slmgr: role ${report.role}, ${report.products.length} product(s)` });
      if (slmgr === null) slmgr = { report, path: candidate.path, all: candidate.all };
    } catch (error) {
      failures.push({ collector: `read ${candidate.path}`, reason: error instanceof Error ? error.message : String(error), missing: ['slmgr'] });
    }
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
  if (recognised === 0 && manifest === null) throw new NothingRecognisedError(shownAs, files.length);

  set.manifest = manifest;
  set.slmgr = slmgr?.report ?? null;
  set.slmgrSource = slmgr?.path ?? null;
  set.hostEvents = hostEventFiles.length > 0 ? hostDigests.reduce(mergeHostEventDigests) : null;
  set.hostEventsSource = hostEventFiles[0] ?? null;
  // An event file that held only client events still proves the client log was read (empty is evidence).
  set.clientEvents = clientEventFiles.length > 0 || (sawEventFile && hostEventFiles.length === 0) ? clientEvents : null;
  set.clientEventsSource = clientEventFiles[0] ?? null;
  set.failedCollectors = [...(manifest?.failedCollectors ?? []), ...failures];
  set.rawSources = raw;
  return { evidence: set, from: manifest ? 'directory' : 'loose', files: loaded };
}

import { createHash } from 'node:crypto';
import { copyFile, lstat, mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleFormatVersion, bundlePaths, type BundleManifest, type EvidenceKind, type ManifestFile } from '../../shared/bundle/manifest.js';
import { recognizeSystemEvidenceJson } from '../../shared/parse/system-evidence.js';
import { toolVersion } from '../version.js';
import { decodeText } from '../collect/decode-text.js';
import { textChunks } from './text-chunks.js';

/** A loose folder is what a customer sent by hand: limits keep a wrong folder (a home directory) from being read whole. */
/** A loose folder with more files than this is not what a customer sent for one machine. */
const maxLooseFiles = 2000;
const maxLooseDepth = 4;
const maxLooseBytes = 2 * 1024 ** 3;
/** Only this much of each file is read to recognise it. */
export const sniffBytes = 256 * 1024;

export interface ClassifiedFile {
  readonly source: string;
  readonly kind: EvidenceKind | 'other';
  /** What recognised it, for the manifest (a loose file has no producing command). */
  readonly reason: string;
}

/** The first bytes of a file: enough to recognise what it holds without reading it whole. */
export async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    // Sized to the file: a 256 KB buffer per small file of a thousand bundles was a large share of their reading.
    const size = Math.min(sniffBytes, Math.max(1, (await handle.stat()).size));
    const { buffer, bytesRead } = await handle.read(Buffer.allocUnsafe(size), 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Recognises one evidence file by its content (names customers give files are unreliable). */
export function classifyEvidence(name: string, bytes: Buffer): { kind: EvidenceKind | 'other'; reason: string } {
  if (bytes.subarray(0, 8).toString('latin1') === 'ElfFile\0') {
    return /key|kms/i.test(name) ? { kind: 'eventsKmsHostEvtx', reason: '.evtx (Key Management Service by name)' } : { kind: 'eventsApplicationSppEvtx', reason: '.evtx' };
  }
  const { text } = decodeText(bytes);
  const trimmed = text.trimStart();
  if (/^slmgr\.ini$/i.test(name) || /^\s*L_Msg\w+\s*=/m.test(text)) return { kind: 'slmgrIni', reason: 'slmgr.ini labels' };
  if (/<Event[\s>]/.test(text)) {
    const host = /<EventID[^>]*>\s*(12290|12293|12294)\s*</.test(text) || /Key Management Service/.test(text);
    return host ? { kind: 'eventsKmsHostXml', reason: 'event XML (KMS host log)' } : { kind: 'eventsApplicationSppXml', reason: 'event XML (Application log)' };
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      return { kind: 'other', reason: 'unrecognised JSON' };
    }
    const first = (Array.isArray(value) ? value[0] : value) as Record<string, unknown> | undefined;
    if (first !== undefined && first !== null && typeof first === 'object') {
      if ('srv' in first && 'hosts' in first) return { kind: 'probes', reason: 'probe document' };
      if ('PartialProductKey' in first || 'LicenseStatus' in first) return { kind: 'cimProducts', reason: 'CIM SoftwareLicensingProduct' };
      if ('ClientMachineID' in first || 'KeyManagementServiceCurrentCount' in first) return { kind: 'cimService', reason: 'CIM SoftwareLicensingService' };
    }
    const system = recognizeSystemEvidenceJson(value);
    return system !== null ? { kind: system, reason: `${system} JSON` } : { kind: 'other', reason: 'unrecognised JSON' };
  }
  // slmgr /dlv in any language: the product blocks carry GUIDs and a "…, VOLUME_… channel"/RETAIL/OEM description.
  const guids = text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? [];
  if (/\b(VOLUME_\w+|RETAIL|OEM_\w+|TIMEBASED_\w+)\b/.test(text) && guids.length > 0) {
    const products = (text.match(/^\s*(Name|名前|名稱)\s*[:：]/gm) ?? []).length;
    return products > 1 ? { kind: 'slmgrDlvAll', reason: 'slmgr /dlv all text' } : { kind: 'slmgrDlv', reason: 'slmgr /dlv text' };
  }
  return { kind: 'other', reason: 'not recognised' };
}

/**
 * The regular files of a loose folder, in name order (so "the first file of each kind" is the same on
 * every machine). Symlinks are skipped, never followed: the folder is untrusted.
 */
export async function listEvidenceFiles(dir: string, depth = 0, found: string[] = []): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && depth < maxLooseDepth) await listEvidenceFiles(full, depth + 1, found);
    else if (entry.isFile()) found.push(full);
    if (found.length > maxLooseFiles) throw new Error(`more than ${maxLooseFiles} files under ${dir}: is this the right folder?`);
  }
  return found;
}

/**
 * listEvidenceFiles for the entry names of a zip read into memory: the same files (none deeper than a
 * folder would be searched), in the same order, under the same limit on their number.
 */
export function listEvidenceNames(names: Iterable<string>, shownAs: string): string[] {
  const found = [...names].filter((name) => !name.endsWith('/') && name.split('/').length <= maxLooseDepth + 1);
  if (found.length > maxLooseFiles) throw new Error(`more than ${maxLooseFiles} files under ${shownAs}: is this the right folder?`);
  // Folder by folder, each folder's names in localeCompare order, as listEvidenceFiles walks them.
  const compare = (a: string, b: string): number => {
    const x = a.split('/');
    const y = b.split('/');
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] !== y[i]) return x[i]!.localeCompare(y[i]!);
    }
    return x.length - y.length;
  };
  return found.sort(compare);
}

/**
 * Packs a loose folder of evidence into bundle layout in `destination` (copies, never moves), with a
 * manifest whose files are recognised by content. The first file of each kind takes the bundle path;
 * others keep their names under extra/.
 */
export async function packLooseFolder(folder: string, destination: string): Promise<BundleManifest> {
  const sources = (await listEvidenceFiles(folder)).sort();
  const taken = new Set<string>();
  const files: ManifestFile[] = [];
  let total = 0;
  for (const source of sources) {
    const info = await lstat(source);
    total += info.size;
    if (total > maxLooseBytes) throw new Error(`more than ${maxLooseBytes} bytes of files: is this the right folder?`);
    const { kind, reason } = classifyEvidence(path.basename(source), await readHead(source));
    const relative = path.relative(folder, source).split(path.sep).join('/');
    let target: string;
    let finalKind: string = kind;
    if (kind !== 'other' && !taken.has(kind)) {
      target = bundlePaths[kind];
      taken.add(kind);
    } else {
      target = `extra/${relative.replace(/[^A-Za-z0-9._/-]/g, '_')}`;
      if (kind === 'other') finalKind = 'other';
    }
    if (files.some((file) => file.path === target)) continue;
    const full = path.join(destination, ...target.split('/'));
    await mkdir(path.dirname(full), { recursive: true, mode: 0o700 });
    await copyFile(source, full);
    const bytes = await readFile(full);
    files.push({
      path: target,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      kind: finalKind,
      producedBy: { command: `(loose file) ${relative}: ${reason}`, exitCode: null, durationMs: null },
    });
  }
  if (files.length === 0) throw new Error('the folder holds no files');
  // The analysis window ends at the newest event (when the evidence was taken), not when the folder was copied.
  let newest = Number.NEGATIVE_INFINITY;
  for (const file of files.filter((item) => item.kind === 'eventsKmsHostXml' || item.kind === 'eventsApplicationSppXml')) {
    for await (const chunk of textChunks(path.join(destination, ...file.path.split('/')), 'utf-8')) {
      for (const match of chunk.matchAll(/SystemTime=['"]([^'"]+)['"]/g)) {
        const time = Date.parse(match[1]!);
        if (time > newest) newest = time;
      }
    }
  }
  if (!Number.isFinite(newest)) newest = Math.max(...(await Promise.all(sources.map(async (source) => (await lstat(source)).mtimeMs))));
  // Loaded here, not at the top: analyze reads loose folders through this module and needs no zod.
  const { manifestSchema } = await import('../../shared/bundle/manifest-schema.js');
  const manifest = manifestSchema.parse({
    formatVersion: bundleFormatVersion,
    toolVersion,
    created: new Date(newest).toISOString(),
    machine: { name: null, os: null, build: null, locale: null, elevated: null },
    role: 'unknown',
    redacted: false,
    files,
    failedCollectors: [],
    notes: [
      `packed from a loose folder: files were recognised by content; ${files.filter((file) => file.kind === 'other').length} not recognised (kept under extra/); "created" is the newest event time (or the newest file time when there are no events)`,
    ],
  });
  await writeFile(path.join(destination, bundlePaths.manifest), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleFormatVersion, bundlePaths, type BundleManifest, type ManifestFile } from '../../shared/bundle/manifest.js';
import { manifestSchema } from '../../shared/bundle/manifest-schema.js';
import { diagnose, type DiagnosisResult, type Lang } from '../../shared/diagnose/index.js';
import { parseSystemInfoJson } from '../../shared/parse/system-evidence.js';
import type { Role } from '../../shared/kms/role.js';
import { renderHtmlReport } from '../../shared/report/render-html.js';
import { openBundle } from '../bundle/bundle-reader.js';
import { writeBundle, type BundleFileSource, type WrittenBundle } from '../bundle/bundle-writer.js';
import { loadEvidence, type LoadedEvidence } from '../evidence/load-evidence.js';
import { toolVersion } from '../version.js';
import { eventWindowNotes, type CollectedRun } from './run-collection.js';

export type ManifestBase = Omit<BundleManifest, 'files' | 'redacted' | 'formatVersion'>;

export interface Diagnosed {
  readonly result: DiagnosisResult;
  readonly loaded: LoadedEvidence;
  readonly findingsJson: string;
  readonly reportHtml: string;
}

/** Loads a bundle directory, diagnoses it and renders findings.json and report.html (shared/diagnose, shared/report). */
export async function diagnoseDirectory(dir: string, options: { readonly lang: Lang }): Promise<Diagnosed> {
  const loaded = await loadEvidence(dir);
  const result = diagnose(loaded.evidence, { lang: options.lang });
  const reportHtml = renderHtmlReport({ result, manifest: loaded.evidence.manifest, rawSources: loaded.evidence.rawSources, toolVersion });
  return { result, loaded, findingsJson: `${JSON.stringify(result, null, 2)}\n`, reportHtml };
}

async function sha256File(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    size += chunk.length;
    hash.update(chunk);
  }
  return { sha256: hash.digest('hex'), size };
}

/** The manifest's machine block from the system-info evidence (null fields when it is missing). */
export function machineFromSystemInfo(json: string | null): ManifestBase['machine'] {
  if (json !== null) {
    try {
      const info = parseSystemInfoJson(json);
      return { name: info.computerName, os: info.osCaption, build: info.buildNumber, edition: info.editionId, locale: info.locale, elevated: info.elevated };
    } catch {
      // Fall through: an unreadable system-info file leaves the machine unknown, it does not stop the bundle.
    }
  }
  return { name: null, os: null, build: null, locale: null, elevated: null };
}

/** Writes manifest.json into a bundle directory for files already there (so it can be loaded and diagnosed). */
export async function writeDirectoryManifest(dir: string, base: ManifestBase, files: readonly BundleFileSource[]): Promise<BundleManifest> {
  const listed: ManifestFile[] = [];
  for (const file of files) {
    const content = file.content;
    const { sha256, size } = 'file' in content ? await sha256File(content.file) : { sha256: createHash('sha256').update(content.bytes).digest('hex'), size: content.bytes.byteLength };
    listed.push({ path: file.path, size, sha256, kind: file.kind, producedBy: file.producedBy });
  }
  const manifest = manifestSchema.parse({ ...base, formatVersion: bundleFormatVersion, redacted: false, files: listed });
  await writeFile(path.join(dir, bundlePaths.manifest), `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  return manifest;
}

export interface PackagedBundle {
  readonly written: WrittenBundle;
  readonly diagnosed: Diagnosed;
}

/** Collected evidence → diagnosis → support bundle zip (findings.json + report.html inside). */
export async function packageCollectedRun(input: {
  readonly collected: CollectedRun;
  readonly workDir: string;
  readonly out: string;
  readonly redact: boolean;
  readonly lang: Lang;
  /** Also keep an unredacted copy here (the history's own copy of the run). */
  readonly keepAt?: string;
}): Promise<PackagedBundle> {
  const { collected } = input;
  const base: ManifestBase = {
    toolVersion,
    created: collected.finishedAt,
    machine: machineFromSystemInfo(collected.systemInfoJson),
    role: collected.role,
    failedCollectors: [...collected.failures],
    ...(collected.eventQueries.length > 0 ? { eventQueries: [...collected.eventQueries] } : {}),
    ...(eventWindowNotes(collected.eventQueries).length > 0 ? { notes: eventWindowNotes(collected.eventQueries) } : {}),
  };
  await writeDirectoryManifest(input.workDir, base, collected.files);
  const diagnosed = await diagnoseDirectory(input.workDir, { lang: input.lang });
  const manifest = { ...base, role: bundleRole(base.role, diagnosed) };
  const files = [...collected.files, ...reportFiles(diagnosed)];
  if (input.keepAt !== undefined) {
    await mkdir(path.dirname(input.keepAt), { recursive: true, mode: 0o700 });
    await writeBundle({ out: input.keepAt, manifest, files, redact: false });
  }
  const written = await writeBundle({ out: input.out, manifest, files, redact: input.redact });
  return { written, diagnosed };
}

/** The role a bundle records: the one collected (or chosen), else what the diagnosis of its evidence decided. */
function bundleRole(collected: Role, diagnosed: Diagnosed): Role {
  return collected === 'unknown' ? diagnosed.result.role : collected;
}

function reportFiles(diagnosed: Diagnosed): BundleFileSource[] {
  const tool = { command: `kms-doctor ${toolVersion} (diagnosis)`, exitCode: null, durationMs: null };
  return [
    { path: bundlePaths.findings, kind: 'findings', producedBy: tool, content: { bytes: Buffer.from(diagnosed.findingsJson, 'utf8') }, encoding: 'utf-8' },
    { path: bundlePaths.report, kind: 'report', producedBy: tool, content: { bytes: Buffer.from(diagnosed.reportHtml, 'utf8') }, encoding: 'utf-8' },
  ];
}

/**
 * How a file already in a bundle is encoded (for redaction): .evtx is binary, the raw slmgr copies
 * UTF-16LE; a file of unknown kind (a loose folder's extra/) is binary when it has NUL bytes and no
 * UTF-16 BOM, so a screenshot is left out of a redacted bundle instead of being mangled as text.
 */
async function encodingOf(file: ManifestFile, full: string): Promise<BundleFileSource['encoding']> {
  if (file.path.endsWith('.evtx') || file.kind.endsWith('Evtx')) return 'binary';
  if (file.path.endsWith('.raw') || file.kind.endsWith('Raw')) return 'utf-16le';
  if (file.kind !== 'other') return 'utf-8';
  const handle = await open(full, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8192), 0, 8192, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
    return head.includes(0) ? 'binary' : 'utf-8';
  } finally {
    await handle.close();
  }
}

/**
 * Re-packages a bundle zip, bundle directory or loose folder (e.g. to redact it before it is shared):
 * same manifest fields, a fresh diagnosis, report and findings, and the same redaction as `collect`.
 */
export async function rebundle(input: { readonly source: string; readonly out: string; readonly redact: boolean; readonly lang: Lang }): Promise<PackagedBundle & { readonly from: string }> {
  const opened = await openBundle(input.source);
  try {
    const files: BundleFileSource[] = [];
    for (const file of opened.manifest.files.filter((item) => item.path !== bundlePaths.findings && item.path !== bundlePaths.report)) {
      const full = path.join(opened.dir, ...file.path.split('/'));
      files.push({ path: file.path, kind: file.kind, producedBy: file.producedBy, content: { file: full }, encoding: await encodingOf(file, full) });
    }
    const diagnosed = await diagnoseDirectory(opened.dir, { lang: input.lang });
    const { files: _files, redacted: _redacted, formatVersion: _version, ...base } = opened.manifest;
    const written = await writeBundle({ out: input.out, manifest: { ...base, role: bundleRole(base.role, diagnosed) }, files: [...files, ...reportFiles(diagnosed)], redact: input.redact || opened.manifest.redacted });
    return { written, diagnosed, from: opened.from };
  } finally {
    await opened.close();
  }
}

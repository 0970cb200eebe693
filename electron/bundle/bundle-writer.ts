import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { bundleFormatVersion, bundlePaths, type BundleManifest, type ManifestFile } from '../../shared/bundle/manifest.js';
import { manifestSchema } from '../../shared/bundle/manifest-schema.js';
import { useNativeCrc32ForYazl } from './native-crc32.js';
import { EvtxFormatError } from '../../shared/parse/evtx/index.js';
import { writeEvtxAsXml, type EvtxXmlExport } from '../evidence/evtx-file.js';
import { createRedactor, type Redactor } from './redact.js';
import { textChunks } from './text-chunks.js';

/** One file to put in a bundle: its bytes, or a file on disk streamed in (event XML can be hundreds of MB). */
export interface BundleFileSource {
  /** Path inside the bundle (bundlePaths for known evidence), forward slashes. */
  readonly path: string;
  readonly kind: string;
  readonly producedBy: ManifestFile['producedBy'];
  readonly content: { readonly bytes: Uint8Array } | { readonly file: string };
  /** How the content is encoded; a redacted bundle carries an .evtx as event XML read from it, other binary files are left out. */
  readonly encoding: 'utf-8' | 'utf-16le' | 'binary';
}

export interface WriteBundleInput {
  readonly out: string;
  /** Everything of the manifest but the file list (computed here) and the redacted flag. */
  readonly manifest: Omit<BundleManifest, 'files' | 'redacted' | 'formatVersion'>;
  readonly files: readonly BundleFileSource[];
  readonly redact?: boolean;
  /**
   * Deflate level. 6 matches `zip -6`; large text compresses nearly as well at 1 at a fraction of the
   * time (see bench/bundle.bench.ts), so big entries use `largeEntryLevel`.
   */
  readonly compressionLevel?: number;
  readonly largeEntryLevel?: number;
}

export interface WrittenBundle {
  readonly manifest: BundleManifest;
  readonly zipBytes: number;
  /** The redactor used (null when not redacting), so callers can redact what they show next to the zip. */
  readonly redactor: Redactor | null;
}

const largeEntryBytes = 8 * 1024 * 1024;

/** Whether yazl runs on the native CRC-32 (see native-crc32.ts); exported for the test that proves the zip stays valid. */
export const nativeCrc32 = useNativeCrc32ForYazl();

/** Hashes and counts bytes as they stream past. */
function hashTap(): { readonly stream: Transform; result(): { sha256: string; size: number } } {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  return { stream, result: () => ({ sha256: hash.digest('hex'), size }) };
}

async function* textOf(source: BundleFileSource): AsyncGenerator<string> {
  const encoding = source.encoding === 'utf-16le' ? 'utf-16le' : 'utf-8';
  if ('bytes' in source.content) {
    const bytes = Buffer.from(source.content.bytes.buffer, source.content.bytes.byteOffset, source.content.bytes.byteLength);
    yield encoding === 'utf-16le' ? bytes.toString('utf16le').replace(/^\uFEFF/, '') : bytes.toString('utf8');
    return;
  }
  yield* textChunks(source.content.file, encoding);
}

/** The content of a file as a byte stream, redacted (and re-encoded in its own encoding) when asked. */
function contentStream(source: BundleFileSource, redactor: Redactor | null): Readable {
  if (redactor === null || source.encoding === 'binary') {
    return 'bytes' in source.content ? Readable.from([Buffer.from(source.content.bytes)]) : createReadStream(source.content.file, { highWaterMark: 256 * 1024 });
  }
  const encoding = source.encoding === 'utf-16le' ? 'utf16le' : 'utf8';
  return Readable.from(
    (async function* () {
      if (encoding === 'utf16le') yield Buffer.from([0xff, 0xfe]);
      for await (const chunk of textOf(source)) yield Buffer.from(redactor.redact(chunk), encoding);
    })(),
  );
}

async function sizeOf(source: BundleFileSource): Promise<number> {
  return 'bytes' in source.content ? source.content.bytes.byteLength : (await stat(source.content.file)).size;
}

/**
 * Writes a support bundle zip (DESIGN.md §5) with yazl, streaming: each file is hashed as it is
 * compressed, and manifest.json is added last, when yazl asks for it, so it can list every hash without
 * reading any file twice. Written to a temporary name and renamed, so a failure never leaves a half zip.
 */
export async function writeBundle(input: WriteBundleInput): Promise<WrittenBundle> {
  let tempDir: string | null = null;
  try {
    return await writeBundleFiles(input, async () => (tempDir ??= await mkdtemp(path.join(tmpdir(), 'kms-doctor-redact-'))));
  } finally {
    if (tempDir !== null) await rm(tempDir, { recursive: true, force: true });
  }
}

const isEvtxSource = (file: BundleFileSource): boolean => file.encoding === 'binary' && (/Evtx$/.test(file.kind) || /\.evtx$/i.test(file.path));

/**
 * A redacted bundle carries each .evtx as redacted event XML read from it (DESIGN.md §6), at the path
 * of the log's XML export (`events/kms-host.evtx` → `events/kms-host.xml`), which it replaces: the
 * .evtx is the complete record. Returns the files to write and a note per log for the manifest.
 */
async function evtxAsXml(files: readonly BundleFileSource[], workDir: () => Promise<string>): Promise<{ files: BundleFileSource[]; notes: string[] }> {
  let out = [...files];
  const notes: string[] = [];
  for (const [index, file] of files.filter(isEvtxSource).entries()) {
    const xmlFile = path.join(await workDir(), `log-${index}.xml`);
    let read: EvtxXmlExport;
    try {
      read = await writeEvtxAsXml('bytes' in file.content ? file.content.bytes : file.content.file, xmlFile);
    } catch (error) {
      if (!(error instanceof EvtxFormatError)) throw error;
      read = { records: 0, readable: 0, skipped: 0, remarks: [error.message] };
    }
    if (read.records === 0) {
      // Nothing read: the XML export of the log, if there is one, stays as it is.
      out = out.filter((f) => f !== file);
      notes.push(`redacted bundle: ${file.path} left out (no event could be read from it${read.remarks[0] === undefined ? '' : `: ${read.remarks[0]}`})`);
      continue;
    }
    const target = file.path.replace(/\.evtx$/i, '') + '.xml';
    const replaces = out.some((f) => f.path === target);
    out = out.filter((f) => f !== file && f.path !== target);
    out.push({
      path: target,
      kind: file.kind.replace(/Evtx$/, 'Xml'),
      producedBy: { command: `kms-doctor: event XML read from ${file.path} (an .evtx cannot be redacted)`, exitCode: null, durationMs: null },
      content: { file: xmlFile },
      encoding: 'utf-8',
    });
    const damaged = read.remarks.length === 0 ? '' : `; ${read.remarks.length} damaged part(s) noted: ${read.remarks[0]}`;
    notes.push(`redacted bundle: ${file.path} is carried as redacted event XML read from it, ${target} (${read.records} records${replaces ? '; it replaces the XML export of the same log' : ''}${damaged})`);
  }
  return { files: out, notes };
}

async function writeBundleFiles(input: WriteBundleInput, workDir: () => Promise<string>): Promise<WrittenBundle> {
  const redact = input.redact === true;
  const notes = [...(input.manifest.notes ?? [])];
  let files = input.files.filter((file) => file.path !== bundlePaths.manifest);
  let redactor: Redactor | null = null;
  if (redact) {
    const converted = await evtxAsXml(files, workDir);
    files = converted.files;
    notes.push(...converted.notes);
    const left = files.filter((file) => file.encoding === 'binary');
    if (left.length > 0) notes.push(`redacted bundle: ${left.map((file) => file.path).join(', ')} left out (binary files cannot be redacted)`);
    files = files.filter((file) => file.encoding !== 'binary');
    const texts: string[] = [input.manifest.machine.name ?? ''];
    for (const file of files) for await (const chunk of textOf(file)) texts.push(chunk);
    redactor = createRedactor(texts);
    texts.length = 0;
  }
  const paths = new Set<string>();
  for (const file of files) {
    if (paths.has(file.path)) throw new Error(`two bundle files share the path ${file.path}`);
    paths.add(file.path);
  }

  const level = input.compressionLevel ?? 6;
  const largeLevel = input.largeEntryLevel ?? 1;
  const zip = new yazl.ZipFile();
  const entries: ManifestFile[] = [];
  const created = new Date(input.manifest.created);
  const mtime = Number.isNaN(created.getTime()) ? new Date() : created;
  for (const file of files) {
    const size = await sizeOf(file);
    zip.addReadStreamLazy(file.path, { mtime, compressionLevel: size >= largeEntryBytes ? largeLevel : level }, (callback) => {
      const tap = hashTap();
      const source = contentStream(file, redactor);
      // yazl does not listen for errors on the streams it reads: route them to the ZipFile's error event.
      source.on('error', (error) => zip.emit('error', error));
      tap.stream.on('error', (error) => zip.emit('error', error));
      tap.stream.on('end', () => {
        const { sha256, size: written } = tap.result();
        const producedBy = file.producedBy === null ? null : { ...file.producedBy, command: redactor !== null ? redactor.redact(file.producedBy.command) : file.producedBy.command };
        entries.push({ path: file.path, size: written, sha256, kind: file.kind, producedBy });
      });
      callback(null, source.pipe(tap.stream));
    });
  }
  let manifest: BundleManifest | null = null;
  zip.addReadStreamLazy(bundlePaths.manifest, { mtime, compressionLevel: level }, (callback) => {
    const clean = (text: string): string => (redactor !== null ? redactor.redact(text) : text);
    manifest = manifestSchema.parse({
      ...input.manifest,
      formatVersion: bundleFormatVersion,
      redacted: redact,
      machine: { ...input.manifest.machine, name: redact ? null : input.manifest.machine.name },
      files: entries,
      failedCollectors: input.manifest.failedCollectors.map((failure) => ({ ...failure, reason: clean(failure.reason) })),
      ...(notes.length > 0 ? { notes: notes.map(clean) } : {}),
    });
    callback(null, Readable.from([Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8')]));
  });
  // yazl reports a failing source on the ZipFile, not on its output stream: end the output with it.
  zip.on('error', (error: Error) => (zip.outputStream as unknown as Readable).destroy(error));
  zip.end();

  const partial = `${input.out}.partial-${process.pid}`;
  try {
    await pipeline(zip.outputStream, createWriteStream(partial, { mode: 0o600 }));
    await rename(partial, input.out);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  if (manifest === null) throw new Error('the bundle manifest was not written');
  return { manifest, zipBytes: (await stat(input.out)).size, redactor };
}

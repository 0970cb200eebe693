import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, open, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { bundlePaths, type BundleManifest } from '../../shared/bundle/manifest.js';
import { manifestSchema } from '../../shared/bundle/manifest-schema.js';
import { packLooseFolder } from './loose-folder.js';

/** A bundle the reader refused; the message is one line a person can act on. */
export class BundleRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleRefusedError';
  }
}

export interface ReaderLimits {
  readonly maxEntries: number;
  readonly maxTotalBytes: number;
  readonly maxRatio: number;
}

/** Issue #6: more than 10,000 entries, more than 2 GB uncompressed or a ratio over 200 is refused. */
export const defaultReaderLimits: ReaderLimits = { maxEntries: 10_000, maxTotalBytes: 2 * 1024 ** 3, maxRatio: 200 };

/** Entries smaller than this are not held to the ratio limit: a few KB of padding compresses absurdly well. */
const ratioFloorBytes = 1024 * 1024;

export interface OpenedBundle {
  /** A directory in bundle layout, with a checked manifest.json. */
  readonly dir: string;
  readonly manifest: BundleManifest;
  readonly from: 'zip' | 'directory' | 'loose';
  /** Removes the private temp dir (a no-op for a bundle directory read in place). */
  close(): Promise<void>;
}

/** Whether a file starts with a zip local-file header (read by content, never by its extension). */
export const isZip = async (file: string): Promise<boolean> => {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
};

/** Refuses entry names that could land outside the extraction folder, on any OS. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\0')) return 'a NUL character';
  if (name.includes('\\')) return 'a backslash';
  if (/^[A-Za-z]:/.test(name)) return 'a drive letter';
  if (name.startsWith('/')) return 'an absolute path';
  if (name.split('/').some((part) => part === '..')) return 'a ".." component';
  return null;
}

/**
 * Opens a bundle zip, a bundle directory or a loose folder of evidence, checks it, and returns a bundle
 * directory the replay collectors can read. Zips are unpacked only into a private temp dir, after every
 * entry header has been checked; nothing is ever written outside it.
 */
export interface OpenBundleOptions {
  readonly limits?: ReaderLimits;
  /** Where the private temp dir is made (default: the OS temp dir). */
  readonly tempParent?: string;
}

export async function openBundle(input: string, options: OpenBundleOptions = {}): Promise<OpenedBundle> {
  let info;
  try {
    info = await lstat(input);
  } catch {
    throw new BundleRefusedError(`${input}: no such file or directory`);
  }
  if (info.isSymbolicLink()) info = await lstat(await realpath(input));
  if (info.isDirectory()) {
    const hasManifest = await lstat(path.join(input, bundlePaths.manifest)).then(
      () => true,
      () => false,
    );
    if (hasManifest) {
      const manifest = await checkBundleDirectory(input);
      return { dir: input, manifest, from: 'directory', close: async () => undefined };
    }
    const dir = await privateTempDir(options.tempParent);
    try {
      const manifest = await packLooseFolder(input, dir);
      await checkBundleDirectory(dir);
      return { dir, manifest, from: 'loose', close: () => rm(dir, { recursive: true, force: true }) };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      if (error instanceof BundleRefusedError) throw error;
      throw new BundleRefusedError(`${input}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  if (!info.isFile()) throw new BundleRefusedError(`${input}: not a file or directory`);
  const zip = await extractCheckedZip(input, options);
  try {
    if (zip.hasManifest) {
      const manifest = await checkBundleDirectory(zip.dir, zip.hashes);
      return { dir: zip.dir, manifest, from: 'zip', close: zip.close };
    }
  } catch (error) {
    await zip.close();
    throw error;
  }
  // A zip of loose files (what a customer mails: an slmgr text and an event export, no manifest): packed
  // like a loose folder, after the same checks as a bundle's entries.
  const packed = await privateTempDir(options.tempParent);
  try {
    const manifest = await packLooseFolder(zip.dir, packed);
    await checkBundleDirectory(packed);
    return { dir: packed, manifest, from: 'zip', close: () => rm(packed, { recursive: true, force: true }) };
  } catch (error) {
    await rm(packed, { recursive: true, force: true });
    if (error instanceof BundleRefusedError) throw error;
    throw new BundleRefusedError(`${input}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  } finally {
    await zip.close();
  }
}

export interface ExtractedZip {
  /** The private temp dir the entries were unpacked into. */
  readonly dir: string;
  readonly hasManifest: boolean;
  readonly hashes: UnpackedHashes;
  close(): Promise<void>;
}

/**
 * Unpacks a zip into a private temp dir after checking every entry header (names, count, sizes, ratio),
 * with or without a manifest: a bundle, or a loose folder zipped by a customer.
 */
export async function extractCheckedZip(input: string, options: OpenBundleOptions = {}): Promise<ExtractedZip> {
  if (!(await isZip(input))) throw new BundleRefusedError(`${input}: not a zip file (a bundle is a .zip, a bundle directory or a folder of evidence)`);
  const dir = await privateTempDir(options.tempParent);
  try {
    const hashes = await extractZip(input, dir, options.limits ?? defaultReaderLimits);
    const hasManifest = await lstat(path.join(dir, bundlePaths.manifest)).then(
      () => true,
      () => false,
    );
    return { dir, hasManifest, hashes, close: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    if (error instanceof BundleRefusedError) throw error;
    throw new BundleRefusedError(`${input}: not a readable zip (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
}

/** The entry names of a zip, from its central directory after the same checks as unpacking: nothing is inflated or written. */
export async function zipEntryNames(input: string, options: OpenBundleOptions = {}): Promise<string[]> {
  try {
    const entries = await listEntries(await openZip(input), input, options.limits ?? defaultReaderLimits);
    return entries.map((entry) => (entry as yauzl.Entry & { kmsdName: string }).kmsdName);
  } catch (error) {
    if (error instanceof BundleRefusedError) throw error;
    throw new BundleRefusedError(`${input}: not a readable zip (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
}

/** A fresh directory only this user can read (mkdtemp + 0700). */
async function privateTempDir(parent = tmpdir()): Promise<string> {
  return mkdtemp(path.join(parent, 'kmsd-bundle-'));
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // strictFileNames off so our own check names the problem; entry sizes are still validated while reading.
    yauzl.open(file, { lazyEntries: true, autoClose: true, strictFileNames: false, validateEntrySizes: true, decodeStrings: false }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    );
  });
}

/** Reads every central-directory entry (nothing is written yet) and refuses the archive on the first problem. */
async function listEntries(zip: yauzl.ZipFile, file: string, limits: ReaderLimits): Promise<yauzl.Entry[]> {
  if (zip.entryCount > limits.maxEntries) throw new BundleRefusedError(`${file}: refused: ${zip.entryCount} entries (more than ${limits.maxEntries})`);
  const entries: yauzl.Entry[] = [];
  const names = new Set<string>();
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = Buffer.isBuffer(entry.fileName) ? (entry.fileName as Buffer).toString('utf8') : String(entry.fileName);
      const refuse = (why: string): void => {
        zip.close();
        reject(new BundleRefusedError(`${file}: refused: ${why}`));
      };
      const unsafe = unsafeEntryName(name);
      if (unsafe !== null) return refuse(`entry "${name}" has ${unsafe}`);
      const type = (entry.externalFileAttributes >>> 16) & 0o170000;
      if (type === 0o120000) return refuse(`entry "${name}" is a symbolic link`);
      if (names.has(name.toLowerCase())) return refuse(`entry "${name}" appears twice`);
      names.add(name.toLowerCase());
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) return refuse(`more than ${limits.maxTotalBytes} bytes uncompressed`);
      if (entry.uncompressedSize >= ratioFloorBytes && entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)) {
        return refuse(`entry "${name}" expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}-fold (more than ${limits.maxRatio})`);
      }
      Object.defineProperty(entry, 'kmsdName', { value: name });
      entries.push(entry);
      zip.readEntry();
    });
    zip.readEntry();
  });
  return entries;
}

/** SHA-256 and size of each file as it was unpacked, so the manifest check need not read 200 MB twice. */
type UnpackedHashes = Map<string, { readonly sha256: string; readonly size: number }>;

/** A zip up to this size is read whole and unpacked in memory (a client's bundle is a few KB; a fleet has thousands). */
export const smallZipBytes = 4 * 1024 * 1024;

function openZipBuffer(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, strictFileNames: false, validateEntrySizes: true, decodeStrings: false }, (error, zip) => (error ? reject(error) : resolve(zip)));
  });
}

/** One entry of a small zip after every check: a file's bytes, or a folder (its name ends in "/"). */
type CheckedEntry = { readonly name: string; readonly data: Buffer } | { readonly name: string; readonly data: null };

/**
 * The entries of a small zip held in `buffer`, each checked: the entry checks (listEntries), a name that
 * resolves inside `root`, stored or deflate only, not encrypted, inflated in memory to exactly its
 * header's size, its CRC-32. Nothing is written: extractSmallZip writes them, readZipInMemory keeps them.
 * Null, before anything is inflated, when the headers add up to more than `maxTotal` bytes.
 */
async function checkSmallZipEntries(file: string, buffer: Buffer, root: string, limits: ReaderLimits, maxTotal = Number.POSITIVE_INFINITY): Promise<CheckedEntry[] | null> {
  const entries = await listEntries(await openZipBuffer(buffer), file, limits);
  // Sizes are held to their headers below, so the headers' total is what inflating would hold.
  if (entries.reduce((total, entry) => total + entry.uncompressedSize, 0) > maxTotal) return null;
  const checked: CheckedEntry[] = [];
  for (const entry of entries) {
    const name = (entry as yauzl.Entry & { kmsdName: string }).kmsdName;
    const target = path.resolve(root, ...name.split('/'));
    if (target !== root && !target.startsWith(root + path.sep)) throw new BundleRefusedError(`${file}: refused: entry "${name}" resolves outside the bundle`);
    if (name.endsWith('/')) {
      checked.push({ name, data: null });
      continue;
    }
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new BundleRefusedError(`${file}: refused: entry "${name}" uses compression method ${entry.compressionMethod} (only stored and deflate)`);
    if (entry.isEncrypted()) throw new BundleRefusedError(`${file}: refused: entry "${name}" is encrypted`);
    // The local header's name and extra lengths place the data (the central directory's may differ).
    const at = entry.relativeOffsetOfLocalHeader;
    if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== 0x04034b50) throw new BundleRefusedError(`${file}: refused: entry "${name}" has no local header`);
    const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
    if (start + entry.compressedSize > buffer.length) throw new BundleRefusedError(`${file}: refused: entry "${name}" runs past the end of the zip`);
    const stored = buffer.subarray(start, start + entry.compressedSize);
    let data: Buffer;
    try {
      // One byte more than the header says is allowed out, so a larger entry is seen and refused.
      data = entry.compressionMethod === 8 ? inflateRawSync(stored, { maxOutputLength: entry.uncompressedSize + 1 }) : stored;
    } catch {
      throw new BundleRefusedError(`${file}: refused: entry "${name}" is larger than its header says or not valid deflate`);
    }
    if (data.length > entry.uncompressedSize) throw new BundleRefusedError(`${file}: refused: entry "${name}" is larger than its header says`);
    if (data.length < entry.uncompressedSize) throw new BundleRefusedError(`${file}: refused: entry "${name}" is smaller than its header says`);
    if (crc32(data) !== entry.crc32) throw new BundleRefusedError(`${file}: refused: entry "${name}" fails its CRC-32`);
    checked.push({ name, data });
  }
  return checked;
}

/**
 * extractZip for a small zip: one read of the file, every entry checked in memory (checkSmallZipEntries),
 * each written with one call: a thousand small bundles spent most of their time in per-entry streams and
 * file-system round trips.
 */
async function extractSmallZip(file: string, buffer: Buffer, dir: string, limits: ReaderLimits): Promise<UnpackedHashes> {
  const hashes: UnpackedHashes = new Map();
  const root = await realpath(dir);
  const entries = (await checkSmallZipEntries(file, buffer, root, limits))!;
  // Folders made so far: each is made once, not once per file in it.
  const made = new Set<string>([root]);
  const folder = (target: string): void => {
    if (made.has(target)) return;
    mkdirSync(target, { recursive: true, mode: 0o700 });
    made.add(target);
  };
  for (const { name, data } of entries) {
    const target = path.resolve(root, ...name.split('/'));
    if (data === null) {
      folder(target);
      continue;
    }
    folder(path.dirname(target));
    writeFileSync(target, data, { flag: 'wx', mode: 0o600 });
    hashes.set(name, { sha256: createHash('sha256').update(data).digest('hex'), size: data.length });
  }
  return hashes;
}

/** A small zip read into memory after every check extractCheckedZip makes; its manifest, if any, checked too. */
export interface ZipInMemory {
  /** Each file's bytes by its entry name ("events/kms-host.xml"), in archive order. */
  readonly files: ReadonlyMap<string, Buffer>;
  /** The manifest, checked against the files (sizes, SHA-256) like checkBundleDirectory; null without one. */
  readonly manifest: BundleManifest | null;
}

/** A small zip whose entries hold more than this uncompressed is unpacked to disk instead (memory stays bounded). */
export const inMemoryBytes = 32 * 1024 * 1024;

/**
 * Reads a zip already in memory (`buffer`, the bytes of the file `input`; at most smallZipBytes) with
 * the checks of extractCheckedZip and, when it holds a manifest, of checkBundleDirectory, writing
 * nothing to disk. A fleet of a thousand client bundles spent most of its time unpacking each into a
 * temp dir, reading it back and removing it (bench/README.md). Null when its entries hold more than
 * inMemoryBytes: such a zip (and any larger one) is unpacked with extractCheckedZip, so that big logs stream.
 */
export async function readZipInMemory(input: string, buffer: Buffer, options: OpenBundleOptions = {}): Promise<ZipInMemory | null> {
  if (buffer.length > smallZipBytes) throw new RangeError(`${input}: ${buffer.length} bytes is more than a zip read in memory may be`);
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) throw new BundleRefusedError(`${input}: not a zip file (a bundle is a .zip, a bundle directory or a folder of evidence)`);
  let entries: CheckedEntry[] | null;
  try {
    // Names are resolved against a root no file is ever written to: the same containment check as on disk.
    entries = await checkSmallZipEntries(input, buffer, path.resolve(tmpdir(), 'kmsd-bundle-in-memory'), options.limits ?? defaultReaderLimits, inMemoryBytes);
  } catch (error) {
    if (error instanceof BundleRefusedError) throw error;
    throw new BundleRefusedError(`${input}: not a readable zip (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  if (entries === null) return null;
  const files = new Map<string, Buffer>();
  const folders = new Set<string>();
  for (const { name, data } of entries) {
    if (data === null) folders.add(name.replace(/\/+$/, ''));
    else files.set(name, data);
  }
  const holdsManifest = files.has(bundlePaths.manifest) || folders.has(bundlePaths.manifest);
  return { files, manifest: holdsManifest ? checkBundleEntries(files, folders) : null };
}

async function extractZip(file: string, dir: string, limits: ReaderLimits): Promise<UnpackedHashes> {
  const size = (await lstat(file)).size;
  if (size <= smallZipBytes) return extractSmallZip(file, await readFile(file), dir, limits);
  const hashes: UnpackedHashes = new Map();
  const entries = await listEntries(await openZip(file), file, limits);
  const zip = await openZip(file);
  try {
    const root = await realpath(dir);
    for (const entry of entries) {
      const name = (entry as yauzl.Entry & { kmsdName: string }).kmsdName;
      const target = path.resolve(root, ...name.split('/'));
      if (target !== root && !target.startsWith(root + path.sep)) throw new BundleRefusedError(`${file}: refused: entry "${name}" resolves outside the bundle`);
      if (name.endsWith('/')) {
        await mkdir(target, { recursive: true, mode: 0o700 });
        continue;
      }
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new BundleRefusedError(`${file}: refused: entry "${name}" uses compression method ${entry.compressionMethod} (only stored and deflate)`);
      // Deflate is inflated here with 256 KB chunks: yauzl's default 16 KB chunks cost about twice the CPU on a 200 MB log.
      if (entry.isEncrypted()) throw new BundleRefusedError(`${file}: refused: entry "${name}" is encrypted`);
      const raw = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(entry, { decodeFileData: false } as yauzl.ZipFileOptions, (error, readStream) => (error ? reject(error) : resolve(readStream))),
      );
      // Counts what actually comes out, so a header that lies about sizes cannot get past the limits.
      let written = 0;
      const hash = createHash('sha256');
      const guard = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          written += chunk.length;
          hash.update(chunk);
          if (written > entry.uncompressedSize || written > limits.maxTotalBytes) callback(new BundleRefusedError(`${file}: refused: entry "${name}" is larger than its header says`));
          else callback(null, chunk);
        },
        flush(callback) {
          callback(written === entry.uncompressedSize ? null : new BundleRefusedError(`${file}: refused: entry "${name}" is smaller than its header says`));
        },
      });
      const output = createWriteStream(target, { flags: 'wx', mode: 0o600 });
      if (entry.compressionMethod === 8) await pipeline(raw, createInflateRaw({ chunkSize: 256 * 1024 }), guard, output);
      else await pipeline(raw, guard, output);
      hashes.set(name, { sha256: hash.digest('hex'), size: written });
    }
  } finally {
    zip.close();
  }
  return hashes;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** Parses manifest.json's text into a checked manifest, or refuses it with a one-line reason. */
function parseManifest(text: string): BundleManifest {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new BundleRefusedError(`refused: ${bundlePaths.manifest} is not valid JSON`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BundleRefusedError(`refused: ${bundlePaths.manifest} is malformed (${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'})`);
  }
  return parsed.data;
}

/**
 * checkBundleDirectory for a zip read into memory: manifest.json present and well-formed, every listed
 * file a safe name, present, a file (not a folder), with the size and SHA-256 the manifest says.
 */
function checkBundleEntries(files: ReadonlyMap<string, Buffer>, folders: ReadonlySet<string>): BundleManifest {
  const text = files.get(bundlePaths.manifest);
  if (text === undefined) throw new BundleRefusedError(`refused: the bundle has no ${bundlePaths.manifest}`);
  const manifest = parseManifest(text.toString('utf8'));
  for (const file of manifest.files) {
    const unsafe = unsafeEntryName(file.path);
    if (unsafe !== null) throw new BundleRefusedError(`refused: the manifest lists "${file.path}", which has ${unsafe}`);
    const data = files.get(file.path);
    if (data === undefined && folders.has(file.path)) throw new BundleRefusedError(`refused: ${file.path} is not a regular file`);
    if (data === undefined) throw new BundleRefusedError(`refused: ${file.path} is listed in the manifest but missing`);
    if (data.length !== file.size) throw new BundleRefusedError(`refused: ${file.path} is ${data.length} bytes, the manifest says ${file.size} (hash mismatch)`);
    if (createHash('sha256').update(data).digest('hex') !== file.sha256) throw new BundleRefusedError(`refused: ${file.path} does not match its SHA-256 in the manifest (hash mismatch)`);
  }
  return manifest;
}

/**
 * Checks a bundle directory: manifest.json present and well-formed, every listed file inside the
 * directory, a regular file (no symlinks), with the size and SHA-256 the manifest says.
 */
export async function checkBundleDirectory(dir: string, unpacked?: UnpackedHashes): Promise<BundleManifest> {
  const manifestPath = path.join(dir, bundlePaths.manifest);
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch {
    throw new BundleRefusedError(`refused: the bundle has no ${bundlePaths.manifest}`);
  }
  const manifest = parseManifest(text);
  const root = await realpath(dir);
  for (const file of manifest.files) {
    const unsafe = unsafeEntryName(file.path);
    if (unsafe !== null) throw new BundleRefusedError(`refused: the manifest lists "${file.path}", which has ${unsafe}`);
    const target = path.join(root, ...file.path.split('/'));
    let info;
    try {
      info = await lstat(target);
    } catch {
      throw new BundleRefusedError(`refused: ${file.path} is listed in the manifest but missing`);
    }
    if (info.isSymbolicLink()) throw new BundleRefusedError(`refused: ${file.path} is a symbolic link`);
    if (!info.isFile()) throw new BundleRefusedError(`refused: ${file.path} is not a regular file`);
    // A zip unpacked here holds only regular files and folders this process made in its private dir:
    // nothing in it can resolve elsewhere. A bundle directory given as input is checked.
    if (unpacked === undefined) {
      const real = await realpath(target);
      if (!real.startsWith(root + path.sep)) throw new BundleRefusedError(`refused: ${file.path} resolves outside the bundle`);
    }
    if (info.size !== file.size) throw new BundleRefusedError(`refused: ${file.path} is ${info.size} bytes, the manifest says ${file.size} (hash mismatch)`);
    const known = unpacked?.get(file.path);
    const actual = known !== undefined && known.size === info.size ? known.sha256 : await sha256File(target);
    if (actual !== file.sha256) throw new BundleRefusedError(`refused: ${file.path} does not match its SHA-256 in the manifest (hash mismatch)`);
  }
  return manifest;
}

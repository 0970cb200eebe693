/**
 * A case (DESIGN.md §5): the paths `analyze` is given, sorted into machines, each loaded, diagnosed and
 * reduced to what the pair checks need, one at a time, so a folder of a thousand bundles is read with
 * one machine's evidence in memory at a time.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { bundlePaths } from '../../shared/bundle/manifest.js';
import { isZip } from '../bundle/bundle-reader.js';
import { caseMachineOf, type CaseMachine } from '../../shared/case/case-machine.js';
import { diagnose } from '../../shared/diagnose/index.js';
import type { DiagnosisResult, Lang } from '../../shared/diagnose/types.js';
import { loadEvidence, type LoadedEvidence } from './load-evidence.js';

/** The top folders of the bundle layout: a folder holding only these is one machine's, not a case. */
const layoutFolders = new Set(Object.values(bundlePaths).filter((p) => p.includes('/')).map((p) => p.split('/')[0]!.toLowerCase()));
/**
 * Machines read at once: while one bundle's file is read (or a large one unpacked), others are parsed,
 * so the one JS thread stays busy; and memory is bounded to a few machines' evidence (figures in
 * bench/README.md).
 */
const concurrentMachines = 6;
/** How deep folders of folders are searched for machines (bundles/site-a/pc001.zip). */
const maxCaseDepth = 3;

export interface MachineSources {
  /** One path per machine: a bundle zip, a bundle folder, a loose folder or a single file. */
  readonly machines: readonly string[];
  /** Files beside the machines' folders that belong to none of them (said to the user, not read). */
  readonly ignored: readonly string[];
  /** How a machine's path is shown: a folder inside a zip as "case.zip/hostA", not its temp path. */
  readonly shown: ReadonlyMap<string, string>;
  /** Removes what was unpacked to find the machines (zips holding several machines' folders). */
  close(): Promise<void>;
}

/**
 * The machines in one folder: its bundle zips and its sub-folders (other than the bundle layout's own),
 * when there are at least two; else null (the folder is one machine's). Symlinks are not followed.
 */
async function machinesIn(dir: string, depth: number): Promise<{ machines: string[]; ignored: string[] } | null> {
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && e.name.toLowerCase() === bundlePaths.manifest)) return null;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const candidates: string[] = [];
  const others: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !layoutFolders.has(entry.name.toLowerCase())) candidates.push(full);
    else if (entry.isFile() && (await isZip(full))) candidates.push(full);
    else if (entry.isFile()) others.push(full);
  }
  // bundles/ holding only clients/ (and no files of its own): the machines are one level down.
  if (candidates.length === 1 && others.length === 0 && depth < maxCaseDepth && (await lstat(candidates[0]!)).isDirectory()) return machinesIn(candidates[0]!, depth + 1);
  if (candidates.length < 2) return null;
  const machines: string[] = [];
  const ignored = [...others];
  for (const candidate of candidates) {
    const inner = depth < maxCaseDepth && (await lstat(candidate)).isDirectory() ? await machinesIn(candidate, depth + 1) : null;
    if (inner === null) machines.push(candidate);
    else {
      machines.push(...inner.machines);
      ignored.push(...inner.ignored);
    }
  }
  return { machines, ignored };
}

/**
 * Whether a zip's entries may hold several machines, by machinesIn's rule over their names: a file counts
 * as a bundle zip when `isZipEntry` says so (its bytes when read in memory; unread, it may be one).
 */
function entriesMayHoldMachines(names: readonly string[], isZipEntry: (name: string) => boolean, prefix = '', depth = 1): boolean {
  const files: string[] = [];
  const folders = new Set<string>();
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash === -1) files.push(rest);
    else folders.add(rest.slice(0, slash));
  }
  if (files.some((f) => f.toLowerCase() === bundlePaths.manifest)) return false;
  const machineFolders = [...folders].filter((f) => !layoutFolders.has(f.toLowerCase()));
  const zips = files.filter((f) => isZipEntry(`${prefix}${f}`));
  if (machineFolders.length === 1 && files.length === 0 && depth < maxCaseDepth) return entriesMayHoldMachines(names, isZipEntry, `${prefix}${machineFolders[0]!}/`, depth + 1);
  return machineFolders.length + zips.length >= 2;
}

/**
 * Whether a zip may hold several machines' folders or bundles, decided without unpacking it: by its
 * central directory (a bundle's manifest.json says one machine), then, for a small zip whose names leave
 * it open, by its entries read in memory. Only then is it unpacked to look; one machine's zip is left to
 * loadEvidence, which reads it once.
 */
async function zipMayHoldMachines(input: string): Promise<boolean> {
  const { readZipInMemory, smallZipBytes, zipEntryNames } = await import('../bundle/bundle-reader.js');
  if (!entriesMayHoldMachines(await zipEntryNames(input), () => true)) return false;
  if ((await lstat(input)).size <= smallZipBytes) {
    const inMemory = await readZipInMemory(input, await readFile(input));
    if (inMemory !== null) {
      const isZipEntry = (name: string): boolean => {
        const data = inMemory.files.get(name);
        return data !== undefined && data.length >= 4 && data.readUInt32LE(0) === 0x04034b50;
      };
      return entriesMayHoldMachines([...inMemory.files.keys()], isZipEntry);
    }
  }
  return true;
}

/**
 * Sorts the given paths into machines: each path is one, unless it is a folder of several machines'
 * bundles, or a zip without a manifest holding several machines' folders (unpacked with the bundle
 * reader's checks; close() removes it).
 */
export async function machineSources(paths: readonly string[]): Promise<MachineSources> {
  const machines: string[] = [];
  const ignored: string[] = [];
  const shown = new Map<string, string>();
  const unpacked: Array<() => Promise<void>> = [];
  const close = async (): Promise<void> => {
    await Promise.all(unpacked.map((c) => c()));
  };
  try {
    for (const input of paths) {
      const info = await lstat(input);
      let inner = info.isDirectory() ? await machinesIn(input, 1) : null;
      if (inner === null && info.isFile() && (await isZip(input)) && (await zipMayHoldMachines(input))) {
        const { extractCheckedZip } = await import('../bundle/bundle-reader.js');
        const zip = await extractCheckedZip(input);
        inner = zip.hasManifest ? null : await machinesIn(zip.dir, 1);
        if (inner === null) await zip.close();
        else {
          unpacked.push(() => zip.close());
          for (const m of inner.machines) shown.set(m, `${input}/${path.relative(zip.dir, m).split(path.sep).join('/')}`);
          inner = { ...inner, ignored: inner.ignored.map((f) => `${input}/${path.relative(zip.dir, f).split(path.sep).join('/')}`) };
        }
      }
      if (inner === null) machines.push(input);
      else {
        machines.push(...inner.machines);
        ignored.push(...inner.ignored);
      }
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { machines, ignored, shown, close };
}

export interface AnalysedMachine {
  readonly source: string;
  readonly loaded: LoadedEvidence;
  readonly result: DiagnosisResult;
}

/**
 * Loads and diagnoses the machines, a few at a time, and keeps each one's CaseMachine (in the order
 * given); `each` sees the whole evidence and result while they are in memory (the CLI's history, a
 * progress line). A machine that cannot be read stops the case with its path in the message: a case
 * with a machine silently missing would judge its clients wrongly.
 */
export async function loadCase(
  sources: readonly string[],
  lang: Lang,
  each?: (machine: AnalysedMachine) => void | Promise<void>,
  shown: ReadonlyMap<string, string> = new Map(),
): Promise<CaseMachine[]> {
  const machines: CaseMachine[] = new Array<CaseMachine>(sources.length);
  let nextIndex = 0;
  let failure: CaseMachineError | null = null;
  const worker = async (): Promise<void> => {
    while (failure === null && nextIndex < sources.length) {
      const index = nextIndex++;
      const file = sources[index]!;
      const source = shown.get(file) ?? file;
      let loaded: LoadedEvidence;
      try {
        loaded = await loadEvidence(file);
      } catch (error) {
        failure ??= new CaseMachineError(source, error);
        return;
      }
      const result = diagnose(loaded.evidence, { lang });
      machines[index] = caseMachineOf(source, loaded.evidence, result);
      if (each) await each({ source, loaded, result });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrentMachines, sources.length) }, worker));
  if (failure !== null) throw failure;
  return machines;
}

/** A machine of a case that could not be read: which one, and why. */
export class CaseMachineError extends Error {
  constructor(
    readonly source: string,
    readonly reason: unknown,
  ) {
    super(`${source}: ${reason instanceof Error ? reason.message.split('\n')[0] : String(reason)}`);
    this.name = 'CaseMachineError';
  }
}

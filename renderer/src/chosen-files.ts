/** One file the technician chose or dropped, with where it lies inside the folder it came from. */
export interface ChosenFile {
  readonly file: File;
  /** Its path below `folder` ("events/kms-host.xml"), or below the drop ("PC404/manifest.json"); absent for a loose file. */
  readonly path?: string;
}

/** What the technician chose or dropped: loose files, or one folder (`folder` its name) keeping its layout. */
export interface Chosen {
  readonly files: readonly ChosenFile[];
  readonly folder?: string;
}

/**
 * The folder files were chosen from (webkitRelativePath "folder/events/x.xml"): its name and each file's
 * path below it; null when the browser gave no relative paths.
 */
export function chosenFolder(files: readonly File[]): { readonly name: string; readonly pathOf: (file: File) => string } | null {
  const top = files[0]?.webkitRelativePath.split('/')[0] ?? '';
  if (top === '' || !files.every((file) => file.webkitRelativePath.startsWith(`${top}/`))) return null;
  return { name: top, pathOf: (file) => file.webkitRelativePath.slice(top.length + 1) };
}

/** Files from the folder picker: one folder keeps its layout; files without relative paths stay loose. */
export function chosenFromPicker(files: readonly File[], fromFolder: boolean): Chosen {
  const folder = fromFolder ? chosenFolder(files) : null;
  if (folder === null) return { files: files.map((file) => ({ file })) };
  return { folder: folder.name, files: files.map((file) => ({ file, path: folder.pathOf(file) })) };
}

/**
 * The part of a dropped FileSystemEntry (DataTransferItem.webkitGetAsEntry) the walk reads, so the walk
 * runs over a fake tree in a test: headless Chromium cannot drop a real directory.
 */
export interface DroppedEntry {
  readonly name: string;
  readonly isFile: boolean;
  readonly isDirectory: boolean;
}
interface DroppedFileEntry extends DroppedEntry {
  file(success: (file: File) => void, failure?: (error: DOMException) => void): void;
}
interface DroppedDirectoryEntry extends DroppedEntry {
  createReader(): { readEntries(success: (entries: DroppedEntry[]) => void, failure?: (error: DOMException) => void): void };
}

const isDirectory = (entry: DroppedEntry): entry is DroppedDirectoryEntry => entry.isDirectory;
const isFile = (entry: DroppedEntry): entry is DroppedFileEntry => entry.isFile;

const fileOf = (entry: DroppedFileEntry): Promise<File> => new Promise((resolve, reject) => entry.file(resolve, reject));

/** Every entry of a directory: readEntries hands them out in batches (100 in Chromium) until an empty one. */
async function childrenOf(entry: DroppedDirectoryEntry): Promise<DroppedEntry[]> {
  const reader = entry.createReader();
  const children: DroppedEntry[] = [];
  for (;;) {
    const batch = await new Promise<DroppedEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return children;
    children.push(...batch);
  }
}

/**
 * The files below the dropped entries, each with its path from the drop ("PC404/events/app.xml"), in the
 * order a listing shows them. Stops once it holds more than `limit` files, so dropping a whole drive does
 * not read it all before being refused (the caller sees more than `limit` and says so).
 */
export async function walkDropped(entries: readonly DroppedEntry[], limit: number): Promise<ChosenFile[]> {
  const found: ChosenFile[] = [];
  const visit = async (entry: DroppedEntry, prefix: string): Promise<void> => {
    if (found.length > limit) return;
    const path = `${prefix}${entry.name}`;
    if (isFile(entry)) found.push({ file: await fileOf(entry), path });
    else if (isDirectory(entry)) {
      const children = await childrenOf(entry);
      children.sort((a, b) => a.name.localeCompare(b.name));
      for (const child of children) await visit(child, `${path}/`);
    }
  };
  for (const entry of entries) await visit(entry, '');
  return found;
}

/**
 * What a drop holds. Loose files open as the picker's files do (a zip as itself). A dropped folder keeps
 * its layout, like one chosen with "Choose a folder…": one folder is opened under its own name; several
 * folders (or folders and files) together as one upload, each file under its path from the drop.
 * `entries` must be read during the drop event (a DataTransfer is emptied once its handler returns).
 */
export async function chosenFromDrop(files: readonly File[], entries: readonly (DroppedEntry | null)[], limit: number): Promise<Chosen> {
  const known = entries.filter((entry): entry is DroppedEntry => entry !== null);
  if (known.length === 0 || !known.some(isDirectory)) return { files: files.map((file) => ({ file })) };
  const walked = await walkDropped(known, limit);
  const [only] = known;
  if (known.length === 1 && only !== undefined) {
    const below = only.name.length + 1;
    return { folder: only.name, files: walked.map(({ file, path }) => ({ file, path: path?.slice(below) ?? file.name })) };
  }
  return { files: walked };
}

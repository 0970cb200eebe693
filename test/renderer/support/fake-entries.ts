import type { DroppedEntry } from '../../../renderer/src/chosen-files.js';

/** A tree to drop: a name maps to a file's text or to a folder's own tree. */
export interface FakeTree {
  readonly [name: string]: string | FakeTree;
}

export interface FakeEntryOptions {
  /** Entries readEntries hands out per call (Chromium: 100), so a walk that reads once loses the rest. */
  readonly batch?: number;
  /** A folder whose reading fails as Chromium's does when the drop was not granted. */
  readonly unreadable?: string;
  /** Counts every readEntries call, to show a walk stops early. */
  readonly onRead?: (folder: string) => void;
}

/**
 * FileSystemEntry stand-ins (what DataTransferItem.webkitGetAsEntry gives for a dropped file or folder):
 * headless Chromium cannot drop a real folder (the entry comes, but reading it fails), so the walk is
 * tested over these, with the same callback shapes and batching as the real API.
 */
export function fakeEntry(name: string, node: string | FakeTree, options: FakeEntryOptions = {}): DroppedEntry {
  if (typeof node === 'string') {
    return { name, isFile: true, isDirectory: false, file: (success: (file: File) => void) => setTimeout(() => success(new File([node], name)), 0) } as DroppedEntry;
  }
  const children = Object.entries(node).map(([child, value]) => fakeEntry(child, value, options));
  const batch = options.batch ?? 100;
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let offset = 0;
      return {
        readEntries: (success: (entries: DroppedEntry[]) => void, failure: (error: DOMException) => void) => {
          options.onRead?.(name);
          if (name === options.unreadable) {
            setTimeout(() => failure(new DOMException('A URI supplied to the API was malformed', 'EncodingError')), 0);
            return;
          }
          const handed = children.slice(offset, offset + batch);
          offset += handed.length;
          setTimeout(() => success(handed), 0);
        },
      };
    },
  } as DroppedEntry;
}

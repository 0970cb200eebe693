/**
 * Reads a slmgr.ini the way slmgr.vbs's loader does (knowledge/SLMGR-LOCALIZATION.md §a): every line
 * with an `=` is split at the first one; key = left side, spaces trimmed, lower-cased; value = right
 * side, spaces trimmed (not tabs), then one leading and one trailing `"` removed; no escapes, no
 * sections. A duplicate key stops the reading. Takes decoded text (see decodeText); never throws.
 */
import type { SlmgrLabelSet } from '../kms/slmgr-labels.js';

export type { SlmgrLabelSet } from '../kms/slmgr-labels.js';

const trimSpaces = (text: string): string => text.replace(/^ +| +$/g, '');

/** Parses slmgr.ini text into the label set slmgr would have used. */
export function parseSlmgrIni(text: string): SlmgrLabelSet {
  const values = new Map<string, string>();
  let stoppedAtDuplicate: string | null = null;
  // FileSystemObject skips the BOM in Unicode mode; a caller that kept it must not damage key one.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (const line of body.split(/\r\n|\n|\r/)) {
    const at = line.indexOf('=');
    if (at < 0) continue;
    const key = trimSpaces(line.slice(0, at)).toLowerCase();
    let value = trimSpaces(line.slice(at + 1));
    if (value.startsWith('"')) value = value.slice(1);
    if (value.endsWith('"')) value = value.slice(0, -1);
    if (values.has(key)) {
      stoppedAtDuplicate = key;
      break;
    }
    values.set(key, value);
  }
  return { values, stoppedAtDuplicate };
}

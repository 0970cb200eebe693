/**
 * The label set slmgr.vbs printed with: the values of a `slmgr\<LANGID>\slmgr.ini`, keyed the way
 * the script looks them up (constant name, lower-cased). Keys the set lacks fall back to English,
 * exactly as in the script, so a partial ini gives mixed-language output.
 */
import { slmgrLabels, type SlmgrLabel } from './slmgr-labels-data.js';

export {
  slmgrCommandLabels,
  slmgrConfirmationFollowUps,
  slmgrLabels,
  type SlmgrCommand,
  type SlmgrCommandLabel,
  type SlmgrConfirmedCommand,
  type SlmgrLabel,
} from './slmgr-labels-data.js';

export interface SlmgrLabelSet {
  /** Ini values by lower-cased constant name (slmgr matches keys case-insensitively). */
  readonly values: ReadonlyMap<string, string>;
  /**
   * The first duplicate key, if any: slmgr's dictionary rejects it and, running under "resume on
   * error", reads no further, so every key after it falls back to English.
   */
  readonly stoppedAtDuplicate: string | null;
}

const byLowerKey: ReadonlyMap<string, SlmgrLabel> = new Map(slmgrLabels.map((label) => [label.key.toLowerCase(), label]));

/** The label table entry for a constant name (case-insensitive), or null. */
export function findSlmgrLabel(key: string): SlmgrLabel | null {
  return byLowerKey.get(key.toLowerCase()) ?? null;
}

/** A label set from plain `{ L_MsgName: "value" }` pairs (tests, bundles that stored the values). */
export function labelSetFromEntries(entries: Readonly<Record<string, string>>): SlmgrLabelSet {
  return { values: new Map(Object.entries(entries).map(([key, value]) => [key.toLowerCase(), value])), stoppedAtDuplicate: null };
}

/** The text slmgr prints for a constant with this label set: the ini value, else built-in English. */
export function slmgrText(key: string, labels?: SlmgrLabelSet | null): string {
  const fromIni = labels?.values.get(key.toLowerCase());
  if (fromIni !== undefined) return fromIni;
  return findSlmgrLabel(key)?.en ?? '';
}

/** How many of the set's keys are display constants of the table (0 means the ini is of no use). */
export function countKnownLabels(labels: SlmgrLabelSet): number {
  let count = 0;
  for (const key of labels.values.keys()) if (byLowerKey.has(key)) count += 1;
  return count;
}

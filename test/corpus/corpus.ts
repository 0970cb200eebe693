/**
 * The real-world corpus (test/fixtures/real-world): the items, the fields a careful human reads from each,
 * and what `analyze` should conclude. Shared by the corpus test and `scripts/corpus-score.ts`, which
 * prints how many items analyze accepts and how many fields parse reads (the issue 14 yardstick).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const corpusDir = fileURLToPath(new URL('../fixtures/real-world/', import.meta.url));

export type FieldValue = string | number | boolean | null | { readonly name: string; readonly port: number | null };

export interface CorpusConclusion {
  readonly accepted: boolean;
  /** analyze's detected role (host, client, both, unknown). */
  readonly role?: string;
  readonly products?: ReadonlyArray<{ readonly kind: string | null; readonly licenseStatus: string | null }>;
  /** The first problem or warning about the machine (collection notes and info aside), or "healthy". */
  readonly first?: string;
  /** For a refused item: a word its one-line explanation must contain. */
  readonly says?: string;
}

export interface CorpusItem {
  readonly file: string;
  readonly origin: 'real' | 'constructed';
  readonly language: string;
  readonly shape: 'slmgr' | 'events' | 'out-of-scope';
  readonly fields: Readonly<Record<string, FieldValue>>;
  readonly conclusion: CorpusConclusion;
  readonly note?: string;
}

export const corpus: readonly CorpusItem[] = JSON.parse(readFileSync(path.join(corpusDir, 'expected.json'), 'utf8')) as CorpusItem[];

export const itemPath = (item: CorpusItem): string => path.join(corpusDir, ...item.file.split('/'));

/** The value at a dotted path ("products.0.kmsClient.cmid", "events.length"); undefined when absent. */
export function fieldAt(root: unknown, dotted: string): unknown {
  let value: unknown = root;
  for (const part of dotted.split('.')) {
    if (value === null || value === undefined || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Whether a read value is what the human read: absent counts as null (never guessed = not there). */
export function fieldMatches(actual: unknown, expected: FieldValue): boolean {
  const value = actual === undefined ? null : actual;
  if (expected !== null && typeof expected === 'object') {
    return value !== null && typeof value === 'object' && (value as { name?: unknown }).name === expected.name && (value as { port?: unknown }).port === expected.port;
  }
  return value === expected;
}

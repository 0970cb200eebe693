import type { Finding } from '../../../shared/contract/operations.js';

export interface RunComparison {
  readonly appeared: readonly Finding[];
  readonly disappeared: readonly Finding[];
  readonly unchanged: readonly Finding[];
}

/** Which findings appeared and disappeared between two runs, matched by finding id. */
export function compareRuns(older: readonly Finding[], newer: readonly Finding[]): RunComparison {
  const olderIds = new Set(older.map((finding) => finding.id));
  const newerIds = new Set(newer.map((finding) => finding.id));
  const unique = (findings: readonly Finding[]) => findings.filter((finding, index) => findings.findIndex((other) => other.id === finding.id) === index);
  return {
    appeared: unique(newer.filter((finding) => !olderIds.has(finding.id))),
    disappeared: unique(older.filter((finding) => !newerIds.has(finding.id))),
    unchanged: unique(newer.filter((finding) => olderIds.has(finding.id))),
  };
}

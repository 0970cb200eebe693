import type { Finding, RunSummary } from '../../../shared/contract/operations.js';

export interface RunComparison {
  readonly appeared: readonly Finding[];
  readonly disappeared: readonly Finding[];
  readonly unchanged: readonly Finding[];
}

/**
 * A finding's identity across runs: its id and its subject. The engine writes the subject into the
 * title (the collector that failed, the host, the domain), so four "Could not collect" findings stay
 * four, and a count that changed from 1 to 30 shows as one finding gone and another come.
 */
const identity = (finding: Finding): string => `${finding.id}\u0000${finding.title}`;

/** Which findings appeared and disappeared between two runs of one language, matched by id and subject. */
export function compareRuns(older: readonly Finding[], newer: readonly Finding[]): RunComparison {
  const olderKeys = new Set(older.map(identity));
  const newerKeys = new Set(newer.map(identity));
  const unique = (findings: readonly Finding[]) => findings.filter((finding, index) => findings.findIndex((other) => identity(other) === identity(finding)) === index);
  return {
    appeared: unique(newer.filter((finding) => !olderKeys.has(identity(finding)))),
    disappeared: unique(older.filter((finding) => !newerKeys.has(identity(finding)))),
    unchanged: unique(newer.filter((finding) => olderKeys.has(identity(finding)))),
  };
}

/** True when two runs are of different machines (names compared without case; an unknown name is no proof either way). */
export function differentMachines(a: Pick<RunSummary, 'machine'>, b: Pick<RunSummary, 'machine'>): boolean {
  if (a.machine === null || b.machine === null) return false;
  return a.machine.toLowerCase() !== b.machine.toLowerCase();
}

/**
 * Elevation: whether the app runs as administrator (DESIGN.md §1: without it some checks degrade).
 *
 * On Windows a process is elevated when its token's mandatory integrity level is High or above; whoami
 * prints that level as a well-known SID (S-1-16-<RID>), which no display language translates.
 */

// Mandatory label RIDs: 0 untrusted, 4096 low, 8192 medium, 8448 medium plus, 12288 high, 16384 system.
const highIntegrityRid = 12288;

/** Reads the integrity level RID from `whoami /groups` output (any format, any language), or null. */
export function integrityRid(whoamiGroups: string): number | null {
  const match = /\bS-1-16-(\d{1,6})\b/.exec(whoamiGroups);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** True for a High (or System) integrity token, false for Medium or lower, null when the output says nothing. */
export function isElevatedFromWhoami(whoamiGroups: string): boolean | null {
  const rid = integrityRid(whoamiGroups);
  return rid === null ? null : rid >= highIntegrityRid;
}

/** What detectElevation needs from its host, so it is tested without Windows. */
export interface ElevationProbe {
  readonly platform: string;
  /** The effective user id where POSIX has one. */
  readonly uid: number | null;
  /** Runs `whoami /groups /fo csv /nh` (electron/collect/windows/elevation.ts) and returns its stdout, or null. */
  readonly whoamiGroups: () => Promise<string | null>;
}

/**
 * Detects elevation: the token's integrity level on Windows, root elsewhere; null when it cannot be told
 * (the UI then says "unknown" rather than guessing).
 */
export async function detectElevation(probe: ElevationProbe): Promise<boolean | null> {
  if (probe.platform !== 'win32') return probe.uid === null ? null : probe.uid === 0;
  try {
    const output = await probe.whoamiGroups();
    return output === null ? null : isElevatedFromWhoami(output);
  } catch {
    return null;
  }
}

/**
 * `whoami /groups` output → the token's integrity level (DESIGN.md §1: without elevation some checks
 * degrade). On Windows a process is elevated when its token's mandatory integrity level is High or
 * above; whoami prints that level as a well-known SID (S-1-16-<RID>), which no display language
 * translates.
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

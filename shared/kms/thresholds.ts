/**
 * KMS numbers the diagnosis relies on (DESIGN.md §4, knowledge/KMS-FACTS.md §1-§4). Data, not logic, so
 * rules and tests quote the same values.
 */

/** Distinct CMIDs a host must have seen before it activates Windows client OS. */
export const clientOsThreshold = 25;
/** Distinct CMIDs a host must have seen before it activates Windows Server OS and volume Office. */
export const serverOfficeThreshold = 5;
/** The count window: distinct CMIDs seen in the last 30 days. */
export const countWindowDays = 30;
export const countWindowMs = countWindowDays * 24 * 60 * 60 * 1000;
/** The host caches at most 2 × the highest threshold requested. */
export const maxCount = 2 * clientOsThreshold;

/** The count a host keeps at most: 2 × the highest threshold asked (50 once a client OS asked, 10 for servers and Office only). */
export function countCap(clientOsAsked: boolean): number {
  return 2 * (clientOsAsked ? clientOsThreshold : serverOfficeThreshold);
}
/** Client and host clocks must agree within 4 hours (0xC004F06C beyond). */
export const maxClockSkewMs = 4 * 60 * 60 * 1000;
/** The default KMS TCP port. */
export const defaultKmsPort = 1688;
/** A client whose license state runs out within this many minutes is listed as "expires soon" (7 days). */
export const expiresSoonMinutes = 7 * 24 * 60;
/** Default retry interval of an unactivated client and renewal interval of an activated one, minutes. */
export const defaultActivationIntervalMinutes = 120;
export const defaultRenewalIntervalMinutes = 10_080;

/** The family a minimum count belongs to: 25 → Windows client OS, otherwise server OS / Office. */
export function familyOfMinimumCount(minimumCount: number): 'client-os' | 'server-office' {
  return minimumCount >= clientOsThreshold ? 'client-os' : 'server-office';
}

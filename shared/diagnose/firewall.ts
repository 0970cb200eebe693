/**
 * Whether the host firewall lets clients reach the KMS port, decided once: the `host.firewall-closed`
 * finding and the host dashboard both read this (DiagnosisResult.firewall), so they cannot disagree.
 */
import { defaultKmsPort } from '../kms/thresholds.js';
import { portListCovers, type FirewallEvidence, type FirewallProfileName, type FirewallRule } from '../parse/system-evidence.js';
import type { EvidenceSet } from './evidence.js';

export interface KmsListeningPort {
  readonly port: number;
  /** Where it was read: the host's registry settings, or slmgr's "Listening on Port". */
  readonly from: 'host-config' | 'slmgr';
}

/** The port the KMS host listens on, as configured (registry) or as slmgr printed it; null when neither says. */
export function kmsListeningPort(evidence: EvidenceSet): KmsListeningPort | null {
  const configured = evidence.hostConfig?.listeningPort ?? null;
  if (configured !== null) return { port: configured, from: 'host-config' };
  const printed = (evidence.slmgr?.products ?? []).map((product) => product.kmsHost?.listeningPort ?? null).find((port) => port !== null);
  return printed === undefined || printed === null ? null : { port: printed, from: 'slmgr' };
}

export interface FirewallCoverage {
  /** closed: an active profile with the firewall on has no inbound allow rule for the port. */
  readonly state: 'open' | 'closed' | 'unknown';
  readonly port: number;
  /** The profiles that must let the port in: the active ones with the firewall on (every profile with it on when the active ones are not known). */
  readonly checkedProfiles: readonly FirewallProfileName[];
  /** The checked profiles no rule opens. */
  readonly closedProfiles: readonly FirewallProfileName[];
  /** Enabled inbound allow rules for TCP on the port that apply to a checked profile (or to any profile). */
  readonly rules: readonly FirewallRule[];
  /** Every enabled inbound allow rule for TCP on the port, whatever its profiles (the finding quotes them). */
  readonly portRules: readonly FirewallRule[];
}

const allowsTcpPort = (rule: FirewallRule, port: number): boolean =>
  rule.enabled && rule.inbound && rule.allow && (rule.protocol === null || /^(tcp|6|any)$/i.test(rule.protocol)) && portListCovers(rule.localPorts, port);

const appliesTo = (rule: FirewallRule, profile: FirewallProfileName): boolean => rule.profiles.length === 0 || rule.profiles.includes(profile);

/** The coverage of `port` by the firewall evidence; `unknown` without evidence or without any profile read. */
export function firewallCoverage(firewall: FirewallEvidence | null, port: number = defaultKmsPort): FirewallCoverage {
  const none: FirewallCoverage = { state: 'unknown', port, checkedProfiles: [], closedProfiles: [], rules: [], portRules: [] };
  if (firewall === null) return none;
  const profileOn = new Map(firewall.profiles.filter((p) => p.name !== null).map((p) => [p.name!, p.enabled] as const));
  const enabled = [...profileOn].filter(([, on]) => on === true).map(([name]) => name);
  // Without the active profiles, every profile with the firewall on must let the port in (the conservative reading).
  const checked = firewall.activeProfiles.length > 0 ? firewall.activeProfiles.filter((p) => profileOn.get(p) !== false) : enabled;
  const candidates = firewall.rules.filter((rule) => allowsTcpPort(rule, port));
  if (checked.length === 0) return firewall.activeProfiles.length > 0 || profileOn.size > 0 ? { ...none, state: 'open', portRules: candidates } : none;
  const rules = candidates.filter((rule) => checked.some((profile) => appliesTo(rule, profile)));
  const closedProfiles = checked.filter((profile) => !candidates.some((rule) => appliesTo(rule, profile)));
  return { state: closedProfiles.length > 0 ? 'closed' : 'open', port, checkedProfiles: checked, closedProfiles, rules, portRules: candidates };
}

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { bundlePaths, type EvidenceKind } from '../../shared/bundle/manifest.js';
import type { Collectors, EventWindow, RawOutput } from '../collect/collectors.js';
import type { Role } from '../../shared/kms/role.js';

/** One collection step: which collector call, for which roles, into which bundle files. */
export interface CollectStep {
  readonly id: EvidenceKind;
  /** Roles that need it; 'any' runs everywhere. */
  readonly roles: ReadonlyArray<'host' | 'client'> | 'any';
  /** Steps that must finish first (the probes need the DNS configuration). */
  readonly after?: readonly EvidenceKind[];
  /** Optional evidence: "absent" is a normal answer, not a failure (no slmgr.ini on an English system). */
  readonly optional?: boolean;
  run(collectors: Collectors, context: StepContext): Promise<RawOutput>;
}

export interface StepContext {
  readonly window: EventWindow;
  /** Where a file-writing collector (wevtutil qe/epl) writes evidence of this kind (bundle layout). */
  target(kind: EvidenceKind): Promise<string>;
  /** Outputs of finished steps, for steps that depend on them. */
  readonly outputs: ReadonlyMap<EvidenceKind, RawOutput>;
}

/** Targets in a private work directory, in bundle layout, each folder made first. */
export function workDirTargets(workDir: string): StepContext['target'] {
  return async (kind) => {
    const file = path.join(workDir, ...bundlePaths[kind].split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    return file;
  };
}

/** The first phase: enough to work out the role, and what every run needs anyway. */
export const firstPhase: readonly CollectStep[] = [
  { id: 'system', roles: 'any', run: (c) => c.systemInfo() },
  { id: 'cimProducts', roles: 'any', run: (c) => c.products() },
  { id: 'cimService', roles: 'any', run: (c) => c.service() },
  { id: 'slmgrDlv', roles: 'any', run: (c) => c.dlv() },
];

/** The second phase, chosen by role (DESIGN.md §6: what support receives from a client and from a host). */
export const secondPhase: readonly CollectStep[] = [
  { id: 'slmgrDlvAll', roles: 'any', run: (c) => c.dlvAll() },
  { id: 'slmgrIni', roles: 'any', optional: true, run: (c) => c.slmgrIni() },
  { id: 'eventsKmsHostXml', roles: ['host'], run: async (c, x) => c.kmsHostEvents(x.window, await x.target('eventsKmsHostXml')) },
  // Optional: the Application log always exists on a live machine (never "absent"); a bundle recorded before
  // these were collected apart has its 12293/12294 in kms-host.xml, so their absence there is no failure.
  { id: 'eventsHostDnsPublishXml', roles: ['host'], optional: true, run: async (c, x) => c.hostDnsPublishEvents(x.window, await x.target('eventsHostDnsPublishXml')) },
  { id: 'eventsKmsHostEvtx', roles: ['host'], run: async (c, x) => c.exportKmsHostLog(await x.target('eventsKmsHostEvtx')) },
  { id: 'eventsHostDnsPublishEvtx', roles: ['host'], optional: true, run: async (c, x) => c.exportHostDnsPublishLog(await x.target('eventsHostDnsPublishEvtx'), x.window) },
  { id: 'eventLogHealth', roles: ['host'], run: (c) => c.eventLogHealth() },
  { id: 'hostConfig', roles: ['host'], run: (c) => c.kmsHostConfig() },
  { id: 'firewall', roles: ['host'], run: (c) => c.firewall() },
  { id: 'eventsApplicationSppXml', roles: ['client'], run: async (c, x) => c.applicationSppEvents(x.window, await x.target('eventsApplicationSppXml')) },
  { id: 'eventsApplicationSppEvtx', roles: ['client'], run: async (c, x) => c.exportApplicationSppLog(await x.target('eventsApplicationSppEvtx'), x.window) },
  { id: 'dnsClient', roles: 'any', run: (c) => c.dnsClient() },
  { id: 'kmsClientRegistry', roles: ['client'], run: (c) => c.kmsClientRegistry() },
];

/**
 * Steps that need an administrator token (DESIGN.md §1): the installed app always has one; the CLI runs
 * from a standard prompt too, and then says these are degraded.
 */
export const needsAdministrator: readonly EvidenceKind[] = [
  'eventsKmsHostXml',
  'eventsHostDnsPublishXml',
  'eventsApplicationSppXml',
  'eventsKmsHostEvtx',
  'eventsHostDnsPublishEvtx',
  'eventsApplicationSppEvtx',
  'eventLogHealth',
];

/** Whether a step belongs to a run of this role ("unknown" runs everything: better too much than a gap). */
export function stepApplies(step: CollectStep, role: Role): boolean {
  if (step.roles === 'any' || role === 'unknown' || role === 'both') return true;
  return step.roles.includes(role);
}

/**
 * The finding catalog (DESIGN.md §7): stable ids (a contract), default severity, the role they concern,
 * and the Microsoft articles they link to. Texts live in shared/i18n/findings.*.ts under `<id>.title`,
 * `<id>.explanation` and `<id>.fix…` keys.
 */

import type { Severity } from './severity.js';

export type { Severity };

export interface CatalogEntry {
  readonly severity: Severity;
  readonly scope: 'client' | 'host' | 'collect' | 'case';
  readonly docs: readonly string[];
}

const learn = 'https://learn.microsoft.com/';
export const docLinks = {
  general: `${learn}windows-server/get-started/activation-troubleshoot-kms-general`,
  issues: `${learn}windows-server/get-started/activation-troubleshoot-kms-issues`,
  dns: `${learn}windows-server/get-started/common-troubleshooting-procedures-kms-dns`,
  keys: `${learn}windows-server/get-started/kms-client-activation-keys`,
  planning: `${learn}windows-server/get-started/kms-activation-planning`,
  slmgr: `${learn}windows-server/get-started/activation-slmgr-vbs-options`,
  errorCodes: `${learn}windows-server/get-started/activation-error-codes`,
  noHost: `${learn}troubleshoot/windows-server/licensing-and-activation/error-0xc004f074-activate-windows`,
  dnsName: `${learn}troubleshoot/windows-server/licensing-and-activation/activation-error-0x8007232b-dns-name-does-not-exist`,
  event12293: `${learn}troubleshoot/windows-server/licensing-and-activation/event-12293-error-0x800723-set-kms-host`,
  contact8198: `${learn}troubleshoot/windows-server/licensing-and-activation/activation-event-8198-error-0xc0020017-0x8007139f-kms-contact-failure`,
  migration: `${learn}windows-server/get-started/kms-host-migration`,
  eventLog: `${learn}powershell/module/microsoft.powershell.diagnostics/get-winevent`,
} as const;

const d = docLinks;

export const findingCatalog = {
  'client.channel-not-kms': { severity: 'problem', scope: 'client', docs: [d.keys, d.issues] },
  'client.edition-no-volume': { severity: 'problem', scope: 'client', docs: [d.planning] },
  'client.not-activated': { severity: 'problem', scope: 'client', docs: [d.general, d.errorCodes] },
  'client.dns-no-srv': { severity: 'problem', scope: 'client', docs: [d.dnsName, d.dns] },
  'client.dns-srv-target-unresolved': { severity: 'problem', scope: 'client', docs: [d.dns] },
  'client.dns-servers-disagree': { severity: 'warning', scope: 'client', docs: [d.dns] },
  'client.kms-override': { severity: 'info', scope: 'client', docs: [d.slmgr] },
  'client.dns-multiple-hosts': { severity: 'warning', scope: 'client', docs: [d.general, d.dns] },
  'client.port-unreachable': { severity: 'problem', scope: 'client', docs: [d.noHost, d.contact8198] },
  'client.not-kms-endpoint': { severity: 'problem', scope: 'client', docs: [d.noHost] },
  'client.no-response': { severity: 'problem', scope: 'client', docs: [d.general, d.noHost] },
  'client.count-insufficient': { severity: 'problem', scope: 'client', docs: [d.general, d.planning] },
  'client.clock-skew': { severity: 'problem', scope: 'client', docs: [d.noHost, d.errorCodes] },
  'client.activation-error': { severity: 'problem', scope: 'client', docs: [d.errorCodes] },
  'client.not-elevated': { severity: 'warning', scope: 'client', docs: [d.slmgr] },
  'host.not-kms-host': { severity: 'problem', scope: 'host', docs: [d.general] },
  'host.not-licensed': { severity: 'problem', scope: 'host', docs: [d.general, d.errorCodes] },
  'host.count-below-threshold': { severity: 'problem', scope: 'host', docs: [d.general, d.planning] },
  'host.duplicate-cmid': { severity: 'problem', scope: 'host', docs: [d.general, d.issues] },
  'host.request-failures': { severity: 'problem', scope: 'host', docs: [d.errorCodes] },
  'host.dns-publishing-disabled': { severity: 'warning', scope: 'host', docs: [d.dns] },
  'host.dns-publish-failed': { severity: 'problem', scope: 'host', docs: [d.event12293, d.dns] },
  'host.srv-mismatch': { severity: 'problem', scope: 'host', docs: [d.dns] },
  'host.firewall-closed': { severity: 'problem', scope: 'host', docs: [d.migration, d.general] },
  'host.no-requests': { severity: 'problem', scope: 'host', docs: [d.general] },
  'host.log-full': { severity: 'warning', scope: 'host', docs: [d.issues, d.eventLog] },
  'host.nondefault-port': { severity: 'info', scope: 'host', docs: [d.slmgr] },
  'collect.failed': { severity: 'warning', scope: 'collect', docs: [] },
  'collect.missing-evidence': { severity: 'warning', scope: 'collect', docs: [d.general] },
  'collect.contradictory-evidence': { severity: 'warning', scope: 'collect', docs: [d.general] },
  // Case (§5): what only a host and its clients read together show.
  'case.client-not-seen-by-host': { severity: 'problem', scope: 'case', docs: [d.noHost, d.contact8198] },
  'case.host-refuses-client': { severity: 'problem', scope: 'case', docs: [d.errorCodes] },
  'case.shared-cmid': { severity: 'problem', scope: 'case', docs: [d.general, d.issues] },
  'case.count-below-client-minimum': { severity: 'problem', scope: 'case', docs: [d.general, d.planning] },
  'case.clock-skew': { severity: 'problem', scope: 'case', docs: [d.noHost, d.errorCodes] },
} as const satisfies Record<string, CatalogEntry>;

export type FindingId = keyof typeof findingCatalog;

export const findingIds = Object.keys(findingCatalog) as readonly FindingId[];

/**
 * Root cause first (issue #5 "Ranking"): within one severity, findings are ordered by this list. A cause
 * comes before its consequence and a specific diagnosis before the generic finding it explains.
 */
export const causalOrder: readonly FindingId[] = [
  'collect.contradictory-evidence',
  // Host: an unlicensed host explains everything else on that host.
  'host.not-licensed',
  'host.not-kms-host',
  'host.duplicate-cmid',
  'host.firewall-closed',
  'host.dns-publishing-disabled',
  'host.dns-publish-failed',
  'host.srv-mismatch',
  'host.log-full',
  'host.no-requests',
  // The error the host returned decides before an inference from counts (issue #15); a refusal whose code
  // a finding explains (0xC004F038 by the count, 0xC004F041 by the licence) is still moved after it.
  'host.request-failures',
  'host.count-below-threshold',
  'host.nondefault-port',
  // Client: wrong edition / key before anything network; discovery before connectivity before replies.
  'client.edition-no-volume',
  'client.channel-not-kms',
  'client.kms-override',
  'client.dns-no-srv',
  'client.dns-srv-target-unresolved',
  'client.dns-servers-disagree',
  'client.dns-multiple-hosts',
  'client.port-unreachable',
  'client.not-kms-endpoint',
  'client.clock-skew',
  'client.activation-error',
  'client.count-insufficient',
  'client.no-response',
  'client.not-activated',
  'client.not-elevated',
  'collect.failed',
  'collect.missing-evidence',
  // Case: a cloned image and a wrong clock explain the count and the refusals; a request that never
  // arrives is judged last.
  'case.shared-cmid',
  'case.clock-skew',
  'case.host-refuses-client',
  'case.count-below-client-minimum',
  'case.client-not-seen-by-host',
];

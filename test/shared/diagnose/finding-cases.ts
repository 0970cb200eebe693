// For every catalog id of one machine: evidence that must trigger it, and a near miss (one thing different)
// that must not. Shared by the rule tests and the fix-command test (which runs every finding's commands).
import { emptyEvidence, type EvidenceSet } from '../../../shared/diagnose/index.js';
import { findingIds, type FindingId } from '../../../shared/kms/findings.js';
import {
  clients,
  e12288,
  e12289,
  e12290,
  e12293,
  e12294,
  healthyClient,
  healthyHost,
  hostProbe,
  hostProduct,
  probes,
  product,
  slmgr,
  srv,
} from './evidence-builders.js';

const T = '2026-11-19T08:00:00.000Z';
const T1 = '2026-11-19T08:00:01.000Z';

/** One machine's ids; the case.* ids need several machines and are tested in test/shared/case. */
export type MachineFindingId = Exclude<FindingId, `case.${string}`>;
export const machineIds = findingIds.filter((id): id is MachineFindingId => !id.startsWith('case.'));

/** For every catalog id: evidence that must trigger it, and a near miss (one thing different) that must not. */
export const cases: Record<MachineFindingId, { trigger: EvidenceSet; nearMiss: EvidenceSet }> = {
  'client.channel-not-kms': {
    trigger: healthyClient({ slmgr: slmgr([product({ channel: 'VOLUME_MAK', description: 'Windows(R) Operating System, VOLUME_MAK channel' })]) }),
    nearMiss: healthyClient(),
  },
  'client.edition-no-volume': {
    trigger: healthyClient({ slmgr: slmgr([product({ name: 'Windows(R), Core edition', channel: 'RETAIL', description: 'Windows(R) Operating System, RETAIL channel' })]) }),
    nearMiss: healthyClient({ slmgr: slmgr([product({ name: 'Windows(R), Professional edition', channel: 'RETAIL', description: 'Windows(R) Operating System, RETAIL channel' })]) }),
  },
  'client.not-activated': {
    trigger: healthyClient({ slmgr: slmgr([product({ licenseStatus: 'notification', notificationReason: '0xC004F056' })]) }),
    nearMiss: healthyClient({ slmgr: slmgr([product({ licenseStatus: 'licensed' })]) }),
  },
  'client.dns-no-srv': {
    trigger: healthyClient({ probes: probes([srv('nxdomain'), srv('nxdomain', [], '10.0.0.11:53')]) }),
    nearMiss: healthyClient({ probes: probes([srv('nxdomain'), srv('ok', [{ target: 'kms01.contoso.com' }], '10.0.0.11:53')], [hostProbe('connected', 'kms')]) }),
  },
  'client.dns-srv-target-unresolved': {
    trigger: healthyClient({ probes: probes([srv('ok', [{ target: 'old-kms.contoso.com', addresses: [] }])], [hostProbe('unresolved', 'skipped', { host: 'old-kms.contoso.com' })]) }),
    nearMiss: healthyClient({ probes: probes([srv('ok', [{ target: 'old-kms.contoso.com', addresses: ['10.0.0.9'] }])], [hostProbe('connected', 'kms', { host: 'old-kms.contoso.com' })]) }),
  },
  'client.dns-servers-disagree': {
    trigger: healthyClient({ probes: probes([srv('ok', [{ target: 'kms01.contoso.com' }]), srv('nxdomain', [], '10.0.0.11:53')], [hostProbe('connected', 'kms')]) }),
    nearMiss: healthyClient({ probes: probes([srv('ok', [{ target: 'kms01.contoso.com' }]), srv('ok', [{ target: 'KMS01.contoso.com.' }], '10.0.0.11:53')], [hostProbe('connected', 'kms')]) }),
  },
  'client.kms-override': {
    trigger: healthyClient({ kmsClientRegistry: { kmsName: 'kms02.contoso.com', kmsPort: 1688, lookupDomain: null, activationIntervalMinutes: null, renewalIntervalMinutes: null } }),
    nearMiss: healthyClient({ kmsClientRegistry: { kmsName: null, kmsPort: null, lookupDomain: null, activationIntervalMinutes: null, renewalIntervalMinutes: null } }),
  },
  'client.dns-multiple-hosts': {
    trigger: healthyClient({ probes: probes([srv('ok', [{ target: 'kms01.contoso.com' }, { target: 'rogue.contoso.com' }])], [hostProbe('connected', 'kms')]) }),
    nearMiss: healthyClient({ probes: probes([srv('ok', [{ target: 'kms01.contoso.com' }]), srv('ok', [{ target: 'kms01.contoso.com' }], '10.0.0.11:53')], [hostProbe('connected', 'kms')]) }),
  },
  'client.port-unreachable': {
    trigger: healthyClient({ probes: probes([srv('ok', [{ target: 'kms01.contoso.com' }])], [hostProbe('timeout', 'skipped')]) }),
    nearMiss: healthyClient({ probes: probes([srv('ok', [{ target: 'kms01.contoso.com' }])], [hostProbe('connected', 'kms')]) }),
  },
  'client.not-kms-endpoint': {
    trigger: healthyClient({ probes: probes([srv('ok', [{ target: 'kms01.contoso.com' }])], [hostProbe('connected', 'not-rpc')]) }),
    nearMiss: healthyClient({ probes: probes([srv('ok', [{ target: 'kms01.contoso.com' }])], [hostProbe('connected', 'kms')]) }),
  },
  'client.no-response': {
    trigger: healthyClient({ clientEvents: [e12288('2026-11-18T08:00:00.000Z'), e12289('2026-11-18T08:00:01.000Z', '0x00000000', true, 40), e12288(T)] }),
    nearMiss: healthyClient({ clientEvents: [e12288('2026-11-18T08:00:00.000Z'), e12288(T), e12289(T1, '0x00000000', true, 40)] }),
  },
  'client.count-insufficient': {
    trigger: healthyClient({ clientEvents: [e12288(T, '0xC004F038'), e12289(T1, '0xC004F038', false, 12)] }),
    nearMiss: healthyClient({ clientEvents: [e12288(T), e12289(T1, '0x00000000', true, 25)] }),
  },
  'client.clock-skew': {
    trigger: healthyClient({ clientEvents: [e12288(T, '0x00000000', { clientTime: '2026-11-19T03:00:00.000Z' })] }),
    nearMiss: healthyClient({ clientEvents: [e12288(T, '0x00000000', { clientTime: '2026-11-19T05:00:00.000Z' }), e12289(T1, '0x00000000', true, 40)] }),
  },
  'client.activation-error': {
    trigger: healthyClient({ clientEvents: [e12288(T, '0xC004F042'), e12289(T1, '0xC004F042', false, 40)] }),
    nearMiss: healthyClient({ clientEvents: [e12288(T, '0x00000000'), e12289(T1, '0x00000000', true, 40)] }),
  },
  'client.not-elevated': {
    trigger: healthyClient({ system: { ...healthyClient().system!, elevated: false } }),
    nearMiss: healthyClient({ system: { ...healthyClient().system!, elevated: null } }),
  },
  'host.not-kms-host': {
    trigger: healthyHost({ slmgr: slmgr([product({ name: 'Windows(R), ServerStandard edition', channel: 'VOLUME_KMSCLIENT' })]), hostEvents: null }),
    nearMiss: healthyHost({ hostEvents: null }),
  },
  'host.not-licensed': {
    trigger: healthyHost({ slmgr: slmgr([hostProduct({ licenseStatus: 'initialGrace' })]) }),
    nearMiss: healthyHost(),
  },
  'host.count-below-threshold': {
    trigger: healthyHost({}, clients(24)),
    nearMiss: healthyHost({}, clients(25)),
  },
  'host.duplicate-cmid': {
    trigger: healthyHost({}, [...clients(30), e12290(T, 'clone1.contoso.com', 'same'), e12290(T1, 'clone2.contoso.com', 'same')]),
    nearMiss: healthyHost({}, [...clients(30), e12290(T, 'clone1.contoso.com', 'same'), e12290(T1, 'CLONE1.contoso.com', 'SAME')].map((e) => (e.clientName === 'CLONE1.contoso.com' ? { ...e, clientName: 'clone1.contoso.com' } : e))),
  },
  'host.request-failures': {
    trigger: healthyHost({}, [...clients(30), e12290(T, 'w7.contoso.com', 'x1', { hresult: '0xC004F042' })]),
    nearMiss: healthyHost({}, [...clients(30), e12290(T, 'w7.contoso.com', 'x1', { hresult: '0x0' })]),
  },
  'host.dns-publishing-disabled': {
    trigger: healthyHost({ hostConfig: { disableDnsPublishing: true, dnsDomainPublishList: [], listeningPort: null, lowPriority: null } }),
    nearMiss: healthyHost({ hostConfig: { disableDnsPublishing: false, dnsDomainPublishList: [], listeningPort: null, lowPriority: null } }),
  },
  'host.dns-publish-failed': {
    trigger: healthyHost({}, [...clients(30), e12294('2026-11-18T00:00:00.000Z', 'contoso.com'), e12293('2026-11-19T00:00:00.000Z', '0x80072338', 'contoso.com')]),
    nearMiss: healthyHost({}, [...clients(30), e12293('2026-11-18T00:00:00.000Z', '0x80072338', 'contoso.com'), e12294('2026-11-19T00:00:00.000Z', 'contoso.com')]),
  },
  'host.srv-mismatch': {
    trigger: healthyHost({ probes: probes([srv('ok', [{ target: 'kms09.contoso.com' }])]) }),
    nearMiss: healthyHost({ probes: probes([srv('ok', [{ target: 'KMS01.contoso.com.' }])]) }),
  },
  'host.firewall-closed': {
    trigger: healthyHost({ firewall: { ...healthyHost().firewall!, rules: [{ ...healthyHost().firewall!.rules[0]!, localPorts: ['1689'] }] } }),
    nearMiss: healthyHost({ firewall: { ...healthyHost().firewall!, rules: [{ ...healthyHost().firewall!.rules[0]!, localPorts: ['1680-1700'] }] } }),
  },
  'host.no-requests': {
    trigger: healthyHost({}, [e12290('2026-10-01T00:00:00.000Z', 'old.contoso.com', 'o1'), e12294('2026-11-19T00:00:00.000Z', 'contoso.com')]),
    nearMiss: healthyHost({}, [e12290('2026-10-22T00:00:00.000Z', 'recent.contoso.com', 'o1'), e12294('2026-11-19T00:00:00.000Z', 'contoso.com')]),
  },
  'host.log-full': {
    trigger: healthyHost({ logHealth: [{ ...healthyHost().logHealth![0]!, isLogFull: true, logMode: 'Retain' }] }),
    nearMiss: healthyHost({ logHealth: [{ ...healthyHost().logHealth![0]!, isLogFull: false, logMode: 'Retain' }] }),
  },
  'host.nondefault-port': {
    trigger: healthyHost({ slmgr: slmgr([hostProduct({}, { listeningPort: 1700 })]) }),
    nearMiss: healthyHost({ slmgr: slmgr([hostProduct({}, { listeningPort: 1688 })]) }),
  },
  'collect.failed': {
    trigger: healthyClient({ failedCollectors: [{ collector: 'slmgr /dlv all', reason: 'cscript not found (VBScript not installed)', missing: ['slmgrDlvAll'] }] }),
    nearMiss: healthyClient({ failedCollectors: [] }),
  },
  'collect.missing-evidence': {
    trigger: healthyClient({ probes: null }),
    nearMiss: healthyClient(),
  },
  'collect.contradictory-evidence': {
    trigger: { ...emptyEvidence, slmgr: slmgr([hostProduct()]), clientEvents: [e12288(T), e12289(T1, '0x00000000', true, 40)] },
    nearMiss: { ...emptyEvidence, slmgr: slmgr([product()]), clientEvents: [e12288(T), e12289(T1, '0x00000000', true, 40)] },
  },
};


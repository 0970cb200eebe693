// Typed evidence objects for rule tests (no parser involved: the rules read evidence, not text).
import type { BundleManifest } from '../../../shared/bundle/manifest.js';
import { decideRole, reportRoleOf } from '../../../shared/kms/role.js';
import { digestHostEvents, emptyEvidence, type EvidenceSet } from '../../../shared/diagnose/index.js';
import type { KmsEvent, SlmgrProduct, SlmgrReport } from '../../../shared/parse/types.js';
import type { HostProbeResult, ProbeDocument, SrvLookupResult } from '../../../shared/probe/types.js';

export const windowsApp = '55c92734-d682-4d71-983e-d6ec3f16059f';

export function product(p: Partial<SlmgrProduct> = {}): SlmgrProduct {
  return {
    name: 'Windows(R), Enterprise edition',
    description: 'Windows(R) Operating System, VOLUME_KMSCLIENT channel',
    channel: 'VOLUME_KMSCLIENT',
    activationId: '73111121-5638-40f6-bc11-f1d7b0d64300',
    applicationId: windowsApp,
    extendedPid: null,
    productKeyChannel: 'Volume:GVLK',
    partialProductKey: '2YT43',
    licenseStatus: 'licensed',
    notificationReason: null,
    remainingMinutes: 259200,
    kmsClient: null,
    kmsHost: null,
    ...p,
  };
}

export function hostProduct(p: Partial<SlmgrProduct> = {}, host: Partial<NonNullable<SlmgrProduct['kmsHost']>> = {}): SlmgrProduct {
  return product({
    name: 'Windows(R), ServerStandard edition',
    description: 'Windows(R) Operating System, VOLUME_KMS_C channel',
    channel: 'VOLUME_KMS_C',
    productKeyChannel: 'Volume:CSVLK',
    kmsHost: { currentCount: 40, listeningPort: 1688, dnsPublishing: true, lowPriority: false, requests: null, ...host },
    ...p,
  });
}

export function slmgr(products: SlmgrProduct[], activation: SlmgrReport['activation'] = []): SlmgrReport {
  // Decided as the parsers decide it (every product here has a key, so every one is in use).
  const decided = decideRole({ products: products.map((p) => ({ ...p, inUse: p.partialProductKey !== null })) });
  return { source: 'slmgr-text', role: reportRoleOf(decided.role), roleReason: decided.reason, serviceVersion: '10.0.22631.4460', products, activation, unrecognizedLines: [] };
}

export function manifest(role: BundleManifest['role'], created = '2026-11-20T09:00:00.000Z', m: Partial<BundleManifest> = {}): BundleManifest {
  return {
    formatVersion: 1,
    toolVersion: '0.1.0',
    created,
    machine: { name: 'PC1', os: 'Windows 11', build: '22631', locale: 'en-US', elevated: true },
    role,
    redacted: false,
    files: [],
    failedCollectors: [],
    ...m,
  };
}

const base = (eventId: number, time: string, logName: string): Pick<KmsEvent, 'eventId' | 'logName' | 'provider' | 'timeCreated' | 'computer' | 'recordId'> => ({
  eventId,
  logName,
  provider: 'Microsoft-Windows-Security-SPP',
  timeCreated: time,
  computer: 'host',
  recordId: null,
});

export function e12288(time: string, hresult = '0x00000000', o: Partial<KmsEvent> = {}): KmsEvent {
  return { ...base(12288, time, 'Application'), hresult, statusFlags: '0x00000000', kmsHost: 'kms01.contoso.com', kmsPort: 1688, cmid: 'c1', clientTime: time, isVm: false, licenseState: 2, minutesToExpiry: 40000, activationId: 'a', minimumCount: 25, ...o };
}

export function e12289(time: string, hresult: string, activated: boolean, count: number): KmsEvent {
  return { ...base(12289, time, 'Application'), hresult, statusFlags: '0x00000000', activated, currentCount: count, activationIntervalMinutes: 120, renewalIntervalMinutes: 10080, clientTime: time };
}

export function e12290(time: string, clientName: string, cmid: string, o: Partial<KmsEvent> = {}): KmsEvent {
  return { ...base(12290, time, 'Key Management Service'), computer: 'kms01.contoso.com', hresult: '0x0', minimumCount: 25, clientName, cmid, clientTime: time, isVm: false, licenseState: 1, minutesToExpiry: 259200, activationId: 'a', ...o };
}

export function e12293(time: string, hresult: string, domain: string): KmsEvent {
  return { ...base(12293, time, 'Key Management Service'), hresult, dnsDomain: domain };
}

export function e12294(time: string, domain: string): KmsEvent {
  return { ...base(12294, time, 'Key Management Service'), dnsDomain: domain };
}

/** `n` distinct healthy clients asking with minimum count `min`, the day before `end`. */
export function clients(n: number, end = '2026-11-19T10:00:00.000Z', min = 25): KmsEvent[] {
  return Array.from({ length: n }, (_, i) => e12290(end, `pc${i}.contoso.com`, `cmid-${min}-${i}`, { minimumCount: min }));
}

export function srv(status: SrvLookupResult['status'], targets: Array<{ target: string; addresses?: string[] }> = [], server = '10.0.0.10:53'): SrvLookupResult {
  return {
    name: '_vlmcs._tcp.contoso.com',
    server,
    status,
    hresult: status === 'ok' ? null : '0x8007232B',
    records: targets.map((t) => ({ target: t.target, port: 1688, priority: 0, weight: 0, addresses: t.addresses ?? ['10.0.0.5'] })),
  };
}

export function hostProbe(tcp: HostProbeResult['tcp']['status'], rpc: HostProbeResult['rpc']['status'], o: Partial<HostProbeResult> = {}): HostProbeResult {
  return { host: 'kms01.contoso.com', port: 1688, source: 'srv', tcp: { status: tcp, ms: 3 }, rpc: { status: rpc, ms: 4 }, ...o };
}

export function probes(s: SrvLookupResult[], h: HostProbeResult[] = []): ProbeDocument {
  return { srv: s, hosts: h };
}

/** A client with everything healthy: the near-miss base every client test changes one thing in. */
export function healthyClient(o: Partial<EvidenceSet> = {}): EvidenceSet {
  return {
    ...emptyEvidence,
    manifest: manifest('client'),
    slmgr: slmgr([product()]),
    clientEvents: [e12288('2026-11-19T08:00:00.000Z'), e12289('2026-11-19T08:00:01.000Z', '0x00000000', true, 40)],
    probes: probes([srv('ok', [{ target: 'kms01.contoso.com' }])], [hostProbe('connected', 'kms')]),
    system: { computerName: 'PC1', domain: 'contoso.com', partOfDomain: true, osCaption: 'Windows 11 Enterprise', osVersion: '10.0.22631', buildNumber: '22631', editionId: 'Enterprise', elevated: true, timeZoneId: 'UTC', utcOffsetMinutes: 0, utcNow: '2026-11-20T09:00:00.000Z', locale: 'en-US' },
    ...o,
  };
}

/** A host with everything healthy (40 clients, published, firewall open). */
export function healthyHost(o: Partial<EvidenceSet> = {}, events: KmsEvent[] = [...clients(32), ...clients(8, undefined, 5), e12294('2026-11-19T00:00:00.000Z', 'contoso.com')]): EvidenceSet {
  return {
    ...emptyEvidence,
    manifest: manifest('host'),
    slmgr: slmgr([hostProduct()]),
    hostEvents: digestHostEvents(events),
    hostConfig: { disableDnsPublishing: null, dnsDomainPublishList: [], listeningPort: null, lowPriority: null },
    firewall: {
      profiles: [{ name: 'Domain', enabled: true }],
      activeProfiles: ['Domain'],
      rules: [{ name: 'SPPSVC-In-TCP', displayName: 'Key Management Service (TCP-In)', enabled: true, inbound: true, allow: true, profiles: ['Domain', 'Private'], protocol: 'TCP', localPorts: ['1688'] }],
    },
    logHealth: [{ logName: 'Key Management Service', isEnabled: true, isLogFull: false, logMode: 'Circular', recordCount: 100, fileSize: 1, maximumSizeInBytes: 2, lastWriteTime: null }],
    probes: probes([srv('ok', [{ target: 'kms01.contoso.com' }])]),
    system: { computerName: 'KMS01', domain: 'contoso.com', partOfDomain: true, osCaption: 'Windows Server 2022', osVersion: '10.0.20348', buildNumber: '20348', editionId: 'ServerStandard', elevated: true, timeZoneId: 'UTC', utcOffsetMinutes: 0, utcNow: '2026-11-20T09:00:00.000Z', locale: 'en-US' },
    ...o,
  };
}

import { describe, expect, it } from 'vitest';
import { diagnose, digestHostEvents, emptyEvidence, type EvidenceSet } from '../../../shared/diagnose/index.js';
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
  manifest,
  probes,
  product,
  slmgr,
  srv,
} from './evidence-builders.js';

const ids = (e: EvidenceSet): FindingId[] => diagnose(e, { lang: 'en' }).findings.map((f) => f.id);
const T = '2026-11-19T08:00:00.000Z';
const T1 = '2026-11-19T08:00:01.000Z';

/** One machine's ids; the case.* ids need several machines and are tested in test/shared/case. */
type MachineFindingId = Exclude<FindingId, `case.${string}`>;
const machineIds = findingIds.filter((id): id is MachineFindingId => !id.startsWith('case.'));

/** For every catalog id: evidence that must trigger it, and a near miss (one thing different) that must not. */
const cases: Record<MachineFindingId, { trigger: EvidenceSet; nearMiss: EvidenceSet }> = {
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

describe('finding catalog: each id triggers on its case and not on a near miss', () => {
  it('covers every catalog id', () => {
    expect(Object.keys(cases).sort()).toEqual([...machineIds].sort());
  });
  for (const id of machineIds) {
    it(`${id} triggers`, () => expect(ids(cases[id].trigger)).toContain(id));
    it(`${id} does not trigger on the near miss`, () => expect(ids(cases[id].nearMiss)).not.toContain(id));
  }
});

describe('every triggered finding renders in every language', () => {
  for (const id of machineIds) {
    it(`${id} in en, ja, zh-TW: no raw key, no unfilled placeholder, fixes and docs present`, () => {
      for (const lang of ['en', 'ja', 'zh-TW'] as const) {
        for (const f of diagnose(cases[id].trigger, { lang }).findings) {
          for (const text of [f.title, f.explanation, ...f.fixes.map((x) => x.text)]) {
            expect(text, `${lang} ${f.id}`).not.toMatch(/\{\{|\$t\(|^(client|host|collect)\.[a-z-]+\./);
            expect(text.trim().length, `${lang} ${f.id}`).toBeGreaterThan(2);
          }
          expect(f.fixes.length, f.id).toBeGreaterThan(0);
        }
      }
    });
  }
});

describe('healthy machines', () => {
  it('a healthy client has no finding at all', () => {
    expect(diagnose(healthyClient(), { lang: 'en' }).findings).toEqual([]);
  });
  it('a healthy host has no problem and the verdict is ok', () => {
    const r = diagnose(healthyHost(), { lang: 'en' });
    expect(r.findings.filter((f) => f.severity === 'problem')).toEqual([]);
    expect(r.summary.verdict).toBe('ok');
  });
});

describe('finding shape (DESIGN.md §5)', () => {
  it('has id, severity, title, explanation, evidence with excerpts, fixes with commands, docs', () => {
    const f = diagnose(cases['host.duplicate-cmid'].trigger, { lang: 'en' }).findings.find((x) => x.id === 'host.duplicate-cmid')!;
    expect(f.severity).toBe('problem');
    expect(f.title).toMatch(/Duplicate/);
    expect(f.explanation).toContain('clone1.contoso.com, clone2.contoso.com');
    expect(f.evidence[0]!.excerpt).toMatch(/^CMID same: clone1\.contoso\.com .*; clone2\.contoso\.com/);
    const sysprep = f.fixes.find((x) => x.command?.includes('sysprep'));
    expect(sysprep?.command).toBe('%SystemRoot%\\System32\\Sysprep\\sysprep.exe /generalize /oobe /shutdown');
    expect(sysprep?.text).toMatch(/reference image only/);
    expect(sysprep?.caution).toMatch(/never on a machine in use/);
    expect(f.docs[0]).toMatch(/^https:\/\/learn\.microsoft\.com\//);
  });

  it('a working /skms override is info, a broken one a problem', () => {
    const reg = { kmsName: 'kms01.contoso.com', kmsPort: 1688, lookupDomain: null, activationIntervalMinutes: null, renewalIntervalMinutes: null };
    const works = diagnose(healthyClient({ kmsClientRegistry: reg, probes: probes([], [hostProbe('connected', 'kms', { source: 'registry' })]) }), { lang: 'en' });
    expect(works.findings.find((f) => f.id === 'client.kms-override')?.severity).toBe('info');
    const broken = diagnose(healthyClient({ kmsClientRegistry: reg, probes: probes([], [hostProbe('refused', 'skipped', { source: 'registry' })]) }), { lang: 'en' });
    expect(broken.findings.find((f) => f.id === 'client.kms-override')?.severity).toBe('problem');
  });

  it('refused and filtered ports are told apart', () => {
    const explain = (status: 'refused' | 'timeout') =>
      diagnose(healthyClient({ probes: probes([srv('ok', [{ target: 'kms01.contoso.com' }])], [hostProbe(status, 'skipped')]) }), { lang: 'en' }).findings.find((f) => f.id === 'client.port-unreachable')!.explanation;
    expect(explain('refused')).toMatch(/refused/);
    expect(explain('timeout')).toMatch(/firewall drops/);
  });

  it('missing evidence says what it means for the verdict', () => {
    const f = diagnose(healthyClient({ slmgr: null }), { lang: 'en' }).findings.find((x) => x.id === 'collect.missing-evidence')!;
    expect(f.title).toBe('Missing evidence: slmgr /dlv output');
    expect(f.explanation).toMatch(/not checked/);
  });

  it('contradictory evidence says so (slmgr host, events client)', () => {
    const f = diagnose(cases['collect.contradictory-evidence'].trigger, { lang: 'en' }).findings.find((x) => x.id === 'collect.contradictory-evidence')!;
    expect(f.explanation).toMatch(/slmgr shows a KMS host key, but the events are those of a KMS client/);
  });

  it('explains a client activation error through the error catalog', () => {
    const f = diagnose(cases['client.activation-error'].trigger, { lang: 'ja' }).findings.find((x) => x.id === 'client.activation-error')!;
    expect(f.title).toContain('0xC004F042');
    expect(f.title).toContain('SL_E_VL_KEY_MANAGEMENT_SERVICE_ID_MISMATCH');
    expect(f.explanation).toMatch(/KMS ホスト/);
  });

  it('a 12290 clock skew over 4 hours is listed per client in the host analysis', () => {
    const r = diagnose(healthyHost({}, [...clients(30), e12290(T, 'late.contoso.com', 'late', { clientTime: '2026-11-19T02:00:00.000Z' })]), { lang: 'en' });
    expect(r.hostAnalysis!.clockSkew).toEqual([{ clientName: 'late.contoso.com', cmid: 'late', skewMinutes: 360 }]);
  });

  it('the host window ignores digest order and counts distinct CMIDs', () => {
    const evidence = { ...healthyHost(), hostEvents: digestHostEvents([...clients(30)].reverse()) };
    expect(diagnose(evidence, { lang: 'en' }).hostAnalysis!.distinctCmids).toBe(30);
  });

  it('no SRV from the client events alone (8198 0x8007232B) when no probe was run', () => {
    const e8198 = { eventId: 8198, logName: 'Application', provider: 'Microsoft-Windows-Security-SPP', timeCreated: T, computer: 'pc', recordId: 9, hresult: '0x8007232B', data: ['hr=0x8007232B'] };
    const r = diagnose(healthyClient({ probes: null, clientEvents: [e8198] }), { lang: 'en' });
    const f = r.findings.find((x) => x.id === 'client.dns-no-srv')!;
    expect(f.explanation).toMatch(/logged 0x8007232B/);
    expect(r.findings.map((x) => x.id)).toContain('collect.missing-evidence');
  });

  it('manifest role "client" with a host key in slmgr is reported as a contradiction', () => {
    expect(ids({ ...healthyHost(), manifest: manifest('client') })).toContain('collect.contradictory-evidence');
  });
});

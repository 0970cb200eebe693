import { describe, expect, it } from 'vitest';
import { caseMachineOf, namesHost } from '../../../shared/case/case-machine.js';
import { diagnoseCase } from '../../../shared/case/diagnose-case.js';
import { diagnose, type EvidenceSet, type Finding } from '../../../shared/diagnose/index.js';
import type { KmsEvent } from '../../../shared/parse/types.js';
import { clients, e12288, e12289, e12290, e12294, healthyClient, healthyHost, hostProduct, manifest, slmgr } from '../diagnose/evidence-builders.js';

// A host KMS01 (kms01.contoso.com) with 40 other clients, and clients PCn that ask it at 08:00 on 2026-11-19.
const requestAt = '2026-11-19T08:00:00.000Z';

function client(name: string, cmid: string, o: { host?: string; minimumCount?: number; time?: string } = {}): EvidenceSet {
  const time = o.time ?? requestAt;
  return healthyClient({
    manifest: manifest('client', '2026-11-20T09:00:00.000Z', { machine: { name, os: 'Windows 11', build: '22631', locale: 'en-US', elevated: true } }),
    clientEvents: [
      e12288(time, '0x00000000', { computer: `${name}.contoso.com`, cmid, kmsHost: o.host ?? 'kms01.contoso.com', minimumCount: o.minimumCount ?? 25 }),
      e12289(new Date(Date.parse(time) + 1000).toISOString(), '0x00000000', true, 40),
    ],
  });
}

function host(requests: KmsEvent[], count = 40): EvidenceSet {
  return healthyHost({ manifest: manifest('host', '2026-11-20T09:00:00.000Z', { machine: { name: 'KMS01', os: 'Windows Server 2022', build: '20348', locale: 'en-US', elevated: true } }), slmgr: slmgr([hostProduct({}, { currentCount: count })]) }, [...requests, ...clients(32), ...clients(8, undefined, 5), e12294('2026-11-19T00:00:00.000Z', 'contoso.com')]);
}

/** The 12290 the host logs for a client's request a few seconds after it. */
const seen = (name: string, cmid: string, o: Partial<KmsEvent> = {}): KmsEvent => e12290('2026-11-19T08:00:03.000Z', `${name}.contoso.com`, cmid, { clientTime: requestAt, ...o });

function caseOf(...machines: Array<[string, EvidenceSet]>): Finding[] {
  return diagnoseCase(machines.map(([source, evidence]) => caseMachineOf(source, evidence, diagnose(evidence, { lang: 'en' }))), { lang: 'en' });
}

const ids = (findings: readonly Finding[]): string[] => findings.map((f) => f.id);

describe('case findings', () => {
  it('a healthy host and its healthy clients show none', () => {
    const findings = caseOf(['kms01', host([seen('PC1', 'c1'), seen('PC2', 'c2')])], ['pc1', client('PC1', 'c1')], ['pc2', client('PC2', 'c2')]);
    expect(findings).toEqual([]);
  });

  it('case.client-not-seen-by-host: a client\'s requests to the host that its log does not hold', () => {
    const findings = caseOf(['kms01', host([seen('PC1', 'c1')])], ['pc1', client('PC1', 'c1')], ['pc2', client('PC2', 'c2')]);
    expect(ids(findings)).toEqual(['case.client-not-seen-by-host']);
    expect(findings[0]).toMatchObject({ severity: 'problem' });
    expect(findings[0]!.title).toBe('1 client(s) send requests that KMS01 never logged');
    expect(findings[0]!.evidence[0]).toMatchObject({ source: 'PC2: pc2' });
    expect(findings[0]!.evidence[0]!.excerpt).toContain('PC2 (CMID c2): 1 request(s) 12288 to kms01.contoso.com:1688');
  });

  it('case.client-not-seen-by-host: a request the host logged only long before is not seen now', () => {
    const early = e12290('2026-11-19T01:00:00.000Z', 'PC1.contoso.com', 'c1', { clientTime: '2026-11-19T01:00:00.000Z' });
    expect(ids(caseOf(['kms01', host([early])], ['pc1', client('PC1', 'c1')]))).toEqual(['case.client-not-seen-by-host']);
  });

  it('allows the clock difference the host log shows for that client', () => {
    // The client's clock runs 3 h ahead: it logs its request at 11:00; the host logs it at 08:00 with client time 11:00.
    const skewed = e12290('2026-11-19T08:00:03.000Z', 'PC1.contoso.com', 'c1', { clientTime: '2026-11-19T11:00:00.000Z' });
    expect(caseOf(['kms01', host([skewed])], ['pc1', client('PC1', 'c1', { time: '2026-11-19T11:00:00.000Z' })])).toEqual([]);
  });

  it('judges requests to a host outside the case as a warning against the case\'s hosts', () => {
    const findings = caseOf(['kms01', host([seen('PC1', 'c1')])], ['pc2', client('PC2', 'c2', { host: 'kms02.contoso.com' })]);
    expect(findings.map((f) => [f.id, f.severity])).toEqual([['case.client-not-seen-by-host', 'warning']]);
    expect(findings[0]!.explanation).toContain('kms02.contoso.com, which is not one of the hosts in this case');
  });

  it('case.host-refuses-client: the host logged this client\'s CMID with an error', () => {
    const findings = caseOf(['kms01', host([seen('PC1', 'c1', { hresult: '0xC004F042' })])], ['pc1', client('PC1', 'c1')]);
    expect(ids(findings)).toEqual(['case.host-refuses-client']);
    expect(findings[0]!.title).toContain('KMS01 refuses 1 client(s) with 0xC004F042');
    expect(findings[0]!.evidence[1]!.excerpt).toBe('PC1 (CMID c1, logged as PC1.contoso.com): refused with 0xC004F042 by KMS01, last at 2026-11-19T08:00:03Z');
  });

  it('case.shared-cmid: two client bundles report one CMID', () => {
    const findings = caseOf(['kms01', host([seen('PC1', 'c1'), seen('PC2', 'c1')])], ['pc1', client('PC1', 'c1')], ['pc2', client('PC2', 'c1')], ['pc3', client('PC3', 'c3')]);
    expect(ids(findings)).toContain('case.shared-cmid');
    const shared = findings.find((f) => f.id === 'case.shared-cmid')!;
    expect(shared.title).toBe('2 clients share 1 CMID(s)');
    expect(shared.evidence).toEqual([{ source: 'CMID c1', excerpt: '2 machines: PC1, PC2' }]);
  });

  it('a clone whose twin reached the host is judged by its own name', () => {
    const findings = caseOf(['kms01', host([seen('PC1', 'c1')])], ['pc1', client('PC1', 'c1')], ['pc2', client('PC2', 'c1')]);
    expect(ids(findings)).toEqual(['case.shared-cmid', 'case.client-not-seen-by-host']);
    expect(findings[1]!.evidence.map((e) => e.source)).toEqual(['PC2: pc2']);
  });

  it('case.count-below-client-minimum: the host\'s count is below what its clients ask for', () => {
    const findings = caseOf(
      ['kms01', { ...host([seen('PC1', 'c1')], 12), slmgrSource: 'slmgr/dlv-all.txt' }],
      ['pc1', { ...client('PC1', 'c1'), clientEventsSource: 'events/application-spp.evtx' }],
    );
    expect(ids(findings)).toEqual(['case.count-below-client-minimum']);
    expect(findings[0]!.title).toBe('KMS01 has a count of 12; its clients need 25');
    // Each proof names its machine with the file in that machine's evidence: a case holds several slmgr/dlv-all.txt.
    expect(findings[0]!.evidence.map((e) => e.source)).toEqual(['KMS01: kms01/slmgr/dlv-all.txt', 'PC1: pc1/events/application-spp.evtx']);
    // A server asking for 5 is served by the same count.
    expect(caseOf(['kms01', host([seen('SRV1', 's1', { minimumCount: 5 })], 12)], ['srv1', client('SRV1', 's1', { minimumCount: 5 })])).toEqual([]);
  });

  it('case.clock-skew: the host logged the client\'s clock more than 4 hours away', () => {
    const skewed = seen('PC1', 'c1', { clientTime: '2026-11-19T14:30:00.000Z' });
    const findings = caseOf(['kms01', host([skewed])], ['pc1', client('PC1', 'c1', { time: '2026-11-19T14:30:00.000Z' })]);
    expect(ids(findings)).toEqual(['case.clock-skew']);
    expect(findings[0]!.title).toBe('1 client clock(s) differ from KMS01 by more than 4 hours');
    expect(findings[0]!.explanation).toContain('up to 6.5 hours');
  });

  it('renders every case finding in ja and zh-TW', () => {
    const machines: Array<[string, EvidenceSet]> = [['kms01', host([seen('PC1', 'c1', { hresult: '0xC004F042' }), seen('PC2', 'c1')], 12)], ['pc1', client('PC1', 'c1')], ['pc2', client('PC2', 'c1')], ['pc3', client('PC3', 'c3')]];
    for (const lang of ['ja', 'zh-TW'] as const) {
      const findings = diagnoseCase(machines.map(([s, e]) => caseMachineOf(s, e, diagnose(e, { lang }))), { lang });
      expect(new Set(ids(findings))).toEqual(new Set(['case.shared-cmid', 'case.host-refuses-client', 'case.count-below-client-minimum', 'case.client-not-seen-by-host']));
      for (const f of findings) expect(f.title).not.toMatch(/[a-z]{6,} [a-z]{6,}|\{\{/);
    }
  });
});

describe('namesHost', () => {
  it('matches a client\'s host name to the host by FQDN or short name, not across domains', () => {
    expect(namesHost('KMS01.contoso.com', ['kms01', 'kms01.contoso.com'])).toBe(true);
    expect(namesHost('kms01', ['kms01.contoso.com'])).toBe(true);
    expect(namesHost('kms01.fabrikam.com', ['kms01.contoso.com'])).toBe(false);
    expect(namesHost('10.0.0.5', ['kms01'])).toBe(false);
  });
});

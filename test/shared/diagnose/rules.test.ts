import { describe, expect, it } from 'vitest';
import { diagnose, digestHostEvents, type EvidenceSet } from '../../../shared/diagnose/index.js';
import { machineIds, cases } from './finding-cases.js';
import {
  clients,
  e12290,
  healthyClient,
  healthyHost,
  hostProbe,
  manifest,
  probes,
  srv,
} from './evidence-builders.js';

/** Finding ids, and the ids of the gaps (missing evidence is a gap of the verdict, not a finding). */
const ids = (e: EvidenceSet): string[] => {
  const r = diagnose(e, { lang: 'en' });
  return [...r.findings.map((f) => f.id), ...r.gaps.map((g) => g.id)];
};
const T = '2026-11-19T08:00:00.000Z';

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

  it('missing evidence is a gap, apart from the findings, and says what it means for the verdict', () => {
    const r = diagnose(healthyClient({ slmgr: null }), { lang: 'en' });
    expect(r.findings.map((f) => f.id)).not.toContain('collect.missing-evidence');
    const g = r.gaps.find((x) => x.id === 'collect.missing-evidence')!;
    expect(g.name).toBe('Licensing state (slmgr /dlv or WMI)');
    expect(g.explanation).toMatch(/not checked/);
    expect(g.changesVerdict).toBe(true);
    expect(g.fix?.command).toBe('cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /dlv all');
    expect(r.verdict.state).toBe('unknown');
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
    expect(r.gaps.map((x) => x.evidence)).toContain('probes');
  });

  // Security-SPP 8198 "License Activation failed" (SLMGR-AND-EVENTS.md): without a licence status read, the
  // newest activation outcome decides; a later 12289 with activation (or a 12308) clears it.
  it('an 8198 with no later success and no licence status read is "not activated"', () => {
    const e8198 = { eventId: 8198, logName: 'Application', provider: 'Microsoft-Windows-Security-SPP', timeCreated: T, computer: 'pc', recordId: 9, hresult: '0x8007232B', data: ['hr=0x8007232B'] };
    const later = { ...e8198, eventId: 12308, timeCreated: '2026-11-19T09:00:00.000Z', recordId: 10, hresult: undefined, data: [] };
    expect(ids(healthyClient({ slmgr: null, clientEvents: [e8198] }))).toContain('client.not-activated');
    expect(ids(healthyClient({ slmgr: null, clientEvents: [e8198, later] }))).not.toContain('client.not-activated');
    // A licence status that was read is the licence's own word (here: licensed).
    expect(ids(healthyClient({ clientEvents: [e8198] }))).not.toContain('client.not-activated');
  });

  it('manifest role "client" with a host key in slmgr is reported as a contradiction', () => {
    expect(ids({ ...healthyHost(), manifest: manifest('client') })).toContain('collect.contradictory-evidence');
  });
});

// Issue #15 scenarios: each product judged on its own, the error that was returned before an inference
// from counts, and no fix that harms a working licence (property-tested over healthy and licensed evidence).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnose, digestHostEvents, type EvidenceSet } from '../../../shared/diagnose/index.js';
import { changesLicence } from '../../../shared/diagnose/fix-commands.js';
import type { KmsEvent, SlmgrProduct } from '../../../shared/parse/types.js';
import type { HostProbeResult, SrvLookupResult } from '../../../shared/probe/types.js';
import { clients, e12288, e12289, e12290, e12294, healthyClient, healthyHost, hostProbe, hostProduct, probes, product, slmgr, srv } from './evidence-builders.js';

const T = '2026-11-19T08:00:00.000Z';
const T1 = '2026-11-19T08:00:01.000Z';
const run = (e: EvidenceSet) => diagnose(e, { lang: 'en' });

const mak = (o: Partial<SlmgrProduct> = {}) => product({ channel: 'VOLUME_MAK', description: 'Windows(R) Operating System, VOLUME_MAK channel', productKeyChannel: 'Volume:MAK', remainingMinutes: null, ...o });
const oem = (o: Partial<SlmgrProduct> = {}) => product({ name: 'Windows(R), Professional edition', channel: 'OEM_DM', description: 'Windows(R) Operating System, OEM_DM channel', productKeyChannel: 'OEM:DM', remainingMinutes: null, ...o });
const retail = (o: Partial<SlmgrProduct> = {}) => product({ name: 'Windows(R), Professional edition', channel: 'RETAIL', description: 'Windows(R) Operating System, RETAIL channel', productKeyChannel: 'Retail', remainingMinutes: null, ...o });
// The Windows 10 ESU add-on as slmgr /dlv all prints it: Windows Application ID, MAK by design.
const esu = (o: Partial<SlmgrProduct> = {}) =>
  product({
    name: 'Windows(R), Client-ESU-Year1 add-on for Client,ClientEval,Enterprise,EnterpriseN,Professional,ProfessionalN',
    description: 'Windows(R) Operating System, VOLUME_MAK channel',
    channel: 'VOLUME_MAK',
    activationId: 'f520e45e-7413-4a34-a497-d2765967d094',
    productKeyChannel: 'Volume:MAK',
    remainingMinutes: null,
    ...o,
  });
const office = (o: Partial<SlmgrProduct> = {}) =>
  product({ name: 'Office 16, Office16ProPlusVL_MAK edition', description: 'Office 16, VOLUME_MAK channel', channel: 'VOLUME_MAK', applicationId: '0ff1ce15-a989-479d-af46-f275c6370663', activationId: 'd450596f-894d-49e0-966a-fd39ed4c4c64', productKeyChannel: 'Volume:MAK', remainingMinutes: null, ...o });

describe('each product on its own (issue #15 §1)', () => {
  for (const [name, os] of [['MAK', mak()], ['OEM', oem()], ['retail', retail()]] as const) {
    it(`a licensed ${name} machine has no problem: at most one info line, with no command`, () => {
      const r = run(healthyClient({ slmgr: slmgr([os]) }));
      expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
      const info = r.findings.find((f) => f.id === 'client.channel-not-kms');
      expect(info?.severity).toBe('info');
      expect(info?.title).toBe(`Licensed by ${os.channel}: KMS is not involved`);
      expect(info?.fixes.every((f) => f.command === undefined)).toBe(true);
    });
  }

  it('a licensed KMS client with a licensed ESU add-on (MAK by design) has no finding', () => {
    expect(run(healthyClient({ slmgr: slmgr([product(), esu()]) })).findings).toEqual([]);
  });

  it('a licensed MAK OS with a licensed ESU add-on and MAK Office: nothing but the info line', () => {
    const r = run(healthyClient({ slmgr: slmgr([mak(), esu(), office()]) }));
    expect(r.findings.map((f) => [f.id, f.severity])).toEqual([['client.channel-not-kms', 'info']]);
  });

  it('an unlicensed MAK OS where KMS is meant (SRV present, 12288 sent) is the problem, with the edition GVLK filled in', () => {
    const r = run(healthyClient({ slmgr: slmgr([mak({ licenseStatus: 'notification', notificationReason: '0xC004F009' })]) }));
    expect(r.findings[0]?.id).toBe('client.channel-not-kms');
    expect(r.findings[0]?.severity).toBe('problem');
    const commands = r.findings[0]!.fixes.map((f) => f.command);
    // Windows 11 Enterprise (build 22631): Microsoft's published GVLK.
    expect(commands).toContain('cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ipk NPPR9-FWDCX-D2C8J-H872K-2YT43');
    expect(r.findings[0]!.fixes.find((f) => f.command?.includes('/ipk'))?.caution).toMatch(/never on one whose licence works/);
  });

  it('an unlicensed MAK OS with no sign of KMS is a warning that offers both ways', () => {
    const r = run({ ...healthyClient({ slmgr: slmgr([mak({ licenseStatus: 'unlicensed' })]) }), clientEvents: [], probes: null });
    const f = r.findings.find((x) => x.id === 'client.channel-not-kms')!;
    expect(f.severity).toBe('warning');
    expect(f.explanation).toMatch(/Nothing in the evidence says that this machine should use KMS/);
  });

  it('an unlicensed ESU add-on is not a KMS finding', () => {
    expect(run(healthyClient({ slmgr: slmgr([product(), esu({ licenseStatus: 'unlicensed' })]) })).findings.map((f) => f.id)).not.toContain('client.channel-not-kms');
  });

  it('a licensed MAK machine whose old KMS requests failed is not told about KMS paths', () => {
    const r = run(healthyClient({ slmgr: slmgr([mak()]), clientEvents: [e12288(T, '0xC004F074')], probes: probes([srv('nxdomain')]) }));
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('an evaluation edition: KMS cannot activate it (first finding), the Server one converts with DISM', () => {
    const evalServer = product({ name: 'Windows(R), ServerStandardEval edition', description: 'Windows(R) Operating System, TIMEBASED_EVAL channel', channel: 'TIMEBASED_EVAL', licenseStatus: 'licensed', remainingMinutes: 200000 });
    const system = { ...healthyClient().system!, osCaption: 'Microsoft Windows Server 2022 Standard Evaluation', buildNumber: '20348', editionId: 'ServerStandardEval' };
    const r = run(healthyClient({ slmgr: slmgr([evalServer]), system, clientEvents: [e12288(T, '0xC004F069'), e12289(T1, '0xC004F069', false, 40)] }));
    expect(r.findings[0]?.id).toBe('client.edition-no-volume');
    expect(r.findings[0]?.severity).toBe('problem');
    expect(r.findings[0]?.explanation).toMatch(/evaluation edition/);
    // Windows Server 2022 Standard GVLK (Microsoft's table).
    expect(r.findings[0]?.fixes[0]?.command).toBe('DISM /Online /Set-Edition:ServerStandard /ProductKey:VDYBN-27WPP-V4HQT-9VMD4-VMK7H /AcceptEula');
    expect(r.findings[0]?.fixes[0]?.caution).toMatch(/restarts/);
  });

  it('a client evaluation edition cannot be converted: reinstall, no command', () => {
    const evalClient = product({ name: 'Windows(R), EnterpriseEval edition', description: 'Windows(R) Operating System, TIMEBASED_EVAL channel', channel: 'TIMEBASED_EVAL', licenseStatus: 'unlicensed' });
    const r = run(healthyClient({ slmgr: slmgr([evalClient]) }));
    expect(r.findings[0]?.id).toBe('client.edition-no-volume');
    expect(r.findings[0]?.fixes.map((f) => f.command)).toEqual([undefined]);
  });
});

describe('the error that was returned comes first (issue #15 §3)', () => {
  const grace = slmgr([product({ licenseStatus: 'initialGrace' })]);

  it('0xC004F042 from the host with a low count in the same answer: the key mismatch first, no count finding', () => {
    const r = run(healthyClient({ slmgr: grace, clientEvents: [e12288(T, '0xC004F042'), e12289(T1, '0xC004F042', false, 0)] }));
    expect(r.findings[0]?.id).toBe('client.activation-error');
    expect(r.findings[0]?.title).toContain('0xC004F042');
    expect(r.findings.map((f) => f.id)).not.toContain('client.count-insufficient');
  });

  it('an accepted answer with a count below the minimum is the count', () => {
    const r = run(healthyClient({ slmgr: grace, clientEvents: [e12288(T), e12289(T1, '0x00000000', false, 7)] }));
    expect(r.findings[0]?.id).toBe('client.count-insufficient');
    expect(r.findings[0]?.title).toBe('KMS host count too low: 7 of 25');
  });

  it('0xC004F038 with the count at 24: the count', () => {
    const r = run(healthyClient({ slmgr: grace, clientEvents: [e12288(T, '0xC004F038'), e12289(T1, '0xC004F038', false, 24)] }));
    expect(r.findings[0]?.id).toBe('client.count-insufficient');
    expect(r.findings[0]?.title).toBe('KMS host count too low: 24 of 25');
  });

  it('a host that refuses everything with 0xC004F038 while its count is at 24: the count below the threshold first', () => {
    const events = [...clients(24).map((e) => ({ ...e, hresult: '0xC004F038' })), e12294('2026-11-19T00:00:00.000Z', 'contoso.com')];
    const r = run(healthyHost({ slmgr: slmgr([hostProduct({}, { currentCount: 24 })]) }, events));
    expect(r.findings[0]?.id).toBe('host.count-below-threshold');
    expect(r.findings[0]?.title).toBe('KMS count 24 below the 25 needed');
    expect(r.findings.map((f) => f.id)).toContain('host.request-failures');
  });

  it('a host that refuses with 0xC004F042 while the count is low: the refusal first', () => {
    const events = [...clients(10).map((e) => ({ ...e, hresult: '0xC004F042' })), e12294('2026-11-19T00:00:00.000Z', 'contoso.com')];
    const r = run(healthyHost({}, events));
    expect(r.findings[0]?.id).toBe('host.request-failures');
    expect(r.findings[0]?.title).toContain('0xC004F042');
  });
});

// --- never harm: a property over healthy and licensed evidence ---------------------------------------

const channelArb = fc.constantFrom(
  { channel: 'VOLUME_KMSCLIENT', productKeyChannel: 'Volume:GVLK' },
  { channel: 'VOLUME_MAK', productKeyChannel: 'Volume:MAK' },
  { channel: 'RETAIL', productKeyChannel: 'Retail' },
  { channel: 'OEM_DM', productKeyChannel: 'OEM:DM' },
  { channel: 'OEM_SLP', productKeyChannel: 'OEM:SLP' },
);
const hresultArb = fc.constantFrom('0x00000000', '0xC004F074', '0xC004F038', '0xC004F042', '0xC004F06C', '0xC004F041', '0x8007232B', '0x80070005', '0xC004F039', '0xDEADBEEF');
const timeArb = fc.integer({ min: 0, max: 40 * 24 * 60 }).map((m) => new Date(Date.parse('2026-11-20T08:00:00.000Z') - m * 60_000).toISOString());
const clientEventArb: fc.Arbitrary<KmsEvent> = fc.oneof(
  fc.tuple(timeArb, hresultArb, fc.integer({ min: -600, max: 600 })).map(([t, h, skew]) => e12288(t, h, { clientTime: new Date(Date.parse(t) + skew * 60_000).toISOString() })),
  fc.tuple(timeArb, hresultArb, fc.boolean(), fc.integer({ min: 0, max: 50 })).map(([t, h, a, n]) => e12289(t, h, a, n)),
);
const srvArb: fc.Arbitrary<SrvLookupResult> = fc.constantFrom(srv('ok', [{ target: 'kms01.contoso.com' }]), srv('nxdomain'), srv('ok', [{ target: 'old.contoso.com', addresses: [] }]), srv('ok', [{ target: 'a.contoso.com' }, { target: 'b.contoso.com' }]));
const hostProbeArb: fc.Arbitrary<HostProbeResult> = fc.constantFrom(hostProbe('connected', 'kms'), hostProbe('timeout', 'skipped'), hostProbe('refused', 'skipped'), hostProbe('connected', 'not-rpc'), hostProbe('unresolved', 'skipped'));

/** Every installed product licensed: the OS with any channel, maybe the ESU add-on and MAK Office. */
const licensedClientArb: fc.Arbitrary<EvidenceSet> = fc
  .record({
    os: channelArb,
    withEsu: fc.boolean(),
    withOffice: fc.boolean(),
    events: fc.option(fc.array(clientEventArb, { maxLength: 8 }), { nil: null }),
    srv: fc.option(fc.array(srvArb, { minLength: 1, maxLength: 2 }), { nil: null }),
    hosts: fc.array(hostProbeArb, { maxLength: 2 }),
    override: fc.option(fc.constantFrom('kms01.contoso.com', 'kms02.contoso.com'), { nil: null }),
    elevated: fc.constantFrom(true, false, null),
  })
  .map((g) =>
    healthyClient({
      slmgr: slmgr([product({ channel: g.os.channel, description: `Windows(R) Operating System, ${g.os.channel} channel`, productKeyChannel: g.os.productKeyChannel }), ...(g.withEsu ? [esu()] : []), ...(g.withOffice ? [office()] : [])]),
      clientEvents: g.events,
      probes: g.srv === null ? null : probes(g.srv, g.hosts),
      kmsClientRegistry: g.override === null ? null : { kmsName: g.override, kmsPort: 1688, lookupDomain: null, activationIntervalMinutes: null, renewalIntervalMinutes: null },
      system: { ...healthyClient().system!, elevated: g.elevated },
    }),
  );

/** A licensed KMS host with any mix of requests (refusals included), publishing events and firewall state. */
const licensedHostArb: fc.Arbitrary<EvidenceSet> = fc
  .record({
    n: fc.integer({ min: 0, max: 40 }),
    refused: fc.array(fc.tuple(hresultArb, timeArb), { maxLength: 5 }),
    firewallOpen: fc.boolean(),
    count: fc.integer({ min: 0, max: 50 }),
  })
  .map((g) => {
    const events = [...clients(g.n), ...g.refused.map(([h, t], i) => e12290(t, `r${i}.contoso.com`, `r${i}`, { hresult: h })), e12294('2026-11-19T00:00:00.000Z', 'contoso.com')];
    const base = healthyHost({ slmgr: slmgr([hostProduct({}, { currentCount: g.count })]) });
    return { ...base, hostEvents: digestHostEvents(events), firewall: g.firewallOpen ? base.firewall : { ...base.firewall!, rules: [] } };
  });

/** Findings' commands that would change the licence of the machine diagnosed (or of "any" machine). */
function harmfulFixes(e: EvidenceSet, self: 'client' | 'host'): string[] {
  const out: string[] = [];
  for (const lang of ['en', 'ja', 'zh-TW'] as const) {
    for (const f of diagnose(e, { lang }).findings) {
      for (const fix of f.fixes) {
        if (fix.command === undefined || changesLicence(fix.command) === null) continue;
        if (fix.runOn === self || fix.runOn === 'any') out.push(`${f.id}: ${fix.command}`);
      }
    }
  }
  return out;
}

describe('never harm a working licence (issue #15 §2)', () => {
  it('no finding on licensed client evidence offers to replace the key, re-arm or re-activate it', () => {
    fc.assert(fc.property(licensedClientArb, (e) => harmfulFixes(e, 'client').length === 0), { numRuns: 300 });
  });

  it('no finding on licensed host evidence offers to replace the host key or re-activate it', () => {
    fc.assert(fc.property(licensedHostArb, (e) => harmfulFixes(e, 'host').length === 0), { numRuns: 150 });
  });

  it('the property can fail: an unlicensed machine does get the key change (a check that cannot fail proves nothing)', () => {
    const e = healthyClient({ slmgr: slmgr([mak({ licenseStatus: 'notification' })]) });
    expect(harmfulFixes(e, 'client').length).toBeGreaterThan(0);
  });
});

describe('verdict and gaps (issue #15 §4)', () => {
  it('one root cause with its consequences folded under it (a filtered port: one cause, not four equal problems)', () => {
    const r = run(healthyClient({ slmgr: slmgr([product({ licenseStatus: 'initialGrace' })]), clientEvents: [e12288(T, '0xC004F074')], probes: probes([srv('ok', [{ target: 'kms01.contoso.com' }])], [hostProbe('timeout', 'skipped')]) }));
    expect(r.verdict.state).toBe('problem');
    expect(r.verdict.rootCause).toBe('client.port-unreachable');
    expect([...r.verdict.consequences].sort()).toEqual(['client.activation-error', 'client.no-response', 'client.not-activated']);
    expect(r.findings.filter((f) => f.explainedBy === undefined && f.severity === 'problem').map((f) => f.id)).toEqual(['client.port-unreachable']);
    expect(r.verdict.summary).toBe('Root cause: KMS port kms01.contoso.com:1688 not reachable. It also explains 3 other findings.');
  });

  it('a healthy client: what works (host, renewal, validity) and the checks that passed, in all three languages', () => {
    const now = '2026-11-20T09:00:00.000Z';
    const en = diagnose(healthyClient(), { lang: 'en', now });
    expect(en.verdict.state).toBe('healthy');
    expect(en.verdict.rootCause).toBeNull();
    expect(en.verdict.works).toEqual([
      'Windows is activated by kms01.contoso.com:1688 (last answer 2026-11-19 08:00 UTC).',
      'It renews in 6 days.',
      'The activation is valid until 2027-05-19 (180 days).',
    ]);
    expect(en.verdict.passed.map((p) => p.id)).toEqual(['licence', 'dnsSrv', 'port', 'kmsRpc', 'answers', 'clock']);
    expect(diagnose(healthyClient(), { lang: 'ja', now }).verdict.summary).toContain('kms01.contoso.com:1688 によってライセンス認証されています');
    expect(diagnose(healthyClient(), { lang: 'zh-TW', now }).verdict.summary).toContain('已由 kms01.contoso.com:1688 啟用');
  });

  it('a healthy host: licensed key, requests, count per family, publishing', () => {
    const r = run(healthyHost());
    expect(r.verdict.state).toBe('healthy');
    expect(r.verdict.summary).toMatch(/^The KMS host key \(VOLUME_KMS_C\) is activated\. 40 requests from 40 machines/);
    expect(r.verdict.summary).toContain('Published in DNS for contoso.com');
    expect(r.verdict.passed.map((p) => p.id)).toEqual(['kmsHostKey', 'count', 'publishing', 'firewall', 'requests', 'eventLog']);
  });

  it('a licensed MAK machine is healthy and says KMS is not involved', () => {
    const r = run(healthyClient({ slmgr: slmgr([mak()]) }));
    expect(r.verdict.state).toBe('healthy');
    expect(r.verdict.summary).toBe('Windows is licensed through VOLUME_MAK; KMS is not involved.');
  });

  it('only warnings: the state is warning, the first warning named, what works still said', () => {
    const r = run(healthyClient({ system: { ...healthyClient().system!, elevated: false } }));
    expect(r.verdict.state).toBe('warning');
    expect(r.verdict.rootCause).toBe('client.not-elevated');
    expect(r.verdict.summary).toMatch(/^No problem found; 1 warning: Collected without administrator rights\. Windows is activated by kms01/);
  });

  it('gaps: a missing check is named, could change a healthy verdict, cannot change a found root cause', () => {
    const healthy = run(healthyClient({ probes: null }));
    expect(healthy.gaps).toEqual([expect.objectContaining({ id: 'collect.missing-evidence', evidence: 'probes', name: 'DNS and network checks (SRV record, TCP 1688, KMS RPC)', changesVerdict: true })]);
    const broken = run(healthyClient({ probes: null, slmgr: slmgr([mak({ licenseStatus: 'notification' })]) }));
    expect(broken.verdict.state).toBe('problem');
    expect(broken.gaps[0]?.changesVerdict).toBe(false);
    const failed = run(healthyClient({ failedCollectors: [{ collector: 'slmgr /dlv all', reason: 'cscript not found', missing: ['slmgrDlvAll'] }] }));
    expect(failed.gaps).toEqual([expect.objectContaining({ id: 'collect.failed', name: 'slmgr /dlv all', changesVerdict: true })]);
  });

  it('nothing to judge: unknown, and says what is missing', () => {
    const r = run({ ...healthyClient(), slmgr: null, clientEvents: null, probes: null, manifest: null });
    expect(r.verdict.state).toBe('unknown');
    expect(r.verdict.summary).toMatch(/^Not enough evidence to decide\. Missing: Licensing state \(slmgr \/dlv or WMI\)/);
  });
});

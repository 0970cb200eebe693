// Fix commands a technician can copy (DESIGN.md §5, issue #15 §5): every command of every finding, in every
// language, read the way cmd.exe or PowerShell reads it (the readers are in shell-readers.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnose, type EvidenceSet } from '../../../shared/diagnose/index.js';
import { placeholders } from '../../../shared/diagnose/fix-commands.js';
import { cmdProblems, commandProblems, powershellProblems } from './shell-readers.js';
import { cases, machineIds } from './finding-cases.js';
import { clients, e12288, e12289, e12290, e12293, e12294, healthyClient, healthyHost, hostProbe, hostProduct, probes, product, slmgr, srv } from './evidence-builders.js';

const langs = ['en', 'ja', 'zh-TW'] as const;
/** Evidence that triggers every finding, plus a few that combine many (the scenarios). */
function evidenceSets(): Array<[string, EvidenceSet]> {
  const sets: Array<[string, EvidenceSet]> = machineIds.map((id) => [id, cases[id].trigger]);
  const grace = slmgr([product({ licenseStatus: 'initialGrace' })]);
  sets.push(
    ['port filtered', healthyClient({ slmgr: grace, clientEvents: [e12288('2026-11-19T08:00:00.000Z', '0xC004F074')], probes: probes([srv('ok', [{ target: 'kms01.contoso.com' }])], [hostProbe('timeout', 'skipped')]) })],
    ['no srv, 8198', healthyClient({ slmgr: grace, probes: probes([srv('nxdomain')]), clientEvents: [e12288('2026-11-19T08:00:00.000Z', '0x8007232B')] })],
    ['0xC004F042 low count', healthyClient({ slmgr: grace, clientEvents: [e12288('2026-11-19T08:00:00.000Z', '0xC004F042'), e12289('2026-11-19T08:00:01.000Z', '0xC004F042', false, 0)] })],
    ['host refusing', healthyHost({ slmgr: slmgr([hostProduct({ licenseStatus: 'notification' }, { listeningPort: 1700 })]) }, [...clients(12).map((e) => ({ ...e, hresult: '0xC004F041' })), e12290('2026-11-19T08:00:00.000Z', 'late.contoso.com', 'x', { hresult: '0xC004F06C' }), e12293('2026-11-19T00:00:00.000Z', '0x8007267C', 'contoso.com')])],
    ['unlicensed MAK where KMS is meant', healthyClient({ slmgr: slmgr([product({ channel: 'VOLUME_MAK', description: 'Windows(R) Operating System, VOLUME_MAK channel', licenseStatus: 'notification' }), product({ name: 'Office 16, Office16ProPlusVL_MAK edition', description: 'Office 16, VOLUME_MAK channel', channel: 'VOLUME_MAK', applicationId: '0ff1ce15-a989-479d-af46-f275c6370663', licenseStatus: 'notification' })]) })],
    ['server evaluation', healthyClient({ slmgr: slmgr([product({ name: 'Windows(R), ServerStandardEval edition', channel: 'TIMEBASED_EVAL', description: 'Windows(R) Operating System, TIMEBASED_EVAL channel' })]), system: { ...healthyClient().system!, buildNumber: '20348', editionId: 'ServerStandardEval' } })],
    ['host nondefault port firewall', { ...healthyHost({ slmgr: slmgr([hostProduct({}, { listeningPort: 1700 })]) }), firewall: { ...healthyHost().firewall!, rules: [] } }],
  );
  return sets;
}

describe('every fix command of every finding, in every language, parses as its shell would read it', () => {
  const checked = new Set<string>();
  for (const [name, evidence] of evidenceSets()) {
    it(name, () => {
      const problems: string[] = [];
      for (const lang of langs) {
        for (const f of diagnose(evidence, { lang }).findings) {
          problems.push(...commandProblems(f));
          for (const x of f.fixes) if (x.command !== undefined) checked.add(`${f.id} ${x.command}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('the sets above reach the commands of most findings (the check is not vacuous)', () => {
    const ids = new Set([...checked].map((c) => c.split(' ')[0]));
    expect(ids.size).toBeGreaterThanOrEqual(24);
    expect(checked.size).toBeGreaterThan(50);
  });

  it('on random client and host evidence too (property)', () => {
    const hresult = fc.constantFrom('0xC004F074', '0xC004F038', '0xC004F042', '0xC004F06C', '0xC004F041', '0x8007232B', '0xC004F039', '0x80070005', '0xC004F015', '0x8007007B', '0xC0020017', '0xC004F056');
    const client = fc.record({ codes: fc.array(hresult, { minLength: 1, maxLength: 3 }), licensed: fc.boolean(), srvOk: fc.boolean(), tcp: fc.constantFrom('connected', 'timeout', 'refused') as fc.Arbitrary<'connected' | 'timeout' | 'refused'> }).map((g) =>
      healthyClient({
        slmgr: slmgr([product({ licenseStatus: g.licensed ? 'licensed' : 'notification', notificationReason: g.licensed ? null : g.codes[0]! })]),
        clientEvents: g.codes.flatMap((code, i) => [e12288(`2026-11-19T0${i}:00:00.000Z`, code), e12289(`2026-11-19T0${i}:00:01.000Z`, code, false, 3)]),
        probes: probes([g.srvOk ? srv('ok', [{ target: 'kms01.contoso.com' }]) : srv('nxdomain')], [hostProbe(g.tcp, g.tcp === 'connected' ? 'kms' : 'skipped')]),
      }),
    );
    const host = fc.array(hresult, { maxLength: 4 }).map((codes) => healthyHost({}, [...clients(8), ...codes.map((code, i) => e12290('2026-11-19T08:00:00.000Z', `r${i}.contoso.com`, `r${i}`, { hresult: code })), e12294('2026-11-19T00:00:00.000Z', 'contoso.com')]));
    fc.assert(
      fc.property(fc.oneof(client, host), fc.constantFrom(...langs), (evidence, lang) => diagnose(evidence, { lang }).findings.flatMap(commandProblems).length === 0),
      { numRuns: 200 },
    );
  });
});

describe('values the evidence knows are filled in, never left as placeholders', () => {
  it('the KMS host and the DNS domain, when the probes and events name them', () => {
    const grace = slmgr([product({ licenseStatus: 'initialGrace' })]);
    const sets = [
      healthyClient({ slmgr: grace, clientEvents: [e12288('2026-11-19T08:00:00.000Z', '0xC004F074')], probes: probes([srv('ok', [{ target: 'kms01.contoso.com' }])], [hostProbe('timeout', 'skipped')]) }),
      healthyClient({ slmgr: grace, clientEvents: [e12288('2026-11-19T08:00:00.000Z', '0xC004F06C', { clientTime: '2026-11-19T01:00:00.000Z' })] }),
      healthyClient({ slmgr: grace, clientEvents: [e12288('2026-11-19T08:00:00.000Z', '0xC004F042'), e12289('2026-11-19T08:00:01.000Z', '0xC004F042', false, 0)] }),
      healthyClient({ slmgr: grace, probes: probes([srv('nxdomain')]), kmsClientRegistry: { kmsName: 'kms01.contoso.com', kmsPort: 1688, lookupDomain: null, activationIntervalMinutes: null, renewalIntervalMinutes: null } }),
    ];
    for (const evidence of sets) {
      for (const lang of langs) {
        for (const f of diagnose(evidence, { lang }).findings) {
          for (const fix of f.fixes) {
            if (fix.command === undefined) continue;
            expect(fix.command, f.id).not.toContain(placeholders.kmsHost);
            expect(fix.command, f.id).not.toContain(placeholders.domain);
            expect(fix.command, f.id).not.toMatch(/<kms-host>|<domain>|<dns-domain>/);
          }
        }
      }
    }
  });

  it('a hostile name from the evidence never reaches a command (a placeholder instead)', () => {
    const hostile = 'kms01.contoso.com & del /q C:\\*';
    const r = diagnose(healthyClient({ slmgr: slmgr([product({ licenseStatus: 'initialGrace' })]), clientEvents: [e12288('2026-11-19T08:00:00.000Z', '0xC004F074', { kmsHost: hostile })], probes: null }), { lang: 'en' });
    const commands = r.findings.flatMap((f) => f.fixes.map((x) => x.command ?? ''));
    expect(commands.some((c) => c.includes('del /q'))).toBe(false);
    expect(commands.some((c) => c.includes(placeholders.kmsHost))).toBe(true);
  });
});

describe('the readers themselves catch what the issue reported', () => {
  it.each([
    ['cmd', 'slmgr.vbs /ato', 'slmgr not in its one form'],
    ['cmd', 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /skms <kms-host>:1688', 'redirection or pipe character outside quotes'],
    ['cmd', 'sysprep /generalize /oobe /shutdown', 'starts with a program cmd would not find'],
    ['cmd', 'wevtutil qe Application /q:"*[System[(EventID=12288)]] /f:text', 'unbalanced double quote'],
    ['powershell', 'Enable-NetFirewallRule -DisplayGroup "Key Management Service"', 'a translated display name instead of the rule name'],
    ['powershell', 'Test-NetConnection <kms-host> -Port 1688', "'<' is reserved in PowerShell"],
    ['powershell', "New-NetFirewallRule -DisplayName 'KMS -LocalPort 1688", "unbalanced '"],
  ] as const)('%s: %s', (shell, command, problem) => {
    expect(shell === 'cmd' ? cmdProblems(command) : powershellProblems(command)).toContain(problem);
  });
});

import { describe, expect, it } from 'vitest';
import { firewallView } from '../../../electron/service/run-detail-views.js';
import { diagnose, emptyEvidence } from '../../../shared/diagnose/index.js';
import type { FirewallEvidence } from '../../../shared/parse/system-evidence.js';

describe('the dashboard firewall tile', () => {
  const rule = (overrides: Partial<FirewallEvidence['rules'][number]>) => ({ name: 'KMS', displayName: 'Key Management Service (TCP-In)', enabled: true, inbound: true, allow: true, profiles: [], protocol: 'TCP', localPorts: ['1688'], ...overrides });
  const on = [{ name: 'Domain' as const, enabled: true }];

  it('is what the dashboard shows, from the diagnosis result', () => {
    const firewall: FirewallEvidence = { profiles: on, activeProfiles: ['Domain'], rules: [rule({})] };
    const result = diagnose({ ...emptyEvidence, firewall }, { lang: 'en' });
    expect(firewallView(result)).toEqual({ state: 'open', rules: ['Key Management Service (TCP-In)'] });
    expect(firewallView(diagnose(emptyEvidence, { lang: 'en' }))).toEqual({ state: 'unknown', rules: [] });
  });
});

describe('the verdict, gaps and fix shape as the contract carries them', () => {
  it('a diagnosis maps onto runDetailSchema: verdict, gaps, explainedBy and runOn/shell/caution', async () => {
    const { diagnose } = await import('../../../shared/diagnose/index.js');
    const { findingsView, verdictView } = await import('../../../electron/service/run-detail-views.js');
    const { runDetailSchema } = await import('../../../shared/contract/operations.js');
    const { cases } = await import('../../shared/diagnose/finding-cases.js');
    const { healthyClient, e12288, hostProbe, probes, product: p, slmgr, srv } = await import('../../shared/diagnose/evidence-builders.js');
    const evidence = healthyClient({ slmgr: slmgr([p({ licenseStatus: 'initialGrace' })]), clientEvents: [e12288('2026-11-19T08:00:00.000Z', '0xC004F074')], probes: probes([srv('ok', [{ target: 'kms01.contoso.com' }])], [hostProbe('timeout', 'skipped')]), kmsClientRegistry: null });
    for (const e of [evidence, cases['host.duplicate-cmid'].trigger, healthyClient({ probes: null })]) {
      const result = diagnose(e, { lang: 'ja' });
      const detail = {
        summary: { runId: 'r', startedAt: '2026-11-20T09:00:00.000Z', role: result.role, machine: null, status: 'complete', worstSeverity: 'none' },
        source: { kind: 'bundle', name: 'x.zip' },
        machine: null,
        steps: [],
        ...verdictView(result),
        findings: findingsView(result),
        clientPath: null,
        host: null,
      };
      const parsed = runDetailSchema.safeParse(detail);
      expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 2))).toBe(true);
    }
    const view = findingsView(diagnose(evidence, { lang: 'en' }));
    expect(view.find((f) => f.id === 'client.no-response')?.explainedBy).toBe('client.port-unreachable');
    expect(view[0]!.fixes.find((f) => f.command === 'Enable-NetFirewallRule -Name SPPSVC-In-TCP')).toMatchObject({ runOn: 'host', shell: 'powershell' });
  });
});

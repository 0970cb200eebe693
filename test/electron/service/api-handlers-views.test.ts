import { describe, expect, it } from 'vitest';
import { firewallState, roleWithReason } from '../../../electron/service/api-handlers-views.js';
import { emptyEvidence } from '../../../shared/diagnose/index.js';
import type { FirewallEvidence } from '../../../shared/parse/system-evidence.js';
import type { SlmgrProduct, SlmgrReport } from '../../../shared/parse/types.js';

const product = (description: string, channel: string | null = null): SlmgrProduct => ({
  name: 'Windows(R), Enterprise edition',
  description,
  channel,
  activationId: null,
  applicationId: null,
  extendedPid: null,
  productKeyChannel: null,
  partialProductKey: 'ABCDE',
  licenseStatus: 'licensed',
  notificationReason: null,
  remainingMinutes: null,
  kmsClient: null,
  kmsHost: null,
});
const report = (...products: SlmgrProduct[]): SlmgrReport => ({ source: 'slmgr-text', role: 'other', serviceVersion: null, products, activation: [], unrecognizedLines: [] });

describe('the role with its one-line reason', () => {
  it('names the channel that decided it', () => {
    expect(roleWithReason(report(product('Windows(R) Operating System, VOLUME_KMSCLIENT channel')))).toEqual({ role: 'client', reason: { code: 'description-kms-client', detail: 'VOLUME_KMSCLIENT' } });
    expect(roleWithReason(report(product('Windows(R) Operating System, VOLUME_KMS_C channel', 'VOLUME_KMS_C')))).toEqual({ role: 'host', reason: { code: 'description-kms-host', detail: 'VOLUME_KMS_C' } });
    expect(roleWithReason(report(product('x, VOLUME_KMS_R2_B channel'), product('Office 16, VOLUME_KMSCLIENT channel'))).role).toBe('both');
  });

  it('says when nothing volume-licensed is installed, or nothing could be read', () => {
    expect(roleWithReason(report(product('Windows(R) Operating System, RETAIL channel')))).toEqual({ role: 'unknown', reason: { code: 'no-volume-product', detail: 'RETAIL' } });
    expect(roleWithReason(null)).toEqual({ role: 'unknown', reason: { code: 'no-evidence', detail: null } });
  });
});

describe('the firewall state for TCP 1688', () => {
  const rule = (overrides: Partial<FirewallEvidence['rules'][number]>) => ({ name: 'KMS', displayName: 'Key Management Service (TCP-In)', enabled: true, inbound: true, allow: true, profiles: [], protocol: 'TCP', localPorts: ['1688'], ...overrides });
  const evidence = (firewall: FirewallEvidence | null) => ({ ...emptyEvidence, firewall });
  const on = [{ name: 'Domain' as const, enabled: true }];

  it('is open with an enabled inbound allow rule on an active profile, and names it', () => {
    expect(firewallState(evidence({ profiles: on, activeProfiles: ['Domain'], rules: [rule({})] }), 1688)).toEqual({ state: 'open', rules: ['Key Management Service (TCP-In)'] });
    expect(firewallState(evidence({ profiles: on, activeProfiles: ['Domain'], rules: [rule({ localPorts: ['1680-1690'] })] }), 1688).state).toBe('open');
  });

  it('is closed when the only rule is disabled, blocks, is outbound, is for another port or another profile', () => {
    for (const bad of [{ enabled: false }, { allow: false }, { inbound: false }, { localPorts: ['1689'] }, { profiles: ['Public' as const] }, { protocol: 'UDP' }]) {
      expect(firewallState(evidence({ profiles: on, activeProfiles: ['Domain'], rules: [rule(bad)] }), 1688), JSON.stringify(bad)).toEqual({ state: 'closed', rules: [] });
    }
  });

  it('is open when the active profile has the firewall off, unknown without evidence', () => {
    expect(firewallState(evidence({ profiles: [{ name: 'Domain', enabled: false }], activeProfiles: ['Domain'], rules: [] }), 1688).state).toBe('open');
    expect(firewallState(evidence(null), 1688)).toEqual({ state: 'unknown', rules: [] });
  });
});

describe('the verdict, gaps and fix shape as the contract carries them', () => {
  it('a diagnosis maps onto runDetailSchema: verdict, gaps, explainedBy and runOn/shell/caution', async () => {
    const { diagnose } = await import('../../../shared/diagnose/index.js');
    const { findingsView, verdictView } = await import('../../../electron/service/api-handlers-views.js');
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

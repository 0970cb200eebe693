import { describe, expect, it } from 'vitest';
import { firewallCoverage } from '../../../shared/diagnose/firewall.js';
import type { FirewallEvidence } from '../../../shared/parse/system-evidence.js';

// The rules' shape is what Get-NetFirewallRule / Get-NetFirewallPortFilter report (shared/parse/system-evidence.ts).
describe('the firewall state for TCP 1688', () => {
  const rule = (overrides: Partial<FirewallEvidence['rules'][number]>) => ({ name: 'KMS', displayName: 'Key Management Service (TCP-In)', enabled: true, inbound: true, allow: true, profiles: [], protocol: 'TCP', localPorts: ['1688'], ...overrides });
  const coverage = (firewall: FirewallEvidence | null, port = 1688) => firewallCoverage(firewall, port);
  const on = [{ name: 'Domain' as const, enabled: true }];

  it('is open with an enabled inbound allow rule on an active profile, and names it', () => {
    expect(coverage({ profiles: on, activeProfiles: ['Domain'], rules: [rule({})] })).toMatchObject({ state: 'open', checkedProfiles: ['Domain'], closedProfiles: [] });
    expect(coverage({ profiles: on, activeProfiles: ['Domain'], rules: [rule({ localPorts: ['1680-1690'] })] }).state).toBe('open');
  });

  it('is closed when the only rule is disabled, blocks, is outbound, is for another port or another profile', () => {
    for (const bad of [{ enabled: false }, { allow: false }, { inbound: false }, { localPorts: ['1689'] }, { profiles: ['Public' as const] }, { protocol: 'UDP' }]) {
      expect(coverage({ profiles: on, activeProfiles: ['Domain'], rules: [rule(bad)] }), JSON.stringify(bad)).toMatchObject({ state: 'closed', closedProfiles: ['Domain'], rules: [] });
    }
  });

  it('is closed when one of two active profiles has no rule, naming that profile', () => {
    const both = [{ name: 'Domain' as const, enabled: true }, { name: 'Private' as const, enabled: true }];
    expect(coverage({ profiles: both, activeProfiles: ['Domain', 'Private'], rules: [rule({ profiles: ['Private'] })] })).toMatchObject({ state: 'closed', closedProfiles: ['Domain'] });
  });

  it('checks every profile with the firewall on when the active ones are not known', () => {
    const all = (['Domain', 'Private', 'Public'] as const).map((name) => ({ name, enabled: true }));
    expect(coverage({ profiles: all, activeProfiles: [], rules: [rule({ profiles: ['Private'] })] })).toMatchObject({ state: 'closed', closedProfiles: ['Domain', 'Public'] });
    expect(coverage({ profiles: all, activeProfiles: [], rules: [rule({})] }).state).toBe('open');
  });

  it('is open when the active profile has the firewall off, unknown without evidence', () => {
    expect(coverage({ profiles: [{ name: 'Domain', enabled: false }], activeProfiles: ['Domain'], rules: [] }).state).toBe('open');
    expect(coverage(null)).toMatchObject({ state: 'unknown', rules: [] });
    expect(coverage({ profiles: [], activeProfiles: [], rules: [] }).state).toBe('unknown');
  });
});

import { describe, expect, it } from 'vitest';
import { firewallView } from '../../../electron/service/api-handlers-views.js';
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

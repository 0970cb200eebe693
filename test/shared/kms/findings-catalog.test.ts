import { describe, expect, it } from 'vitest';
import { causalOrder, findingCatalog, findingIds } from '../../../shared/kms/findings.js';

// The ids are a contract (DESIGN.md §7, issue #5): spelled exactly as listed there.
const contract = [
  'client.channel-not-kms', 'client.edition-no-volume', 'client.not-activated', 'client.dns-no-srv',
  'client.dns-srv-target-unresolved', 'client.dns-servers-disagree', 'client.kms-override', 'client.dns-multiple-hosts',
  'client.port-unreachable', 'client.not-kms-endpoint', 'client.no-response', 'client.count-insufficient',
  'client.clock-skew', 'client.activation-error', 'client.not-elevated',
  'host.not-kms-host', 'host.not-licensed', 'host.count-below-threshold', 'host.duplicate-cmid', 'host.request-failures',
  'host.dns-publishing-disabled', 'host.dns-publish-failed', 'host.srv-mismatch', 'host.firewall-closed',
  'host.no-requests', 'host.log-full', 'host.nondefault-port',
  'collect.failed', 'collect.missing-evidence',
  'case.client-not-seen-by-host', 'case.host-refuses-client', 'case.shared-cmid', 'case.count-below-client-minimum', 'case.clock-skew',
];

describe('finding catalog', () => {
  it('holds every contract id, spelled exactly', () => {
    for (const id of contract) expect(findingIds).toContain(id);
  });

  it('places every id in the causal order once', () => {
    expect([...causalOrder].sort()).toEqual([...findingIds].sort());
  });

  it('links problems to Microsoft documentation', () => {
    for (const id of findingIds) {
      const entry = findingCatalog[id];
      if (entry.severity === 'problem') expect(entry.docs.length, id).toBeGreaterThan(0);
      for (const url of entry.docs) expect(url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    }
  });
});

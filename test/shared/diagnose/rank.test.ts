import { describe, expect, it } from 'vitest';
import { diagnose, type EvidenceSet } from '../../../shared/diagnose/index.js';
import type { FindingId } from '../../../shared/kms/findings.js';
import { clients, e12288, e12289, e12290, healthyClient, healthyHost, hostProbe, hostProduct, probes, product, slmgr, srv } from './evidence-builders.js';

const ids = (e: EvidenceSet): FindingId[] => diagnose(e, { lang: 'en' }).findings.map((f) => f.id);
const before = (list: FindingId[], a: FindingId, b: FindingId): void => {
  expect(list).toContain(a);
  expect(list).toContain(b);
  expect(list.indexOf(a)).toBeLessThan(list.indexOf(b));
};
const T = '2026-11-19T08:00:00.000Z';
const T1 = '2026-11-19T08:00:01.000Z';

describe('ranking: root cause first', () => {
  it('problems before warnings before info', () => {
    const r = diagnose(healthyClient({ probes: null, system: { ...healthyClient().system!, elevated: false }, slmgr: slmgr([product({ channel: 'RETAIL', description: 'x, RETAIL channel', licenseStatus: 'notification' })]), kmsClientRegistry: { kmsName: 'kms01.contoso.com', kmsPort: 1688, lookupDomain: null, activationIntervalMinutes: null, renewalIntervalMinutes: null } }), { lang: 'en' });
    const severities = r.findings.map((f) => f.severity);
    expect(severities).toEqual([...severities].sort((a, b) => ['problem', 'warning', 'info'].indexOf(a) - ['problem', 'warning', 'info'].indexOf(b)));
    expect(severities).toEqual(expect.arrayContaining(['problem', 'warning', 'info']));
  });

  it('duplicate CMIDs before count-below-threshold (count stuck at 1)', () => {
    const events = Array.from({ length: 30 }, (_, i) => e12290(T, `lab${i}.contoso.com`, 'one-cmid', { hresult: '0xC004F038' }));
    const list = ids(healthyHost({}, events));
    expect(list[0]).toBe('host.duplicate-cmid');
    before(list, 'host.duplicate-cmid', 'host.count-below-threshold');
    before(list, 'host.count-below-threshold', 'host.request-failures');
  });

  it('no SRV record before "no response"', () => {
    const list = ids(healthyClient({ probes: probes([srv('nxdomain')]), clientEvents: [e12288(T, '0xC004F074')] }));
    before(list, 'client.dns-no-srv', 'client.no-response');
    before(list, 'client.dns-no-srv', 'client.activation-error');
  });

  it('wrong channel of an unlicensed OS before "not activated"', () => {
    const list = ids(healthyClient({ slmgr: slmgr([product({ channel: 'VOLUME_MAK', description: 'x, VOLUME_MAK channel', licenseStatus: 'notification' }), product({ name: 'Office 16, ProPlusVL_KMS_Client edition', applicationId: '0ff1ce15-a989-479d-af46-f275c6370663', licenseStatus: 'notification', notificationReason: '0xC004F056' })]) }));
    before(list, 'client.channel-not-kms', 'client.not-activated');
  });

  it('a host that is not licensed before anything else on that host', () => {
    const events = Array.from({ length: 30 }, (_, i) => e12290(T, `lab${i}.contoso.com`, 'one-cmid', { hresult: '0xC004F041' }));
    const list = ids(healthyHost({ slmgr: slmgr([hostProduct({ licenseStatus: 'notification' })]) }, events));
    expect(list[0]).toBe('host.not-licensed');
    before(list, 'host.not-licensed', 'host.duplicate-cmid');
  });

  it('clock skew, count insufficient and no response before the generic activation error / not activated', () => {
    const notActivated = slmgr([product({ licenseStatus: 'initialGrace' })]);
    const skew = ids(healthyClient({ slmgr: notActivated, clientEvents: [e12288(T, '0xC004F06C', { clientTime: '2026-11-19T01:00:00.000Z' })] }));
    before(skew, 'client.clock-skew', 'client.not-activated');
    const count = ids(healthyClient({ slmgr: notActivated, clientEvents: [e12288(T, '0xC004F038'), e12289(T1, '0xC004F038', false, 3)] }));
    before(count, 'client.count-insufficient', 'client.not-activated');
    expect(count).not.toContain('client.activation-error');
    const noResp = ids(healthyClient({ slmgr: notActivated, clientEvents: [e12288(T, '0xC004F074')] }));
    before(noResp, 'client.no-response', 'client.activation-error');
    before(noResp, 'client.activation-error', 'client.not-activated');
  });

  it('port unreachable before the 0xC004F074 it explains', () => {
    const list = ids(healthyClient({ probes: probes([srv('ok', [{ target: 'kms01.contoso.com' }])], [hostProbe('refused', 'skipped')]), clientEvents: [e12288(T, '0xC004F074')] }));
    before(list, 'client.port-unreachable', 'client.activation-error');
  });

  it('request failures whose code a finding explains come after it', () => {
    const list = ids(healthyHost({}, clients(10).map((e) => ({ ...e, hresult: '0xC004F038' }))));
    before(list, 'host.count-below-threshold', 'host.request-failures');
  });
});

import { describe, expect, it } from 'vitest';
import { asRole, decideRole, reportRoleOf, roleReasonCodes, roles, type RoleProduct } from '../../../shared/kms/role.js';
import { uiEn } from '../../../shared/i18n/ui-en.js';
import { uiJa } from '../../../shared/i18n/ui-ja.js';
import { uiZhTw } from '../../../shared/i18n/ui-zh-tw.js';

// Expected values come from slmgr.vbs's own channel tests (knowledge/SLMGR-AND-EVENTS.md: a Description with
// VOLUME_KMSCLIENT is a KMS client, any other VOLUME_KMS… is a host key) and DESIGN.md §4 (a MAK/RETAIL/OEM
// machine is not a KMS problem, but it is diagnosed on the client side).
const product = (channel: string | null, o: Partial<RoleProduct> = {}): RoleProduct => ({ channel, kmsHost: null, kmsClient: null, inUse: true, ...o });

describe('decideRole from the licensed products', () => {
  it('names the channel that decided it', () => {
    expect(decideRole({ products: [product('VOLUME_KMSCLIENT')] })).toEqual({ role: 'client', reason: { code: 'description-kms-client', detail: 'VOLUME_KMSCLIENT' } });
    expect(decideRole({ products: [product('VOLUME_KMS_C')] })).toEqual({ role: 'host', reason: { code: 'description-kms-host', detail: 'VOLUME_KMS_C' } });
    expect(decideRole({ products: [product('VOLUME_KMS_R2_B'), product('VOLUME_KMSCLIENT')] })).toEqual({ role: 'both', reason: { code: 'host-and-client', detail: 'VOLUME_KMS_R2_B, VOLUME_KMSCLIENT' } });
  });

  it('puts a MAK, RETAIL or OEM machine on the client side with the channel as its reason', () => {
    for (const channel of ['VOLUME_MAK', 'RETAIL', 'OEM_DM', 'OEM:NONSLP', 'TIMEBASED_EVAL']) {
      expect(decideRole({ products: [product(channel)] }), channel).toEqual({ role: 'client', reason: { code: 'not-kms-channel', detail: channel } });
    }
    expect(decideRole({ products: [product('VOLUME_MAK'), product('RETAIL'), product('VOLUME_MAK')] }).reason.detail).toBe('VOLUME_MAK, RETAIL');
  });

  it('ignores a product that is not in use ("This license is not in use")', () => {
    expect(decideRole({ products: [product('VOLUME_KMS_C', { inUse: false }), product('VOLUME_KMSCLIENT')] }).role).toBe('client');
    expect(decideRole({ products: [product('VOLUME_KMSCLIENT', { inUse: false })] })).toEqual({ role: 'unknown', reason: { code: 'no-volume-product', detail: null } });
  });

  it('reads the KMS blocks and the service flag when no channel was read', () => {
    expect(decideRole({ products: [product(null, { kmsHost: {} })] })).toEqual({ role: 'host', reason: { code: 'kms-host-service', detail: null } });
    expect(decideRole({ products: [product(null, { kmsClient: {} })] })).toEqual({ role: 'client', reason: { code: 'kms-client-settings', detail: null } });
    expect(decideRole({ products: [product('VOLUME_KMSCLIENT')], kmsHostService: true }).role).toBe('both');
  });

  // slmgr.vbs prints L_MsgLicenseStatusVL ("Volume activation will expire") only for a volume licence with a
  // grace end; a MAK licence is permanent, a time-based one prints L_MsgLicenseStatusTBL instead.
  it('reads /xpr\'s "Volume activation will expire" as a volume client when no channel was read', () => {
    expect(decideRole({ products: [product(null, { volumeExpiry: true })] })).toEqual({ role: 'client', reason: { code: 'volume-expiry', detail: null } });
    expect(decideRole({ products: [product(null, { volumeExpiry: true, inUse: false })] }).role).toBe('unknown');
    expect(decideRole({ products: [product(null)] }).role).toBe('unknown');
  });

  it('says unknown when nothing was read', () => {
    expect(decideRole({})).toEqual({ role: 'unknown', reason: { code: 'no-evidence', detail: null } });
    expect(decideRole({ products: [] })).toEqual({ role: 'unknown', reason: { code: 'no-evidence', detail: null } });
    expect(decideRole({ licensing: null })).toEqual({ role: 'unknown', reason: { code: 'no-evidence', detail: null } });
  });
});

describe('decideRole with the rest of the evidence', () => {
  const mak = { role: 'client' as const, roleReason: { code: 'not-kms-channel' as const, detail: 'VOLUME_MAK' } };

  it('keeps the role a collection recorded (the technician may have chosen it)', () => {
    expect(decideRole({ recorded: 'host', licensing: mak })).toEqual({ role: 'host', reason: { code: 'recorded', detail: null } });
    expect(decideRole({ recorded: 'unknown', licensing: mak })).toEqual({ role: 'client', reason: mak.roleReason });
  });

  it('takes a parsed report decision as it is, with "other" read as unknown', () => {
    expect(decideRole({ licensing: mak })).toEqual({ role: 'client', reason: mak.roleReason });
    expect(decideRole({ licensing: { role: 'other', roleReason: { code: 'no-volume-product', detail: null } }, clientEventIds: [12288] })).toEqual({ role: 'client', reason: { code: 'client-events', detail: '12288' } });
  });

  it('lets host events widen a client licence (the licence cannot see the host side), never a host licence', () => {
    expect(decideRole({ licensing: mak, hostEventIds: [12290] })).toEqual({ role: 'host', reason: { code: 'host-events', detail: '12290' } });
    expect(decideRole({ licensing: mak, hostEventIds: [12290], clientEventIds: [12288, 12289, 12288] })).toEqual({ role: 'both', reason: { code: 'host-and-client-events', detail: '12290, 12288, 12289' } });
    expect(decideRole({ products: [product('VOLUME_KMS_C')], clientEventIds: [12288] }).role).toBe('host');
  });

  it('falls back to which evidence was collected', () => {
    expect(decideRole({ hostConfiguration: true })).toEqual({ role: 'host', reason: { code: 'host-configuration', detail: null } });
    expect(decideRole({ clientConfiguration: true })).toEqual({ role: 'client', reason: { code: 'client-configuration', detail: null } });
    expect(decideRole({ hostConfiguration: true, clientConfiguration: true }).role).toBe('client');
  });
});

describe('decideRole from /ato output alone (no product read)', () => {
  // slmgr.vbs prints "Activating <Name> (<ID>) ..." and the answer; the name is the product's Name, so a KMS
  // host product (the names of the published host outputs in test/fixtures/real-world) says host.
  const attempt = (product: string | null, succeeded: boolean, hresult: string | null = null) => ({ product, succeeded, hresult });

  it('reads the host activating its own KMS host key as a host, whatever the answer', () => {
    expect(decideRole({ activations: [attempt('Windows(TM) Server 2003 KMS, KmsW2k3Prs edition', true)] })).toEqual({
      role: 'host',
      reason: { code: 'host-activation-output', detail: 'Windows(TM) Server 2003 KMS, KmsW2k3Prs edition' },
    });
    expect(decideRole({ activations: [attempt('Office 16, OfficeKMSHostVL_KMS_Host edition', false, '0xC004F074')] }).role).toBe('host');
    expect(decideRole({ activations: [attempt('Microsoft Office 2010, KMSHost edition', true)] }).role).toBe('host');
  });

  it('reads any other attempt as a client\'s, with "?" for a failure without a code', () => {
    expect(decideRole({ activations: [attempt('Office 16, Office16ProPlusVL_KMS_Client edition', false, '0xC004F074')] })).toEqual({
      role: 'client',
      reason: { code: 'activation-output', detail: '0xC004F074' },
    });
    expect(decideRole({ activations: [attempt('Windows(R), Professional edition', false)] })).toEqual({ role: 'client', reason: { code: 'activation-output', detail: '?' } });
    expect(decideRole({ activations: [attempt(null, true)] }).reason.detail).toBe('0x0');
  });

  it('leaves the role unknown when Microsoft\'s activation server answered (a MAK or a KMS host key, not a client)', () => {
    expect(decideRole({ activations: [attempt(null, false, '0xC004C008')] })).toEqual({ role: 'unknown', reason: { code: 'activation-server-output', detail: '0xC004C008' } });
    expect(decideRole({ activations: [attempt(null, false, '0xC004C003')] }).role).toBe('unknown');
    // A client's KMS answer is not the activation server's.
    expect(decideRole({ activations: [attempt(null, false, '0xC004F038')] }).role).toBe('client');
  });

  it('comes after licensing and events', () => {
    expect(decideRole({ products: [product('VOLUME_KMSCLIENT')], activations: [attempt('Windows(TM) Server 2003 KMS, KmsW2k3Prs edition', true)] }).role).toBe('client');
    expect(decideRole({ clientEventIds: [12288], activations: [attempt(null, false, '0xC004C008')] }).role).toBe('client');
  });

  it('keeps that rank when a layer has only the parsed report, which decided from the same attempts', () => {
    const fromOutput = { role: 'client' as const, roleReason: { code: 'activation-output' as const, detail: '0xC004F074' } };
    expect(decideRole({ licensing: fromOutput })).toEqual({ role: 'client', reason: fromOutput.roleReason });
    // Events and the collected configuration still come first, as they do with the attempts themselves.
    expect(decideRole({ licensing: fromOutput, hostConfiguration: true })).toEqual({ role: 'host', reason: { code: 'host-configuration', detail: null } });
    expect(decideRole({ licensing: fromOutput, clientEventIds: [12289] })).toEqual({ role: 'client', reason: { code: 'client-events', detail: '12289' } });
    const hostAto = [attempt('Windows(TM) Server 2003 KMS, KmsW2k3Prs edition', false)];
    const parsed = decideRole({ products: [], activations: hostAto });
    expect(parsed.reason.code).toBe('host-activation-output');
    const report = { role: parsed.role, roleReason: parsed.reason };
    for (const more of [{}, { hostConfiguration: true }, { clientEventIds: [12288] }, { hostEventIds: [12290] }]) {
      expect(decideRole({ licensing: report, ...more }), JSON.stringify(more)).toEqual(decideRole({ licensing: report, activations: hostAto, ...more }));
    }
  });
});

describe('the role vocabulary', () => {
  it('writes unknown as "other" in a parsed report and reads stored strings back', () => {
    expect(roles.map(reportRoleOf)).toEqual(['host', 'client', 'both', 'other']);
    expect(asRole('both')).toBe('both');
    expect(asRole('other')).toBe('unknown');
    expect(asRole(null)).toBe('unknown');
  });

  it('has a start-screen sentence for every reason code in all three languages', () => {
    for (const catalog of [uiEn, uiJa, uiZhTw]) {
      expect(Object.keys(catalog.start.roleReason).sort()).toEqual([...roleReasonCodes].sort());
    }
  });
});

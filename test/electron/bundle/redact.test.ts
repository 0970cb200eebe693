import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../electron/bundle/redact.js';

describe('createRedactor', () => {
  it('gives the same input the same pseudonym in every text, whatever its case', () => {
    const redactor = createRedactor([JSON.stringify({ ComputerName: 'WKS-0042', Domain: 'corp.contoso.com', ClientMachineID: '7C1F0A9E-5A3B-4C2D-9E8F-0123456789AB' })]);
    const a = redactor.redact('WKS-0042 asked kms01 as wks-0042.corp.contoso.com with CMID 7c1f0a9e-5a3b-4c2d-9e8f-0123456789ab');
    const b = redactor.redact('Client Machine ID (CMID): 7C1F0A9E-5A3B-4C2D-9E8F-0123456789AB on WKS-0042.CORP.CONTOSO.COM');
    const machine = redactor.mapping.get('wks-0042')!;
    const cmid = redactor.mapping.get('7c1f0a9e-5a3b-4c2d-9e8f-0123456789ab')!;
    expect(a).toBe(`${machine} asked kms01 as ${machine}.${redactor.mapping.get('corp.contoso.com')} with CMID ${cmid}`);
    expect(b).toBe(`Client Machine ID (CMID): ${cmid} on ${machine}.${redactor.mapping.get('corp.contoso.com')}`);
  });

  it('replaces every IPv4 and IPv6 address, but not version numbers or times', () => {
    const redactor = createRedactor([]);
    const text = 'Software licensing service version: 10.0.22621.2506; KMS machine IP address: 10.1.2.3; DNS fd12:3456:789a:1::53 and fe80::1%12; at 21:46:05; build 6.3.9600.17415';
    const out = redactor.redact(text);
    expect(out).toContain('version: 10.0.22621.2506;');
    expect(out).toContain('build 6.3.9600.17415');
    expect(out).toContain('at 21:46:05');
    expect(out).toMatch(/IP address: 192\.0\.2\.1;/);
    expect(out).toMatch(/DNS 2001:db8::1 and 2001:db8::2;/);
    expect(redactor.redact('10.1.2.3')).toBe('192.0.2.1');
  });

  it('finds names and CMIDs in 12290 event data and 12288 info, and keeps activation ids (products, not people)', () => {
    const xml = "<Event><System><Computer>kms01.corp.contoso.com</Computer></System><EventData><Data>0x0</Data><Data>25</Data><Data>lab-pc7.corp.contoso.com</Data><Data>36f27b39-2fd5-440b-be67-a09996d27a38</Data><Data>2026/8/10 9:11</Data><Data>0</Data><Data>2</Data><Data>43200</Data><Data>73111121-5638-40f6-bc11-f1d7b0d64300</Data></EventData></Event>";
    const info = '0xC004F074, 0x0, kms02.corp.contoso.com:1688, 11111111-2222-4333-8444-555555555555, 2026/08/10 09:11, 0, 2, 43200, 73111121-5638-40f6-bc11-f1d7b0d64300, 25';
    const redactor = createRedactor([xml, info]);
    const out = redactor.redact(`${xml}\n${info}`);
    for (const original of ['kms01', 'kms02', 'lab-pc7', 'contoso', '36f27b39-2fd5-440b-be67-a09996d27a38', '11111111-2222-4333-8444-555555555555']) expect(out.toLowerCase()).not.toContain(original);
    expect(out).toContain('73111121-5638-40f6-bc11-f1d7b0d64300');
    expect(out).toContain('0xC004F074');
  });

  it('splits DOMAIN\\user into a domain and a user, and pseudonymizes domain SIDs', () => {
    const redactor = createRedactor([JSON.stringify({ UserName: 'CONTOSO\\alice.nguyen' })]);
    const out = redactor.redact("User CONTOSO\\alice.nguyen (S-1-5-21-3623811015-3361044348-30300820-1013) ran as NT AUTHORITY\\SYSTEM S-1-5-18");
    expect(out).toMatch(/^User domain-\d+\.invalid\\user-\d+ \(S-1-5-21-0-0-0-1001\) ran as NT AUTHORITY\\SYSTEM S-1-5-18$/);
  });

  it('is stable: any identifier list, applied twice over any text, gives the same result (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z][a-z0-9]{2,10}$/).filter((name) => !['any', 'none', 'null', 'true', 'false', 'localhost'].includes(name)), { minLength: 1, maxLength: 5 }), fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 20 }), (names, picks) => {
        const redactor = createRedactor([JSON.stringify({ ComputerName: names[0], SuffixSearchList: names.slice(1).map((name) => `${name}.example.org`) })]);
        const text = picks.map((pick) => names[pick % names.length]).join(' ');
        const once = redactor.redact(text);
        expect(redactor.redact(text)).toBe(once);
        expect(once.split(' ').some((word) => word === names[0])).toBe(false);
      }),
    );
  });
});

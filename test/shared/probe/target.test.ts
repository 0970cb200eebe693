import fc from 'fast-check';
import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDnsServer, checkDomain, checkHostPort, formatHostPort, hostnameProblem, parseIpv4, parseIpv6, parsePort } from '../../../shared/probe/target.js';

const host = (text: string) => checkHostPort(text, 1688, domainToASCII);

describe('checkHostPort', () => {
  it.each([
    ['kms1.corp.test', { host: 'kms1.corp.test', port: 1688, kind: 'name' }],
    ['KMS1.Corp.Test.', { host: 'kms1.corp.test', port: 1688, kind: 'name' }],
    ['kms1.corp.test:1689', { host: 'kms1.corp.test', port: 1689, kind: 'name' }],
    ['192.0.2.10', { host: '192.0.2.10', port: 1688, kind: 'ipv4' }],
    ['192.0.2.10:65535', { host: '192.0.2.10', port: 65535, kind: 'ipv4' }],
    ['::1', { host: '::1', port: 1688, kind: 'ipv6' }],
    ['[::1]', { host: '::1', port: 1688, kind: 'ipv6' }],
    ['[2001:DB8::7]:1', { host: '2001:db8::7', port: 1, kind: 'ipv6' }],
    ['[::ffff:192.0.2.1]:1688', { host: '::ffff:192.0.2.1', port: 1688, kind: 'ipv6' }],
    ['bücher.example', { host: 'xn--bcher-kva.example', port: 1688, kind: 'name' }],
    ['ＫＭＳ.example', { host: 'kms.example', port: 1688, kind: 'name' }],
    ['キー管理.example:1700', { host: 'xn--nckwiy02qrmg.example', port: 1700, kind: 'name' }],
  ])('accepts %s', (text, expected) => {
    expect(host(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['kms;rm -rf /', /';'/],
    ['$(reboot)', /'\$'/],
    ['`id`', /'`'/],
    ['"kms"', /'"'/],
    ["'kms'", /'''/],
    ['kms host', /whitespace/],
    ['kms\thost', /U\+0009/],
    ['kms\nhost', /U\+000A/],
    ['kms|host', /'\|'/],
    ['kms&host', /'&'/],
    ['kms>out', /'>'/],
    ['..\\..\\x', /'\\'/],
    ['http://kms', /'\/'/],
    ['kms%eth0', /'%'/],
    ['', /empty/],
    [`${'a'.repeat(300)}.test`, /label is 300 characters long/],
    [`${'a.'.repeat(130)}test`, /characters long \(at most 253\)/],
    ['-kms.test', /starts or ends with '-'/],
    ['kms..test', /empty label/],
    ['kms.test:0', /not a number from 1 to 65535/],
    ['kms.test:65536', /not a number from 1 to 65535/],
    ['kms.test:01688', /not a number from 1 to 65535/],
    ['kms.test:', /not a number from 1 to 65535/],
    ['256.1.1.1', /not a valid one/],
    ['010.0.0.1', /not a valid one/],
    ['[kms.test]:1688', /not an IPv6 address/],
    ['1:2:3:4:5:6:7:8:9', /not a valid IPv6 address/],
    ['[::1', /brackets are only/],
    ['xn--.test', /not a valid internationalized|starts or ends/],
  ])('refuses %j with a clear reason', (text, reason) => {
    const checked = host(text);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.reason).toMatch(reason);
  });

  it('refuses every string holding a shell or PowerShell metacharacter, whatever surrounds it', () => {
    const meta = fc.constantFrom(';', '$', '`', '"', "'", ' ', '(', ')', '|', '&', '<', '>', '\\', '/', '{', '}', '\n', '\0', '*', '?', '!', '#', ',', '=', '@', '~', '^', '+');
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), meta, fc.string({ maxLength: 20 }), (before, char, after) => {
        expect(host(`${before}${char}${after}`).ok).toBe(false);
      }),
    );
  });

  it('never returns a host that is not a lower-case RFC 1123 name or an IP literal', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const checked = host(text);
        if (!checked.ok) return;
        const { host: value, kind } = checked.value;
        if (kind === 'name') expect(hostnameProblem(value)).toBeNull();
        else if (kind === 'ipv4') expect(parseIpv4(value)).toBe(value);
        else expect(parseIpv6(value)).toBe(value);
      }),
    );
  });
});

describe('checkDomain', () => {
  it('gives the lower-case ASCII domain, IDN as punycode', () => {
    expect(checkDomain('Corp.Test', domainToASCII)).toEqual({ ok: true, value: 'corp.test' });
    expect(checkDomain('例え.テスト', domainToASCII)).toEqual({ ok: true, value: 'xn--r8jz45g.xn--zckzah' });
  });

  it('refuses ports, addresses and metacharacters', () => {
    expect(checkDomain('corp.test:53', domainToASCII)).toMatchObject({ ok: false, reason: expect.stringMatching(/no ':'/) });
    expect(checkDomain('192.0.2.1', domainToASCII)).toMatchObject({ ok: false, reason: expect.stringMatching(/IP address/) });
    expect(checkDomain('corp.test;whoami', domainToASCII)).toMatchObject({ ok: false, reason: expect.stringMatching(/';'/) });
  });

  it('refuses a non-ASCII name when no IDN conversion is given', () => {
    expect(checkDomain('bücher.example', () => '')).toMatchObject({ ok: false, reason: expect.stringMatching(/internationalized/) });
  });
});

describe('checkDnsServer', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1:53'],
    ['127.0.0.1:5353', '127.0.0.1:5353'],
    ['::1', '[::1]:53'],
    ['[::1]:5353', '[::1]:5353'],
  ])('normalizes %s to %s', (text, server) => {
    expect(checkDnsServer(text)).toEqual({ ok: true, value: server });
  });

  it('refuses a name: a server named by DNS would need another resolver first', () => {
    expect(checkDnsServer('dns.corp.test')).toMatchObject({ ok: false, reason: expect.stringMatching(/must be an IP address/) });
  });
});

describe('small parsers', () => {
  it('parses ports 1–65535 in plain decimal only', () => {
    expect([parsePort('1'), parsePort('65535'), parsePort('0'), parsePort('65536'), parsePort('+1'), parsePort('1e3')]).toEqual([1, 65535, null, null, null, null]);
  });

  it('parses IPv6 forms and refuses malformed ones', () => {
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toBe('1:2:3:4:5:6:7:8');
    expect(parseIpv6('fe80::1')).toBe('fe80::1');
    expect(parseIpv6('::')).toBe('::');
    expect(parseIpv6('1::2::3')).toBeNull();
    expect(parseIpv6('1:2:3:4:5:6:7')).toBeNull();
    expect(parseIpv6('12345::1')).toBeNull();
    expect(parseIpv6('::ffff:999.1.1.1')).toBeNull();
  });

  it('writes IPv6 hosts in brackets', () => {
    expect(formatHostPort('::1', 53)).toBe('[::1]:53');
    expect(formatHostPort('kms.test', 1688)).toBe('kms.test:1688');
  });
});

import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn<(url: string, options?: object) => Promise<void>>(async () => undefined);
vi.mock('electron', () => ({ shell: { openExternal: (url: string, options?: object) => openExternal(url, options) } }));
const { documentationHosts, isAllowedExternalUrl } = await import('../../../electron/security/external-link-policy.js');
const { openExternalSafe } = await import('../../../electron/main/external-links.js');

describe('external link policy (checklist item 15)', () => {
  it('allows https links to the documentation hosts', () => {
    for (const url of [
      'https://learn.microsoft.com/windows-server/get-started/activation-troubleshoot',
      'https://docs.microsoft.com/en-us/',
      'https://support.microsoft.com/kb/929826',
      'https://go.microsoft.com/fwlink/?linkid=1',
      'https://LEARN.microsoft.com/x',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(true);
    }
  });

  it('refuses other schemes, hosts that merely contain an allowed name, credentials and ports', () => {
    for (const url of [
      'http://learn.microsoft.com/',
      'https://learn.microsoft.com.evil.example/',
      'https://evil.example/learn.microsoft.com',
      'https://evil.example/?u=https://learn.microsoft.com/',
      'https://learn.microsoft.com@evil.example/',
      'https://user:pass@learn.microsoft.com/',
      'https://learn.microsoft.com:8443/',
      'https://learn.microsoft.com./',
      'https://xn--lern-microsoft-xyz.com/',
      'https://microsoft.com/',
      'https://evil.microsoft.com/',
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'ms-settings:windowsupdate',
      'search-ms:query=x',
      '\\\\evil\\share\\x.exe',
      'learn.microsoft.com',
      '',
      `https://learn.microsoft.com/${'a'.repeat(3000)}`,
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
    expect(isAllowedExternalUrl(42)).toBe(false);
    expect(isAllowedExternalUrl(null)).toBe(false);
  });

  it('never allows a host outside the list (property)', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['https', 'http'], withFragments: true, withQueryParameters: true }), (url) => {
        const allowed = isAllowedExternalUrl(url);
        const parsed = new URL(url);
        return !allowed || (parsed.protocol === 'https:' && documentationHosts.has(parsed.hostname));
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});

describe('openExternalSafe', () => {
  it('opens an allowed link exactly as parsed, and nothing else', async () => {
    openExternal.mockClear();
    expect(await openExternalSafe('https://LEARN.microsoft.com/a b')).toBe(true);
    expect(await openExternalSafe('https://evil.example/')).toBe(false);
    expect(await openExternalSafe('file:///C:/x.exe')).toBe(false);
    expect(openExternal.mock.calls).toEqual([['https://learn.microsoft.com/a%20b', { activate: true }]]);
  });
});

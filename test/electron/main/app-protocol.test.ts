import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ protocol: {} }));
const { appStartUrl, isAppUrl, resolveAppPath } = await import('../../../electron/main/app-protocol.js');

const root = path.resolve('/srv/app/out/renderer');

describe('app:// URL checks', () => {
  it('recognises our origin only, parsed rather than prefix-matched', () => {
    expect(isAppUrl(appStartUrl)).toBe(true);
    expect(isAppUrl('app://kms-doctor/assets/index-abc.js')).toBe(true);
    for (const url of ['app://kms-doctor.evil/', 'app://evil/kms-doctor/', 'app://user:pw@kms-doctor/', 'https://kms-doctor/', 'file:///kms-doctor/', 'app:kms-doctor', 'not a url', '']) {
      expect(isAppUrl(url)).toBe(false);
    }
  });
});

describe('resolveAppPath (checklist item 18: path traversal refused)', () => {
  it('maps our URLs to files under the root, / to index.html', () => {
    expect(resolveAppPath(root, 'app://kms-doctor/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://kms-doctor/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://kms-doctor/assets/main-1a2b.js?v=1#x')).toBe(path.join(root, 'assets', 'main-1a2b.js'));
    expect(resolveAppPath(root, 'app://kms-doctor/assets/%E3%83%AD%E3%82%B4.svg')).toBe(path.join(root, 'assets', 'ロゴ.svg'));
  });

  it('refuses every way of climbing out or aliasing a file', () => {
    const hostile = [
      'app://kms-doctor/..%2f..%2fetc/passwd',
      'app://kms-doctor/..%2F..%2Fwindows/win.ini',
      'app://kms-doctor/assets/..%5c..%5cwin.ini',
      'app://kms-doctor/assets%2f..%2f..%2fsecret',
      'app://kms-doctor/C:%5cWindows%5cwin.ini',
      'app://kms-doctor/C:/Windows/win.ini',
      'app://kms-doctor/index.html%00.png',
      'app://kms-doctor/index.html::$DATA',
      'app://kms-doctor/index.html.',
      'app://kms-doctor/index.html%20',
      'app://kms-doctor/assets//x.js',
      'app://kms-doctor/%E0%A4%A',
      'app://other/index.html',
      'app://user@kms-doctor/index.html',
      'file:///etc/passwd',
      'https://kms-doctor/index.html',
    ];
    for (const url of hostile) expect(resolveAppPath(root, url), url).toBeNull();
  });

  it('lets the URL parser collapse dot segments at the origin, so they can never rise above the root', () => {
    // WHATWG URL treats %2e%2e as '..' and resolves it against the path: app://kms-doctor/ is the top.
    expect(resolveAppPath(root, 'app://kms-doctor/%2e%2e/%2e%2e/secret')).toBe(path.join(root, 'secret'));
    expect(resolveAppPath(root, 'app://kms-doctor/a/../../../../secret')).toBe(path.join(root, 'secret'));
  });

  it('never returns a path outside the root, whatever the segments (property)', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '..%2f', '..%5c', '%2e', 'a', 'index.html', '%00', 'C:', '~', ''),
      fc.string({ maxLength: 6 }).map(encodeURIComponent),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (segments) => {
        const resolved = resolveAppPath(root, `app://kms-doctor/${segments.join('/')}`);
        if (resolved === null) return true;
        const relative = path.relative(root, resolved);
        return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
      }),
      { numRuns: 1000 },
    );
  }, 30_000);
});

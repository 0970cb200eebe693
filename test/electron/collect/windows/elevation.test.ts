import { describe, expect, it } from 'vitest';
import { detectElevation } from '../../../../electron/collect/windows/elevation.js';

// `whoami /groups /fo csv /nh` output in the documented layout (name, type, SID, attributes), written for
// these tests: an elevated administrator and the same administrator unelevated (UAC filtered token).
// The parser's own cases, other languages included, are in test/shared/parse/whoami.test.ts.
const elevatedEnglish = [
  '"Everyone","Well-known group","S-1-1-0","Mandatory group, Enabled by default, Enabled group"',
  '"BUILTIN\\Administrators","Alias","S-1-5-32-544","Mandatory group, Enabled by default, Enabled group, Group owner"',
  '"NT AUTHORITY\\INTERACTIVE","Well-known group","S-1-5-4","Mandatory group, Enabled by default, Enabled group"',
  '"Mandatory Label\\High Mandatory Level","Label","S-1-16-12288",""',
].join('\r\n');
const filteredEnglish = [
  '"Everyone","Well-known group","S-1-1-0","Mandatory group, Enabled by default, Enabled group"',
  '"BUILTIN\\Administrators","Alias","S-1-5-32-544","Group used for deny only"',
  '"Mandatory Label\\Medium Mandatory Level","Label","S-1-16-8192",""',
].join('\r\n');

describe('detectElevation', () => {
  const never = async (): Promise<string | null> => {
    throw new Error('whoami must not run off Windows');
  };

  it('uses whoami on Windows and says unknown when it fails or prints nothing useful', async () => {
    expect(await detectElevation({ platform: 'win32', uid: null, whoamiGroups: async () => elevatedEnglish })).toBe(true);
    expect(await detectElevation({ platform: 'win32', uid: null, whoamiGroups: async () => filteredEnglish })).toBe(false);
    expect(await detectElevation({ platform: 'win32', uid: null, whoamiGroups: async () => null })).toBeNull();
    expect(await detectElevation({ platform: 'win32', uid: null, whoamiGroups: never })).toBeNull();
  });

  it('uses the user id elsewhere, without running anything', async () => {
    expect(await detectElevation({ platform: 'linux', uid: 0, whoamiGroups: never })).toBe(true);
    expect(await detectElevation({ platform: 'darwin', uid: 501, whoamiGroups: never })).toBe(false);
    expect(await detectElevation({ platform: 'linux', uid: null, whoamiGroups: never })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { detectElevation } from '../../../../electron/collect/windows/elevation.js';
import { elevatedEnglish, filteredEnglish } from '../../../helpers/whoami-groups.js';

// The parser's own cases, other languages included, are in test/shared/parse/whoami.test.ts.
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

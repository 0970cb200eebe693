import { expect, it } from 'vitest';
import { detectElevation, runWhoamiGroups } from '../../../../electron/collect/windows/elevation.js';
import { integrityRid } from '../../../../shared/parse/whoami.js';
import { describeOnWindows } from '../../../helpers/windows.js';

describeOnWindows('elevation on a real Windows token', () => {
  it('whoami prints a mandatory label, and detectElevation turns it into a yes or no', async () => {
    const result = await runWhoamiGroups(process.env.SystemRoot ?? 'C:\\Windows');
    expect(result.exitCode).toBe(0);
    const text = result.stdout.toString('utf8');
    const rid = integrityRid(text);
    expect(rid).not.toBeNull();
    const elevated = await detectElevation({ platform: 'win32', uid: null, whoamiGroups: async () => text });
    expect(elevated).toBe((rid ?? 0) >= 12288);
  });
});

import { describe, expect, it } from 'vitest';
import { resolveDataFolder } from '../../electron/data-folder.js';

describe('data folder', () => {
  it('is one machine-wide folder under %ProgramData% on Windows, whoever elevated', () => {
    const forAccount = (user: string) =>
      resolveDataFolder({ platform: 'win32', env: { ProgramData: 'C:\\ProgramData', USERPROFILE: `C:\\Users\\${user}` }, userData: `C:\\Users\\${user}\\AppData\\Roaming\\KMS Doctor` });
    expect(forAccount('tech')).toEqual({ path: 'C:\\ProgramData\\KMS Doctor', source: 'program-data' });
    expect(forAccount('admin2')).toEqual(forAccount('tech'));
  });

  it('falls back to C:\\ProgramData when the variable is missing or not absolute', () => {
    expect(resolveDataFolder({ platform: 'win32', env: {}, userData: 'x' }).path).toBe('C:\\ProgramData\\KMS Doctor');
    expect(resolveDataFolder({ platform: 'win32', env: { ProgramData: 'relative' }, userData: 'x' }).path).toBe('C:\\ProgramData\\KMS Doctor');
  });

  it('takes an absolute KMSD_DATA_DIR override and ignores a relative one', () => {
    expect(resolveDataFolder({ platform: 'win32', env: { KMSD_DATA_DIR: 'D:\\kmsd\\..\\data', ProgramData: 'C:\\ProgramData' }, userData: 'x' })).toEqual({ path: 'D:\\data', source: 'env' });
    expect(resolveDataFolder({ platform: 'win32', env: { KMSD_DATA_DIR: 'data' }, userData: 'x' }).source).toBe('program-data');
    expect(resolveDataFolder({ platform: 'linux', env: { KMSD_DATA_DIR: '/tmp/kmsd' }, userData: '/home/u/.config/KMS Doctor' })).toEqual({ path: '/tmp/kmsd', source: 'env' });
  });

  it("uses Electron's userData elsewhere", () => {
    expect(resolveDataFolder({ platform: 'linux', env: {}, userData: '/home/u/.config/KMS Doctor' })).toEqual({ path: '/home/u/.config/KMS Doctor', source: 'user-data' });
  });
});

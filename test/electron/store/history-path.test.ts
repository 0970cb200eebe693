import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyDbEnv, historyDbPath } from '../../../electron/store/history-path.js';

describe('historyDbPath', () => {
  it('prefers the flag, then the environment variable', () => {
    expect(historyDbPath({ flag: '/x/h.sqlite', env: { [historyDbEnv]: '/y/h.sqlite' } })).toBe('/x/h.sqlite');
    expect(historyDbPath({ env: { [historyDbEnv]: '/y/h.sqlite' } })).toBe('/y/h.sqlite');
    expect(historyDbPath({ flag: 'rel.sqlite', env: {} })).toBe(path.resolve('rel.sqlite'));
  });

  it("shares the desktop app's machine-wide folder on Windows, so CLI and app keep one history", () => {
    const env = { APPDATA: 'C:\\Users\\a\\AppData\\Roaming', ProgramData: 'D:\\ProgramData' };
    expect(historyDbPath({ env, platform: 'win32', home: 'C:\\Users\\a' })).toBe('D:\\ProgramData\\KMS Doctor\\history.sqlite');
    expect(historyDbPath({ env: { ...env, KMSD_DATA_DIR: 'E:\\kmsd' }, platform: 'win32', home: 'C:\\Users\\a' })).toBe('E:\\kmsd\\history.sqlite');
  });

  it('uses the per-user app data folder on macOS and Linux', () => {
    expect(historyDbPath({ env: {}, platform: 'darwin', home: '/Users/a' })).toBe('/Users/a/Library/Application Support/KMS Doctor/history.sqlite');
    expect(historyDbPath({ env: {}, platform: 'linux', home: '/home/a' })).toBe('/home/a/.local/share/kms-doctor/history.sqlite');
    expect(historyDbPath({ env: { XDG_DATA_HOME: '/data' }, platform: 'linux', home: '/home/a' })).toBe('/data/kms-doctor/history.sqlite');
  });
});

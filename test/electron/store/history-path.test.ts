import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyCandidates, historyDbEnv, historyDbPath } from '../../../electron/store/history-path.js';

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

describe('historyCandidates', () => {
  it('on Windows with nothing chosen: the shared file, then the user\'s own under %LOCALAPPDATA%', () => {
    const env = { ProgramData: 'C:\\ProgramData', LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' };
    expect(historyCandidates({ env, platform: 'win32', home: 'C:\\Users\\u' })).toEqual(['C:\\ProgramData\\KMS Doctor\\history.sqlite', 'C:\\Users\\u\\AppData\\Local\\KMS Doctor\\history.sqlite']);
    expect(historyCandidates({ env: { ProgramData: 'C:\\ProgramData' }, platform: 'win32', home: 'C:\\Users\\u' })[1]).toBe('C:\\Users\\u\\AppData\\Local\\KMS Doctor\\history.sqlite');
  });

  it('a file the user chose (flag, environment) is the only one, and elsewhere the per-user file is already the default', () => {
    expect(historyCandidates({ flag: 'C:\\h.sqlite', env: {}, platform: 'win32' })).toHaveLength(1);
    expect(historyCandidates({ env: { [historyDbEnv]: 'C:\\h.sqlite' }, platform: 'win32' })).toHaveLength(1);
    expect(historyCandidates({ env: {}, platform: 'linux', home: '/home/a' })).toEqual(['/home/a/.local/share/kms-doctor/history.sqlite']);
  });
});

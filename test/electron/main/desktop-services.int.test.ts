import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Native dialogs and Explorer are Electron's; everything else (SQLite history, folders) is real.
const electron = vi.hoisted(() => ({
  openResult: { canceled: false, filePaths: [] as string[] },
  saveResult: { canceled: false, filePath: '' as string | undefined },
  openCalls: [] as unknown[][],
  saveCalls: [] as unknown[][],
  revealed: [] as string[],
}));
vi.mock('electron', () => ({
  dialog: {
    showOpenDialog: async (...args: unknown[]) => {
      electron.openCalls.push(args);
      return electron.openResult;
    },
    showSaveDialog: async (...args: unknown[]) => {
      electron.saveCalls.push(args);
      return electron.saveResult;
    },
  },
  shell: { showItemInFolder: (file: string) => electron.revealed.push(file), openExternal: async () => undefined },
}));
const { createDesktopServices } = await import('../../../electron/main/desktop-services.js');

let dataFolder: string;
let close: (() => void) | null = null;
beforeEach(() => {
  dataFolder = path.join(mkdtempSync(path.join(os.tmpdir(), 'kmsd-desktop-')), 'KMS Doctor');
});
afterEach(() => {
  close?.();
  close = null;
  rmSync(path.dirname(dataFolder), { recursive: true, force: true });
});

function services(platform = 'linux') {
  const created = createDesktopServices({ dataFolder, platform, elevated: Promise.resolve(true), emit: () => undefined, getWindow: () => null });
  close = () => created.store.close();
  return created.context;
}

describe('desktop services', () => {
  it('keeps the history database in the data folder and reports the desktop mode', async () => {
    const context = services('win32');
    expect(existsSync(path.join(dataFolder, 'history.sqlite'))).toBe(true);
    expect(await context.appInfo()).toMatchObject({ canCollect: true, elevated: true, mode: 'desktop', nativeDialogs: true });
    expect(context.workDir).toBe(path.join(dataFolder, 'work'));
    expect(typeof context.openCollectors).toBe('function');
    expect(typeof context.probe).toBe('function');
  });

  it('offers no Windows collectors off Windows', async () => {
    const context = services('linux');
    expect(context.openCollectors).toBeUndefined();
    expect(context.probe).toBeUndefined();
    expect((await context.appInfo()).canCollect).toBe(false);
  });

  it('opens the chosen files (several at once) or a folder, titled in the UI language, and nothing when cancelled', async () => {
    const context = services();
    electron.openCalls.length = 0;
    electron.openResult = { canceled: false, filePaths: ['C:/cases/dlv.txt', 'C:/cases/app.xml'] };
    expect(await context.chooseBundle?.({ pick: 'files', lang: 'ja' })).toEqual(['C:/cases/dlv.txt', 'C:/cases/app.xml']);
    const [files] = electron.openCalls[0] as [{ title: string; properties: string[] }];
    expect(files.title).toBe('バンドルの zip、またはお客様から届いた証拠ファイルを開く');
    expect(files.properties).toEqual(['openFile', 'multiSelections']);
    electron.openResult = { canceled: false, filePaths: [path.join('/cases', 'customer')] };
    expect(await context.chooseBundle?.({ pick: 'folder', lang: 'zh-TW' })).toEqual([path.join('/cases', 'customer')]);
    const [folder] = electron.openCalls[1] as [{ title: string; properties: string[] }];
    expect(folder).toMatchObject({ title: '開啟套件資料夾，或證據檔案所在的資料夾', properties: ['openDirectory'] });
    electron.openResult = { canceled: true, filePaths: [] };
    expect(await context.chooseBundle?.({ pick: 'files', lang: 'en' })).toBeNull();
  });

  it('proposes exports in the data folder under the base name only, and returns what the user chose', async () => {
    const context = services();
    electron.saveCalls.length = 0;
    electron.saveResult = { canceled: false, filePath: '/home/u/support.zip' };
    expect(await context.chooseSavePath?.('../../Windows/evil.zip', 'ja')).toBe('/home/u/support.zip');
    const [options] = electron.saveCalls[0] as [{ defaultPath: string; title: string }];
    expect(options.defaultPath).toBe(path.join(dataFolder, 'exports', 'evil.zip'));
    expect(options.title).toBe('サポート用バンドルを保存');
    electron.saveResult = { canceled: true, filePath: undefined };
    expect(await context.chooseSavePath?.('x.zip')).toBeNull();
  });

  it('shows an export in Explorer and opens only allow-listed links', async () => {
    const context = services();
    expect(await context.revealFile?.('e1', '/home/u/support.zip')).toEqual({ revealed: true });
    expect(electron.revealed).toContain('/home/u/support.zip');
    expect(await context.openExternal?.('https://evil.example/')).toBe(false);
    expect(await context.openExternal?.('https://learn.microsoft.com/')).toBe(true);
  });
});

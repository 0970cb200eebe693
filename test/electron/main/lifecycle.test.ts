import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { operationChannels } from '../../../shared/contract/channels.js';

// The main process entry point, run against a recording Electron: what it registers, in which order.
const state = vi.hoisted(() => ({
  log: [] as string[],
  lock: true,
  ready: null as null | (() => void),
  windows: [] as Array<{ options: { webPreferences?: Record<string, unknown> }; loaded: string[]; focused: number }>,
  appEvents: null as null | import('node:events').EventEmitter,
  channels: [] as string[],
  logsPath: '' as string,
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    isPackaged: true,
    requestSingleInstanceLock: () => {
      state.log.push('lock');
      return state.lock;
    },
    quit: () => state.log.push('quit'),
    enableSandbox: () => state.log.push('enableSandbox'),
    getPath: () => '/home/u/.config/KMS Doctor',
    setAppLogsPath: (logs: string) => {
      state.logsPath = logs;
    },
    whenReady: () =>
      new Promise<void>((resolve) => {
        state.ready = () => {
          state.log.push('ready');
          resolve();
        };
      }),
  });
  state.appEvents = app;
  class BrowserWindow extends Emitter {
    readonly record: { options: { webPreferences?: Record<string, unknown> }; loaded: string[]; focused: number };
    readonly webContents = { id: 1 };
    constructor(options: { webPreferences?: Record<string, unknown> }) {
      super();
      this.record = { options, loaded: [], focused: 0 };
      state.windows.push(this.record);
      state.log.push('window');
    }
    loadURL(url: string): Promise<void> {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
    isDestroyed(): boolean {
      return false;
    }
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    focus(): void {
      this.record.focused += 1;
    }
  }
  const defaultSession = {
    webRequest: { onBeforeRequest: () => state.log.push('webRequest') },
    setPermissionRequestHandler: () => state.log.push('permissionRequestHandler'),
    setPermissionCheckHandler: () => state.log.push('permissionCheckHandler'),
    setDevicePermissionHandler: () => undefined,
    setDisplayMediaRequestHandler: () => undefined,
  };
  return {
    app,
    BrowserWindow,
    Menu: { setApplicationMenu: (menu: unknown) => state.log.push(`menu:${String(menu)}`) },
    session: { defaultSession },
    protocol: {
      registerSchemesAsPrivileged: () => state.log.push('registerScheme'),
      handle: (scheme: string) => state.log.push(`handle:${scheme}`),
    },
    ipcMain: { handle: (channel: string) => state.channels.push(channel) },
    shell: { openExternal: async () => undefined, showItemInFolder: () => undefined },
    dialog: {},
  };
});

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kmsd-lifecycle-'));
process.env.KMSD_DATA_DIR = dataDir;

afterAll(() => {
  delete process.env.KMSD_DATA_DIR;
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  vi.resetModules();
  state.log.length = 0;
  state.windows.length = 0;
  state.channels.length = 0;
  state.ready = null;
});

async function startMain(): Promise<void> {
  await import('../../../electron/main/index.js');
}

// The entry point imports every service (store, bundle, collectors): transforming that graph takes a few
// seconds on a loaded machine, hence the long per-test timeouts.
describe('main process lifecycle', () => {
  it('quits at once when another instance holds the lock, before touching anything else', async () => {
    state.lock = false;
    try {
      await startMain();
    } finally {
      state.lock = true;
    }
    expect(state.log).toEqual(['lock', 'quit']);
    expect(state.ready).toBeNull();
  }, 60_000);

  it('prepares app:// and the sandbox before ready, then wires permissions, protocol, gate and window', async () => {
    await startMain();
    expect(state.log).toEqual(['lock', 'registerScheme', 'enableSandbox']);
    expect(state.appEvents?.listenerCount('web-contents-created')).toBe(1);
    state.ready?.();
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    expect(state.log).toEqual([
      'lock',
      'registerScheme',
      'enableSandbox',
      'ready',
      'webRequest',
      'permissionRequestHandler',
      'permissionCheckHandler',
      'handle:app',
      'menu:null',
      'window',
    ]);
    expect(state.channels.sort()).toEqual(Object.values(operationChannels).sort());
    const [window] = state.windows;
    expect(window?.loaded).toEqual(['app://kms-doctor/index.html']);
    expect(window?.options.webPreferences?.preload).toMatch(/preload[\\/]index\.cjs$/);
  }, 60_000);

  it('keeps its data in the explicit folder, and a second launch focuses the existing window', async () => {
    await startMain();
    state.ready?.();
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    expect(state.logsPath).toBe(path.join(dataDir, 'logs'));
    expect(statSync(dataDir).isDirectory()).toBe(true);
    expect(statSync(path.join(dataDir, 'history.sqlite')).isFile()).toBe(true);
    (state.appEvents as EventEmitter).emit('will-quit');
    (state.appEvents as EventEmitter).emit('second-instance');
    expect(state.windows[0]?.focused).toBe(1);
  }, 60_000);
});

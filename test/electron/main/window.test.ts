import type { BrowserWindowConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Capture what the main process asks Electron for; the binary is absent here.
const created: BrowserWindowConstructorOptions[] = [];
const electronApp = { isPackaged: true };
vi.mock('electron', () => ({
  app: electronApp,
  BrowserWindow: class {
    constructor(options: BrowserWindowConstructorOptions) {
      created.push(options);
    }
    once(): this {
      return this;
    }
  },
}));
const { createMainWindow } = await import('../../../electron/main/window.js');

beforeEach(() => {
  created.length = 0;
});

describe('main window', () => {
  it('asks for exactly the hardened webPreferences (checklist items 2-4, 6, 8-11)', () => {
    createMainWindow({ preloadPath: '/app/out/preload/index.cjs' });
    expect(created).toHaveLength(1);
    expect(created[0]?.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
  });

  it('never sets the options that weaken the renderer', () => {
    createMainWindow({ preloadPath: '/p.cjs' });
    const preferences = created[0]?.webPreferences ?? {};
    for (const key of ['enableBlinkFeatures', 'additionalArguments', 'partition', 'session', 'affinity', 'contextIsolation']) {
      if (key === 'contextIsolation') expect(preferences[key]).toBe(true);
      else expect(preferences).not.toHaveProperty(key);
    }
    expect(created[0]?.show).toBe(false);
  });

  it('has DevTools only in an unpackaged (development) run', () => {
    electronApp.isPackaged = false;
    createMainWindow({ preloadPath: '/p.cjs' });
    electronApp.isPackaged = true;
    createMainWindow({ preloadPath: '/p.cjs' });
    expect(created.map((options) => options.webPreferences?.devTools)).toEqual([true, false]);
  });
});

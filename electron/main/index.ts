import { app, BrowserWindow } from 'electron';
import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { installIpcGate, type HandlerRegistry } from './ipc/ipc-gate.js';
import { toolVersion } from '../version.js';
import { createApiHandlers } from '../service/api-handlers.js';

let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 820,
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      preload: path.join(__dirname, '../preload/index.cjs'),
    },
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadFile(path.join(__dirname, '../renderer/index.html'));
  return window;
}

const isTrustedSender = (event: IpcMainInvokeEvent): boolean =>
  mainWindow !== null && event.sender.id === mainWindow.webContents.id && event.senderFrame === mainWindow.webContents.mainFrame;

// Handlers for later operations land with their issues; until then they answer honestly.
const notYet = (what: string) => async (): Promise<never> => {
  throw new Error(`${what} is not available yet`);
};

const handlers: HandlerRegistry = {
  // Every other operation of the contract, from the shared registry (answers "not available yet" until wired).
  ...createApiHandlers({ appInfo: async () => ({ version: toolVersion, platform: process.platform, canCollect: false, elevated: null }), emit: () => undefined }),
  'app.info': async () => ({ version: toolVersion, platform: process.platform, canCollect: process.platform === 'win32', elevated: null }),
  'diagnosis.start': notYet('diagnosis'),
  'diagnosis.cancel': notYet('diagnosis'),
  'history.list': async () => ({ runs: [] }),
};

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => {
    installIpcGate(handlers, isTrustedSender);
    mainWindow = createWindow();
  });
  app.on('window-all-closed', () => app.quit());
}

import { app, Menu, session, type BrowserWindow } from 'electron';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { runWhoamiGroups } from '../collect/windows/elevation.js';
import { createApiHandlers } from '../service/api-handlers.js';
import { appStartUrl, registerAppProtocol, registerAppScheme } from './app-protocol.js';
import { resolveDataFolder } from './data-folder.js';
import { createDesktopServices } from './desktop-services.js';
import { detectElevation } from './elevation.js';
import { openExternalSafe } from './external-links.js';
import { createEventEmitter } from './ipc/ipc-events.js';
import { installIpcGate, trustedSender } from './ipc/ipc-gate.js';
import { hardenSession, installSecurityHandlers } from './security.js';
import { createMainWindow } from './window.js';

// Bundled to out/main/index.cjs: the preload and the renderer sit next to it in out/.
const preloadPath = path.join(__dirname, '../preload/index.cjs');
const rendererRoot = path.join(__dirname, '../renderer');

let mainWindow: BrowserWindow | null = null;

/** Brings the existing window forward when a second copy of the app is started. */
function focusMainWindow(): void {
  if (mainWindow === null || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function whoamiGroups(): Promise<string | null> {
  const result = await runWhoamiGroups(process.env.SystemRoot ?? 'C:\\Windows');
  return result.exitCode === 0 ? result.stdout.toString('utf8') : null;
}

function start(): void {
  // Before `ready`: app:// must be privileged before any session exists, and every renderer sandboxed.
  registerAppScheme();
  app.enableSandbox();
  installSecurityHandlers(app, openExternalSafe);

  const dataFolder = resolveDataFolder({ platform: process.platform, env: process.env, userData: app.getPath('userData') });
  mkdirSync(dataFolder.path, { recursive: true });
  app.setAppLogsPath(path.join(dataFolder.path, 'logs'));

  // Asked once, early: the answer does not change while the process lives.
  const elevated = detectElevation({
    platform: process.platform,
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    whoamiGroups,
  });

  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    registerAppProtocol(rendererRoot);
    if (app.isPackaged) Menu.setApplicationMenu(null);
    const { context, store } = createDesktopServices({
      dataFolder: dataFolder.path,
      platform: process.platform,
      elevated,
      emit: createEventEmitter(() => (mainWindow === null || mainWindow.isDestroyed() ? null : mainWindow.webContents)),
      getWindow: () => mainWindow,
    });
    app.on('will-quit', () => store.close());
    installIpcGate(createApiHandlers(context), trustedSender(() => mainWindow));
    mainWindow = createMainWindow({ preloadPath });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    void mainWindow.loadURL(appStartUrl);
  });
}

// One instance per machine session: two elevated copies would race on the history database.
if (app.requestSingleInstanceLock()) start();
else app.quit();

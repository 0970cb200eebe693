import { app, Menu, session, type BrowserWindow } from 'electron';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { validSystemRoot } from '../collect/windows/commands.js';
import { secureDataFolder } from '../collect/windows/data-folder-acl.js';
import { detectElevation, runWhoamiGroups } from '../collect/windows/elevation.js';
import { nodeProcessRunner } from '../collect/windows/process-runner.js';
import { createApiHandlers } from '../service/api-handlers.js';
import { appStartUrl, registerAppProtocol, registerAppScheme } from './app-protocol.js';
import { resolveDataFolder } from '../data-folder.js';
import { createDesktopServices } from './desktop-services.js';
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
  const result = await runWhoamiGroups(validSystemRoot(process.env.SystemRoot));
  return result.exitCode === 0 ? result.stdout.toString('utf8') : null;
}

/**
 * The machine-wide folder is secured first (owner Administrators, only Administrators and SYSTEM may write;
 * a junction planted there is refused). If it cannot be, the app uses the per-user folder instead.
 */
async function prepareDataFolder(folder: string, machineWide: boolean): Promise<string> {
  if (machineWide) {
    const secured = await secureDataFolder(folder, { runner: nodeProcessRunner, env: { systemRoot: validSystemRoot(process.env.SystemRoot) } });
    if (secured.ok) return folder;
    console.error(`KMS Doctor: ${secured.reason}; using ${app.getPath('userData')} instead`);
    folder = app.getPath('userData');
  }
  mkdirSync(folder, { recursive: true });
  return folder;
}

function start(): void {
  // Before `ready`: app:// must be privileged before any session exists, and every renderer sandboxed.
  registerAppScheme();
  app.enableSandbox();
  installSecurityHandlers(app, openExternalSafe);

  const resolved = resolveDataFolder({ platform: process.platform, env: process.env, userData: app.getPath('userData') });

  // Asked once, early: the answer does not change while the process lives.
  const elevated = detectElevation({
    platform: process.platform,
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    whoamiGroups,
  });

  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(async () => {
    const dataFolder = await prepareDataFolder(resolved.path, resolved.source === 'program-data');
    app.setAppLogsPath(path.join(dataFolder, 'logs'));
    hardenSession(session.defaultSession);
    registerAppProtocol(rendererRoot);
    if (app.isPackaged) Menu.setApplicationMenu(null);
    const { context, store } = createDesktopServices({
      dataFolder,
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

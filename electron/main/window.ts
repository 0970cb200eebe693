import { app, BrowserWindow } from 'electron';

export interface MainWindowOptions {
  /** Absolute path of the bundled preload (out/preload/index.cjs). */
  readonly preloadPath: string;
}

/**
 * Creates the app's one window (Electron checklist items 2–4, 6, 8–11).
 *
 * The webPreferences are written out literally here, every security-relevant one with its safe value,
 * so Electronegativity and a reviewer see them at the construction site. DevTools exist only in an
 * unpackaged (development) run. The caller loads app://kms-doctor/ once handlers are in place.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'KMS Doctor',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      // Reviewed (SECURITY.md, item 20): the preload exposes the contract's named operations only.
      preload: options.preloadPath, // eng-disable PRELOAD_JS_CHECK
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
      // Middle-click could otherwise open links in new windows (Electronegativity AUXCLICK).
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}
